// What a user's program sees on the debug trace: tests subscribe to the
// `openssh-ts` diagnostics channel and read the lines `ossh -v` would print.
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import {
  formatTraceEvent,
  TRACE_CHANNEL,
  type Session,
  type TraceEvent,
} from '@openssh-ts/session-core';

/** Trace lines recorded since {@link recordTrace}, until `stop()`. */
export interface TraceRecording {
  readonly lines: string[];
  stop(): void;
}

/** Starts recording every trace event as its `topic: message` line. */
export function recordTrace(): TraceRecording {
  const lines: string[] = [];
  const record = (message: unknown): void => {
    lines.push(formatTraceEvent(message as TraceEvent));
  };
  subscribe(TRACE_CHANNEL, record);
  return { lines, stop: () => unsubscribe(TRACE_CHANNEL, record) };
}

/** A remote forward opened and closed again (to a port nothing connects to), for its trace lines. */
export async function openAndCloseRemoteForward(session: Session): Promise<void> {
  const forward = await session.requestPortForward(
    'remote',
    { host: '127.0.0.1', port: 0 },
    { host: '127.0.0.1', port: 9 },
  );
  await session.closePortForward(forward);
}
