/**
 * Runs quoted words through real shells, many per process: each batch is one
 * `<shell> -c "printf '%s\0' <word> <word> …"` and the output is split at
 * NUL, which no argument can hold. The `-c` script is a raw byte string
 * (possibly not UTF-8), which Node cannot put in argv, so a dash launcher
 * reads it from stdin and execs the shell under test with it.
 */
import { execFileSync, spawn } from 'node:child_process';
import type { ShellFamily } from '@openssh-ts/escape';

/** A shell binary the proofs run. */
export interface ShellUnderTest {
  readonly name: string;
  readonly family: ShellFamily;
  /** argv before `-c <script>`. */
  readonly command: readonly string[];
  /** Debian package that provides it, named in the failure when it is missing. */
  readonly aptPackage: string;
  /**
   * Locales the proofs run it under: bytes ≥ 0x80 are parsed differently in
   * each. The mode variants of a shell already proven in both run in one,
   * to keep the suite near a minute.
   */
  readonly locales: readonly string[];
}

/** Locales the proofs run a shell under by default. */
export const LOCALES: readonly string[] = ['C.UTF-8', 'C'];
const ONE_LOCALE: readonly string[] = ['C.UTF-8'];

/** Every shell the package claims, in the order the proofs run them. */
export const SHELLS_UNDER_TEST: readonly ShellUnderTest[] = [
  { name: 'bash', family: 'posix', command: ['bash'], aptPackage: 'bash', locales: LOCALES },
  { name: 'dash', family: 'posix', command: ['dash'], aptPackage: 'dash', locales: LOCALES },
  { name: 'zsh', family: 'posix', command: ['zsh'], aptPackage: 'zsh', locales: LOCALES },
  // What sshd runs where /bin/sh is bash (Fedora, RHEL) or zsh is linked as sh.
  {
    name: 'bash --posix',
    family: 'posix',
    command: ['bash', '--posix'],
    aptPackage: 'bash',
    locales: ONE_LOCALE,
  },
  {
    name: 'zsh --emulate sh',
    family: 'posix',
    command: ['zsh', '--emulate', 'sh'],
    aptPackage: 'zsh',
    locales: ONE_LOCALE,
  },
  { name: 'mksh', family: 'posix', command: ['mksh'], aptPackage: 'mksh', locales: LOCALES },
  {
    name: 'busybox ash',
    family: 'posix',
    command: ['busybox', 'sh'],
    aptPackage: 'busybox',
    locales: LOCALES,
  },
  // --no-config: the proof is about parsing, and fish would otherwise write
  // its universal-variable file into the test runner's home.
  {
    name: 'fish',
    family: 'fish',
    command: ['fish', '--no-config'],
    aptPackage: 'fish',
    locales: LOCALES,
  },
];

const SCRIPT_LIMIT = 100_000; // below Linux's 128 KiB limit for one argv string
/** The launcher's own script; tests look for it to prove no shell outlived them. */
export const LAUNCHER = 'script=$(cat; printf .); script=${script%.}; exec "$@" -c "$script"';

/** Throws, naming the apt package, unless the shell's binary is on PATH. */
export function requireShell(shell: ShellUnderTest): void {
  try {
    execFileSync('sh', ['-c', 'command -v "$1"', 'sh', shell.command[0]!], { stdio: 'pipe' });
  } catch {
    throw new Error(
      `${shell.name} is not installed: the shell proofs need it (apt-get install ${shell.aptPackage})`,
    );
  }
}

const encoder = new TextEncoder();

