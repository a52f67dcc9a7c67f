import { InvalidArgumentError } from 'commander';
import { expect, it } from 'vitest';
import {
  collect,
  collectJumpHosts,
  collectSshOption,
  integerIn,
  parsePort,
  parseSeconds,
} from './option-values.js';

it('parses ports and bounded integers', () => {
  expect(parsePort('22')).toBe(22);
  for (const bad of ['0', '65536', '-1', '2x', '', '1e3']) {
    expect(() => parsePort(bad)).toThrow(InvalidArgumentError);
  }
  expect(integerIn(1, 1000)('20')).toBe(20);
});

it('parses seconds into milliseconds', () => {
  expect(parseSeconds('30')).toBe(30_000);
  expect(parseSeconds('0.25')).toBe(250);
  for (const bad of ['0', '-1', 'abc', '1.2345', '']) {
    expect(() => parseSeconds(bad)).toThrow(InvalidArgumentError);
  }
});

it('normalises -o options', () => {
  expect(collectSshOption('ServerAliveInterval=15', [])).toEqual(['ServerAliveInterval=15']);
  expect(collectSshOption('Compression yes', ['A=b'])).toEqual(['A=b', 'Compression=yes']);
  expect(collectSshOption('ProxyCommand = nc %h %p', [])).toEqual(['ProxyCommand=nc %h %p']);
  for (const bad of ['=x', 'Name', 'Name=', 'A=b\nC=d']) {
    expect(() => collectSshOption(bad, [])).toThrow(InvalidArgumentError);
  }
});

it('collects repeatable values and jump hosts', () => {
  expect(collect('b', ['a'])).toEqual(['a', 'b']);
  expect(collectJumpHosts('bastion,deploy@gw:2222', [])).toEqual(['bastion', 'deploy@gw:2222']);
  expect(() => collectJumpHosts('a,,b', [])).toThrow(InvalidArgumentError);
  expect(() => collectJumpHosts('-oProxyCommand=x', [])).toThrow(InvalidArgumentError);
});
