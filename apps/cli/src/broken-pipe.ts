import { constants } from 'node:os';

/** Exit code after a reader went away, as a shell reports death by SIGPIPE. */
export const BROKEN_PIPE_EXIT_CODE = 128 + constants.signals.SIGPIPE;

/**
 * A reader that goes away (`ossh ls web-1: | head -3`) is not an error worth
 * a stack trace: ossh stops quietly, as tools killed by SIGPIPE do. The
 * 'exit' hooks still end the ControlMasters this process started.
 */
export function exitQuietlyOnBrokenPipe(
  stream: NodeJS.WritableStream,
  exit: (code: number) => void = (code) => process.exit(code),
): void {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') exit(BROKEN_PIPE_EXIT_CODE);
    else throw error;
  });
}
