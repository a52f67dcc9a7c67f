// `ossh -v` shows the library's debug trace (the same lines NODE_DEBUG=openssh-ts
// prints) beside ssh's own log. The trace is one process-wide diagnostics
// channel, so concurrent sessions (`run -H a,b`) share one subscription.
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { formatTraceEvent, TRACE_CHANNEL, type TraceEvent } from '@openssh-ts/session-core';
import type { Diagnostics } from './open-session.js';

let users = 0;
let target: Diagnostics | undefined;

function print(message: unknown): void {
  target?.line(`ossh[trace]: ${formatTraceEvent(message as TraceEvent)}`);
}

/** Copies trace events to `diagnostics` until the returned handle is disposed. */
export function showTrace(diagnostics: Diagnostics): Disposable {
  if (users++ === 0) {
    target = diagnostics;
    subscribe(TRACE_CHANNEL, print);
  }
  let disposed = false;
  return {
    [Symbol.dispose]() {
      if (disposed) return;
      disposed = true;
      if (--users === 0) {
        unsubscribe(TRACE_CHANNEL, print);
        target = undefined;
      }
    },
  };
}
