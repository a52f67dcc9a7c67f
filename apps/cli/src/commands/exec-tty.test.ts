import { expect, it } from 'vitest';
import { UsageError } from '../usage-error.js';
import { checkTerminalRequest } from './exec-tty.js';

const terminal = { isTTY: true, isRaw: false, setRawMode: () => undefined };

it('accepts a terminal on stdin with the native transport', () => {
  expect(() => checkTerminalRequest({ transport: 'native', stdin: true }, terminal)).not.toThrow();
});

it('accepts a terminal on stdin with the ssh2 transport', () => {
  expect(() => checkTerminalRequest({ transport: 'ssh2', stdin: true }, terminal)).not.toThrow();
});

it('refuses a stdin that is not a terminal, as ssh declines to allocate one', () => {
  const check = () => checkTerminalRequest({ transport: 'native', stdin: true }, { isTTY: false });
  expect(check).toThrow(UsageError);
  expect(check).toThrow('pseudo-terminal not allocated: stdin is not a terminal');
});

it('refuses the process transport, which has no pseudo-terminals', () => {
  expect(() => checkTerminalRequest({ transport: 'process', stdin: true }, terminal)).toThrow(
    /needs the native or ssh2 transport/,
  );
});

it('refuses -n, which leaves nothing to type into the terminal', () => {
  expect(() => checkTerminalRequest({ transport: 'native', stdin: false }, terminal)).toThrow(
    /-t and -n exclude each other/,
  );
});
