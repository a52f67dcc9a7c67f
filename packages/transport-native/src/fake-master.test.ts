// The transport against a scripted, misbehaving "master" on a Unix socket:
// what real OpenSSH never sends, but a broken or hostile peer might.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import {
  MuxDecoder,
  ProxyPacketDecoder,
  encodeMuxMessage,
  encodeProxyPacket,
  type ProxyPacket,
} from '@openssh-ts/mux-codec';
import { SshError } from '@openssh-ts/session-core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { nativeTransport } from './native-transport.js';

/** What the fake master does once a client is in proxy mode. */
type ProxyScript = (packet: ProxyPacket, socket: Socket) => void;

let directory: string;
let server: Server;
let sockets: Socket[];

function listen(version: number, script: ProxyScript): Promise<string> {
  const path = join(directory, 'ctl');
  server = createServer((socket) => {
    sockets.push(socket);
    socket.on('error', () => undefined);
    socket.write(encodeMuxMessage({ type: 'MUX_MSG_HELLO', version, extensions: [] }));
    const mux = new MuxDecoder();
    let proxy: ProxyPacketDecoder | undefined;
    socket.on('data', (chunk: Buffer) => {
      if (proxy) {
        for (const packet of proxy.push(chunk)) script(packet, socket);
        return;
      }
      for (const message of mux.push(chunk)) {
        if (message.type === 'MUX_C_PROXY') {
          socket.write(encodeMuxMessage({ type: 'MUX_S_PROXY', requestId: message.requestId }));
          proxy = new ProxyPacketDecoder();
          for (const packet of proxy.push(mux.takeRemainder())) script(packet, socket);
        } else if (message.type === 'MUX_C_ALIVE_CHECK') {
          socket.write(
            encodeMuxMessage({ type: 'MUX_S_ALIVE', requestId: message.requestId, pid: 4242 }),
          );
        } else if (message.type === 'MUX_C_OPEN_FWD') {
          const reason = 'Port forwarding failed';
          socket.write(
            encodeMuxMessage({ type: 'MUX_S_FAILURE', requestId: message.requestId, reason }),
          );
        }
      }
    });
  });
  return new Promise((resolve) => server.listen(path, () => resolve(path)));
}

beforeEach(() => {
  directory = mkdtempSync('/tmp/ossh-fake-');
  sockets = [];
});

afterEach(async () => {
  for (const socket of sockets) socket.destroy();
  await new Promise((resolve) => server.close(resolve));
  rmSync(directory, { recursive: true, force: true });
});

const attach = (controlSocket: string) =>
  nativeTransport().attach({ controlSocket, sshPath: 'ssh' });
const spawnTrue = {
  target: { kind: 'exec', commandLine: Buffer.from('true') },
  stdin: 'null',
  stdout: 'pipe',
  stderr: 'null',
} as const;

/** Confirms every channel open (remote id = ours + 100) and every request. */
function confirming(
  then: (packet: ProxyPacket, socket: Socket) => void = () => undefined,
): ProxyScript {
  return (packet, socket) => {
    if (packet.type === 'SSH_MSG_CHANNEL_OPEN') {
      socket.write(
        encodeProxyPacket({
          type: 'SSH_MSG_CHANNEL_OPEN_CONFIRMATION',
          recipientChannel: packet.senderChannel,
          senderChannel: packet.senderChannel + 100,
          initialWindowSize: 1 << 20,
          maximumPacketSize: 32768,
          data: new Uint8Array(0),
        }),
      );
    } else if (packet.type === 'SSH_MSG_CHANNEL_REQUEST' && packet.wantReply) {
      socket.write(
        encodeProxyPacket({
          type: 'SSH_MSG_CHANNEL_SUCCESS',
          recipientChannel: packet.recipientChannel - 100,
        }),
      );
    }
    then(packet, socket);
  };
}

