// Regression (issue 15, point 10): `-o BadOption=1` ended with "ssh exited
// without a message": ssh prints such errors on stderr before it opens the
// -E log, and the launch ignored stderr. Now both reach the error.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { launchMaster } from '../launch-master.js';

const directories: string[] = [];
afterEach(() => {
  for (const directory of directories.splice(0))
    rmSync(directory, { recursive: true, force: true });
});

describe("regression: ssh's own message was lost", () => {
  it('a bad -o option fails with ssh\'s "Bad configuration option" line', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'ossh-'));
    directories.push(directory);
    const masterLog = join(directory, 'master.log');
    const failure = await launchMaster({
      sshPath: 'ssh',
      argv: ['-E', masterLog, '-M', '-f', '-N', '-o', 'BadOption=1', '--', '127.0.0.1'],
      masterLog,
    }).catch((error: unknown) => error);
    expect(failure).toMatchObject({ kind: 'connect' });
    expect(String(failure)).toMatch(/Bad configuration option: badoption/i);
    expect(String(failure)).not.toMatch(/without a message/);
  });
});
