// Regression (issue 15, point 9): `ossh run -H 127.0.0.1:1` read a port from
// `host:port` while `ossh exec` / `ossh check` and Session.connect took
// `127.0.0.1:1` as a host name. parseDestination is now the one parser of
// the library and of every CLI command (apps/cli's host-list uses it too),
// and reads `host:port` as host and port.
import { describe, expect, it } from 'vitest';
import { parseDestination } from '../destination.js';
import { masterArguments } from '../master-arguments.js';

describe('regression: host:port was a port for run and a host name for exec', () => {
  it('host:port gives ssh the host and -p port, as [host]:port and ssh:// do', () => {
    const paths = { controlSocket: '/tmp/ossh-x/master', masterLog: '/tmp/ossh-x/log' };
    for (const destination of ['127.0.0.1:1', '[127.0.0.1]:1', 'ssh://127.0.0.1:1']) {
      const argv = masterArguments({}, parseDestination(destination), paths);
      expect(argv.slice(-2)).toEqual(['--', '127.0.0.1']);
      expect(argv.join(' ')).toContain('-p 1');
    }
  });
});
