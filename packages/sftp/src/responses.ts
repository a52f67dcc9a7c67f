import { type FileAttributes, readAttributes } from './attributes.js';
import {
  SSH_FXP_ATTRS,
  SSH_FXP_DATA,
  SSH_FXP_EXTENDED_REPLY,
  SSH_FXP_HANDLE,
  SSH_FXP_NAME,
  SSH_FXP_STATUS,
  SSH_FXP_VERSION,
} from './constants.js';
import { PacketReader } from './packet-reader.js';
import { SftpError } from './sftp-error.js';

/** One entry of an SSH_FXP_NAME reply. */
export interface NameEntry {
  /** The file name as raw bytes (names need not be UTF-8). */
  readonly filename: Uint8Array;
  /** `ls -l`-style line the server formats; informational only. */
  readonly longname: Uint8Array;
  /** The entry's attributes; servers may leave fields out. */
  readonly attributes: FileAttributes;
}

/** A reply to one request, told apart by `type`; every one carries the request id. */
export type SftpResponse =
  | {
      /** SSH_FXP_STATUS (draft §7). */
      readonly type: 'status';
      /** The request id this answers, as sent in the request. */
      readonly id: number;
      /** An `SSH_FX_*` code from the `wire` namespace; 0 is success. */
      readonly status: number;
      /** The server's human-readable explanation, possibly empty. */
      readonly message: string;
      /** RFC 1766 language tag of `message`, usually empty. */
      readonly language: string;
    }
  | {
      /** SSH_FXP_HANDLE (draft §7). */
      readonly type: 'handle';
      /** The request id this answers, as sent in the request. */
      readonly id: number;
      /** Opaque server handle for later requests; at most 256 bytes (draft §7). */
      readonly handle: Uint8Array;
    }
  | {
      /** SSH_FXP_DATA (draft §7). */
      readonly type: 'data';
      /** The request id this answers, as sent in the request. */
      readonly id: number;
      /** The bytes read; may be shorter than requested. */
      readonly data: Uint8Array;
    }
  | {
      /** SSH_FXP_NAME (draft §7). */
      readonly type: 'name';
      /** The request id this answers, as sent in the request. */
      readonly id: number;
      /** The names returned, in server order. */
      readonly entries: readonly NameEntry[];
    }
  | {
      /** SSH_FXP_ATTRS (draft §7). */
      readonly type: 'attrs';
      /** The request id this answers, as sent in the request. */
      readonly id: number;
      /** The attributes returned; absent fields were not sent. */
      readonly attributes: FileAttributes;
    }
  | {
      /** SSH_FXP_EXTENDED_REPLY (draft §8). */
      readonly type: 'extended-reply';
      /** The request id this answers, as sent in the request. */
      readonly id: number;
      /** The reply body, whose layout the extension defines. */
      readonly data: Uint8Array;
    };

/** The server's SSH_FXP_VERSION: its version and advertised extensions (name → version). */
export interface VersionResponse {
  /** The protocol version the server speaks; OpenSSH sends 3. */
  readonly version: number;
  /** Extension name → the version strings advertised for it (PROTOCOL §4.2). */
  readonly extensions: ReadonlyMap<string, readonly string[]>;
}

const MAX_HANDLE_LENGTH = 256;

/** Decodes SSH_FXP_VERSION (draft §4; extension pairs per OpenSSH PROTOCOL §4.2). */
export function decodeVersion(payload: Uint8Array): VersionResponse {
  const reader = new PacketReader(payload);
  const type = reader.byte();
  if (type !== SSH_FXP_VERSION) {
    throw new SftpError('protocol', `expected SSH_FXP_VERSION, got packet type ${type}`);
  }
  const version = reader.uint32();
  const extensions = new Map<string, string[]>();
  while (reader.remaining > 0) {
    const name = reader.text();
    const data = reader.text();
    const versions = extensions.get(name) ?? [];
    versions.push(data);
    extensions.set(name, versions);
  }
  return { version, extensions };
}

/**
 * The request id of a reply, read without decoding the rest, so a malformed
 * reply can fail just its own request. Undefined when the payload is too
 * short to hold one.
 */
export function peekResponseId(payload: Uint8Array): number | undefined {
  if (payload.byteLength < 5) return undefined;
  return new DataView(payload.buffer, payload.byteOffset, 5).getUint32(1);
}

/** Decodes one reply payload (without its length prefix). Trailing bytes are an error. */
export function decodeResponse(payload: Uint8Array): SftpResponse {
  const reader = new PacketReader(payload);
  const type = reader.byte();
  const id = reader.uint32();
  switch (type) {
    case SSH_FXP_STATUS: {
      const status = reader.uint32();
      // Servers before draft v3 omit message and language; accept both forms.
      const message = reader.remaining > 0 ? reader.text() : '';
      const language = reader.remaining > 0 ? reader.text() : '';
      reader.end('SSH_FXP_STATUS');
      return { type: 'status', id, status, message, language };
    }
    case SSH_FXP_HANDLE: {
      const handle = reader.string();
      // The draft caps handles at 256 bytes; a longer one is a broken server.
      if (handle.byteLength > MAX_HANDLE_LENGTH) {
        throw new SftpError('protocol', `SFTP handle of ${handle.byteLength} bytes`);
      }
      reader.end('SSH_FXP_HANDLE');
      return { type: 'handle', id, handle };
    }
    case SSH_FXP_DATA: {
      const data = reader.string();
      reader.end('SSH_FXP_DATA');
      return { type: 'data', id, data };
    }
    case SSH_FXP_NAME: {
      const count = reader.uint32();
      // Each entry needs at least 12 bytes (two empty strings and flags).
      if (count * 12 > reader.remaining) {
        throw new SftpError('protocol', `SSH_FXP_NAME claims ${count} entries`);
      }
      const entries: NameEntry[] = [];
      for (let index = 0; index < count; index++) {
        const filename = reader.string();
        const longname = reader.string();
        entries.push({ filename, longname, attributes: readAttributes(reader) });
      }
      reader.end('SSH_FXP_NAME');
      return { type: 'name', id, entries };
    }
    case SSH_FXP_ATTRS: {
      const attributes = readAttributes(reader);
      reader.end('SSH_FXP_ATTRS');
      return { type: 'attrs', id, attributes };
    }
    case SSH_FXP_EXTENDED_REPLY:
      return { type: 'extended-reply', id, data: payload.subarray(5) };
    default:
      throw new SftpError('protocol', `unexpected SFTP packet type ${type}`);
  }
}
