import type { Options } from 'tsup';

/** Builds a package's tsup config: ESM + CJS with declarations. */
export function packageBuildConfig(overrides?: Partial<Options>): Options;
