import { expect, it } from 'vitest';
import { packageName } from './index.js';

it('exports its name', () => {
  expect(packageName).toBe('@openssh-ts/escape');
});
