import { spawn } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openAskpassChannel, type AskpassRequest } from './askpass-channel.js';

const directories: string[] = [];
afterEach(async () => {
  for (const directory of directories.splice(0))
    await rm(directory, { recursive: true, force: true });
});

async function channelDirectory(): Promise<string> {
  const directory = await mkdtemp(join(tmpdir(), 'oac-'));
  directories.push(directory);
  return directory;
}

/** Runs the wrapper as ssh would (one argument, the prompt), from a parent we choose. */
function runHelper(
  environment: Readonly<Record<string, string>>,
  prompt: string,
): Promise<{ code: number | null; stdout: string }> {
  return new Promise((resolve) => {
    const child = spawn(environment.SSH_ASKPASS ?? '', [prompt], {
      env: { ...process.env, ...environment },
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (text: string) => (stdout += text));
    // Once the channel is closed the wrapper is gone: ssh's exec fails, so would this.
    child.once('error', () => resolve({ code: null, stdout }));
    child.once('close', (code) => resolve({ code, stdout }));
  });
}

/** Sends one request line straight to the socket; resolves with what came back. */
function rawRequest(socketPath: string, line: string): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(socketPath);
    let reply = '';
    socket.setEncoding('utf8');
    socket.on('data', (text: string) => (reply += text));
    socket.on('error', () => undefined);
    socket.once('close', () => resolve(reply));
    socket.once('connect', () => socket.write(`${line}\n`));
  });
}

describe('askpass channel', () => {
  it('answers its own helper run by the admitted process, and removes everything on close', async () => {
    const directory = await channelDirectory();
    const requests: AskpassRequest[] = [];
    const channel = await openAskpassChannel(directory, (request) => {
      requests.push(request);
      return Promise.resolve('s3cret');
    });
    // The helper's parent is this test process, admitted as "ssh".
    channel.admit(process.pid);
    const { code, stdout } = await runHelper(channel.environment, "me@host's password: ");
    expect({ code, stdout }).toEqual({ code: 0, stdout: 's3cret\n' });
    expect(requests).toEqual([
      {
        caller: 'master',
        question: {
          prompt: "me@host's password: ",
          echo: false,
          kind: 'password',
          permission: false,
        },
      },
    ]);
    await channel.close();
    expect(await readdir(directory)).toEqual([]);
  });

  it('refuses a helper whose parent is not the admitted ssh', async () => {
    const directory = await channelDirectory();
    const channel = await openAskpassChannel(directory, () => Promise.resolve('s3cret'));
    channel.admit(1);
    expect(await runHelper(channel.environment, "me@host's password: ")).toEqual({
      code: 1,
      stdout: '',
    });
    await channel.close();
  });

  it('refuses a wrong token and a caller that merely claims the helper pid', async () => {
    const directory = await channelDirectory();
    let asked = 0;
    const channel = await openAskpassChannel(directory, () => {
      asked += 1;
      return Promise.resolve('s3cret');
    });
    channel.admit(process.pid);
    const socketPath = channel.environment.OSSH_ASKPASS_SOCKET ?? '';
    const token = channel.environment.OSSH_ASKPASS_TOKEN ?? '';
    const wrongToken = JSON.stringify({
      token: 'x'.repeat(64),
      pid: process.pid,
      prompt: 'p',
      hint: '',
    });
    expect(await rawRequest(socketPath, wrongToken)).toBe('');
    // Right token, but the claimed pid is not a helper (its argv is not the helper's).
    const notHelper = JSON.stringify({ token, pid: process.pid, prompt: 'p', hint: '' });
    expect(await rawRequest(socketPath, notHelper)).toBe('');
    expect(await rawRequest(socketPath, 'not json')).toBe('');
    expect(asked).toBe(0);
    await channel.close();
  });

  it('answers nothing once closed: the helper, wrapper and socket are gone', async () => {
    const directory = await channelDirectory();
    const channel = await openAskpassChannel(directory, () => Promise.resolve('s3cret'));
    const environment = channel.environment;
    channel.admit(process.pid);
    await channel.close();
    expect(await runHelper(environment, 'p')).toEqual({ code: null, stdout: '' });
  });
});
