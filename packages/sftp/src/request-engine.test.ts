import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import * as wire from './constants.js';
import { FrameDecoder } from './frame-decoder.js';
import { PacketWriter } from './packet-writer.js';
import { RequestEngine } from './request-engine.js';
import { SftpError } from './sftp-error.js';

function packet(build: (writer: PacketWriter) => void): Uint8Array {
  const writer = new PacketWriter();
  build(writer);
  return writer.finish();
}

/** A scripted server: collects our request packets and lets the test answer. */
function fakeServer() {
  const toClient = new PassThrough();
  const fromClient = new PassThrough();
  const decoder = new FrameDecoder(1 << 20);
  const requests: { type: number; id: number }[] = [];
  let waiters: (() => void)[] = [];
  fromClient.on('data', (chunk: Buffer) => {
    for (const payload of decoder.push(chunk)) {
      const view = new DataView(payload.buffer, payload.byteOffset, payload.byteLength);
      requests.push({ type: payload[0]!, id: payload.byteLength >= 5 ? view.getUint32(1) : -1 });
    }
    for (const waiter of waiters.splice(0)) waiter();
  });
  const waitFor = async (count: number): Promise<void> => {
    while (requests.length < count) await new Promise<void>((resolve) => waiters.push(resolve));
  };
  const status = (id: number, code: number, message = ''): Uint8Array =>
    packet((w) => w.byte(wire.SSH_FXP_STATUS).uint32(id).uint32(code).string(message).string(''));
  const version = (...extensions: string[]): Uint8Array =>
    packet((w) => {
      w.byte(wire.SSH_FXP_VERSION).uint32(3);
      for (const name of extensions) w.string(name).string('1');
    });
  return { toClient, fromClient, requests, waitFor, status, version, reset: () => (waiters = []) };
}

async function started() {
  const server = fakeServer();
  const starting = RequestEngine.start(server.toClient, server.fromClient);
  await server.waitFor(1);
  expect(server.requests[0]!.type).toBe(wire.SSH_FXP_INIT);
  server.toClient.write(server.version('limits@openssh.com'));
  const { engine, version } = await starting;
  expect([...version.extensions.keys()]).toEqual(['limits@openssh.com']);
  return { server, engine };
}

describe('RequestEngine', () => {
  it('matches replies to requests by id, in any order', async () => {
    const { server, engine } = await started();
    const first = engine.request({ type: 'stat', path: new Uint8Array([0x61]) });
    const second = engine.request({ type: 'remove', path: new Uint8Array([0x62]) });
    await server.waitFor(3);
    const [, a, b] = server.requests;
    server.toClient.write(server.status(b!.id, wire.SSH_FX_NO_SUCH_FILE, 'gone'));
    server.toClient.write(server.status(a!.id, wire.SSH_FX_OK));
    await expect(second).resolves.toMatchObject({
      type: 'status',
      status: wire.SSH_FX_NO_SUCH_FILE,
    });
    await expect(first).resolves.toMatchObject({ type: 'status', status: wire.SSH_FX_OK });
    expect(engine.pendingCount).toBe(0);
  });

  it('rejects every pending request promptly when the stream ends, and later ones at once', async () => {
    const { server, engine } = await started();
    const pending = Array.from({ length: 50 }, () =>
      engine.request({ type: 'stat', path: new Uint8Array([0x61]) }),
    );
    await server.waitFor(51);
    server.toClient.end();
    for (const request of pending)
      await expect(request).rejects.toMatchObject({ code: 'connection-lost' });
    await expect(engine.request({ type: 'stat', path: new Uint8Array([1]) })).rejects.toMatchObject(
      {
        code: 'connection-lost',
      },
    );
  });

  it('fails everything on a stream error', async () => {
    const { server, engine } = await started();
    const pending = engine.request({ type: 'stat', path: new Uint8Array([0x61]) });
    server.toClient.destroy(new Error('boom'));
    await expect(pending).rejects.toSatisfy(
      (error) => SftpError.isInstance(error) && error.code === 'connection-lost',
    );
  });

  it('fails only the request whose reply is malformed', async () => {
    const { server, engine } = await started();
    const bad = engine.request({ type: 'stat', path: new Uint8Array([0x61]) });
    const good = engine.request({ type: 'stat', path: new Uint8Array([0x62]) });
    await server.waitFor(3);
    server.toClient.write(
      packet((w) => w.byte(wire.SSH_FXP_DATA).uint32(server.requests[1]!.id).uint32(999)),
    );
    server.toClient.write(server.status(server.requests[2]!.id, wire.SSH_FX_OK));
    await expect(bad).rejects.toMatchObject({ code: 'protocol' });
    await expect(good).resolves.toMatchObject({ type: 'status' });
  });

  it('treats a reply to an unknown id or an oversized frame as fatal', async () => {
    for (const poison of [
      (id: number) =>
        packet((w) =>
          w
            .byte(wire.SSH_FXP_STATUS)
            .uint32(id + 1000)
            .uint32(0),
        ),
      () => new Uint8Array([0x7f, 0, 0, 0, 1]),
    ]) {
      const { server, engine } = await started();
      const pending = engine.request({ type: 'stat', path: new Uint8Array([0x61]) });
      await server.waitFor(2);
      server.toClient.write(poison(server.requests[1]!.id));
      await expect(pending).rejects.toMatchObject({ code: 'protocol' });
      expect(engine.error?.code).toBe('protocol');
    }
  });

  it('refuses a server of another version', async () => {
    const server = fakeServer();
    const starting = RequestEngine.start(server.toClient, server.fromClient);
    server.toClient.write(packet((w) => w.byte(wire.SSH_FXP_VERSION).uint32(6)));
    await expect(starting).rejects.toThrow(/version 6/);
  });

  it('aborts the handshake on the signal', async () => {
    const server = fakeServer();
    const controller = new AbortController();
    const starting = RequestEngine.start(server.toClient, server.fromClient, controller.signal);
    controller.abort();
    await expect(starting).rejects.toMatchObject({ code: 'aborted' });
  });

  it('close() rejects pending requests with closed and ends our side', async () => {
    const { server, engine } = await started();
    const pending = engine.request({ type: 'stat', path: new Uint8Array([0x61]) });
    engine.close();
    await expect(pending).rejects.toMatchObject({ code: 'closed' });
    expect(server.fromClient.writableEnded).toBe(true);
  });
});
