// The SFTP suite on the ssh2 transport, in a file of its own because it runs
// with no `ssh` binary reachable (PATH without it, `sshPath` naming a file
// that does not exist), which the other transports need.
import { hideSsh } from '@openssh-ts/session-suite';
import { ssh2Transport } from '@openssh-ts/transport-ssh2';
import { afterAll } from 'vitest';
import { defineSftpSuite } from '../test/sftp-suite.js';

const hidden = hideSsh();
afterAll(() => hidden.restore());

defineSftpSuite('the ssh2 transport', ssh2Transport(), {
  connectOptions: { sshPath: hidden.sshPath },
});
