import { CodecError } from './codec-error.js';
import type { Reader } from './reader.js';
import type { Writer } from './writer.js';

/**
 * Opcodes of the encoded terminal modes of a `pty-req` (RFC 4254 §8, plus
 * `IUTF8` from RFC 8160), named as in the RFC. Opcodes 1–159 take a uint32
 * argument; `TTY_OP_END` ends the list.
 */
export const TERMINAL_MODE = {
  TTY_OP_END: 0,
  VINTR: 1,
  VQUIT: 2,
  VERASE: 3,
  VKILL: 4,
  VEOF: 5,
  VEOL: 6,
  VEOL2: 7,
  VSTART: 8,
  VSTOP: 9,
  VSUSP: 10,
  VDSUSP: 11,
  VREPRINT: 12,
  VWERASE: 13,
  VLNEXT: 14,
  VFLUSH: 15,
  VSWTCH: 16,
  VSTATUS: 17,
  VDISCARD: 18,
  IGNPAR: 30,
  PARMRK: 31,
  INPCK: 32,
  ISTRIP: 33,
  INLCR: 34,
  IGNCR: 35,
  ICRNL: 36,
  IUCLC: 37,
  IXON: 38,
  IXANY: 39,
  IXOFF: 40,
  IMAXBEL: 41,
  IUTF8: 42,
  ISIG: 50,
  ICANON: 51,
  XCASE: 52,
  ECHO: 53,
  ECHOE: 54,
  ECHOK: 55,
  ECHONL: 56,
  NOFLSH: 57,
  TOSTOP: 58,
  IEXTEN: 59,
  ECHOCTL: 60,
  ECHOKE: 61,
  PENDIN: 62,
  OPOST: 70,
  OLCUC: 71,
  ONLCR: 72,
  OCRNL: 73,
  ONOCR: 74,
  ONLRET: 75,
  CS7: 90,
  CS8: 91,
  PARENB: 92,
  PARODD: 93,
  TTY_OP_ISPEED: 128,
  TTY_OP_OSPEED: 129,
} as const;

/** One terminal mode: an opcode of {@link TERMINAL_MODE} (1–159) and its argument. */
export interface TerminalMode {
  readonly opcode: number;
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
