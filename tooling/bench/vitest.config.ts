import { packageTestConfig } from '@openssh-ts/config/vitest';

// Unit tests, plus integration tests of the suite's own /proc accounting
// against the harness sshd; the benchmarks themselves run with `pnpm bench`.
export default packageTestConfig();
