// Shared vitest preset. Every package splits its tests into two projects:
// `unit` (pure logic, no sshd) and `integration` (`*.integration.test.ts`,
// against a real OpenSSH sshd started once per run by the harness'
// globalSetup). `test:unit` selects only the first; `test` runs both, and a
// missing sshd fails the run instead of skipping it.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const globalSetup = fileURLToPath(new URL('../test-sshd/src/global-setup.ts', import.meta.url));

const sourceResolve = {
  // Tests import workspace packages from source: no build before a test run.
  conditions: ['@openssh-ts/source'],
};

/**
 * Builds a package's vitest config.
 * @param {{ integration?: boolean, testTimeout?: number, integrationTimeout?: number }} [options]
 */
export function packageTestConfig(options = {}) {
  const { integration = true, testTimeout = 10_000, integrationTimeout = 60_000 } = options;
  /** @type {import('vitest/config').TestProjectInlineConfiguration[]} */
  const projects = [
    {
      extends: true,
      test: {
        name: 'unit',
        include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
        exclude: ['**/*.integration.test.ts', '**/node_modules/**'],
        testTimeout,
      },
    },
  ];
  if (integration) {
    projects.push({
      extends: true,
      test: {
        name: 'integration',
        include: ['src/**/*.integration.test.ts', 'test/**/*.integration.test.ts'],
        globalSetup: [globalSetup],
        testTimeout: integrationTimeout,
        hookTimeout: integrationTimeout,
      },
    });
  }
  return defineConfig({
    resolve: sourceResolve,
    ssr: {
      resolve: { conditions: ['@openssh-ts/source'], externalConditions: ['@openssh-ts/source'] },
    },
    test: {
      passWithNoTests: false,
      // The JSON report feeds the run-wide `N passed, N failed` line that
      // tooling/scripts/test-summary.mjs prints at the end of CI.
      reporters: ['default', 'json'],
      outputFile: { json: '.vitest-report.json' },
      projects,
    },
  });
}
