// Regression (issue 17, the soak's process-transport failures that were not
// faults): `echo printed ""` — a command that exited 0 with an empty stdout
// and no error — and `stream down 32 MiB hung for 60000 ms`.
//
// Both came from one gap: an ssh mux client's stdout was only given a
// reader once its stderr had said "opened" and carried the pid report (or
// had ended without one). When Node handled the ssh process' exit first (a
// quick command on a loaded machine, or a master lost just after the
// session opened), Node's clean-up of an exited child's stdio
// (child_process flushStdio: resume() on every stdio stream) read the
// reader-less stdout and dropped its bytes. If that stdout closed after the
// reader came, the output ended cleanly, empty; if before, the reader
// never saw it end at all. The link had nothing to do with it.
//
// Here the order is forced with a wrapper around ssh that holds its stderr
// back until after ssh has exited, as a busy event loop may.
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Session } from '@openssh-ts/session-core';
import { harnessSshd } from '@openssh-ts/test-sshd/vitest';
import { processTransport } from '../index.js';

let directory: string;

beforeAll(() => {
  directory = mkdtempSync(join(tmpdir(), 'ossh-late-stderr-'));
});

afterAll(() => {
  rmSync(directory, { recursive: true, force: true });
});

/**
 * An sshPath that runs session commands (-T) with their stderr replayed
 * 0.3 s after ssh exited, by a background job that runs `replay` (on a
 * file `$held`) and keeps our stdout open while it runs when
 * `jobHoldsStdout`; the master and -O requests run as they are.
 */
function lateStderrSsh(name: string, replay: string, jobHoldsStdout: boolean): string {
  const wrapper = join(directory, name);
  writeFileSync(
    wrapper,
    [
      '#!/bin/sh',
      'case " $* " in *" -T "*) ;; *) exec ssh "$@" ;; esac',
      `held=$(mktemp "${directory}/stderr.XXXXXX")`,
      'ssh "$@" 2>"$held"',
      'status=$?',
      `{ sleep 0.3; ${replay}; rm -f "$held"; }${jobHoldsStdout ? '' : ' >/dev/null'} &`,
      'exit $status',
      '',
    ].join('\n'),
  );
  chmodSync(wrapper, 0o755);
  return wrapper;
}

function connect(sshPath: string): Promise<Session> {
  const sshd = harnessSshd();
  return Session.connect(`ssh://${sshd.user}@${sshd.host}:${sshd.port}`, {
    transport: processTransport(),
    keyFile: sshd.identityFile,
    userKnownHostsFile: sshd.knownHostsFile,
    sshPath,
    remoteShell: 'posix',
  });
}

/** `operation`, or a failure naming `what` if it has not settled in 10 s. */
function bounded<T>(operation: Promise<T>, what: string): Promise<T> {
  return Promise.race([
    operation,
    sleep(10_000).then(() => {
      throw new Error(`${what} never ended`);
    }),
  ]);
}

async function readAll(child: { stdout: NodeJS.ReadableStream | null }): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of child.stdout!) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString();
}

describe('stdout closing after the late stderr (was: a clean, empty output)', () => {
  let session: Session;
  beforeAll(async () => {
    // The job holds our stdout open, so it ends 0.3 s after the stderr came.
    session = await connect(
      lateStderrSsh('ssh-stdout-ends-last', 'cat "$held" >&2; sleep 0.3', true),
    );
  });
  afterAll(() => session?.close());

  it('output() has the whole stdout of a command whose ssh exited before its stderr was read', async () => {
    const output = await bounded(session.command('echo').arg('whole').output(), 'the output');
    expect(output.stdout.toString()).toBe('whole\n');
    expect(output.status.code).toBe(0);
  });

  it('a piped stdout of such a command streams all of it', async () => {
    const child = await session.command('printf').args(['%s', 'streamed']).stdout('pipe').spawn();
    expect(await bounded(readAll(child), 'the stdout stream')).toBe('streamed');
    await child.wait();
  });
});

describe('stdout closing with ssh, before the late stderr without a pid report (was: a stream that never ended)', () => {
  let session: Session;
  beforeAll(async () => {
    // Our stdout closes when ssh exits; the stderr comes without the pid
    // report, as when the master is lost before the remote stderr reaches it.
    session = await connect(
      lateStderrSsh('ssh-stdout-ends-first', `grep -v '^ossh-pid:' "$held" >&2`, false),
    );
  });
  afterAll(() => session?.close());

  it('a piped stdout whose ssh exited and closed it before the session was seen to open still ends, whole', async () => {
    const child = await session.command('printf').args(['%s', 'ended']).stdout('pipe').spawn();
    expect(await bounded(readAll(child), 'the stdout stream')).toBe('ended');
    await child.wait();
  });

  it('an empty stdout that had closed before the session was seen to open still ends (output and status)', async () => {
    const output = await bounded(session.command('true').output(), 'the output');
    expect(output.stdout.toString()).toBe('');
    expect(output.status.code).toBe(0);
    // stdout 'null': routed, not exposed; wait() waits for it to be delivered.
    const status = await bounded(session.command('true').status(), 'the status');
    expect(status.code).toBe(0);
  });
});
