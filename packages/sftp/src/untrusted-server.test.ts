// A hostile server: every reply that lies must become a typed error for the
// operation that asked, never a crash, a hang or an oversized allocation.
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import * as wire from './constants.js';
import { FrameDecoder } from './frame-decoder.js';
import { PacketReader } from './packet-reader.js';
import { PacketWriter } from './packet-writer.js';
import { Sftp } from './sftp.js';

type Reply = (type: number, id: number, body: PacketReader) => Uint8Array | undefined;

function packet(build: (writer: PacketWriter) => void): Uint8Array {
  const writer = new PacketWriter();
  build(writer);
  return writer.finish();
}

/** A scripted server: VERSION with limits@openssh.com, then `reply` for each request. */
function scriptedServer(limits: number[], reply: Reply) {
  const toClient = new PassThrough();
  const fromClient = new PassThrough();
  const decoder = new FrameDecoder(1 << 20);
  fromClient.on('data', (chunk: Buffer) => {
    for (const payload of decoder.push(chunk)) {
      const reader = new PacketReader(payload);
      const type = reader.byte();
      if (type === wire.SSH_FXP_INIT) {
        toClient.write(
          packet((w) =>
            w.byte(wire.SSH_FXP_VERSION).uint32(3).string('limits@openssh.com').string('1'),
          ),
        );
        continue;
      }
      const id = reader.uint32();
      if (type === wire.SSH_FXP_EXTENDED && reader.text() === 'limits@openssh.com') {
        toClient.write(
          packet((w) => {
            w.byte(wire.SSH_FXP_EXTENDED_REPLY).uint32(id);
            for (const value of limits) w.uint64(value);
          }),
        );
        continue;
      }
      const answer = reply(type, id, reader);
      if (answer) toClient.write(answer);
    }
  });
  return { toClient, fromClient };
}

const handleReply = (id: number): Uint8Array =>
  packet((w) => w.byte(wire.SSH_FXP_HANDLE).uint32(id).string('h'));
const okReply = (id: number): Uint8Array =>
  packet((w) => w.byte(wire.SSH_FXP_STATUS).uint32(id).uint32(0).string('').string(''));

describe('an untrusted server', () => {
  it('cannot make the client use absurd block sizes', async () => {
    const server = scriptedServer([2 ** 53 - 1, 2 ** 40, 2 ** 40, 0], () => undefined);
    await using sftp = await Sftp.fromStreams(server.toClient, server.fromClient);
    expect(sftp.transferSettings.readBlockSize).toBeLessThanOrEqual(4 * 1024 * 1024);
    expect(sftp.transferSettings.writeBlockSize).toBeLessThanOrEqual(4 * 1024 * 1024);
  });

  it('returning more data than asked is a protocol error for that read', async () => {
    const server = scriptedServer([262_144, 1024, 1024, 0], (type, id) => {
      if (type === wire.SSH_FXP_OPEN || type === wire.SSH_FXP_CLOSE) {
        return type === wire.SSH_FXP_OPEN ? handleReply(id) : okReply(id);
      }
      if (type === wire.SSH_FXP_FSTAT) {
        return packet((w) => w.byte(wire.SSH_FXP_ATTRS).uint32(id).uint32(0));
      }
      if (type === wire.SSH_FXP_READ) {
        return packet((w) => w.byte(wire.SSH_FXP_DATA).uint32(id).string(new Uint8Array(2048)));
      }
      return undefined;
    });
    await using sftp = await Sftp.fromStreams(server.toClient, server.fromClient);
    await expect(sftp.readFile('x')).rejects.toMatchObject({ code: 'protocol' });
  });

  it('an oversized frame fails every pending operation at once', async () => {
    const server = scriptedServer([262_144, 32_768, 32_768, 0], (type) => {
      if (type === wire.SSH_FXP_STAT) return new Uint8Array([0x7f, 0xff, 0xff, 0xff, 101]);
      return undefined;
    });
    await using sftp = await Sftp.fromStreams(server.toClient, server.fromClient);
    const waiting = sftp.lstat('never-answered');
    await expect(sftp.stat('x')).rejects.toMatchObject({ code: 'protocol' });
    await expect(waiting).rejects.toMatchObject({ code: 'protocol' });
  });

  it('a wrong reply type is a protocol error naming the operation', async () => {
    const server = scriptedServer([262_144, 32_768, 32_768, 0], (_type, id) => handleReply(id));
    await using sftp = await Sftp.fromStreams(server.toClient, server.fromClient);
    await expect(sftp.stat('x')).rejects.toMatchObject({
      code: 'protocol',
      operation: 'stat',
      path: 'x',
    });
    await expect(sftp.statvfs('x')).rejects.toMatchObject({ code: 'unsupported' });
  });
});
