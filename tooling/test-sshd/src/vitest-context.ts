/**
 * Vitest side of the harness: the typed `inject('sshd')` for integration
 * tests. Kept out of the main entry so the demo and benchmarks, which import
 * the harness at run time, do not load vitest.
 *
 * @packageDocumentation
 * @module @openssh-ts/test-sshd/vitest
 */
import { inject } from 'vitest';
import type { SshdInfo } from './sshd-info.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The run's shared harness sshd, started by globalSetup. */
    sshd: SshdInfo;
  }
}

/** The harness sshd that globalSetup started for this test run. */
export function harnessSshd(): SshdInfo {
  return inject('sshd');
}
