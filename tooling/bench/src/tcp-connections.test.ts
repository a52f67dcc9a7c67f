import { describe, expect, it } from 'vitest';
import { connectionRootOf, parseTcpTable, serverSideOf } from './tcp-connections.js';

// 127.0.0.1:22222 (sshd, 0x56CE) listening, and one connection from port
// 40000 (0x9C40), both ends, plus one from 40001 that belongs to someone else.
const TABLE = `  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
   0: 0100007F:56CE 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 100 1 0 100 0 0 10 0
   1: 0100007F:9C40 0100007F:56CE 01 00000000:00000000 00:00000000 00000000     0        0 201 1 0 20 4 30 10 -1
   2: 0100007F:56CE 0100007F:9C40 01 00000000:00000000 00:00000000 00000000  1001        0 301 1 0 20 4 30 10 -1
   3: 0100007F:9C41 0100007F:56CE 01 00000000:00000000 00:00000000 00000000     0        0 202 1 0 20 4 30 10 -1
   4: 0100007F:56CE 0100007F:9C41 01 00000000:00000000 00:00000000 00000000  1001        0 302 1 0 20 4 30 10 -1
   5: garbage line
`;

describe('parseTcpTable', () => {
  it('reads addresses, ports, state and inode, skipping what does not parse', () => {
    const sockets = parseTcpTable(TABLE);
    expect(sockets).toHaveLength(5);
    expect(sockets[1]).toEqual({
      local: '0100007F:9C40',
      remote: '0100007F:56CE',
      localPort: 40000,
      remotePort: 22222,
      state: '01',
      inode: 201,
    });
  });
});

describe('serverSideOf', () => {
  const sockets = parseTcpTable(TABLE);

  it("finds sshd's end of the holder's connection", () => {
    expect(serverSideOf(sockets, new Set([201, 999]), 22222)?.inode).toBe(301);
  });

  it('tells two connections of one holder apart by local port, and refuses to guess without it', () => {
    const both = new Set([201, 202]);
    expect(serverSideOf(sockets, both, 22222, 40001)?.inode).toBe(302);
    expect(serverSideOf(sockets, both, 22222)).toBeUndefined();
  });

  it('finds nothing for another port or a holder without sockets', () => {
    expect(serverSideOf(sockets, new Set([201]), 2222)).toBeUndefined();
    expect(serverSideOf(sockets, new Set(), 22222)).toBeUndefined();
  });
});

describe('connectionRootOf', () => {
  // listener 100 → monitor 200 → unprivileged child 201 → session 202
  const parents = new Map([
    [100, 1],
    [200, 100],
    [201, 200],
    [202, 201],
    [300, 1],
  ]);

  it("walks up to the listener's direct child", () => {
    expect(connectionRootOf(parents, 100, 202)).toBe(200);
    expect(connectionRootOf(parents, 100, 200)).toBe(200);
  });

  it('is undefined outside the listener, and on a cycle', () => {
    expect(connectionRootOf(parents, 100, 300)).toBeUndefined();
    expect(
      connectionRootOf(
        new Map([
          [5, 6],
          [6, 5],
        ]),
        100,
        5,
      ),
    ).toBeUndefined();
  });
});
