import { describe, expect, it } from 'vitest';
import { parseOptions } from './options.js';

describe('parseOptions', () => {
  it('runs the full suite with 1 GiB transfers by default', () => {
    const options = parseOptions([], {});
    expect(options.mode).toBe('full');
    expect(options.sizes.streamBytes).toBe(1024 * 1024 * 1024);
    expect(options.sizes.commands).toBe(1000);
  });

  it('shrinks everything with --quick and lets sizes be overridden', () => {
    const options = parseOptions(
      ['--', '--quick', '--size=8', '--commands=50', '--only=stream'],
      {},
    );
    expect(options.mode).toBe('quick');
    expect(options.sizes.sftpBytes).toBe(8 * 1024 * 1024);
    expect(options.sizes.commands).toBe(50);
    expect(options.only?.test('stream-download')).toBe(true);
  });

  it('takes sizes from the environment too', () => {
    expect(parseOptions(['--quick'], { OSSH_BENCH_SIZE_MIB: '4' }).sizes.streamBytes).toBe(
      4 * 1024 * 1024,
    );
  });

  it('refuses unknown arguments and nonsense sizes', () => {
    expect(() => parseOptions(['--fast'], {})).toThrow(/unknown argument --fast/);
    expect(() => parseOptions(['--size=-3'], {})).toThrow(/positive integer/);
  });
});
