import type { Socket } from 'node:net';
import { SshError } from '@openssh-ts/session-core';

/** Where a SOCKS client asked to connect, and how to answer it. */
export interface SocksRequest {
  readonly host: string;
  readonly port: number;
  /** Tells the client the connection is up (`ok`) or failed, in its protocol's words. */
  reply(ok: boolean): void;
}

/** A SOCKS request is a few hundred bytes at most (a 255-byte name); more is not SOCKS. */
const MAXIMUM_REQUEST = 600;

/**
 * Reads one SOCKS4, SOCKS4a or SOCKS5 (RFC 1928, no authentication)
 * CONNECT request from `socket`, as ssh -D accepts them. Rejects with
 * `SshError('forward')` for anything else; the caller closes the socket.
 * Bytes the client sent after its request stay unread in the socket.
 */
export function readSocksRequest(socket: Socket): Promise<SocksRequest> {
  return new Promise((resolve, reject) => {
    let buffered = Buffer.alloc(0);
    let greeted = false;
    const fail = (why: string): void => {
      socket.removeListener('data', onData);
      socket.removeListener('end', onEnd);
      reject(new SshError('forward', `bad SOCKS request: ${why}`));
    };
    const onEnd = (): void => fail('the client closed the connection');
    const done = (request: SocksRequest, rest: Buffer): void => {
      socket.removeListener('data', onData);
      socket.removeListener('end', onEnd);
      socket.pause();
      if (rest.length > 0) socket.unshift(rest);
      resolve(request);
    };
    const onData = (chunk: Buffer): void => {
      buffered = Buffer.concat([buffered, chunk]);
      if (buffered.length > MAXIMUM_REQUEST) return fail('too long');
      const version = buffered[0];
      if (version === 4) return parseSocks4();
      if (version !== 5) return fail(`version ${String(version)}`);
      if (!greeted) {
        if (buffered.length < 2) return;
        const methods = buffered[1]!;
        if (buffered.length < 2 + methods) return;
        if (!buffered.subarray(2, 2 + methods).includes(0)) {
          socket.write(Uint8Array.of(5, 0xff));
          return fail('no acceptable authentication method');
        }
        socket.write(Uint8Array.of(5, 0));
        greeted = true;
        buffered = buffered.subarray(2 + methods);
        if (buffered.length === 0) return;
      }
      parseSocks5();
    };
    const parseSocks5 = (): void => {
      if (buffered.length < 5) return;
      if (buffered[0] !== 5 || buffered[1] !== 1) return fail('only CONNECT is supported');
      const type = buffered[3];
      let host: string;
      let end: number;
      if (type === 1) {
        end = 4 + 4;
        if (buffered.length < end + 2) return;
        host = [...buffered.subarray(4, end)].join('.');
      } else if (type === 3) {
        end = 5 + buffered[4]!;
        if (buffered.length < end + 2) return;
        host = buffered.toString('latin1', 5, end);
      } else if (type === 4) {
        end = 4 + 16;
        if (buffered.length < end + 2) return;
        const words: string[] = [];
        for (let index = 4; index < end; index += 2)
          words.push(buffered.readUInt16BE(index).toString(16));
        host = words.join(':');
      } else return fail(`address type ${String(type)}`);
      const port = buffered.readUInt16BE(end);
      done(
        {
          host,
          port,
          // The bound address is not known here; zeros, as ssh -D answers.
          reply: (ok) => socket.write(Uint8Array.of(5, ok ? 0 : 5, 0, 1, 0, 0, 0, 0, 0, 0)),
        },
        buffered.subarray(end + 2),
      );
    };
    const parseSocks4 = (): void => {
      if (buffered.length < 9) return;
      if (buffered[1] !== 1) return fail('only CONNECT is supported');
      const userEnd = buffered.indexOf(0, 8);
      if (userEnd < 0) return;
      const port = buffered.readUInt16BE(2);
      const address = [...buffered.subarray(4, 8)];
      let host = address.join('.');
      let end = userEnd + 1;
      // SOCKS4a: 0.0.0.x with x != 0 means a host name follows the user id.
      if (address[0] === 0 && address[1] === 0 && address[2] === 0 && address[3] !== 0) {
        const nameEnd = buffered.indexOf(0, end);
        if (nameEnd < 0) return;
        host = buffered.toString('latin1', end, nameEnd);
        end = nameEnd + 1;
      }
      done(
        {
          host,
          port,
          reply: (ok) => socket.write(Uint8Array.of(0, ok ? 90 : 91, 0, 0, 0, 0, 0, 0)),
        },
        buffered.subarray(end),
      );
    };
    socket.on('data', onData);
    socket.once('end', onEnd);
  });
}
