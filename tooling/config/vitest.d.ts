import type { UserConfig } from 'vitest/config';

/** Options of the shared vitest preset. */
export interface PackageTestOptions {
  /** Whether the package has `*.integration.test.ts` files needing the harness sshd. Default true. */
  integration?: boolean;
  /** Per-test timeout of unit tests in ms. */
  testTimeout?: number;
  /** Per-test and hook timeout of integration tests in ms. */
  integrationTimeout?: number;
}

/** Builds a package's vitest config with `unit` and `integration` projects. */
export function packageTestConfig(options?: PackageTestOptions): UserConfig;
