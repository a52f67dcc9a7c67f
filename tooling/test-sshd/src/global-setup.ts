// vitest globalSetup for `*.integration.test.ts`: one real sshd per run,
// handed to tests with provide()/inject(). A missing sshd throws here, which
// fails the run: integration tests are never skipped.
import type { TestProject } from 'vitest/node';
import { startSshd } from './start-sshd.js';
import type {} from './vitest-context.js';

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const sshd = await startSshd();
  project.provide('sshd', sshd.info);
  return () => sshd.stop();
}
