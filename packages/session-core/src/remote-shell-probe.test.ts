import { describe, expect, it } from 'vitest';
import { checkRemoteShell, interpretShellProbe } from './remote-shell-probe.js';

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
