import { spawn, type StdioOptions } from 'node:child_process';

/** How a finished helper process ended. */
export interface Finished {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Options of {@link runProgram}. */
export interface RunProgramOptions {
  /** Collect stdout as text (default: discard it). */
  readonly captureStdout?: boolean;
  /** Accept a non-zero exit instead of rejecting. */
  readonly allowFailure?: boolean;
  readonly environment?: NodeJS.ProcessEnv;
}

const CAPTURE_LIMIT = 1024 * 1024;

/**
 * Runs a program to completion with stdin closed. Rejects on a failed start or,
 * unless allowed, a non-zero exit, with stderr in the message. Captured
 * output is bounded, so a chatty program cannot grow this process.
 */
export function runProgram(
  program: string,
  args: readonly string[],
  options: RunProgramOptions = {},
): Promise<Finished> {
  const stdio: StdioOptions = [
    'ignore',
    options.captureStdout === true ? 'pipe' : 'ignore',
    'pipe',
  ];
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, {
      stdio,
      ...(options.environment ? { env: options.environment } : {}),
    });
    let stdout = '';
    let stderr = '';
    child.stdout?.setEncoding('utf8').on('data', (text: string) => {
      if (stdout.length < CAPTURE_LIMIT) stdout += text;
    });
    child.stderr?.setEncoding('utf8').on('data', (text: string) => {
      if (stderr.length < CAPTURE_LIMIT) stderr += text;
    });
    child.once('error', reject);
    child.once('close', (code, signal) => {
      if ((code !== 0 || signal !== null) && options.allowFailure !== true) {
        const how = signal === null ? `exit ${String(code)}` : `signal ${signal}`;
        reject(new Error(`${program} ${args.join(' ')}: ${how}: ${stderr.trim().slice(0, 500)}`));
        return;
      }
      resolve({ code, signal, stdout, stderr });
    });
  });
}

/** Runs `task` `total` times with at most `concurrency` at once; rejects on the first failure. */
export async function runConcurrently(
  total: number,
  concurrency: number,
  task: () => Promise<void>,
): Promise<void> {
  let started = 0;
  const lane = async (): Promise<void> => {
    while (started < total) {
      started += 1;
      await task();
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, total) }, lane));
}

/** Milliseconds since an arbitrary origin, with sub-millisecond resolution. */
export function now(): number {
  return performance.now();
}
