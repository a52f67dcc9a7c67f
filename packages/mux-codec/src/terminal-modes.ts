import { CodecError } from './codec-error.js';
import type { Reader } from './reader.js';
import type { Writer } from './writer.js';

/**
 * Opcodes of the encoded terminal modes of a `pty-req` (RFC 4254 §8, plus
 * `IUTF8` from RFC 8160), named as in the RFC. Opcodes 1–159 take a uint32
 * argument; `TTY_OP_END` ends the list.
 */
export const TERMINAL_MODE = {
  /** Ends the list; takes no argument. */
  TTY_OP_END: 0,
  /** Interrupt character (argument: the character code, 255 for none). */
  VINTR: 1,
  /** Quit character (argument: the character code, 255 for none); sends SIGQUIT on POSIX. */
  VQUIT: 2,
  /** Erase-previous-character character (argument: the character code, 255 for none). */
  VERASE: 3,
  /** Kill-input-line character (argument: the character code, 255 for none). */
  VKILL: 4,
  /** End-of-file character (argument: the character code, 255 for none). */
  VEOF: 5,
  /** Extra end-of-line character (argument: the character code, 255 for none), besides CR/LF. */
  VEOL: 6,
  /** Second extra end-of-line character (argument: the character code, 255 for none). */
  VEOL2: 7,
  /** Resume-output character (argument: the character code, 255 for none), usually Ctrl-Q. */
  VSTART: 8,
  /** Pause-output character (argument: the character code, 255 for none), usually Ctrl-S. */
  VSTOP: 9,
  /** Suspend-program character (argument: the character code, 255 for none). */
  VSUSP: 10,
  /** Delayed-suspend character (argument: the character code, 255 for none). */
  VDSUSP: 11,
  /** Reprint-input-line character (argument: the character code, 255 for none). */
  VREPRINT: 12,
  /** Erase-previous-word character (argument: the character code, 255 for none). */
  VWERASE: 13,
  /** Take-next-character-literally character (argument: the character code, 255 for none). */
  VLNEXT: 14,
  /** Flush-output character (argument: the character code, 255 for none). */
  VFLUSH: 15,
  /** Switch-shell-layer character (argument: the character code, 255 for none). */
  VSWTCH: 16,
  /** Status-line character (argument: the character code, 255 for none) (load, command, pid). */
  VSTATUS: 17,
  /** Toggle-output-discarding character (argument: the character code, 255 for none). */
  VDISCARD: 18,
  /** Input: ignore parity errors (argument: 1 on, 0 off). */
  IGNPAR: 30,
  /** Input: mark parity and framing errors (argument: 1 on, 0 off). */
  PARMRK: 31,
  /** Input: check parity (argument: 1 on, 0 off). */
  INPCK: 32,
  /** Input: clear the eighth bit (argument: 1 on, 0 off). */
  ISTRIP: 33,
  /** Input: turn NL into CR (argument: 1 on, 0 off). */
  INLCR: 34,
  /** Input: drop CR (argument: 1 on, 0 off). */
  IGNCR: 35,
  /** Input: turn CR into NL (argument: 1 on, 0 off). */
  ICRNL: 36,
  /** Input: lower-case upper-case letters (argument: 1 on, 0 off). */
  IUCLC: 37,
  /** Output flow control with the start/stop characters (argument: 1 on, 0 off). */
  IXON: 38,
  /** Any character, not only start, resumes paused output (argument: 1 on, 0 off). */
  IXANY: 39,
  /** Input flow control (argument: 1 on, 0 off). */
  IXOFF: 40,
  /** Ring the bell when the input queue is full (argument: 1 on, 0 off). */
  IMAXBEL: 41,
  /** Input and output are UTF-8 (argument: 1 on, 0 off); from RFC 8160. */
  IUTF8: 42,
  /** Let the interrupt, quit and suspend characters raise signals (argument: 1 on, 0 off). */
  ISIG: 50,
  /** Canonical (line-by-line) input (argument: 1 on, 0 off). */
  ICANON: 51,
  /** Upper case written as backslash plus lower case, both ways (argument: 1 on, 0 off). */
  XCASE: 52,
  /** Echo input (argument: 1 on, 0 off). */
  ECHO: 53,
  /** Erase characters visibly on VERASE (argument: 1 on, 0 off). */
  ECHOE: 54,
  /** The kill character drops the current line (argument: 1 on, 0 off). */
  ECHOK: 55,
  /** Echo NL even with ECHO off (argument: 1 on, 0 off). */
  ECHONL: 56,
  /** Keep queues after an interrupt, no flush (argument: 1 on, 0 off). */
  NOFLSH: 57,
  /** Stop background jobs that write to the terminal (argument: 1 on, 0 off). */
  TOSTOP: 58,
  /** Implementation-defined input extensions (argument: 1 on, 0 off). */
  IEXTEN: 59,
  /** Echo control characters as `^X` (argument: 1 on, 0 off). */
  ECHOCTL: 60,
  /** Erase the line visibly on VKILL (argument: 1 on, 0 off). */
  ECHOKE: 61,
  /** Retype pending input at the next read (argument: 1 on, 0 off). */
  PENDIN: 62,
  /** Output post-processing (argument: 1 on, 0 off). */
  OPOST: 70,
  /** Output: upper-case lower-case letters (argument: 1 on, 0 off). */
  OLCUC: 71,
  /** Output: turn NL into CR NL (argument: 1 on, 0 off). */
  ONLCR: 72,
  /** Output: turn CR into NL (argument: 1 on, 0 off). */
  OCRNL: 73,
  /** Output: no CR at column 0 (argument: 1 on, 0 off). */
  ONOCR: 74,
  /** Output: NL also returns the carriage (argument: 1 on, 0 off). */
  ONLRET: 75,
  /** Seven-bit characters (argument: 1 on, 0 off). */
  CS7: 90,
  /** Eight-bit characters (argument: 1 on, 0 off). */
  CS8: 91,
  /** Generate and check parity (argument: 1 on, 0 off). */
  PARENB: 92,
  /** Odd parity rather than even (argument: 1 on, 0 off). */
  PARODD: 93,
  /** Input line speed (argument: bits per second). */
  TTY_OP_ISPEED: 128,
  /** Output line speed (argument: bits per second). */
  TTY_OP_OSPEED: 129,
} as const;

