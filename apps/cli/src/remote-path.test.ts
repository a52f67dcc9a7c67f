import { describe, expect, it } from 'vitest';
import { parseRemotePath, requireRemotePath } from './remote-path.js';
import { UsageError } from './usage-error.js';

describe('parseRemotePath', () => {
  it.each([
    ['web-1:/etc/hosts', 'web-1', '/etc/hosts'],
    ['deploy@web-1:logs/app.log', 'deploy@web-1', 'logs/app.log'],
    ['web-1:', 'web-1', '.'],
    ['[::1]:/tmp/x', '[::1]', '/tmp/x'],
    ['root@[::1]:a:b', 'root@[::1]', 'a:b'],
    ['web-1:with:colons', 'web-1', 'with:colons'],
  ])('%s', (operand, destination, path) => {
    expect(parseRemotePath(operand)).toEqual({ destination, path });
  });

  it.each(['file.txt', './a:b', '/tmp/x:y', 'dir/sub:file', '[::1]'])(
    'treats %s as local',
    (operand) => {
      expect(parseRemotePath(operand)).toBeUndefined();
    },
  );

  it.each([':path', '[::1:/tmp'])('refuses %s', (operand) => {
    expect(() => parseRemotePath(operand)).toThrow(UsageError);
  });

  it('requireRemotePath explains the expected form', () => {
    expect(() => requireRemotePath('local.txt', 'source')).toThrow(
      /source "local.txt" is not remote/,
    );
  });
});
