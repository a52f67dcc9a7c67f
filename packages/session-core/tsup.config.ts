import { packageBuildConfig } from '@openssh-ts/config/tsup';

export default packageBuildConfig({
  entry: { index: 'src/index.ts', 'testing/session-suite': 'src/testing/session-suite.ts' },
  // The testing entry is for transport test suites; vitest and the harness stay theirs.
  external: ['vitest', '@openssh-ts/test-sshd'],
});
