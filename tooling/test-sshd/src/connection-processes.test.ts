import { describe, expect, it } from 'vitest';
import { connectedSocketInodes, connectionProcesses } from './connection-processes.js';

// /proc/net/tcp as Linux prints it: port 0xA7BB = 42939 listening (0A), two
// connections to it (01), and a client socket whose *remote* port is 42939.
const table = [
  '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode',
  '   0: 0100007F:A7BB 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1001 1 0 100 0 0 10 0',
  '   1: 0100007F:A7BB 0100007F:D0A2 01 00000000:00000000 02:0009A4B5 00000000     0        0 1002 4 0 20 4 30 10 -1',
  '   2: 0100007F:A7BB 0100007F:D0A4 06 00000000:00000000 03:00000D2C 00000000     0        0 0 3 0 0 0 0 0',
  '   3: 0100007F:D0A2 0100007F:A7BB 01 00000000:00000000 02:0009A4B5 00000000     0        0 1003 4 0 20 4 30 10 -1',
].join('\n');

describe('connectedSocketInodes', () => {
  it('keeps the connected sockets of the local port, not the listener, a client or a TIME_WAIT without inode', () => {
    expect([...connectedSocketInodes(42939, [table, ''])]).toEqual(['1002']);
  });
});

describe('connectionProcesses', () => {
  it("lists each monitor and its sshd children, not the sessions' commands", () => {
    const processes = [
      { pid: 10, parentPid: 1, commandLine: 'sshd -D -e -f /tmp/osd-x/sshd_config' },
      { pid: 11, parentPid: 10, commandLine: 'sshd: ossh-test [priv]' },
      { pid: 12, parentPid: 11, commandLine: 'sshd: ossh-test@notty' },
      { pid: 13, parentPid: 12, commandLine: 'sh -c sleep 30' },
      { pid: 14, parentPid: 1, commandLine: 'sshd: someone-else@notty' },
    ];
    // Port 1 has no connected sockets, so only parentage counts here.
    expect(connectionProcesses(10, 1, processes).sort()).toEqual([11, 12]);
  });
});
