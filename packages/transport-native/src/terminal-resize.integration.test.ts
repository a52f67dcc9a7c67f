// `RemoteChild.resize` end to end: a `window-change` through the native
// transport changes the size the remote program sees, and the places where
// there is no terminal to resize say so.
import { once } from 'node:events';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { Session, SshError, type TransportFactory } from '@openssh-ts/session-core';
import { processesMentioning } from '@openssh-ts/test-sshd';
import { harnessSshd } from '@openssh-ts/test-sshd/vitest';
import { processTransport } from '@openssh-ts/transport-process';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { nativeTransport } from './native-transport.js';

let directory: string;
let session: Session | undefined;

beforeEach(() => {
  directory = mkdtempSync(join(tmpdir(), 'ossh-tty-'));
});

afterEach(async () => {
  await session?.close();
  session = undefined;
  expect(processesMentioning([directory])).toEqual([]);
  rmSync(directory, { recursive: true, force: true });
  expect(existsSync(directory)).toBe(false);
});

async function connect(transport: TransportFactory): Promise<Session> {
  const sshd = harnessSshd();
  session = await Session.connect(`ssh://${sshd.user}@${sshd.host}:${sshd.port}`, {
    transport,
    keyFile: sshd.identityFile,
    userKnownHostsFile: sshd.knownHostsFile,
    controlDirectory: directory,
  });
  return session;
}

/** Terminal output as text without the carriage returns a pty adds. */
class TerminalText {
  text = '';
  readonly #ended: Promise<void>;

  constructor(private readonly stream: Readable) {
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => (this.text += chunk.replaceAll('\r', '')));
    this.#ended = once(stream, 'end').then(() => undefined);
  }

  /** Resolves once `expected` was seen; rejects if the output ends first. */
  async seen(expected: string): Promise<void> {
    while (!this.text.includes(expected)) {
      const ended = await Promise.race([
        once(this.stream, 'data').then(() => false),
        this.#ended.then(() => true),
      ]);
      if (ended && !this.text.includes(expected)) {
        throw new Error(`the output ended without ${JSON.stringify(expected)}: ${this.text}`);
      }
    }
  }

  /** The whole output, once it has ended. */
  async all(): Promise<string> {
    await this.#ended;
    return this.text;
  }
}

function thrownBy(action: () => void): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  return undefined;
}

const TERMINAL = { term: 'xterm', columns: 80, rows: 24 };

/**
 * Prints `ready`, then on SIGWINCH the terminal size, and exits 3. `wait`
 * returns early for a trapped signal (POSIX), so nothing polls; the trap
 * ends the background sleep so nothing outlives the test on the server.
 */
const REPORT_WINCH = "sleep 30 & trap 'stty size; kill $!; exit 3' WINCH; echo ready; wait";

describe('resize over the native transport', () => {
  it('the remote side sees the new size after a window-change', async () => {
    const connected = await connect(nativeTransport());
    const child = await connected
      .shell('stty size; read line; stty size')
      .pty(TERMINAL)
      .stdin('pipe')
      .stdout('pipe')
      .spawn();
    const output = new TerminalText(child.stdout!);
    await output.seen('24 80\n');
    child.resize({ columns: 132, rows: 50 });
    // Channel packets arrive in order: sshd has set the new size before it
    // writes this line to the terminal, so the second stty cannot miss it.
    child.stdin!.end('go\n');
    expect(await output.all()).toBe('24 80\ngo\n50 132\n');
    expect((await child.wait()).code).toBe(0);
  });

  it('the remote process gets SIGWINCH, also when spawned without stdin', async () => {
    const connected = await connect(nativeTransport());
    const child = await connected
      .shell(REPORT_WINCH)
      .pty({ ...TERMINAL, widthPixels: 640, heightPixels: 480 })
      .stdout('pipe')
      .spawn();
    const output = new TerminalText(child.stdout!);
    await output.seen('ready\n');
    child.resize({ columns: 100, rows: 30, widthPixels: 1000, heightPixels: 600 });
    expect(await output.all()).toBe('ready\n30 100\n');
    expect((await child.wait()).code).toBe(3);
  });

  it('ending stdin does not stop resizes (sshd would close the terminal it resizes on EOF)', async () => {
    const connected = await connect(nativeTransport());
    const child = await connected
      .shell(REPORT_WINCH)
      .pty(TERMINAL)
      .stdin('pipe')
      .stdout('pipe')
      .spawn();
    const output = new TerminalText(child.stdout!);
    child.stdin!.end();
    await output.seen('ready\n');
    child.resize({ columns: 132, rows: 50 });
    expect(await output.all()).toBe('ready\n50 132\n');
    expect((await child.wait()).code).toBe(3);
  });

  it("the terminal's EOF character, not ending stdin, ends a program's input", async () => {
    const connected = await connect(nativeTransport());
    const child = await connected.command('cat').pty(TERMINAL).stdin('pipe').stdout('pipe').spawn();
    const output = new TerminalText(child.stdout!);
    child.stdin!.write('abc\n\x04');
    // The line comes back twice: the terminal's echo, then cat.
    expect(await output.all()).toBe('abc\nabc\n');
    expect((await child.wait()).code).toBe(0);
  });

  it('after the process has exited, a resize does nothing', async () => {
    const connected = await connect(nativeTransport());
    const child = await connected.shell('exit 0').pty(TERMINAL).spawn();
    expect((await child.wait()).code).toBe(0);
    child.resize({ columns: 132, rows: 50 });
    expect((await connected.command('echo').arg('still fine').output()).stdout.toString()).toBe(
      'still fine\n',
    );
  });

  it('a command without a pty cannot be resized', async () => {
    const connected = await connect(nativeTransport());
    const child = await connected.command('cat').stdin('pipe').spawn();
    const error = thrownBy(() => child.resize({ columns: 132, rows: 50 }));
    expect(SshError.isInstance(error) && error.kind).toBe('unsupported');
    child.stdin!.end();
    expect((await child.wait()).code).toBe(0);
  });

  it('a size the server would cut is refused before anything is sent', async () => {
    const connected = await connect(nativeTransport());
    const child = await connected.shell('stty size').pty(TERMINAL).stdout('pipe').spawn();
    const error = thrownBy(() => child.resize({ columns: 65_536, rows: 50 }));
    expect(SshError.isInstance(error) && error.kind).toBe('invalid-command');
    expect(await new TerminalText(child.stdout!).all()).toBe('24 80\n');
    expect((await child.wait()).code).toBe(0);
  });
});

describe('resize over the process transport', () => {
  it('is unsupported: that transport has no pseudo-terminals', async () => {
    const connected = await connect(processTransport());
    await expect(connected.command('true').pty(TERMINAL).spawn()).rejects.toMatchObject({
      kind: 'unsupported',
    });
    const child = await connected.command('true').spawn();
    const error = thrownBy(() => child.resize({ columns: 132, rows: 50 }));
    expect(error).toMatchObject({ kind: 'unsupported' });
    expect(String(error)).toContain('transport cannot resize');
    expect((await child.wait()).code).toBe(0);
  });
});
