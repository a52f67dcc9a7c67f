import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  SHELL_GUARD,
  checkRemoteShell,
  guardedCommandLine,
  interpretShellProbe,
} from './remote-shell-probe.js';

const answer = (stdout: string, code: number | null = 0) => ({ stdout, stderr: '', code });

describe('interpretShellProbe', () => {
  it('reads posix and fish from the marker line, after whatever startup files printed', () => {
    expect(interpretShellProbe(answer('ossh-shell-probe:x66:\n'))).toBe('posix');
    expect(interpretShellProbe(answer('welcome!\r\nossh-shell-probe:f:\r\n'))).toBe('fish');
  });

  it('refuses csh naming it, cmd.exe, PowerShell and an answer it does not know', () => {
    const refusal = (stdout: string, code: number | null = 0): unknown => {
      try {
        return interpretShellProbe(answer(stdout, code));
      } catch (error) {
        return error;
      }
    };
    expect(refusal('ossh-shell-probe:x66:/bin/tcsh\n')).toMatchObject({
      kind: 'unsupported-shell',
      remoteShell: '/bin/tcsh',
    });
    expect(refusal('ossh-shell-probe:\\x66:"$shell"\r\n')).toMatchObject({
      remoteShell: 'cmd.exe',
    });
    expect(refusal('ossh-shell-probe:\\x66:\r\n')).toMatchObject({ remoteShell: 'PowerShell' });
    expect(refusal('', 1)).toMatchObject({ kind: 'unsupported-shell', remoteShell: 'unknown' });
  });
});

describe('checkRemoteShell', () => {
  it('accepts the three values and absence, refuses anything else', () => {
    for (const value of [undefined, 'auto', 'posix', 'fish']) checkRemoteShell(value);
    expect(() => checkRemoteShell('csh')).toThrow(
      expect.objectContaining({ kind: 'invalid-command' }) as Error,
    );
  });
});

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);
const text = (line: Uint8Array | undefined): string | undefined =>
  line === undefined ? undefined : new TextDecoder().decode(line);

describe('guardedCommandLine', () => {
  it('puts the guard before a line of plain words that reads the same in sh and fish', () => {
    expect(text(guardedCommandLine(bytes('true'), bytes('true')))).toBe(`${SHELL_GUARD}true`);
    expect(text(guardedCommandLine(bytes('touch /tmp/a-b_c.d'), bytes('touch /tmp/a-b_c.d')))).toBe(
      `${SHELL_GUARD}touch /tmp/a-b_c.d`,
    );
  });

  it('leaves every other line to wait for the probe', () => {
    const alone = (line: string): Uint8Array | undefined =>
      guardedCommandLine(bytes(line), bytes(line));
    for (const line of [
      '',
      "printf '%s' x",
      'echo a; rm x',
      'echo $HOME',
      'ls *',
      'echo ~',
      'echo %self',
      'a  b',
      ' a',
      'a\nb',
      'a && b',
      'x'.repeat(5000),
    ])
      expect(alone(line), line).toBeUndefined();
    expect(guardedCommandLine(bytes('echo a'), bytes('echo b'))).toBeUndefined();
  });
});

// The guard's promise, checked against each shell (the quickstart's test
// setup installs them all; a missing one fails, it is never skipped): the
// command runs in the shells the session quotes for and nothing runs in
// csh/tcsh.
describe('SHELL_GUARD in real shells', () => {
  const shells: readonly { name: string; argv: readonly string[]; runs: boolean }[] = [
    { name: 'sh', argv: ['sh'], runs: true },
    { name: 'dash', argv: ['dash'], runs: true },
    { name: 'bash', argv: ['bash'], runs: true },
    { name: 'zsh', argv: ['zsh'], runs: true },
    { name: 'mksh', argv: ['mksh'], runs: true },
    { name: 'busybox', argv: ['busybox', 'ash'], runs: true },
    { name: 'fish', argv: ['fish'], runs: true },
    { name: 'tcsh', argv: ['tcsh'], runs: false },
    { name: 'bsd-csh', argv: ['bsd-csh'], runs: false },
  ];
  const installed = (name: string): boolean =>
    ['/bin', '/usr/bin'].some((directory) => existsSync(join(directory, name)));
  for (const shell of shells) {
    it(`${shell.argv.join(' ')}: the command ${shell.runs ? 'runs, with its own exit status' : 'does not run'}`, () => {
      if (!installed(shell.name))
        throw new Error(`${shell.name} is not installed: run scripts/quickstart.sh test`);
      const directory = mkdtempSync(join(tmpdir(), 'ossh-guard-'));
      try {
        const marker = join(directory, 'ran');
        const [program = '', ...args] = shell.argv;
        const line = text(guardedCommandLine(bytes(`touch ${marker}`), bytes(`touch ${marker}`)));
        expect(line).toBeDefined();
        const ran = spawnSync(program, [...args, '-c', `${line ?? ''}`], {
          env: { PATH: process.env.PATH ?? '', HOME: directory },
        });
        expect(existsSync(marker)).toBe(shell.runs);
        if (shell.runs) {
          expect(ran.status).toBe(0);
          const failing = spawnSync(
            program,
            [...args, '-c', `${SHELL_GUARD}ls ${join(directory, 'none')}`],
            { env: { PATH: process.env.PATH ?? '', HOME: directory } },
          );
          expect(failing.status).not.toBe(0);
        } else expect(ran.status).not.toBe(0);
      } finally {
        rmSync(directory, { recursive: true, force: true });
      }
    });
  }
});