describe('native transport against a misbehaving master', () => {
  it('refuses a master that speaks another mux protocol version, with a clear mux error', async () => {
    const path = await listen(5, () => undefined);
    const failure = await attach(path).catch((error: unknown) => error);
    expect(SshError.isInstance(failure)).toBe(true);
    expect(failure).toMatchObject({
      kind: 'mux',
      message: expect.stringContaining('version 5') as unknown,
    });
  });

  it('reports an unreachable control socket as a master error', async () => {
    await listen(4, () => undefined);
    await expect(attach(join(directory, 'missing'))).rejects.toMatchObject({ kind: 'master' });
  });

  it('answers check() with the master pid and maps a refused forward to a forward error', async () => {
    const transport = await attach(await listen(4, () => undefined));
    expect(await transport.check()).toEqual({ masterPid: 4242 });
    const forward = {
      kind: 'local',
      listen: { host: '127.0.0.1', port: 1 },
      connect: { host: 'x', port: 2 },
    } as const;
    await expect(transport.openForward(forward)).rejects.toMatchObject({ kind: 'forward' });
    await transport.detach();
  });

  it('fails the session with a mux error on a malformed packet, without crashing', async () => {
    const path = await listen(
      4,
      confirming((packet, socket) => {
        // A DATA packet whose string length runs past the frame.
        if (packet.type === 'SSH_MSG_CHANNEL_REQUEST' && packet.request.kind === 'exec') {
          socket.write(Buffer.from([0, 0, 0, 10, 0, 94, 0, 0, 0, 1, 0, 0, 0, 99]));
        }
      }),
    );
    const transport = await attach(path);
    const child = await transport.spawn(spawnTrue);
    await expect(child.wait()).rejects.toMatchObject({ kind: 'mux' });
    await expect(transport.spawn(spawnTrue)).rejects.toMatchObject({ kind: 'mux' });
  });

  it('fails with a mux error on packets for channels it never opened and on out-of-protocol types', async () => {
    const stray = await listen(
      4,
      confirming((packet, socket) => {
        if (packet.type === 'SSH_MSG_CHANNEL_REQUEST')
          socket.write(encodeProxyPacket({ type: 'SSH_MSG_CHANNEL_EOF', recipientChannel: 777 }));
      }),
    );
    const transport = await attach(stray);
    await expect(transport.spawn(spawnTrue).then((child) => child.wait())).rejects.toMatchObject({
      kind: 'mux',
    });
  });

  it('rejects everything pending with disconnected when the master goes away', async () => {
    const path = await listen(4, () => undefined);
    const transport = await attach(path);
    const pending = transport.spawn(spawnTrue);
    await new Promise((resolve) => setTimeout(resolve, 20));
    for (const socket of sockets) socket.destroy();
    await expect(pending).rejects.toMatchObject({ kind: 'disconnected' });
    await expect(transport.check()).rejects.toMatchObject({ kind: 'disconnected' });
  });

  it('answers unknown channel requests that want a reply with CHANNEL_FAILURE and ignores the rest', async () => {
    const answers: string[] = [];
    const path = await listen(
      4,
      confirming((packet, socket) => {
        if (packet.type === 'SSH_MSG_CHANNEL_REQUEST' && packet.request.kind === 'exec') {
          const recipientChannel = packet.recipientChannel - 100;
          const request = (wantReply: boolean, name: string) =>
            encodeProxyPacket({
              type: 'SSH_MSG_CHANNEL_REQUEST',
              recipientChannel,
              wantReply,
              request: { kind: 'unknown', name, data: new Uint8Array(0) },
            });
          socket.write(request(true, 'keepalive@openssh.com'));
          socket.write(request(false, 'eow@openssh.com'));
          socket.write(
            encodeProxyPacket({
              type: 'SSH_MSG_CHANNEL_REQUEST',
              recipientChannel,
              wantReply: false,
              request: { kind: 'exit-status', exitStatus: 7 },
            }),
          );
          socket.write(encodeProxyPacket({ type: 'SSH_MSG_CHANNEL_CLOSE', recipientChannel }));
        }
        if (packet.type === 'SSH_MSG_CHANNEL_FAILURE' || packet.type === 'SSH_MSG_CHANNEL_SUCCESS')
          answers.push(packet.type);
      }),
    );
    const transport = await attach(path);
    const child = await transport.spawn(spawnTrue);
    expect(await child.wait()).toEqual({ code: 7, signal: null, coreDumped: false });
    await vi.waitFor(() => expect(answers).toEqual(['SSH_MSG_CHANNEL_FAILURE']));
  });
});

describe('window-change on the wire', () => {
  it('is sent without want-reply, with no EOF on a pty session; a lost link makes it disconnected', async () => {
    const seen: ProxyPacket[] = [];
    const transport = await attach(
      await listen(
        4,
        confirming((packet) => seen.push(packet)),
      ),
    );
    const child = await transport.spawn({
      ...spawnTrue,
      pty: { term: 'xterm', columns: 80, rows: 24, widthPixels: 640, heightPixels: 480 },
    });
    child.resize!({ columns: 132, rows: 50 });
    await vi.waitFor(() =>
      expect(seen.at(-1)).toMatchObject({
        type: 'SSH_MSG_CHANNEL_REQUEST',
        wantReply: false,
        request: { kind: 'window-change', widthCharacters: 132, heightRows: 50, widthPixels: 0 },
      }),
    );
    expect(seen.map((packet) => packet.type)).not.toContain('SSH_MSG_CHANNEL_EOF');
    expect(seen.find((packet) => packet.type === 'SSH_MSG_CHANNEL_REQUEST')).toMatchObject({
      request: { kind: 'pty-req', widthPixels: 640, heightPixels: 480 },
    });
    for (const socket of sockets) socket.destroy();
    await expect(child.wait()).rejects.toMatchObject({ kind: 'disconnected' });
    expect(() => child.resize!({ columns: 100, rows: 30 })).toThrow(
      expect.objectContaining({ kind: 'disconnected' }),
    );
  });

  it('refuses a resize of a command without a pty', async () => {
    const transport = await attach(await listen(4, confirming()));
    const child = await transport.spawn(spawnTrue);
    expect(() => child.resize!({ columns: 132, rows: 50 })).toThrow(
      expect.objectContaining({ kind: 'unsupported' }),
    );
    await transport.detach();
  });
});
