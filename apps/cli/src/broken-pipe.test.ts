import { PassThrough } from 'node:stream';
import { expect, it, vi } from 'vitest';
import { BROKEN_PIPE_EXIT_CODE, exitQuietlyOnBrokenPipe } from './broken-pipe.js';

it('exits 141 when the reader is gone', () => {
  const stream = new PassThrough();
  const exit = vi.fn();
  exitQuietlyOnBrokenPipe(stream, exit);
  stream.emit('error', Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }));
  expect(exit).toHaveBeenCalledWith(BROKEN_PIPE_EXIT_CODE);
  expect(BROKEN_PIPE_EXIT_CODE).toBe(141);
});

it('does not hide other stream errors', () => {
  const stream = new PassThrough();
  exitQuietlyOnBrokenPipe(stream, vi.fn());
  expect(() => stream.emit('error', Object.assign(new Error('EIO'), { code: 'EIO' }))).toThrow(
    'EIO',
  );
});
