// `RemoteChild.resize` over the native transport, beyond what the session
// suite proves on every transport (a resize reaches the terminal; no pty,
// no resize): how window-change lives with the channel's stdin, EOF and
// exit, and that a size the server would cut never leaves this process.
import { suiteContext, TerminalText } from '@openssh-ts/session-suite';
import { describe, expect, it } from 'vitest';
import { nativeTransport } from './native-transport.js';

const TERMINAL = { term: 'xterm', columns: 80, rows: 24 };

/**
 * Prints `ready`, then on SIGWINCH the terminal size, and exits 3. `wait`
 * returns early for a trapped signal (POSIX), so nothing polls; the trap
 * ends the background sleep so nothing outlives the test on the server.
 */
const REPORT_WINCH = "sleep 30 & trap 'stty size; kill $!; exit 3' WINCH; echo ready; wait";

describe('resize over the native transport', () => {
  const context = suiteContext(nativeTransport());

  it('the remote process gets SIGWINCH, also when spawned without stdin', async () => {
    await using session = await context.connect();
    const child = await session
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
    await using session = await context.connect();
    const child = await session
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
    await using session = await context.connect();
    const child = await session.command('cat').pty(TERMINAL).stdin('pipe').stdout('pipe').spawn();
    const output = new TerminalText(child.stdout!);
    child.stdin!.write('abc\n\x04');
    // The line comes back twice: the terminal's echo, then cat.
    expect(await output.all()).toBe('abc\nabc\n');
    expect((await child.wait()).code).toBe(0);
  });

  it('after the process has exited, a resize does nothing', async () => {
    await using session = await context.connect();
    const child = await session.shell('exit 0').pty(TERMINAL).spawn();
    expect((await child.wait()).code).toBe(0);
    child.resize({ columns: 132, rows: 50 });
    expect((await session.command('echo').arg('still fine').output()).stdout.toString()).toBe(
      'still fine\n',
    );
  });

  it('a size the server would cut is refused before anything is sent', async () => {
    await using session = await context.connect();
    const child = await session.shell('stty size').pty(TERMINAL).stdout('pipe').spawn();
    expect(() => child.resize({ columns: 65_536, rows: 50 })).toThrow(
      expect.objectContaining({ name: 'SshError', kind: 'invalid-command' }) as Error,
    );
    expect(await new TerminalText(child.stdout!).all()).toBe('24 80\n');
    expect((await child.wait()).code).toBe(0);
  });
});
