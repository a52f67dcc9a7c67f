// Test support: one command in a real terminal (a detached tmux pane on a
// private tmux server), its screen read back with capture-pane.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/** A tmux server with one pane running a shell command. */
export interface TmuxPane extends Disposable {
  /** The private server's socket, in a directory of its own that disposing removes. */
  readonly socketPath: string;
  /** The visible screen and scrollback, as text. */
  capture(): string;
  /** Types keys (tmux key names, e.g. `C-c`). */
  sendKeys(...keys: string[]): void;
  /** Resizes the window (and so its one pane), as dragging a terminal window does. */
  resize(columns: number, rows: number): void;
  /** The pane's size as its terminal reports it, `rows columns` like `stty size`. */
  size(): string;
  /** The pane's terminal device, e.g. `/dev/pts/7`, to read its settings with `stty -F`. */
  device(): string;
  /** Polls the screen until `pattern` shows; throws after `timeout` ms. */
  waitFor(pattern: RegExp, timeout?: number): Promise<RegExpMatchArray>;
}

let serial = 0;

/**
 * Runs `command` with `sh -c` in a 200x50 pane. The shell catches SIGINT
 * with a no-op trap so that after Ctrl-C it still prints `EXIT=<code>` of
 * the command (children get the default SIGINT action back on exec).
 */
export function startTmuxPane(
  command: string,
  environment: Readonly<Record<string, string>> = {},
): TmuxPane {
  serial += 1;
  // Not -L: tmux leaves a named server's socket behind in /tmp/tmux-<uid>
  // after kill-server, so each pane's server lives in a directory we remove.
  const directory = mkdtempSync(join(tmpdir(), `ossh-cli-tmux-${serial}-`));
  const socketPath = join(directory, 'socket');
  const tmux = (...args: string[]): string =>
    execFileSync('tmux', ['-S', socketPath, '-f', '/dev/null', ...args], {
      encoding: 'utf8',
      timeout: 10_000,
    });
  const exports = Object.entries(environment).map(([name, value]) => `export ${name}='${value}';`);
  const script = `trap ':' INT; unset CI; ${exports.join(' ')} ${command}; echo "EXIT=$?"; sleep 120`;
  try {
    tmux('new-session', '-d', '-s', 'test', '-x', '200', '-y', '50', 'sh', '-c', script);
  } catch (error) {
    rmSync(directory, { recursive: true, force: true });
    throw error;
  }
  const capture = (): string => tmux('capture-pane', '-p', '-J', '-S', '-200', '-t', 'test');
  return {
    socketPath,
    capture,
    sendKeys: (...keys) => {
      tmux('send-keys', '-t', 'test', ...keys);
    },
    resize: (columns, rows) => {
      tmux('resize-window', '-t', 'test', '-x', String(columns), '-y', String(rows));
    },
    size: () => tmux('display-message', '-p', '-t', 'test', '#{pane_height} #{pane_width}').trim(),
    device: () => tmux('display-message', '-p', '-t', 'test', '#{pane_tty}').trim(),
    async waitFor(pattern, timeout = 60_000) {
      const deadline = Date.now() + timeout;
      for (;;) {
        const match = pattern.exec(capture());
        if (match !== null) return match;
        if (Date.now() > deadline)
          throw new Error(`the pane never showed ${String(pattern)}:\n${capture()}`);
        await sleep(50);
      }
    },
    [Symbol.dispose]() {
      try {
        tmux('kill-server');
      } catch {
        // Already gone.
      }
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
