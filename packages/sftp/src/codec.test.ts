import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type FileAttributes, readAttributes, writeAttributes } from './attributes.js';
import * as wire from './constants.js';
import { PacketReader } from './packet-reader.js';
import { PacketWriter } from './packet-writer.js';
import { encodeInit, encodeRequest, encodeWriteHeader } from './requests.js';
import { decodeResponse, decodeVersion, peekResponseId } from './responses.js';
import { SftpError, statusToCode } from './sftp-error.js';

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

function payload(build: (writer: PacketWriter) => void): Uint8Array {
  const writer = new PacketWriter();
  build(writer);
  return Uint8Array.from(writer.finish().subarray(4));
}

describe('requests', () => {
  it('encodes INIT as version 3', () => {
    expect([...encodeInit()]).toEqual([0, 0, 0, 5, wire.SSH_FXP_INIT, 0, 0, 0, 3]);
  });

  it('encodes READ with a 64-bit offset above 4 GiB', () => {
    const packet = encodeRequest(7, {
      type: 'read',
      handle: bytes('h'),
      offset: 5 * 2 ** 32 + 3,
      length: 1024,
    });
    const reader = new PacketReader(packet);
    expect(reader.uint32()).toBe(packet.byteLength - 4);
    expect(reader.byte()).toBe(wire.SSH_FXP_READ);
    expect(reader.uint32()).toBe(7);
    expect(reader.text()).toBe('h');
    expect(reader.uint64()).toBe(5 * 2 ** 32 + 3);
    expect(reader.uint32()).toBe(1024);
    reader.end('read');
  });

  it('sends SYMLINK target first, as OpenSSH reads it', () => {
    const packet = encodeRequest(1, {
      type: 'symlink',
      target: bytes('target'),
      linkPath: bytes('link'),
    });
    const reader = new PacketReader(packet.subarray(9));
    expect(reader.text()).toBe('target');
    expect(reader.text()).toBe('link');
  });

  it('encodes every request type with its wire number', () => {
    const path = bytes('p');
    const handle = bytes('h');
    const cases = [
      [{ type: 'open', path, pflags: 1, attributes: {} }, wire.SSH_FXP_OPEN],
      [{ type: 'close', handle }, wire.SSH_FXP_CLOSE],
      [{ type: 'write', handle, offset: 0, data: bytes('x') }, wire.SSH_FXP_WRITE],
      [{ type: 'lstat', path }, wire.SSH_FXP_LSTAT],
      [{ type: 'fstat', handle }, wire.SSH_FXP_FSTAT],
      [{ type: 'setstat', path, attributes: { permissions: 0o600 } }, wire.SSH_FXP_SETSTAT],
      [{ type: 'fsetstat', handle, attributes: { size: 0 } }, wire.SSH_FXP_FSETSTAT],
      [{ type: 'opendir', path }, wire.SSH_FXP_OPENDIR],
      [{ type: 'readdir', handle }, wire.SSH_FXP_READDIR],
      [{ type: 'remove', path }, wire.SSH_FXP_REMOVE],
      [{ type: 'mkdir', path, attributes: {} }, wire.SSH_FXP_MKDIR],
      [{ type: 'rmdir', path }, wire.SSH_FXP_RMDIR],
      [{ type: 'realpath', path }, wire.SSH_FXP_REALPATH],
      [{ type: 'stat', path }, wire.SSH_FXP_STAT],
      [{ type: 'rename', from: path, to: path }, wire.SSH_FXP_RENAME],
      [{ type: 'readlink', path }, wire.SSH_FXP_READLINK],
      [
        { type: 'extended', name: 'limits@openssh.com', body: new Uint8Array() },
        wire.SSH_FXP_EXTENDED,
      ],
    ] as const;
    for (const [request, type] of cases) expect(encodeRequest(9, request)[4]).toBe(type);
  });

  it('refuses offsets that are not uint64-safe', () => {
    expect(() =>
      encodeRequest(1, { type: 'read', handle: bytes('h'), offset: -1, length: 1 }),
    ).toThrow(expect.objectContaining({ code: 'invalid-argument' }));
  });
});

describe('encodeWriteHeader', () => {
  it('followed by the data, is the packet encodeRequest builds', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 1, maxLength: 64 }),
        fc.maxSafeNat(),
        fc.uint8Array({ maxLength: 2048 }),
        fc.nat(),
        (handle, offset, data, id) => {
          const whole = encodeRequest(id, { type: 'write', handle, offset, data });
          const header = encodeWriteHeader(id, handle, offset, data.byteLength);
          expect(Buffer.concat([header, data])).toEqual(Buffer.from(whole));
        },
      ),
    );
  });
});

