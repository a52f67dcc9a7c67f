// Builds the one command line a remote command travels as. SSH carries a
// single string to the server, where the login shell parses it; so every
// argument given with `arg` is quoted (packages/escape) and raw parts are
// pasted in as they are. Per-command environment and working directory are
// built into the line, never sent as SSH `env` requests, so they work
// whatever the server's AcceptEnv says:
//
//   cd -- <dir> && exec env -- NAME=<value> ... <program> <args>
//
// `env` is used rather than `NAME=value program` because it also works when
// the login shell is fish or csh. A failing `cd` fails the command (its
// status is cd's), unlike node-ssh which runs the command anyway.
import { QuoteError, asciiCommandLine, quote } from '@openssh-ts/escape';
import { hasLoneSurrogate } from './lone-surrogate.js';
import { SshError } from './ssh-error.js';
import type { RemoteShellFamily } from './transport.js';

/** One part of a command line: quoted (`arg`) or pasted as is (`rawArg`). */
export interface CommandPart {
  readonly raw: boolean;
  readonly value: string | Uint8Array;
}

/** Everything a command line is built from. */
export interface CommandLineSpec {
  /** The program (first part) and its arguments. */
  readonly parts: readonly CommandPart[];
  readonly env: ReadonlyMap<string, string | Uint8Array>;
  readonly cwd: string | Uint8Array | undefined;
  /**
   * The transport carries command lines as UTF-8 text (a process argv): a
   * line that is not valid UTF-8 is rewritten into printable ASCII that the
   * remote shell runs identically (escape's `asciiCommandLine`).
   */
  readonly utf8Only: boolean;
  /** The remote login shell's family, which every quoted part is written for. */
  readonly shell: RemoteShellFamily;
}

const encoder = new TextEncoder();
const SPACE = 0x20;
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

function bytesOf(value: string | Uint8Array): Uint8Array {
  return typeof value === 'string' ? encoder.encode(value) : value;
}

function quoteOne(value: string | Uint8Array, what: string, shell: RemoteShellFamily): Uint8Array {
  try {
    const quoted: string | Uint8Array = quote(value, { shell });
    return typeof quoted === 'string' ? encoder.encode(quoted) : quoted;
  } catch (error) {
    if (QuoteError.isInstance(error)) {
      throw new SshError('invalid-command', `cannot quote ${what}: ${error.message}`, {
        cause: error,
      });
    }
    throw error;
  }
}

function rawBytes(value: string | Uint8Array, what: string): Uint8Array {
  if (typeof value === 'string' && hasLoneSurrogate(value))
    throw new SshError(
      'invalid-command',
      `${what} contains a lone UTF-16 surrogate, which has no UTF-8 encoding (it would be sent as U+FFFD)`,
    );
  const bytes = bytesOf(value);
  if (bytes.includes(0)) throw new SshError('invalid-command', `${what} contains a NUL byte`);
  return bytes;
}

// A relative directory is searched along CDPATH (and cd then prints it on
// stdout) unless it starts with ./ or ../.
function directoryWord(cwd: string | Uint8Array): string | Uint8Array {
  const bytes = bytesOf(cwd);
  if (bytes.length === 0) throw new SshError('invalid-command', 'cwd is empty');
  if (bytes[0] === 0x2f || bytes[0] === 0x2e) return cwd;
  return typeof cwd === 'string' ? `./${cwd}` : Uint8Array.of(0x2e, 0x2f, ...cwd);
}

/** Throws `invalid-command` unless `name` can be an environment variable name everywhere. */
export function checkEnvName(name: string): void {
  if (!ENV_NAME.test(name)) {
    throw new SshError(
      'invalid-command',
      `invalid environment variable name ${JSON.stringify(name)}`,
    );
  }
}

/** Builds the command line bytes for `spec`; throws `SshError('invalid-command')` for what cannot be expressed. */
export function buildCommandLine(spec: CommandLineSpec): Uint8Array {
  const words: Uint8Array[] = [];
  if (spec.cwd !== undefined) {
    words.push(
      encoder.encode('cd --'),
      quoteOne(directoryWord(spec.cwd), 'cwd', spec.shell),
      encoder.encode('&&'),
    );
  }
  if (spec.env.size > 0) {
    words.push(encoder.encode('exec env --'));
    for (const [name, value] of spec.env) {
      checkEnvName(name);
      const quoted = quoteOne(value, `the value of ${name}`, spec.shell);
      words.push(new Uint8Array([...encoder.encode(`${name}=`), ...quoted]));
    }
    const program = spec.parts[0];
    if (program !== undefined && !program.raw && bytesOf(program.value).includes(0x3d)) {
      throw new SshError(
        'invalid-command',
        'a program name containing "=" cannot be combined with env(): env would read it as a variable',
      );
    }
  }
  spec.parts.forEach((part, index) => {
    const what = index === 0 ? 'the program' : `argument ${index}`;
    words.push(part.raw ? rawBytes(part.value, what) : quoteOne(part.value, what, spec.shell));
  });
  let length = Math.max(words.length - 1, 0);
  for (const word of words) length += word.length;
  const line = new Uint8Array(length);
  let offset = 0;
  for (const word of words) {
    if (offset > 0) line[offset++] = SPACE;
    line.set(word, offset);
    offset += word.length;
  }
  if (!spec.utf8Only || isUtf8(line)) return checkLength(line);
  let ascii: Uint8Array;
  try {
    ascii = encoder.encode(asciiCommandLine(line, { shell: spec.shell }));
  } catch (error) {
    throw new SshError('invalid-command', 'cannot rewrite the command line as ASCII', {
      cause: error,
    });
  }
  return checkLength(ascii);
}

/**
 * The longest command line sent: sshd runs `<shell> -c <line>`, so the whole
 * line is one argument of execve, and Linux caps one argument at
 * MAX_ARG_STRLEN = 32 pages = 131072 bytes with its NUL (the process
 * transport's local `ssh` gets it as one argument too).
 */
export const MAX_COMMAND_LINE_BYTES = 131_071;

function checkLength(line: Uint8Array): Uint8Array {
  if (line.length <= MAX_COMMAND_LINE_BYTES) return line;
  throw new SshError(
    'invalid-command',
    `the command line is ${line.length} bytes, over the ${MAX_COMMAND_LINE_BYTES} a server's shell can take as one argument (Linux MAX_ARG_STRLEN); pass large data on stdin instead`,
  );
}

const strictDecoder = new TextDecoder('utf-8', { fatal: true });

function isUtf8(bytes: Uint8Array): boolean {
  try {
    strictDecoder.decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** The command line as text, for error messages (invalid UTF-8 shown as U+FFFD). */
export function commandLineText(line: Uint8Array): string {
  return Buffer.from(line.buffer, line.byteOffset, line.byteLength).toString('utf8');
}
