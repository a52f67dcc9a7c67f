import { openSync, closeSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { newDescriptors, openDescriptors } from './open-descriptors.js';

describe('openDescriptors', () => {
  it('names a descriptor opened since, and not once it is closed', () => {
    const before = openDescriptors();
    const descriptor = openSync('/dev/null', 'r');
    const opened = newDescriptors(before, openDescriptors());
    expect(opened).toEqual([`${descriptor} -> /dev/null`]);
    closeSync(descriptor);
    expect(newDescriptors(before, openDescriptors())).toEqual([]);
  });
});
