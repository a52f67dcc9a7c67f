import { packageBuildConfig } from '@openssh-ts/config/tsup';

export default packageBuildConfig({
  // The workspace packages are bundled from their sources (the
  // @openssh-ts/source condition), so the built `ossh` runs whatever state
  // their dist/ folders are in; npm dependencies stay external.
  noExternal: [/^@openssh-ts\//],
  esbuildOptions(options) {
    options.conditions = ['@openssh-ts/source'];
  },
  // A program has no API to declare: the types come from package-info.ts.
  dts: {
    entry: { index: 'src/package-info.ts' },
    compilerOptions: { composite: false, incremental: false },
  },
});
