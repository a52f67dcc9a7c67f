/**
 * End to end: quoted arguments go through the real `ssh` client to the
 * harness sshd, whose login shell (/bin/sh, dash on Debian) parses the line,
 * and `printf '%s\0'` sends each argument back; every byte must survive.
 */
import { execFile } from 'node:child_process';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { asciiCommandLine, quoteCommand, quoteCommandBytes } from '@openssh-ts/escape';
import { processesMentioning } from '@openssh-ts/test-sshd';
import { harnessSshd } from '@openssh-ts/test-sshd/vitest';
import { argumentBytes } from './arbitraries.js';
import { NASTY_CASES } from './nasty-cases.js';
import { firstMismatch, splitAtNul } from './shell-runner.js';

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const LINE_LIMIT = 100_000;

/** Runs one command line on the harness sshd and returns its stdout bytes. */
function runRemote(line: string): Promise<Uint8Array> {
  const sshd = harnessSshd();
  return new Promise((resolve, reject) => {
    execFile(
      'ssh',
      ['-F', sshd.sshConfigFile, sshd.hostAlias, '--', line],
      { encoding: 'buffer', maxBuffer: 16 * 1024 * 1024, timeout: 30_000 },
      (error, stdout, stderr) => {
        if (error) reject(new Error(`ssh failed: ${error.message} ${stderr.toString('utf8')}`));
        else resolve(new Uint8Array(stdout));
      },
    );
  });
}

async function expectBack(line: string, wanted: readonly Uint8Array[]): Promise<void> {
  expect(line.length).toBeLessThan(LINE_LIMIT);
  const decoded = splitAtNul(await runRemote(line));
  const mismatch = firstMismatch(wanted, wanted, decoded);
  if (mismatch !== undefined) expect.fail(mismatch);
}

function isUtf8(bytes: Uint8Array): boolean {
  try {
    decoder.decode(bytes);
    return true;
  } catch {
    return false;
  }
}

const small = NASTY_CASES.map((nasty) => nasty.bytes).filter((bytes) => bytes.length < 1024);

afterEach(() => {
  // Every ssh client this file started has exited.
  const sshd = harnessSshd();
  const clients = processesMentioning([sshd.sshConfigFile]).filter((entry) =>
    entry.commandLine.startsWith('ssh '),
  );
  expect(clients).toEqual([]);
});

describe('quoted arguments through ssh and the login shell', () => {
  it('brings back every UTF-8 nasty case from a plain quoteCommand line', async () => {
    const texts = small.filter(isUtf8);
    const line = quoteCommand('printf', ['%s\\0', ...texts.map((bytes) => decoder.decode(bytes))]);
    await expectBack(line, texts);
  });

  it('brings back every nasty case, non-UTF-8 bytes included, through asciiCommandLine', async () => {
    const line = asciiCommandLine(quoteCommandBytes('printf', [encoder.encode('%s\\0'), ...small]));
    expect(line).toMatch(/^[\x20-\x7e]*$/);
    await expectBack(line, small);
  });

  it('brings back every nasty case quoted word by word with ascii: true', async () => {
    const wanted = small.filter((bytes) => bytes.at(-1) !== 0x0a);
    const line = quoteCommand('printf', [encoder.encode('%s\\0'), ...wanted], { ascii: true });
    expect(line).toBeInstanceOf(Uint8Array);
    await expectBack(decoder.decode(line as Uint8Array), wanted);
  });

  it('brings back 2,000 random byte strings through asciiCommandLine', async () => {
    const batch = fc.sample(argumentBytes, 2_000);
    for (const half of [batch.slice(0, 1_000), batch.slice(1_000)]) {
      const line = asciiCommandLine(
        quoteCommandBytes('printf', [encoder.encode('%s\\0'), ...half]),
      );
      await expectBack(line, half);
    }
  });
});
