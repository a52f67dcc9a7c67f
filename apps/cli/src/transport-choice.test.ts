import { expect, it } from 'vitest';
import { createTransport } from './transport-choice.js';

it.each(['native', 'process', 'ssh2'] as const)('makes the %s transport', (name) => {
  const factory = createTransport(name);
  expect(factory.name).toBe(name);
  expect(factory.transportVersion).toBe(2);
});
