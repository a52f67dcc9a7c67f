// Connect/close cycles: many sessions opened and closed, then nothing of
// them may be left — no ssh process, no control directory, no socket, pipe
// or file descriptor of this process. Sessions are opened a few at a time
// (the handshake is CPU-bound on both ends; in parallel the run is as
// faithful and several times faster).
import { readdirSync } from 'node:fs';
import { newDescriptors, openDescriptors, processesMentioning } from '@openssh-ts/test-sshd';
import { describe, expect, it } from 'vitest';
import type { SuiteContext } from './suite-context.js';

/** Cycles when the transport's suite asks for no other count. */
export const DEFAULT_CONNECT_CYCLES = 200;
const PARALLEL = 4;
/** The fastest key exchange and cipher: the handshake is what these cycles repeat. */
const FAST_HANDSHAKE = ['KexAlgorithms=curve25519-sha256', 'Ciphers=aes128-gcm@openssh.com'];

/**
 * Registers the connect/close cycle test: `cycles` sessions, or
 * `OSSH_CYCLES` when set (e.g. for a quick local run).
 */
export function cycleTests(context: SuiteContext, cycles: number): void {
  const CYCLES = Number(process.env.OSSH_CYCLES ?? cycles);
  describe('connect/close cycles', () => {
    it(
      `${CYCLES} connect/close cycles leave no ssh process, directory or file descriptor`,
      async () => {
        // One session first, so that lazily opened descriptors of this process
        // (the harness, the module loader) are not counted as leaks.
        await (await context.connect({ sshOptions: FAST_HANDSHAKE })).close();
        const before = openDescriptors();
        const started = Date.now();
        let next = 0;
        const worker = async (): Promise<void> => {
          while (next < CYCLES) {
            next += 1;
            const session = await context.connect({ sshOptions: FAST_HANDSHAKE });
            await session.close();
          }
        };
        await Promise.all(Array.from({ length: PARALLEL }, worker));
        const elapsed = Date.now() - started;
        expect(processesMentioning([context.directory()])).toEqual([]);
        expect(readdirSync(context.directory())).toEqual([]);
        expect(newDescriptors(before, openDescriptors())).toEqual([]);
        console.info(
          `[cycles] ${context.transport.name}: ${CYCLES} connect/close cycles in ${(elapsed / 1000).toFixed(1)} s (${(elapsed / CYCLES).toFixed(1)} ms each, ${PARALLEL} at a time)`,
        );
        // Each cycle is a full handshake: 40-360 ms here depending on load.
      },
      CYCLES * 1000 + 60_000,
    );
  });
}
