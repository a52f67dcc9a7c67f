import { PassThrough, Writable } from 'node:stream';
import { exitStatus, type ExitStatus } from '@openssh-ts/session-core';
import { expect, it } from 'vitest';
import { streamChild } from './stream-child.js';

function collector(): Writable & { text(): string } {
  const chunks: Buffer[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk);
      done();
    },
  });
  return Object.assign(stream, { text: () => Buffer.concat(chunks).toString('utf8') });
}

function fakeChild(status: Promise<ExitStatus>) {
  return {
    stdin: new PassThrough(),
    stdout: new PassThrough(),
    stderr: new PassThrough(),
    wait: () => status,
  };
}

it('forwards input, copies both outputs and ends with the exit code', async () => {
  let exit: (status: ExitStatus) => void = () => undefined;
  const child = fakeChild(new Promise((resolve) => (exit = resolve)));
  const input = new PassThrough();
  const stdout = collector();
  const stderr = collector();
  const forwarded: string[] = [];
  child.stdin.on('data', (chunk: Buffer) => forwarded.push(chunk.toString('utf8')));
  const result = streamChild(child, input, { stdout, stderr });
  input.write('typed\x04');
  child.stdout.end('out');
  child.stderr.end('err');
  await new Promise((resolve) => setImmediate(resolve));
  exit(exitStatus(3));
  expect(await result).toBe(3);
  expect(forwarded.join('')).toBe('typed\x04');
  expect(stdout.text()).toBe('out');
  expect(stderr.text()).toBe('err');
  // Unpiped and paused: more typing no longer reaches the finished command.
  input.write('late');
  expect(forwarded.join('')).toBe('typed\x04');
  expect(input.isPaused()).toBe(true);
});

it('unpipes the input when waiting fails', async () => {
  const child = fakeChild(Promise.reject(new Error('connection lost')));
  const input = new PassThrough();
  const result = streamChild(child, input, {
    stdout: collector(),
    stderr: collector(),
  });
  await expect(result).rejects.toThrow('connection lost');
  expect(input.listenerCount('data')).toBe(0);
});
