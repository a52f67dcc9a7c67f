import {
  isProcessAlive,
  SshError,
  stripSshNoise,
  type ForwardRequest,
  type ForwardResult,
  type MasterStatus,
} from '@openssh-ts/session-core';
import { forwardArguments } from './forward-arguments.js';
import { masterFailure } from './master-failure.js';
import { masterGreets } from './master-greeting.js';
import { runSsh, type SshResult } from './run-ssh.js';
import { controlArguments } from './ssh-arguments.js';

/** Where the master is and how to reach it. */
export interface MasterAddress {
  readonly sshPath: string;
  readonly controlSocket: string;
  readonly masterLog: string | undefined;
}

/**
 * The master's control requests, each one `ssh -S <ctl> -O <operation>`:
 * check, forward, cancel, exit. Failures are `disconnected` when the master
 * no longer answers, otherwise `forward` (forwards) or `master`.
 */
export class MasterControl {
  readonly #address: MasterAddress;
  #masterPid: number | undefined;

  constructor(address: MasterAddress) {
    this.#address = address;
  }

  #run(operation: string, extra: readonly string[] = [], signal?: AbortSignal): Promise<SshResult> {
    return runSsh(
      this.#address.sshPath,
      controlArguments(this.#address.controlSocket, operation, extra),
      signal,
    );
  }

  /** `-O check`; ssh answers `Master running (pid=N)`. */
  async check(signal?: AbortSignal): Promise<MasterStatus> {
    const result = await this.#run('check', [], signal);
    if (result.code !== 0) throw await masterFailure(this.#address.masterLog, result.stderr);
    const pid = /Master running \(pid=(\d+)\)/.exec(result.stderr)?.[1];
    if (pid === undefined) return {};
    this.#masterPid = Number(pid);
    return { masterPid: this.#masterPid };
  }

  /**
   * Whether the master that a check() found has exited since: free to ask
   * (no ssh is run), and false when no check() ever told its pid.
   */
  masterGone(): boolean {
    return this.#masterPid !== undefined && !isProcessAlive(this.#masterPid);
  }

  /**
   * Whether the master still serves its control socket, asked without
   * running ssh: cheap enough for every command's end (one local
   * connection, no process).
   */
  serving(): Promise<boolean> {
    if (this.masterGone()) return Promise.resolve(false);
    return masterGreets(this.#address.controlSocket);
  }

  /** Whether the master answers at all. */
  async alive(): Promise<boolean> {
    const result = await this.#run('check');
    return result.code === 0;
  }

  async #failure(kind: 'forward' | 'master', what: string, result: SshResult): Promise<SshError> {
    if (!(await this.alive())) return masterFailure(this.#address.masterLog, result.stderr);
    const message = stripSshNoise(result.stderr);
    return new SshError(kind, `${what} failed${message === '' ? '' : `: ${message}`}`, {
      sshOutput: message,
    });
  }

  /** `-O forward`; for a remote forward on port 0 ssh prints the allocated port on stdout. */
  async openForward(request: ForwardRequest): Promise<ForwardResult> {
    const [flag, specification] = forwardArguments(request);
    const result = await this.#run('forward', [flag, specification]);
    if (result.code !== 0)
      throw await this.#failure('forward', `forward ${flag} ${specification}`, result);
    const allocated = /^(\d+)\s*$/m.exec(result.stdout)?.[1];
    return request.kind === 'remote' &&
      'port' in request.listen &&
      request.listen.port === 0 &&
      allocated !== undefined
      ? { allocatedPort: Number(allocated) }
      : {};
  }

  /** `-O cancel`. */
  async closeForward(request: ForwardRequest): Promise<void> {
    const [flag, specification] = forwardArguments(request);
    const result = await this.#run('cancel', [flag, specification]);
    // ssh exits 0 even when the master refused the cancel (mux.c); only its message tells.
    if (result.code !== 0 || /request failed/.test(result.stderr))
      throw await this.#failure('forward', `cancelling ${flag} ${specification}`, result);
  }

  /** `-O exit`: the master replies, then exits. */
  async exit(): Promise<void> {
    const result = await this.#run('exit');
    if (result.code !== 0) throw await masterFailure(this.#address.masterLog, result.stderr);
  }
}
