// Pseudo-terminals through the transport's `pty` capability: a resize
// reaches the remote terminal where the transport has one, and every
// transport refuses what it cannot do with `unsupported`.
import { describe, expect, it } from 'vitest';
import type { SuiteContext } from './suite-context.js';
import { TerminalText } from './terminal-text.js';

const TERMINAL = { term: 'xterm', columns: 80, rows: 24 };
const RESIZED = { columns: 132, rows: 50 };
const UNSUPPORTED = { name: 'SshError', kind: 'unsupported' };

/** Registers the pseudo-terminal tests. */
export function terminalTests(context: SuiteContext): void {
  describe('pseudo-terminals', () => {
    it('pty: an 80x24 terminal resized to 132x50 shows the new size remotely, or pty() is unsupported', async () => {
      await using session = await context.connect();
      const started = session
        .shell('stty size; read line; stty size')
        .pty(TERMINAL)
        .stdin('pipe')
        .stdout('pipe')
        .spawn();
      if (!session.transport.capabilities.pty) {
        await expect(started).rejects.toMatchObject(UNSUPPORTED);
        return;
      }
      const child = await started;
      const output = new TerminalText(child.stdout!);
      await output.seen('24 80\n');
      child.resize(RESIZED);
      // Channel requests and data keep their order, so the terminal has its
      // new size before the line that wakes the second stty arrives.
      child.stdin!.end('go\n');
      expect(await output.all()).toBe('24 80\ngo\n50 132\n');
      expect((await child.wait()).code).toBe(0);
    });

    it('resize(): unsupported for a command without a pty, whatever the transport', async () => {
      await using session = await context.connect();
      const child = await session.command('cat').stdin('pipe').spawn();
      expect(() => child.resize(RESIZED)).toThrow(expect.objectContaining(UNSUPPORTED) as Error);
      child.stdin!.end();
      expect((await child.wait()).code).toBe(0);
    });
  });
}
