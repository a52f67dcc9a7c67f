import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { masterGreets } from './master-greeting.js';

// Stand-ins for a master's control socket: only whether it greets matters here.
describe('masterGreets', () => {
  let directory: string;
  let server: Server | undefined;
  const held: Socket[] = [];

  beforeEach(() => {
    directory = mkdtempSync(join(tmpdir(), 'ossh-greeting-'));
  });
  afterEach(async () => {
    for (const socket of held.splice(0)) socket.destroy();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    server = undefined;
    rmSync(directory, { recursive: true, force: true });
  });

  async function listen(onConnection: (socket: Socket) => void): Promise<string> {
    const path = join(directory, 'ctl');
    server = createServer((socket) => {
      held.push(socket);
      onConnection(socket);
    });
    await new Promise<void>((resolve) => server!.listen(path, resolve));
    return path;
  }

  it('is true for a socket that greets at once', async () => {
    const path = await listen((socket) => socket.write(Buffer.from([0, 0, 0, 8, 0, 0, 0, 1])));
    await expect(masterGreets(path)).resolves.toBe(true);
  });

  it('is false for a socket that accepts and closes without a word', async () => {
    const path = await listen((socket) => socket.end());
    await expect(masterGreets(path)).resolves.toBe(false);
  });

  it('is false when nothing listens', async () => {
    await expect(masterGreets(join(directory, 'absent'))).resolves.toBe(false);
  });

  it('is false for a socket that accepts and stays silent past the bound', async () => {
    const path = await listen(() => undefined);
    await expect(masterGreets(path, 50)).resolves.toBe(false);
  });
});
