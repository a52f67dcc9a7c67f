import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Contender, Sample } from './bench-case.js';
import type { CpuTargets } from './cpu-meter.js';

const WORKER = fileURLToPath(new URL('./worker.ts', import.meta.url));

/** What the parent asks a worker to do next. */
export type WorkerRequest =
  | { readonly type: 'run'; readonly repetition: number }
  | { readonly type: 'verify' }
  | { readonly type: 'finish' };

/**
 * What a worker answers. `ready` carries the processes serving the contender
 * when the case accounts for CPU; `sample` figures come with the worker's
 * peak RSS so far and the CPU the worker (and the children it reaped) spent
 * on that repetition, null when it could not be read.
 */
export type WorkerReply =
  | {
      readonly type: 'ready';
      readonly settledRssBytes: number;
      readonly cpuTargets?: CpuTargets;
    }
  | {
      readonly type: 'sample';
      readonly value: number;
      readonly peakRssBytes: number;
      readonly clientCpuSeconds: number | null;
    }
  | { readonly type: 'verified' }
  | { readonly type: 'error'; readonly message: string };

function isPid(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value > 0;
}

/**
 * Checks the CPU targets a worker sent: pids it cannot vouch for are dropped
 * (those figures stay blank) rather than trusted.
 */
export function parseCpuTargets(value: unknown): CpuTargets | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { masterPid, connection } = value as Partial<Record<string, unknown>>;
  const holder = (connection ?? {}) as Partial<Record<string, unknown>>;
  const localPort = holder.localPort;
  return {
    ...(isPid(masterPid) ? { masterPid } : {}),
    ...(isPid(holder.pid)
      ? { connection: { pid: holder.pid, ...(isPid(localPort) ? { localPort } : {}) } }
      : {}),
  };
}

/** Checks an IPC message from a worker; anything else is a protocol error. */
export function parseWorkerReply(message: unknown): WorkerReply {
  const reply = message as Partial<Record<string, unknown>> | null;
  switch (reply?.type) {
    case 'ready':
      if (typeof reply.settledRssBytes === 'number') {
        const cpuTargets = parseCpuTargets(reply.cpuTargets);
        return {
          type: 'ready',
          settledRssBytes: reply.settledRssBytes,
          ...(cpuTargets === undefined ? {} : { cpuTargets }),
        };
      }
      break;
    case 'sample':
      if (typeof reply.value === 'number' && typeof reply.peakRssBytes === 'number') {
        const cpu = reply.clientCpuSeconds;
        return {
          type: 'sample',
          value: reply.value,
          peakRssBytes: reply.peakRssBytes,
          clientCpuSeconds: typeof cpu === 'number' && cpu >= 0 ? cpu : null,
        };
      }
      break;
    case 'verified':
      return { type: 'verified' };
    case 'error':
      return { type: 'error', message: String(reply.message) };
    default:
      break;
  }
  throw new Error(`unexpected message from worker: ${JSON.stringify(message)?.slice(0, 200)}`);
}

/** One worker process and a way to wait for its next reply. */
class WorkerHandle {
  readonly #child: ChildProcess;
  readonly #replies: WorkerReply[] = [];
  #waiting: ((reply: WorkerReply) => void) | undefined;
  #stderr = '';

  constructor(args: readonly string[]) {
    // Same Node, same loader (tsx) and export conditions as this process.
    this.#child = spawn(process.execPath, [...process.execArgv, WORKER, ...args], {
      stdio: ['ignore', 'inherit', 'pipe', 'ipc'],
    });
    this.#child.stderr?.setEncoding('utf8').on('data', (text: string) => {
      this.#stderr = (this.#stderr + text).slice(-2000);
    });
    this.#child.on('message', (message) => {
      let reply: WorkerReply;
      try {
        reply = parseWorkerReply(message);
      } catch (error) {
        reply = { type: 'error', message: error instanceof Error ? error.message : String(error) };
      }
      this.#deliver(reply);
    });
    // A worker that died (e.g. on Ctrl-C) makes sends fail with EPIPE; its
    // exit, reported below, is what counts.
    this.#child.on('error', () => undefined);
    this.#child.once('exit', (code, signal) => {
      const last = this.#stderr.trim().split('\n').pop() ?? '';
      this.#deliver({
        type: 'error',
        message: `worker ended (${signal ?? `exit ${String(code)}`}): ${last}`,
      });
    });
  }

  #send(request: WorkerRequest): void {
    if (this.#child.connected) this.#child.send(request, () => undefined);
  }

  #deliver(reply: WorkerReply): void {
    const waiting = this.#waiting;
    this.#waiting = undefined;
    if (waiting) waiting(reply);
    else this.#replies.push(reply);
  }

  /** Sends a request (if any) and resolves with the next reply, rejecting on `error`. */
  async next(request?: WorkerRequest): Promise<WorkerReply> {
    if (request !== undefined) this.#send(request);
    const reply =
      this.#replies.shift() ??
      (await new Promise<WorkerReply>((resolve) => (this.#waiting = resolve)));
    if (reply.type === 'error') throw new Error(reply.message);
    return reply;
  }

  /** Asks the worker to tear down and waits for it to exit; kills it after 15 s. */
  async finish(): Promise<void> {
    if (this.#child.exitCode !== null || this.#child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => this.#child.once('exit', () => resolve()));
    this.#send({ type: 'finish' });
    const timer = setTimeout(() => this.#child.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(timer);
  }
}

/**
 * Wraps a contender so that it lives in its own Node worker process for the
 * whole case: the worker rebuilds the same case from the environment file,
 * does setup, then runs and checks repetitions when asked (so interleaving
 * with the other contenders is unchanged), and reports with every figure the
 * peak RSS of its process so far — this contender's alone.
 */
export function isolated(caseId: string, contender: Contender, environmentFile: string): Contender {
  let worker: WorkerHandle | undefined;
  let settledRssBytes = 0;
  let cpuTargets: CpuTargets | undefined;
  return {
    name: contender.name,
    role: contender.role,
    ...(contender.unavailable === undefined ? {} : { unavailable: contender.unavailable }),
    setup: async () => {
      worker = new WorkerHandle([environmentFile, caseId, contender.name]);
      const ready = await worker.next();
      if (ready.type === 'ready') {
        settledRssBytes = ready.settledRssBytes;
        cpuTargets = ready.cpuTargets;
      }
    },
    run: async (repetition): Promise<Sample> => {
      if (worker === undefined) throw new Error('not set up');
      const reply = await worker.next({ type: 'run', repetition });
      if (reply.type !== 'sample') throw new Error(`worker answered ${reply.type} to run`);
      return {
        value: reply.value,
        peakRssBytes: reply.peakRssBytes,
        settledRssBytes,
        clientCpuSeconds: reply.clientCpuSeconds,
      };
    },
    cpuTargets: () => Promise.resolve(cpuTargets ?? {}),
    verify: async () => {
      if (worker === undefined) throw new Error('not set up');
      await worker.next({ type: 'verify' });
    },
    teardown: async () => {
      await worker?.finish();
      worker = undefined;
    },
  };
}
