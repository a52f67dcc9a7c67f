/**
 * The integration suite every transport must pass, against the real sshd
 * harness: a port, behaviour for behaviour, of the Rust crate's
 * `tests/openssh.rs`, plus what openssh-ts adds (env/cwd, forwards on both
 * socket kinds, 1 GiB in bounded memory, 200 commands on MaxSessions 10,
 * cancellation, terminal resize where the transport has a pty, every
 * quoting case under dash, bash, zsh, mksh, busybox ash and fish login
 * shells with csh refused, nothing left behind after each test).
 *
 * Private to the workspace (it needs vitest and the sshd harness). A
 * transport package runs it from one `*.integration.test.ts`:
 *
 * ```ts
 * import { defineSessionSuite } from '@openssh-ts/session-suite';
 * defineSessionSuite('process transport', processTransport());
 * ```
 *
 * @packageDocumentation
 */
import { describe } from 'vitest';
import type { TransportFactory } from '@openssh-ts/session-core';
import { commandTests } from './suite-commands.js';
import { cycleTests, DEFAULT_CONNECT_CYCLES } from './suite-cycles.js';
import { suiteContext, type SuiteOptions } from './suite-context.js';
import { failureTests } from './suite-failures.js';
import { forwardingTests } from './suite-forwarding.js';
import { lifecycleTests } from './suite-lifecycle.js';
import { linkFaultTests } from './suite-link-faults.js';
import { loginShellTests } from './suite-login-shells.js';
import { remoteLifetimeTests } from './suite-remote-lifetime.js';
import { longCommandLineTests } from './suite-long-command-lines.js';
import { scaleTests } from './suite-scale.js';
import { sshConfigTests } from './suite-ssh-config.js';
import { terminalTests } from './suite-terminal.js';
import { tunnelTests } from './suite-tunnels.js';

/** What a transport's run of the suite may change. */
export interface SessionSuiteOptions extends SuiteOptions {
  /**
   * Connect/close cycles checked for leaks (default 200). Each costs a full
   * SSH handshake, about 90-360 ms of this machine's two cores, so CI runs
   * 1,000 on one transport only.
   */
  readonly connectCycles?: number;
}

/** Registers the whole session suite for `transport` under `name`. */
export function defineSessionSuite(
  name: string,
  transport: TransportFactory,
  options: SessionSuiteOptions = {},
): void {
  describe(name, () => {
    const context = suiteContext(transport, options);
    // Volume first: the 1 GiB test bounds this worker's RSS, which is
    // lowest before the other tests have grown the heap.
    scaleTests(context);
    lifecycleTests(context);
    commandTests(context);
    sshConfigTests(context);
    terminalTests(context);
    failureTests(context);
    remoteLifetimeTests(context);
    forwardingTests(context);
    tunnelTests(context);
    linkFaultTests(context);
    loginShellTests(context);
    longCommandLineTests(context);
    cycleTests(context, options.connectCycles ?? DEFAULT_CONNECT_CYCLES);
  });
}

export { suiteContext, type SuiteContext, type SuiteOptions } from './suite-context.js';
export { TerminalText } from './terminal-text.js';
export {
  FAULT_DEADLINE_MS,
  FAULT_KEEPALIVE,
  LINK_FAULTS,
  throughRelay,
} from './suite-link-faults.js';
export { lookupWithoutNetwork } from './isolated-lookup.js';
export { hideSsh, type HiddenSsh } from './without-ssh.js';
export { openAndCloseRemoteForward, recordTrace, type TraceRecording } from './trace-recorder.js';
