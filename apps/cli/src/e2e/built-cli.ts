// Test support: the built `ossh`, (re)built when older than its sources,
// and run as a user would.
import { execFileSync, spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

/** apps/cli */
export const CLI_DIRECTORY = fileURLToPath(new URL('../..', import.meta.url));
/** The built binary (`bin.ossh`). */
export const CLI_BINARY = join(CLI_DIRECTORY, 'dist', 'index.js');

/**
 * Builds `ossh` when dist/index.js is missing or older than any source it
 * bundles (its own, the workspace packages', the harness'), at most once per
 * test run: test files run in parallel workers, and a rebuild (tsup empties
 * dist/ first) must never pull the binary from under a running test. So the
 * check and the build happen under an flock(1), and the first worker leaves
 * a marker named after the run (the workers' parent, vitest) that the others
 * find. Both live in .tsbuild/, which is neither committed nor packed.
 */
export function ensureBuiltCli(): void {
  const scratch = join(CLI_DIRECTORY, '.tsbuild');
  mkdirSync(scratch, { recursive: true });
  const marker = join(scratch, `e2e-built-for-run-${process.ppid}`);
  const script = [
    'marker="$1"',
    'if [ -f "$marker" ]; then exit 0; fi',
    'sources="src tsup.config.ts package.json ../../tooling/test-sshd/src ../../packages/*/src"',
    // $sources is split into words and globbed on purpose.
    'if [ ! -f dist/index.js ] || [ -n "$(find $sources -newer dist/index.js -print -quit)" ]; then',
    '  pnpm exec tsup >/dev/null || exit 1',
    'fi',
    'rm -f .tsbuild/e2e-built-for-run-*',
    'touch "$marker"',
  ].join('\n');
  execFileSync('flock', [join(scratch, 'e2e-build.lock'), 'sh', '-c', script, 'sh', marker], {
    cwd: CLI_DIRECTORY,
    stdio: ['ignore', 'ignore', 'inherit'],
    timeout: 240_000,
  });
}

/** What one run of the CLI did. */
export interface CliRun {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** How to run the CLI. */
export interface CliRunOptions {
  /** Written to stdin, then stdin is closed; without it stdin is closed at once. */
  readonly input?: string | Buffer;
  readonly env?: NodeJS.ProcessEnv;
  /** Killed (SIGKILL) after this many ms; the test then fails on the result. Default 60 s. */
  readonly timeout?: number;
}

/** Runs `node dist/index.js ...args` and collects its output. */
export function runCli(args: readonly string[], options: CliRunOptions = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI_BINARY, ...args], {
      env: { ...process.env, NO_COLOR: '1', ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.stdin.on('error', () => undefined);
    child.stdin.end(options.input);
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeout ?? 60_000);
    child.once('error', reject);
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      resolve({
        code,
        signal,
        stdout: Buffer.concat(stdout).toString('utf8'),
        stderr: Buffer.concat(stderr).toString('utf8'),
      });
    });
  });
}

/** A CLI run in progress, for commands that run until interrupted. */
export interface RunningCli {
  readonly child: ChildProcessWithoutNullStreams;
  /** Output so far. */
  stdout(): string;
  stderr(): string;
  /** Resolves with the stdout match once `pattern` appears; rejects after `timeout` ms or on exit. */
  waitForStdout(pattern: RegExp, timeout?: number): Promise<RegExpMatchArray>;
  /** Resolves once the process has exited. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts the CLI without waiting for it; `env` adds to (or overrides) the test's environment. */
export function startCli(
  args: readonly string[],
  options: { readonly env?: NodeJS.ProcessEnv } = {},
): RunningCli {
  const child = spawn(process.execPath, [CLI_BINARY, ...args], {
    env: { ...process.env, NO_COLOR: '1', ...options.env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (text: string) => (stdout += text));
  child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('close', (code, signal) => resolve({ code, signal }));
  });
  return {
    child,
    stdout: () => stdout,
    stderr: () => stderr,
    exited,
    async waitForStdout(pattern, timeout = 30_000) {
      const deadline = Date.now() + timeout;
      let exitedYet = false;
      void exited.then(() => (exitedYet = true));
      for (;;) {
        const match = pattern.exec(stdout);
        if (match !== null) return match;
        if (exitedYet || Date.now() > deadline) {
          throw new Error(
            `no ${String(pattern)} in the output of ossh ${args.join(' ')}:\n${stdout}\n${stderr}`,
          );
        }
        await sleep(25);
      }
    },
  };
}
