// session-core's integration suite, the same one the process and native
// transports run, here with no `ssh` binary reachable: PATH without it and
// `sshPath` naming a file that does not exist, so every case proves the
// transport needs none.
import { defineSessionSuite, hideSsh, lookupWithoutNetwork } from '@openssh-ts/session-suite';
import { afterAll } from 'vitest';
import { ssh2Transport } from './index.js';

const hidden = hideSsh();
afterAll(() => hidden.restore());

defineSessionSuite('ssh2 transport', ssh2Transport(), {
  connectOptions: { sshPath: hidden.sshPath },
  isolatedResolver: ssh2Transport({ lookup: lookupWithoutNetwork }),
});
