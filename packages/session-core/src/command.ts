import type { Readable, Writable } from 'node:stream';
import {
  buildCommandLine,
  checkEnvName,
  commandLineText,
  type CommandPart,
} from './command-line.js';
import type { ExitStatus } from './exit-status.js';
import { startLongTimer } from './long-timer.js';
import { RemoteChild, type CommandOutput } from './remote-child.js';
import { guardedCommandLine } from './remote-shell-probe.js';
import { SshError } from './ssh-error.js';
import { checkTerminalSize } from './terminal-size.js';
import type {
  PtyOptions,
  RemoteShellFamily,
  SpawnTarget,
  StdioOption,
  TransportChild,
} from './transport.js';
import type { Session } from './session.js';

/** @internal What a Command needs from its session. */
export interface CommandHost {
  readonly session: Session;
  /**
   * Starts the target on the session's transport; `remoteShell` is the
   * family its line is quoted for, undefined for a line that means the same
   * to every shell.
   */
  start(
    target: SpawnTarget,
    remoteShell: RemoteShellFamily | undefined,
    stdio: {
      stdin: StdioOption<Readable>;
      stdout: StdioOption<Writable>;
      stderr: StdioOption<Writable>;
      pty?: PtyOptions;
    },
    signal: AbortSignal | undefined,
  ): Promise<{ child: TransportChild; canSignal: boolean }>;
  /** Whether command lines travel as UTF-8 text (transport without binary command lines). */
  utf8Only(): boolean;
  /**
   * The remote login shell's family: known at once, or found by the
   * session's probe (run once, before the first command that needs it).
   */
  remoteShell(signal: AbortSignal | undefined): Promise<RemoteShellFamily>;
  /** The family if already known (for `toString()`), else `posix`. */
  knownRemoteShell(): RemoteShellFamily;
  /** Whether the family is still to be told by the probe: neither known nor refused. */
  remoteShellPending(): boolean;
}

// A function, so TypeScript does not keep an earlier narrowing of `aborted` across awaits.
function isAborted(signal: AbortSignal | undefined): signal is AbortSignal {
  return signal?.aborted === true;
}

type Target =
  | { readonly kind: 'exec'; readonly parts: CommandPart[] }
  | { readonly kind: 'subsystem'; readonly name: string };

/**
 * A remote command being described, then run with `spawn()`, `output()` or
 * `status()`. Made by `session.command(program)` (program and every `arg`
 * quoted), `session.rawCommand(line)` (line pasted as is), `session.shell(script)`
 * (`sh -c <script>`) or `session.subsystem(name)`. Setters return `this`.
 *
 * `env` and `cwd` are built into the command line (see `command-line.ts`):
 * `cd -- <dir> && exec env -- NAME=value ... <program> <args>`. For
 * `rawCommand`, the raw line follows `env --`, so it must begin with a
 * program name; for compound shell code use `shell()`, where env and cwd
 * apply to the whole script. Stdio defaults to `'null'`, as in the crate;
 * `output()` defaults stdout and stderr to `'pipe'`.
 *
 * @example
 * ```ts
 * // Runs `cd -- /srv/app && exec env -- MODE=check ls -l 'a file'` remotely.
 * const { status, stdout } = await session
 *   .command('ls')
 *   .args(['-l', 'a file'])
 *   .env('MODE', 'check')
 *   .cwd('/srv/app')
 *   .timeout(10_000)
 *   .output();
 * if (status.success) process.stdout.write(stdout);
 * ```
 */
export class Command {
  readonly #host: CommandHost;
  readonly #target: Target;
  readonly #env = new Map<string, string | Uint8Array>();
  #cwd: string | Uint8Array | undefined;
  #stdin: StdioOption<Readable> | undefined;
  #stdout: StdioOption<Writable> | undefined;
  #stderr: StdioOption<Writable> | undefined;
  #pty: PtyOptions | undefined;
  #signal: AbortSignal | undefined;
  #timeout: number | undefined;

  /** @internal Use the session's factory methods. */
  constructor(host: CommandHost, target: Target) {
    this.#host = host;
    this.#target = target;
  }

