// What ossh knows about where its output goes. Live views (log-update,
// progress bars) only go to an interactive terminal; pipes, files and CI logs
// get plain lines.
import pc from 'picocolors';

/** The output streams and how to draw on them. */
export interface Terminal {
  readonly stdout: NodeJS.WriteStream;
  readonly stderr: NodeJS.WriteStream;
  /** stderr is a terminal that can redraw lines (not `TERM=dumb`, not CI). */
  readonly interactive: boolean;
  /** Colors are welcome on stdout (picocolors' own detection: NO_COLOR, FORCE_COLOR, TTY). */
  readonly color: boolean;
  /** Writes one line to stderr. */
  line(text: string): void;
}

/** Whether a stream can host a redrawn live view. */
export function isInteractive(
  stream: { readonly isTTY?: boolean },
  environment: NodeJS.ProcessEnv = process.env,
): boolean {
  return stream.isTTY === true && environment.TERM !== 'dumb' && environment.CI === undefined;
}

/** The terminal of this process. */
export function processTerminal(): Terminal {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    interactive: isInteractive(process.stderr),
    color: pc.isColorSupported,
    line(text) {
      process.stderr.write(`${text}\n`);
    },
  };
}
