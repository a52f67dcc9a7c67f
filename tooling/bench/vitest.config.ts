import { packageTestConfig } from '@openssh-ts/config/vitest';

// Unit tests only: the benchmarks themselves are the integration run.
export default packageTestConfig({ integration: false });
