import { describe, expect, it } from 'vitest';
import { parseMasterCheck } from './environment.js';

describe('parseMasterCheck', () => {
  it("reads the pid from ssh -O check's answer", () => {
    expect(parseMasterCheck('Master running (pid=12345)\r\n')).toBe(12345);
  });

  it('is undefined for anything else', () => {
    expect(
      parseMasterCheck('Control socket connect(/x): No such file or directory\n'),
    ).toBeUndefined();
    expect(parseMasterCheck('Master running (pid=0)')).toBeUndefined();
    expect(parseMasterCheck('')).toBeUndefined();
  });
});
