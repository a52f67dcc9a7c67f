// Shared tsup preset: ESM + CJS with types for each, so both `import` and
// `require` users are served (checked by publint and attw in check:packages).
import { defineConfig } from 'tsup';

/**
 * @param {Partial<import('tsup').Options>} [overrides]
 */
export function packageBuildConfig(overrides = {}) {
  return defineConfig({
    entry: ['src/index.ts'],
    format: ['esm', 'cjs'],
    // The composite project settings are for `tsc -b`; tsup emits its own declarations.
    dts: { compilerOptions: { composite: false, incremental: false } },
    sourcemap: true,
    clean: true,
    target: 'node20',
    platform: 'node',
    splitting: false,
    // No rollup pass: its tree-shaking dropped `watch.onExit?.(exit)` in
    // transport-ssh2 (it took a property that another module assigns later
    // for always undefined), so built commands never finished while the
    // sources worked. esbuild's bundling already leaves out unused code.
    treeshake: false,
    ...overrides,
  });
}
