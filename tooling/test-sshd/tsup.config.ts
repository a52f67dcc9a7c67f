import { packageBuildConfig } from '@openssh-ts/config/tsup';

export default packageBuildConfig({
  entry: ['src/index.ts', 'src/vitest-context.ts'],
  external: ['vitest'],
});