describe('attributes', () => {
  it('round-trip for any combination', () => {
    const attributes = fc.record(
      {
        size: fc.maxSafeNat(),
        uid: fc.nat(0xffffffff),
        gid: fc.nat(0xffffffff),
        permissions: fc.nat(0xffffffff),
        atime: fc.nat(0xffffffff),
        mtime: fc.nat(0xffffffff),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(attributes, (input) => {
        const complete: FileAttributes = {
          ...input,
          ...(input.uid !== undefined || input.gid !== undefined
            ? { uid: input.uid ?? 0, gid: input.gid ?? 0 }
            : {}),
          ...(input.atime !== undefined || input.mtime !== undefined
            ? { atime: input.atime ?? 0, mtime: input.mtime ?? 0 }
            : {}),
        };
        const encoded = payload((writer) => writeAttributes(writer, complete));
        const reader = new PacketReader(encoded);
        expect(readAttributes(reader)).toEqual(complete);
        reader.end('attrs');
      }),
    );
  });

  it('refuses half a pair', () => {
    expect(() => payload((writer) => writeAttributes(writer, { uid: 1 }))).toThrow(SftpError);
    expect(() => payload((writer) => writeAttributes(writer, { mtime: 1 }))).toThrow(SftpError);
  });

  it('bounds the extended count by the bytes present', () => {
    const encoded = payload((writer) =>
      writer.uint32(wire.SSH_FILEXFER_ATTR_EXTENDED).uint32(0xffffffff),
    );
    expect(() => readAttributes(new PacketReader(encoded))).toThrow(/extended pairs/);
  });
});

describe('responses', () => {
  it('decodes each reply type', () => {
    expect(
      decodeResponse(
        payload((w) =>
          w.byte(wire.SSH_FXP_STATUS).uint32(3).uint32(2).string('No such file').string(''),
        ),
      ),
    ).toEqual({ type: 'status', id: 3, status: 2, message: 'No such file', language: '' });
    expect(
      decodeResponse(payload((w) => w.byte(wire.SSH_FXP_HANDLE).uint32(4).string('h1'))),
    ).toMatchObject({
      type: 'handle',
      id: 4,
    });
    expect(
      decodeResponse(payload((w) => w.byte(wire.SSH_FXP_DATA).uint32(5).string('abc'))),
    ).toMatchObject({
      type: 'data',
      data: bytes('abc'),
    });
    const name = decodeResponse(
      payload((w) => {
        w.byte(wire.SSH_FXP_NAME)
          .uint32(6)
          .uint32(1)
          .string(new Uint8Array([0xff, 0x0a]))
          .string('long');
        writeAttributes(w, { size: 1 });
      }),
    );
    expect(name).toMatchObject({
      type: 'name',
      entries: [{ filename: new Uint8Array([0xff, 0x0a]), attributes: { size: 1 } }],
    });
    expect(
      decodeResponse(
        payload((w) =>
          w
            .byte(wire.SSH_FXP_ATTRS)
            .uint32(7)
            .uint32(wire.SSH_FILEXFER_ATTR_PERMISSIONS)
            .uint32(0o644),
        ),
      ),
    ).toEqual({ type: 'attrs', id: 7, attributes: { permissions: 0o644 } });
    expect(
      decodeResponse(payload((w) => w.byte(wire.SSH_FXP_EXTENDED_REPLY).uint32(8).uint64(1))),
    ).toMatchObject({
      type: 'extended-reply',
      data: new Uint8Array([0, 0, 0, 0, 0, 0, 0, 1]),
    });
  });

  it('accepts a STATUS without message and language (older servers)', () => {
    expect(
      decodeResponse(payload((w) => w.byte(wire.SSH_FXP_STATUS).uint32(1).uint32(0))),
    ).toMatchObject({
      status: 0,
      message: '',
    });
  });

  it('rejects truncation, trailing bytes, lying counts and unknown types with typed errors', () => {
    const bad = [
      payload((w) => w.byte(wire.SSH_FXP_DATA).uint32(1).uint32(100).raw(bytes('short'))),
      payload((w) => w.byte(wire.SSH_FXP_HANDLE).uint32(1).string('h').byte(0)),
      payload((w) => w.byte(wire.SSH_FXP_NAME).uint32(1).uint32(1_000_000)),
      payload((w) => w.byte(wire.SSH_FXP_HANDLE).uint32(1).string(new Uint8Array(300))),
      payload((w) => w.byte(77).uint32(1)),
      payload((w) =>
        w
          .byte(wire.SSH_FXP_ATTRS)
          .uint32(1)
          .uint32(wire.SSH_FILEXFER_ATTR_SIZE)
          .uint32(0x00400000)
          .uint32(0),
      ),
    ];
    for (const packet of bad) {
      expect(() => decodeResponse(packet)).toThrow(expect.objectContaining({ code: 'protocol' }));
    }
  });

  it('never throws anything but SftpError on random bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (random) => {
        try {
          decodeResponse(random);
        } catch (error) {
          expect(SftpError.isInstance(error)).toBe(true);
        }
      }),
    );
  });

  it('decodes VERSION with its extension pairs', () => {
    const version = decodeVersion(
      payload((w) =>
        w
          .byte(wire.SSH_FXP_VERSION)
          .uint32(3)
          .string('limits@openssh.com')
          .string('1')
          .string('a')
          .string('1')
          .string('a')
          .string('2'),
      ),
    );
    expect(version.version).toBe(3);
    expect(version.extensions.get('limits@openssh.com')).toEqual(['1']);
    expect(version.extensions.get('a')).toEqual(['1', '2']);
  });

  it('peeks the id of even a malformed reply', () => {
    expect(peekResponseId(new Uint8Array([103, 0, 0, 1, 2]))).toBe(258);
    expect(peekResponseId(new Uint8Array([103, 0]))).toBeUndefined();
  });
});

describe('statusToCode', () => {
  it('names every version 3 status code', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9].map(statusToCode)).toEqual([
      'eof',
      'no-such-file',
      'permission-denied',
      'failure',
      'bad-message',
      'no-connection',
      'connection-lost',
      'op-unsupported',
      'unknown-status',
    ]);
  });
});
