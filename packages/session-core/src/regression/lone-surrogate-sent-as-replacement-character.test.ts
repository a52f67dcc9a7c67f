// Regression (issue 15, point 7): a lone surrogate in rawCommand / rawArg
// was silently sent as U+FFFD (while arg refused it), and a destination
// holding one started ssh with it. Now every way in is invalid-command.
import { describe, expect, it } from 'vitest';
import { childExitingWith, commandOn } from '../command-host.fixture.js';
import { buildCommandLine } from '../command-line.js';
import { parseDestination } from '../destination.js';
import { masterArguments } from '../master-arguments.js';

const invalid = expect.objectContaining({ kind: 'invalid-command' }) as Error;
const lone = ['\ud800', 'a\udc00b', 'x\ud83d'];

function rawLine(text: string): Uint8Array {
  return buildCommandLine({
    parts: [{ raw: true, value: text }],
    env: new Map(),
    cwd: undefined,
    utf8Only: false,
    shell: 'posix',
  });
}

describe('regression: a lone surrogate was sent as U+FFFD', () => {
  it('rawCommand and rawArg refuse it; a proper pair (an emoji) still passes', async () => {
    for (const text of lone) {
      expect(() => rawLine(`echo ${text}`)).toThrow(invalid);
      const command = commandOn(childExitingWith(), 'echo').rawArg(text);
      await expect(command.status()).rejects.toMatchObject({ kind: 'invalid-command' });
    }
    expect(rawLine('echo 😀')).toEqual(new TextEncoder().encode('echo 😀'));
  });

  it('a destination, user or other ssh argument holding one is refused before ssh runs', () => {
    const paths = { controlSocket: '/tmp/ossh-x/master', masterLog: '/tmp/ossh-x/log' };
    for (const text of lone) {
      expect(() => parseDestination(`host${text}`)).toThrow(invalid);
      expect(() => parseDestination(`us${text}er@host`)).toThrow(invalid);
      expect(() => masterArguments({ user: `u${text}` }, { host: 'h' }, paths)).toThrow(invalid);
      expect(() => masterArguments({ keyFile: `/k${text}` }, { host: 'h' }, paths)).toThrow(
        invalid,
      );
    }
    expect(parseDestination('😀@host')).toEqual({ host: 'host', user: '😀' });
  });
});
