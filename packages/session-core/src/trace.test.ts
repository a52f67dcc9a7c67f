import { spawnSync } from 'node:child_process';
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { describe, expect, it } from 'vitest';
import {
  TRACE_CHANNEL,
  formatCommandLine,
  formatTraceEvent,
  redactSecrets,
  trace,
  traceEnabled,
  type TraceEvent,
} from './trace.js';

function collect(body: () => void): TraceEvent[] {
  const events: TraceEvent[] = [];
  const listener = (message: unknown): void => {
    events.push(message as TraceEvent);
  };
  subscribe(TRACE_CHANNEL, listener);
  try {
    body();
  } finally {
    unsubscribe(TRACE_CHANNEL, listener);
  }
  return events;
}

describe('trace', () => {
  it('publishes events on the openssh-ts diagnostics channel while someone listens', () => {
    const events = collect(() => trace('ssh', () => 'launch master: ssh -M web-1'));
    expect(events).toEqual([{ topic: 'ssh', message: 'launch master: ssh -M web-1' }]);
    expect(formatTraceEvent(events[0]!)).toBe('ssh: launch master: ssh -M web-1');
  });

  it('builds no message while nobody listens', () => {
    expect(traceEnabled()).toBe(false);
    let built = false;
    trace('sftp', () => {
      built = true;
      return 'request';
    });
    expect(built).toBe(false);
  });

  it('prints through util.debuglog with NODE_DEBUG=openssh-ts', () => {
    const source = new URL('./trace.ts', import.meta.url).pathname;
    const program = `import { trace } from ${JSON.stringify(source)}; trace('mux', () => 'sent MUX_C_ALIVE_CHECK requestId=1');`;
    const stderrWith = (nodeDebug: string): string =>
      spawnSync(process.execPath, [require.resolve('tsx/cli'), '--eval', program], {
        encoding: 'utf8',
        env: { ...process.env, NODE_DEBUG: nodeDebug },
      }).stderr;
    expect(stderrWith('openssh-ts')).toMatch(
      /^OPENSSH-TS \d+: mux: sent MUX_C_ALIVE_CHECK requestId=1\n$/,
    );
    expect(stderrWith('openssh')).toBe('');
  }, 30_000);
});

describe('formatCommandLine', () => {
  it('quotes the words a shell would split, so the line can be copied', () => {
    expect(formatCommandLine('ssh', ['-S', '/tmp/ossh x/ctl', '-O', 'check', 'none'])).toBe(
      "ssh -S '/tmp/ossh x/ctl' -O check none",
    );
  });

  it('still shows words no shell can carry', () => {
    expect(formatCommandLine('ssh', ['a\0b'])).toBe('ssh "a\\u0000b"');
  });
});

describe('redactSecrets', () => {
  it('blanks values whose names say secret', () => {
    expect(redactSecrets('-o Password=hunter2 passphrase: "open sesame" TOKEN=abc')).toBe(
      '-o Password=[redacted] passphrase: [redacted] TOKEN=[redacted]',
    );
  });

  it('keeps settings that only name an authentication method', () => {
    expect(redactSecrets('-o PasswordAuthentication=no')).toBe('-o PasswordAuthentication=no');
  });

  it('blanks private key blocks', () => {
    const key =
      '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEA\n-----END OPENSSH PRIVATE KEY-----';
    expect(redactSecrets(`key ${key} end`)).toBe('key [private key redacted] end');
  });
});
