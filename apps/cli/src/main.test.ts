import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { main } from './main.js';
import type { Terminal } from './terminal.js';

function fakeTerminal(): { terminal: Terminal; stdout: () => string; stderr: () => string } {
  const capture = () => {
    const stream = new PassThrough();
    let text = '';
    stream.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
    return { stream: stream as unknown as NodeJS.WriteStream, text: () => text };
  };
  const out = capture();
  const err = capture();
  return {
    terminal: {
      stdout: out.stream,
      stderr: err.stream,
      interactive: false,
      color: false,
      line: (text) => err.stream.write(`${text}\n`),
    },
    stdout: out.text,
    stderr: err.text,
  };
}

const COMMANDS = ['exec', 'run', 'get', 'put', 'ls', 'forward', 'check', 'demo'];

describe('--help', () => {
  it('lists every command', async () => {
    const { terminal, stdout } = fakeTerminal();
    expect(await main(['--help'], terminal)).toBe(0);
    for (const name of COMMANDS) expect(stdout()).toMatch(new RegExp(`^  ${name}\\b`, 'm'));
  });

  it.each(COMMANDS)('%s --help shows usage and examples', async (name) => {
    const { terminal, stdout } = fakeTerminal();
    expect(await main([name, '--help'], terminal)).toBe(0);
    expect(stdout()).toContain(`Usage: ossh ${name}`);
    expect(stdout()).toContain('Examples:');
    expect(stdout()).toContain(`$ ossh ${name}`);
  });

  it.each(COMMANDS.filter((name) => name !== 'demo'))(
    '%s takes the connection flags',
    async (name) => {
      const { terminal, stdout } = fakeTerminal();
      await main([name, '--help'], terminal);
      for (const flag of [
        '-p, --port',
        '-l, --login',
        '-i, --identity',
        '-F, --config',
        '-J, --jump',
        '-o, --option',
        '--known-hosts',
        '--connect-timeout',
        '--transport',
        '-v, --verbose',
      ]) {
        expect(stdout()).toContain(flag);
      }
    },
  );
});

describe('usage errors', () => {
  it('exits 2 on an unknown command or flag', async () => {
    const unknown = fakeTerminal();
    expect(await main(['frobnicate'], unknown.terminal)).toBe(2);
    expect(unknown.stderr()).toContain("unknown command 'frobnicate'");
    const flag = fakeTerminal();
    expect(await main(['check', '--bogus', 'h'], flag.terminal)).toBe(2);
  });

  it('exits 2 with one line for a command without a program', async () => {
    const { terminal, stderr } = fakeTerminal();
    expect(await main(['exec', 'web-1'], terminal)).toBe(2);
    expect(stderr()).toBe(
      'ossh: no command given — put the command after --, e.g. ossh exec web-1 -- uptime\n',
    );
  });

  it('exits 2 for run without hosts, and for a malformed forward', async () => {
    const run = fakeTerminal();
    expect(await main(['run', '--', 'uptime'], run.terminal)).toBe(2);
    expect(run.stderr()).toContain('no hosts given');
    const forward = fakeTerminal();
    expect(await main(['forward', 'web-1', '-D', 'x'], forward.terminal)).toBe(2);
    expect(forward.stderr()).toMatch(/^ossh: invalid -D forward "x"/);
  });

  it('prints the version', async () => {
    const { terminal, stdout } = fakeTerminal();
    expect(await main(['--version'], terminal)).toBe(0);
    expect(stdout()).toMatch(/^\d+\.\d+\.\d+\n$/);
  });
});
