import { describe, expect, it } from 'vitest';
import { checkTerminalSize } from './terminal-size.js';
import type { TerminalSize } from './transport.js';

describe('checkTerminalSize', () => {
  it('fills in unknown pixel sizes with 0 and keeps given ones', () => {
    expect(checkTerminalSize({ columns: 80, rows: 24 }, 'resize')).toEqual({
      columns: 80,
      rows: 24,
      widthPixels: 0,
      heightPixels: 0,
    });
    const full = { columns: 0xffff, rows: 1, widthPixels: 0xffff, heightPixels: 7 };
    expect(checkTerminalSize(full, 'resize')).toEqual(full);
  });

  it.each<[string, unknown]>([
    ['zero columns', { columns: 0, rows: 24 }],
    ['zero rows', { columns: 80, rows: 0 }],
    ['columns past 16 bits, which sshd would cut', { columns: 0x10000, rows: 24 }],
    ['a fraction', { columns: 80.5, rows: 24 }],
    ['a negative pixel width', { columns: 80, rows: 24, widthPixels: -1 }],
    ['a pixel height past 16 bits', { columns: 80, rows: 24, heightPixels: 65536 }],
    ['NaN', { columns: Number.NaN, rows: 24 }],
    ['Infinity', { columns: 80, rows: Number.POSITIVE_INFINITY }],
    ['a numeric string', { columns: '80', rows: 24 }],
    ['a missing field', { columns: 80 }],
    ['null', null],
    ['a number', 80],
  ])('refuses %s with invalid-command', (_, size) => {
    let thrown: unknown;
    try {
      checkTerminalSize(size as TerminalSize, 'resize');
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toMatchObject({ kind: 'invalid-command' });
    expect(String(thrown)).toContain('resize');
  });
});
