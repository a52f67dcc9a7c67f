/**
 * The proof: random arguments, quoted, go through every real shell of the
 * family they were quoted for and must come back byte for byte.
 * Per shell and locale: 10,000 random byte strings through `quote`, 10,000
 * through `asciiCommandLine`, 2,000 random strings, and for the per-word
 * ASCII form 10,000 in fish but 1,000 in the POSIX shells, where each such
 * word costs the shell a fork. Batches are large so one process decodes
 * thousands of words. A missing shell fails the run (naming its apt
 * package); it is never skipped.
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { processesMentioning } from '@openssh-ts/test-sshd';
import { asciiCommandLine, quote, QuoteError } from '@openssh-ts/escape';
import { argumentBytes, argumentText, batchesOf } from './arbitraries.js';
import {
  decodeInShell,
  firstMismatch,
  LAUNCHER,
  printfScript,
  requireShell,
  SHELLS_UNDER_TEST,
  type ShellUnderTest,
} from './shell-runner.js';

const BATCHES = 2;
const BATCH_SIZE = 5_000;
const FORKING_BATCH_SIZE = 500;
const TEXT_BATCH_SIZE = 1_000;
// A failing batch names its first bad word itself; shrinking thousands of
// words through real processes would only run into the test timeout.
const PROPERTY_PARAMETERS = { numRuns: BATCHES, endOnFailure: true };
const TIMEOUT = 60_000;
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;
const encoder = new TextEncoder();

async function expectRoundTrip(
  shell: ShellUnderTest,
  locale: string,
  expected: readonly Uint8Array[],
  quotedWords: readonly (string | Uint8Array)[],
  buildScript = printfScript,
): Promise<void> {
  const decoded = await decodeInShell(shell, quotedWords, locale, buildScript);
  const mismatch = firstMismatch(expected, quotedWords, decoded);
  if (mismatch !== undefined) expect.fail(`${shell.name} (LC_ALL=${locale}): ${mismatch}`);
}

function endsInNewline(bytes: Uint8Array): boolean {
  return bytes.length > 0 && bytes[bytes.length - 1] === 0x0a;
}

afterAll(() => {
  // Every shell process a proof started has exited.
  expect(processesMentioning([LAUNCHER])).toEqual([]);
});

describe('requireShell', () => {
  it('fails, naming the apt package, when a shell is missing', () => {
    const missing = {
      name: 'nosh',
      family: 'posix',
      command: ['openssh-ts-no-such-shell'],
      aptPackage: 'nosh',
      locales: [],
    } as const;
    expect(() => requireShell(missing)).toThrow(
      'nosh is not installed: the shell proofs need it (apt-get install nosh)',
    );
  });
});

describe.each(SHELLS_UNDER_TEST)('$name', (shell) => {
  const options = { shell: shell.family } as const;
  const asciiBatchSize = shell.family === 'posix' ? FORKING_BATCH_SIZE : BATCH_SIZE;

  it('is installed', () => {
    requireShell(shell);
  });

  describe.each(shell.locales)('LC_ALL=%s', (locale) => {
    it(
      'decodes 10,000 random byte strings quoted by quote() exactly',
      async () => {
        requireShell(shell);
        await fc.assert(
          fc.asyncProperty(batchesOf(argumentBytes, BATCH_SIZE), async (batch) => {
            const quoted = batch.map((bytes) => quote(bytes, options));
            await expectRoundTrip(shell, locale, batch, quoted);
          }),
          PROPERTY_PARAMETERS,
        );
      },
      TIMEOUT,
    );

    it(
      'decodes random byte strings quoted with ascii: true exactly, from printable ASCII only',
      async () => {
        requireShell(shell);
        await fc.assert(
          fc.asyncProperty(batchesOf(argumentBytes, asciiBatchSize), async (batch) => {
            const accepted: Uint8Array[] = [];
            const quoted: string[] = [];
            for (const bytes of batch) {
              if (shell.family === 'posix' && endsInNewline(bytes)) {
                expect(() => quote(bytes, { ...options, ascii: true })).toThrow(QuoteError);
                continue;
              }
              const word = Buffer.from(quote(bytes, { ...options, ascii: true })).toString(
                'latin1',
              );
              expect(word).toMatch(PRINTABLE_ASCII);
              accepted.push(bytes);
              quoted.push(word);
            }
            await expectRoundTrip(shell, locale, accepted, quoted);
          }),
          PROPERTY_PARAMETERS,
        );
      },
      TIMEOUT,
    );

    it(
      'runs 10,000 random byte strings through asciiCommandLine exactly',
      async () => {
        requireShell(shell);
        const asciiScript = (words: readonly (string | Uint8Array)[]): Uint8Array => {
          const line = asciiCommandLine(printfScript(words), options);
          expect(line).toMatch(PRINTABLE_ASCII);
          return encoder.encode(line);
        };
        await fc.assert(
          fc.asyncProperty(batchesOf(argumentBytes, BATCH_SIZE), async (batch) => {
            const quoted = batch.map((bytes) => quote(bytes, options));
            await expectRoundTrip(shell, locale, batch, quoted, asciiScript);
          }),
          PROPERTY_PARAMETERS,
        );
      },
      TIMEOUT,
    );

    it(
      'decodes 2,000 random strings (any code point) as their UTF-8 bytes',
      async () => {
        requireShell(shell);
        await fc.assert(
          fc.asyncProperty(batchesOf(argumentText, TEXT_BATCH_SIZE), async (batch) => {
            const quoted = batch.map((text) => quote(text, options));
            await expectRoundTrip(
              shell,
              locale,
              batch.map((text) => encoder.encode(text)),
              quoted,
            );
          }),
          PROPERTY_PARAMETERS,
        );
      },
      TIMEOUT,
    );
  });
});
