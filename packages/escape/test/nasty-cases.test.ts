/**
 * The fixed table of nasty cases through every real shell, in every form:
 * `quote`, `quote` with `ascii: true` (where the form allows the case),
 * a whole `quoteCommand` line, and that line through `asciiCommandLine`.
 */
import { describe, expect, it } from 'vitest';
import { asciiCommandLine, quote, quoteCommandBytes, QuoteError } from '@openssh-ts/escape';
import { NASTY_CASES } from './nasty-cases.js';
import {
  decodeInShell,
  firstMismatch,
  requireShell,
  runScript,
  SHELLS_UNDER_TEST,
  splitAtNul,
  type ShellUnderTest,
} from './shell-runner.js';

const encoder = new TextEncoder();
const TIMEOUT = 60_000;
const expected = NASTY_CASES.map((nasty) => nasty.bytes);

async function expectRoundTrip(
  shell: ShellUnderTest,
  locale: string,
  wanted: readonly Uint8Array[],
  quoted: readonly (string | Uint8Array)[],
): Promise<void> {
  const mismatch = firstMismatch(wanted, quoted, await decodeInShell(shell, quoted, locale));
  if (mismatch !== undefined) expect.fail(`${shell.name} (LC_ALL=${locale}): ${mismatch}`);
}

describe.each(SHELLS_UNDER_TEST)('$name', (shell) => {
  const options = { shell: shell.family } as const;

  describe.each(shell.locales)('LC_ALL=%s', (locale) => {
    it(
      'gets every case back exactly from quote()',
      async () => {
        requireShell(shell);
        await expectRoundTrip(
          shell,
          locale,
          expected,
          expected.map((bytes) => quote(bytes, options)),
        );
      },
      TIMEOUT,
    );

    it(
      'gets every case back exactly from quote(…, { ascii: true }), or refuses a trailing newline',
      async () => {
        requireShell(shell);
        const wanted: Uint8Array[] = [];
        const quoted: Uint8Array[] = [];
        for (const bytes of expected) {
          if (shell.family === 'posix' && bytes.at(-1) === 0x0a) {
            expect(() => quote(bytes, { ...options, ascii: true })).toThrow(QuoteError);
            continue;
          }
          wanted.push(bytes);
          quoted.push(quote(bytes, { ...options, ascii: true }));
        }
        await expectRoundTrip(shell, locale, wanted, quoted);
      },
      TIMEOUT,
    );

    it(
      'runs one quoteCommand line of the cases, raw and through asciiCommandLine',
      async () => {
        requireShell(shell);
        // The 32 KiB case would push the ASCII line past the argv limit; it is
        // covered by the word forms above.
        const small = expected.filter((bytes) => bytes.length < 1024);
        const line = quoteCommandBytes('printf', [encoder.encode('%s\\0'), ...small], options);
        for (const script of [line, encoder.encode(asciiCommandLine(line, options))]) {
          const decoded = splitAtNul(await runScript(shell, script, locale));
          expect(decoded.length).toBe(small.length);
          const mismatch = firstMismatch(small, small, decoded);
          if (mismatch !== undefined) expect.fail(`${shell.name} (LC_ALL=${locale}): ${mismatch}`);
        }
      },
      TIMEOUT,
    );
  });
});