/** One terminal mode: an opcode of {@link TERMINAL_MODE} (1–159) and its argument. */
export interface TerminalMode {
  /** Which mode, 1–159; decoders refuse 160–255, whose meaning RFC 4254 §8 leaves undefined. */
  readonly opcode: number;
  /** Its uint32 value: a character code, a flag (0 or 1), or a speed in bits per second. */
  readonly argument: number;
}

/** Largest opcode with a defined meaning; 160–255 "cause parsing to stop" (RFC 4254 §8). */
const LAST_OPCODE = 159;

/** Reads the `encoded terminal modes` string of a pty-req. */
export function readTerminalModes(reader: Reader): TerminalMode[] {
  const length = reader.uint32('length of terminal modes');
  const end = reader.require(length, 'terminal modes') + length;
  reader.position = end - length;
  const modes: TerminalMode[] = [];
  // An empty string (some clients send one) means no modes.
  while (reader.position < end) {
    const at = reader.offset();
    const opcode = reader.uint8('terminal mode opcode');
    if (opcode === TERMINAL_MODE.TTY_OP_END) {
      if (reader.position !== end) {
        throw new CodecError('trailing-bytes', 'bytes after TTY_OP_END', {
          offset: reader.offset(),
        });
      }
      return modes;
    }
    if (opcode > LAST_OPCODE) {
      throw new CodecError('invalid-value', `undefined terminal mode opcode ${opcode}`, {
        offset: at,
      });
    }
    if (end - reader.position < 4) {
      throw new CodecError('truncated', 'terminal mode argument runs past the modes string', {
        offset: reader.offset(),
      });
    }
    modes.push({ opcode, argument: reader.uint32('terminal mode argument') });
  }
  if (length > 0) {
    throw new CodecError('truncated', 'terminal modes end without TTY_OP_END', {
      offset: reader.offset(),
    });
  }
  return modes;
}

/** Writes terminal modes as an SSH string ending with TTY_OP_END. */
export function writeTerminalModes(writer: Writer, modes: readonly TerminalMode[]): void {
  writer.uint32(modes.length * 5 + 1, 'length of terminal modes');
  for (const mode of modes) {
    if (!Number.isInteger(mode.opcode) || mode.opcode < 1 || mode.opcode > LAST_OPCODE) {
      throw new CodecError(
        'invalid-argument',
        `terminal mode opcode must be in [1, 159], got ${String(mode.opcode)}`,
      );
    }
    writer.uint8(mode.opcode).uint32(mode.argument, 'terminal mode argument');
  }
  writer.uint8(TERMINAL_MODE.TTY_OP_END);
}