  #parts(method: string): CommandPart[] {
    if (this.#target.kind !== 'exec') {
      throw new SshError('invalid-command', `${method}() cannot be used on a subsystem`);
    }
    return this.#target.parts;
  }

  /** Appends one argument, quoted so it reaches the program byte for byte. */
  arg(value: string | Uint8Array): this {
    this.#parts('arg').push({ raw: false, value });
    return this;
  }

  /** Appends arguments, each quoted. */
  args(values: Iterable<string | Uint8Array>): this {
    for (const value of values) this.arg(value);
    return this;
  }

  /** Appends text pasted into the command line as is: the remote shell interprets it. */
  rawArg(value: string | Uint8Array): this {
    this.#parts('rawArg').push({ raw: true, value });
    return this;
  }

  /** Appends several raw parts. */
  rawArgs(values: Iterable<string | Uint8Array>): this {
    for (const value of values) this.rawArg(value);
    return this;
  }

  /** Sets an environment variable for this command only. Invalid names are an `invalid-command` error. */
  env(name: string, value: string | Uint8Array): this {
    this.#parts('env');
    checkEnvName(name);
    this.#env.set(name, value);
    return this;
  }

  /** Sets several environment variables. */
  envs(
    variables: Readonly<Record<string, string>> | Iterable<readonly [string, string | Uint8Array]>,
  ): this {
    const entries = Symbol.iterator in variables ? variables : Object.entries(variables);
    for (const [name, value] of entries) this.env(name, value);
    return this;
  }

  /** Runs the command in `directory` (relative to the login directory; no `~` expansion). */
  cwd(directory: string | Uint8Array): this {
    this.#parts('cwd');
    this.#cwd = directory;
    return this;
  }

  /** Remote stdin: `'null'` (default), `'pipe'`, `'inherit'`, or a stream to read from. */
  stdin(option: StdioOption<Readable>): this {
    this.#stdin = option;
    return this;
  }

  /** Remote stdout: `'null'` (default), `'pipe'`, `'inherit'`, or a stream to write to (not ended). */
  stdout(option: StdioOption<Writable>): this {
    this.#stdout = option;
    return this;
  }

  /** Remote stderr: as {@link stdout}. */
  stderr(option: StdioOption<Writable>): this {
    this.#stderr = option;
    return this;
  }

  /**
   * Requests a pseudo-terminal, where the transport can; its size may change
   * later with `RemoteChild.resize`. A size outside 1..65535 columns and
   * rows (0..65535 pixels) is an `invalid-command` error, because the
   * server would cut it silently.
   */
  pty(options: PtyOptions): this {
    checkTerminalSize(options, 'pty');
    this.#pty = options;
    return this;
  }

  /** Cancels the command when `signal` aborts; the promise rejects with `signal.reason`. */
  signal(signal: AbortSignal): this {
    this.#signal = signal;
    return this;
  }

  /**
   * Cancels the command after `milliseconds`, rejecting with
   * `SshError('aborted')`. Any positive number: delays past Node's timer
   * limit (2^31 ms) are waited out in steps, and `Infinity` means no timeout.
   */
  timeout(milliseconds: number): this {
    if (typeof milliseconds !== 'number' || !(milliseconds > 0))
      throw new SshError(
        'invalid-command',
        `timeout must be positive, got ${String(milliseconds)}`,
      );
    this.#timeout = milliseconds;
    return this;
  }

  /** The spawn target; throws `invalid-command` for what cannot be expressed. */
  #spawnTarget(shell: RemoteShellFamily): SpawnTarget {
    if (this.#target.kind === 'subsystem') return { kind: 'subsystem', name: this.#target.name };
    const commandLine = buildCommandLine({
      parts: this.#target.parts,
      env: this.#env,
      cwd: this.#cwd,
      utf8Only: this.#host.utf8Only(),
      shell,
    });
    return { kind: 'exec', commandLine };
  }

  /**
   * The command line as it will be sent (quoted), or `subsystem <name>`.
   * Quoted for the remote login shell once the session knows it (after its
   * first command, with `remoteShell: 'auto'`), for POSIX sh before.
   */
  toString(): string {
    const target = this.#spawnTarget(this.#host.knownRemoteShell());
    return target.kind === 'exec'
      ? commandLineText(target.commandLine)
      : `subsystem ${target.name}`;
  }

  #combinedSignal(): AbortSignal | undefined {
    const signals: AbortSignal[] = [];
    if (this.#signal !== undefined) signals.push(this.#signal);
    if (this.#timeout !== undefined && this.#timeout !== Infinity) {
      const timeout = this.#timeout;
      const controller = new AbortController();
      startLongTimer(timeout, () => {
        controller.abort(new SshError('aborted', `command timed out after ${timeout} ms`));
      });
      signals.push(controller.signal);
    }
    if (signals.length <= 1) return signals[0];
    return AbortSignal.any(signals);
  }

  #stdio(defaults: 'null' | 'pipe'): Parameters<CommandHost['start']>[2] {
    return {
      stdin: this.#stdin ?? 'null',
      stdout: this.#stdout ?? defaults,
      stderr: this.#stderr ?? defaults,
      ...(this.#pty === undefined ? {} : { pty: this.#pty }),
    };
  }

  async #spawnWith(defaults: 'null' | 'pipe'): Promise<RemoteChild> {
    // Refused before the probe runs: what cannot be expressed in POSIX sh
    // (NUL, a bad name) cannot in fish either.
    this.#spawnTarget('posix');
    const signal = this.#combinedSignal();
    if (signal?.aborted === true) throw signal.reason;
    const shell = this.#target.kind === 'exec' ? await this.#host.remoteShell(signal) : 'posix';
    const target = this.#spawnTarget(shell);
    const commandText =
      target.kind === 'exec' ? commandLineText(target.commandLine) : `subsystem ${target.name}`;
    return this.#start(target, shell, this.#stdio(defaults), signal, commandText);
  }

  async #start(
    target: SpawnTarget,
    shell: RemoteShellFamily | undefined,
    stdio: Parameters<CommandHost['start']>[2],
    signal: AbortSignal | undefined,
    commandText: string,
  ): Promise<RemoteChild> {
    try {
      const { child, canSignal } = await this.#host.start(target, shell, stdio, signal);
      return new RemoteChild({
        child,
        session: this.#host.session,
        commandText,
        signal,
        canSignal,
        pty: this.#pty !== undefined,
      });
    } catch (error) {
      // Read again: the signal may have fired while starting.
      if (isAborted(signal)) throw signal.reason;
      if (SshError.isInstance(error) && error.command === undefined) {
        throw new SshError(error.kind, error.message, {
          cause: error.cause,
          ...(error.reason === undefined ? {} : { reason: error.reason }),
          ...(error.sshOutput === undefined ? {} : { sshOutput: error.sshOutput }),
          command: commandText,
        });
      }
      throw error;
    }
  }

  /** Starts the command and returns a handle to it once the remote side has it. */
  spawn(): Promise<RemoteChild> {
    return this.#spawnWith('null');
  }

  /**
   * The line to run beside the session's shell probe, for `output()` and
   * `status()` while the probe has not answered: see
   * {@link guardedCommandLine}. Only where nothing of the caller's can see
   * the command before the probe's verdict: no child handed out (not
   * `spawn()`), no stdin or output streams of theirs, no pty, and nothing
   * that cancels it (a cancel must reach the command, and the process
   * transport signals a command only through a report the line carries).
   */
  #besideProbe(defaults: 'null' | 'pipe'): SpawnTarget | undefined {
    if (this.#target.kind !== 'exec' || this.#pty !== undefined) return undefined;
    if (this.#signal !== undefined) return undefined;
    if (this.#timeout !== undefined && this.#timeout !== Infinity) return undefined;
    const stdio = this.#stdio(defaults);
    if (stdio.stdin !== 'null') return undefined;
    if (![stdio.stdout, stdio.stderr].every((option) => option === 'null' || option === 'pipe'))
      return undefined;
    if (!this.#host.remoteShellPending()) return undefined;
    const posix = this.#spawnTarget('posix');
    let fish: SpawnTarget;
    try {
      fish = this.#spawnTarget('fish');
    } catch {
      return undefined;
    }
    if (posix.kind !== 'exec' || fish.kind !== 'exec') return undefined;
    const guarded = guardedCommandLine(posix.commandLine, fish.commandLine);
    return guarded === undefined ? undefined : { kind: 'exec', commandLine: guarded };
  }

  /**
   * Runs `target` (a guarded first command) beside the shell probe and
   * settles once both have: with the command's result when the login shell
   * is one the session quotes for, else with the probe's error (the guard
   * saw to it that the command ran nothing there). Costs the round trips
   * of one command instead of two in a row.
   */
  async #runBesideProbe<T>(
    target: SpawnTarget,
    defaults: 'null' | 'pipe',
    finish: (child: RemoteChild) => Promise<T>,
  ): Promise<T> {
    let child: RemoteChild | undefined;
    let refused = false;
    const verdict = this.#host.remoteShell(undefined).catch((error: unknown) => {
      refused = true;
      child?.disconnect();
      throw error;
    });
    const commandText = this.toString();
    const result = this.#start(
      target,
      undefined,
      this.#stdio(defaults),
      undefined,
      commandText,
    ).then((started) => {
      child = started;
      if (refused) started.disconnect();
      return finish(started);
    });
    const [shell, outcome] = await Promise.allSettled([verdict, result]);
    if (shell.status === 'rejected') throw shell.reason;
    if (outcome.status === 'rejected') throw outcome.reason;
    return outcome.value;
  }

  /** Runs the command, collecting stdout and stderr (`'pipe'` unless set otherwise). */
  async output(): Promise<CommandOutput> {
    const guarded = this.#besideProbe('pipe');
    if (guarded !== undefined)
      return this.#runBesideProbe(guarded, 'pipe', (child) => child.waitWithOutput());
    const child = await this.#spawnWith('pipe');
    return child.waitWithOutput();
  }

  /** Runs the command and returns its exit status. */
  async status(): Promise<ExitStatus> {
    const guarded = this.#besideProbe('null');
    if (guarded !== undefined)
      return this.#runBesideProbe(guarded, 'null', (child) => child.wait());
    const child = await this.#spawnWith('null');
    return child.wait();
  }
}
