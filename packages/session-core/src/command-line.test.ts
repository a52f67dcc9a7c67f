import { describe, expect, it } from 'vitest';
import { buildCommandLine, commandLineText, type CommandPart } from './command-line.js';

const quoted = (value: string | Uint8Array): CommandPart => ({ raw: false, value });
const raw = (value: string): CommandPart => ({ raw: true, value });

function line(
  parts: CommandPart[],
  options: { env?: [string, string][]; cwd?: string; utf8Only?: boolean; shell?: 'fish' } = {},
): string {
  return commandLineText(
    buildCommandLine({
      parts,
      env: new Map(options.env ?? []),
      cwd: options.cwd,
      utf8Only: options.utf8Only ?? false,
      shell: options.shell ?? 'posix',
    }),
  );
}

describe('buildCommandLine', () => {
  it('quotes program, arguments, env values and cwd for fish when the login shell is fish', () => {
    expect(
      line([quoted('printf'), quoted("it's"), quoted('a\\b')], {
        env: [['A', "x'y"]],
        cwd: "d'ir",
        shell: 'fish',
      }),
    ).toBe("cd -- './d\\'ir' && exec env -- A='x\\'y' printf 'it\\'s' 'a\\\\b'");
  });

  it('quotes arguments and pastes raw parts', () => {
    expect(line([quoted('printf'), quoted('%d %d'), raw('1 2')])).toBe("printf '%d %d' 1 2");
  });

  it('puts cwd and env in front: cd -- dir && exec env -- NAME=value', () => {
    expect(line([quoted('ls')], { env: [['A', 'x y']], cwd: '/srv/my app' })).toBe(
      "cd -- '/srv/my app' && exec env -- A='x y' ls",
    );
  });

  it('keeps a relative cwd away from CDPATH', () => {
    expect(line([quoted('ls')], { cwd: 'work' })).toMatch(/^cd -- \.\/work && ls$/);
  });

  it('refuses a bad env name, a NUL anywhere, and a program with = next to env', () => {
    const invalid = expect.objectContaining({ kind: 'invalid-command' }) as Error;
    expect(() => line([quoted('ls')], { env: [['A-B', 'x']] })).toThrow(invalid);
    expect(() => line([quoted('ls'), quoted('a\0b')])).toThrow(invalid);
    expect(() => line([quoted('ls'), raw('a\0b')])).toThrow(invalid);
    expect(() => line([quoted('A=b')], { env: [['A', 'x']] })).toThrow(invalid);
  });

  it('rewrites a line that is not UTF-8 into ASCII only when asked', () => {
    const bytes = quoted(Uint8Array.of(0x66, 0xff));
    expect(line([quoted('cat'), bytes], { utf8Only: true })).toMatch(/^[\x20-\x7e]+$/);
    expect(line([quoted('cat'), quoted('é')], { utf8Only: true })).toContain('é');
  });
});
