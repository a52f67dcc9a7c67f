import { beforeAll, expect, it } from 'vitest';
import { ensureBuiltCli, runCli } from '../e2e/built-cli.js';

beforeAll(ensureBuiltCli, 240_000);

it('completes every step through both transports and cleans up', async () => {
  const result = await runCli(['demo'], { timeout: 110_000 });
  expect(result.stderr).not.toContain('✗');
  expect(result.stdout).not.toContain('✗');
  expect(result.code).toBe(0);
  for (const caption of [
    'Nasty arguments arrive intact',
    'Output streams as it is produced',
    'Exit codes and remote signals are reported',
    'SFTP upload and download, with progress',
    'A port forward carries a request',
    'The same through the "process" transport',
    'Both transports, timed',
  ]) {
    expect(result.stdout).toContain(caption);
  }
  expect(result.stdout).toMatch(/native +connect .* per command/);
  expect(result.stdout).toMatch(/process +connect .* per command/);
  expect(result.stdout).toContain(
    'Demo finished; sshd, ControlMasters and temp files are cleaned up.',
  );
}, 120_000);