function toBytes(text: string | Uint8Array): Uint8Array {
  return typeof text === 'string' ? encoder.encode(text) : text;
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const whole = new Uint8Array(parts.reduce((total, part) => total + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    whole.set(part, offset);
    offset += part.length;
  }
  return whole;
}

/** Runs one `-c` script (raw bytes) and returns its stdout; rejects on exit ≠ 0. */
export function runScript(
  shell: ShellUnderTest,
  script: Uint8Array,
  locale: string,
): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const child = spawn('dash', ['-c', LAUNCHER, 'launcher', ...shell.command], {
      env: {
        PATH: process.env['PATH'] ?? '/usr/bin:/bin',
        LC_ALL: locale,
        HOME: process.env['HOME'] ?? '/',
      },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.on('error', (error: NodeJS.ErrnoException) => {
      reject(
        error.code === 'ENOENT'
          ? new Error(
              'dash is not installed: the shell proofs launch every shell through it (apt-get install dash)',
            )
          : error,
      );
    });
    child.on('close', (code, signal) => {
      if (code === 0) resolve(concat(stdout));
      else {
        const message = Buffer.concat(stderr).toString('utf8').slice(0, 2000);
        reject(new Error(`${shell.name} exited with ${code ?? signal}: ${message}`));
      }
    });
    child.stdin.end(script);
  });
}

/** How a batch of quoted words becomes a script. */
export type ScriptBuilder = (quotedWords: readonly (string | Uint8Array)[]) => Uint8Array;

/** `printf '%s\0' <words…>` as bytes: the plain form. */
export function printfScript(quotedWords: readonly (string | Uint8Array)[]): Uint8Array {
  const parts: Uint8Array[] = [encoder.encode("printf '%s\\0'")];
  for (const word of quotedWords) parts.push(encoder.encode(' '), toBytes(word));
  return concat(parts);
}

/** Splits shell output at each NUL (the separator `printf '%s\0'` writes). */
export function splitAtNul(output: Uint8Array): Uint8Array[] {
  const pieces: Uint8Array[] = [];
  let start = 0;
  for (let index = 0; index < output.length; index += 1) {
    if (output[index] !== 0) continue;
    pieces.push(output.subarray(start, index));
    start = index + 1;
  }
  if (start !== output.length) pieces.push(output.subarray(start));
  return pieces;
}

/**
 * Runs `quotedWords` through `shell` in as few processes as the argv limit
 * allows and returns what the shell made of each word.
 */
export async function decodeInShell(
  shell: ShellUnderTest,
  quotedWords: readonly (string | Uint8Array)[],
  locale: string,
  buildScript: ScriptBuilder = printfScript,
): Promise<Uint8Array[]> {
  if (quotedWords.length === 0) return [];
  const script = buildScript(quotedWords);
  if (script.length > SCRIPT_LIMIT && quotedWords.length > 1) {
    const half = Math.ceil(quotedWords.length / 2);
    const first = await decodeInShell(shell, quotedWords.slice(0, half), locale, buildScript);
    const second = await decodeInShell(shell, quotedWords.slice(half), locale, buildScript);
    return [...first, ...second];
  }
  return splitAtNul(await runScript(shell, script, locale));
}

/** Hex dump for failure messages. */
export function hex(bytes: string | Uint8Array): string {
  return Buffer.from(toBytes(bytes)).toString('hex');
}

/**
 * Compares decoded words with the expected bytes; returns a description of
 * the first mismatch, or undefined when every word came back exactly.
 */
export function firstMismatch(
  expected: readonly Uint8Array[],
  quotedWords: readonly (string | Uint8Array)[],
  decoded: readonly Uint8Array[],
): string | undefined {
  if (decoded.length !== expected.length) {
    return `expected ${expected.length} words back, got ${decoded.length}`;
  }
  for (let index = 0; index < expected.length; index += 1) {
    if (Buffer.from(expected[index]!).equals(Buffer.from(decoded[index]!))) continue;
    return `word ${index}: input ${hex(expected[index]!)} quoted as ${JSON.stringify(
      typeof quotedWords[index] === 'string' ? quotedWords[index] : hex(quotedWords[index]!),
    )} came back as ${hex(decoded[index]!)}`;
  }
  return undefined;
}
