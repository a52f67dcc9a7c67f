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

  it('takes round trips and a rate for the link relay, refusing nonsense', () => {
    const options = parseOptions(['--rtt=20,50,100', '--rate=100'], {});
    expect(options.roundTripsMs).toEqual([20, 50, 100]);
    expect(options.rateMbitPerSecond).toBe(100);
    expect(parseOptions([], {}).roundTripsMs).toEqual([]);
    expect(() => parseOptions(['--rtt=20,'], {})).toThrow(/--rtt must be a number/);
    expect(() => parseOptions(['--rtt=-5'], {})).toThrow(/--rtt/);
    expect(() => parseOptions(['--rate=0'], {})).toThrow(/--rate/);
  });
});
