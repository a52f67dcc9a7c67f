import { packageTestConfig } from '@openssh-ts/config/vitest';

// Unit tests drive the relay between local sockets; the integration test runs
// ssh through it to the harness sshd.
export default packageTestConfig();
