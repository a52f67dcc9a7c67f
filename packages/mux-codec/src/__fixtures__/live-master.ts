import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { processesMentioning, signalQuietly } from '@openssh-ts/test-sshd';
import { encodeMuxMessage } from '../mux-encode.js';
import { encodeProxyPacket } from '../proxy-encode.js';
import type { ChannelRequest } from '../proxy-packets.js';
import { TERMINAL_MODE } from '../terminal-modes.js';
import { ControlRecorder } from './control-recorder.js';

/**
 * A real `ssh -M -N -f` ControlMaster on a harness sshd, for the goldens
 * script and the live integration test. Its control socket lives in a fresh
 * short temp directory; `stop()` (or `await using`) ends the master and
 * removes the directory.
 */
export interface LiveMaster extends AsyncDisposable {
  readonly controlPath: string;
  readonly directory: string;
  stop(): Promise<void>;
}

/** What {@link startMaster} needs of a harness sshd. */
export interface MasterTarget {
  readonly sshConfigFile: string;
  readonly hostAlias: string;
}

function run(command: string, args: readonly string[]): Promise<number | null> {
  return new Promise((resolve, reject) => {
    // stdio ignored: `ssh -f` keeps its descriptors in the background master.
    const child = spawn(command, args, { stdio: 'ignore' });
    child.once('error', reject);
    child.once('exit', (code) => resolve(code));
  });
}

const CLOSED_PORT = 1;

/** Starts a ControlMaster for `target`; resolves once `ssh -f` has backgrounded it. */
export async function startMaster(target: MasterTarget): Promise<LiveMaster> {
  const directory = await mkdtemp(join(tmpdir(), 'omc-'));
  const controlPath = join(directory, 'ctl');
  const stop = (): Promise<void> =>
    stopMaster(controlPath, target.sshConfigFile, target.hostAlias, directory);
  const log = join(directory, 'ssh.log');
  const started = await run('ssh', [
    '-M',
    '-N',
    '-f',
    '-S',
    controlPath,
    '-E',
    log,
    '-F',
    target.sshConfigFile,
    target.hostAlias,
  ]);
  if (started !== 0) {
    await stop();
    throw new Error(`ssh -M exited with ${String(started)}`);
  }
  return { controlPath, directory, stop, [Symbol.asyncDispose]: stop };
}

/** `ssh -O exit`, then a kill for anything of ours still running, then the temp dir goes. */
async function stopMaster(
  controlPath: string,
  configFile: string,
  alias: string,
  directory: string,
): Promise<void> {
  await run('ssh', ['-S', controlPath, '-O', 'exit', '-F', configFile, alias]).catch(() => null);
  const ours = (): number[] => processesMentioning([directory]).map((entry) => entry.pid);
  for (let waited = 0; ours().length > 0 && waited < 3000; waited += 50) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  for (const pid of ours()) signalQuietly(pid, 'SIGKILL');
  // A killed process lingers for a moment; wait so callers can assert it is gone.
  for (let waited = 0; ours().length > 0 && waited < 2000; waited += 20) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  await rm(directory, { recursive: true, force: true });
}

/** The first line of `ssh -V`, e.g. `OpenSSH_9.2p1 ...`. */
export function sshVersion(): Promise<string> {
  return new Promise<string>((resolve) => {
    const child = spawn('ssh', ['-V'], { stdio: ['ignore', 'ignore', 'pipe'] });
    let text = '';
    child.stderr.setEncoding('utf8').on('data', (part: string) => (text += part));
    child.once('close', () => resolve(text.trim()));
  });
}

/**
 * The scripted conversation: HELLO, ALIVE_CHECK, PROXY, then in proxy mode
 * a session with output on both streams and exit 3, a shell killed by
 * SIGTERM, a direct-tcpip to port 1 on loopback (refused), a tty session with env,
 * pty-req, window-change, keepalive and signal, and an sftp subsystem ended
 * by EOF. Resolves with everything recorded, once the master let go.
 */
export async function converse(
  controlPath: string,
): Promise<{ recorder: ControlRecorder; masterPid: number }> {
  const socket = connect(controlPath);
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  const recorder = new ControlRecorder(socket);
  await recorder.next('MUX_MSG_HELLO');
  recorder.send(encodeMuxMessage({ type: 'MUX_MSG_HELLO', version: 4, extensions: [] }));
  recorder.send(encodeMuxMessage({ type: 'MUX_C_ALIVE_CHECK', requestId: 1 }));
  const { pid: masterPid } = await recorder.next('MUX_S_ALIVE');
  recorder.send(encodeMuxMessage({ type: 'MUX_C_PROXY', requestId: 2 }));
  await recorder.next('MUX_S_PROXY');

  const window = { initialWindowSize: 2 * 1024 * 1024, maximumPacketSize: 32 * 1024 };
  const request = (recipientChannel: number, wantReply: boolean, body: ChannelRequest): void =>
    recorder.send(
      encodeProxyPacket({
        type: 'SSH_MSG_CHANNEL_REQUEST',
        recipientChannel,
        wantReply,
        request: body,
      }),
    );
  const open = async (senderChannel: number): Promise<number> => {
    recorder.send(
      encodeProxyPacket({
        type: 'SSH_MSG_CHANNEL_OPEN',
        senderChannel,
        ...window,
        channel: { kind: 'session' },
      }),
    );
    const confirmation = await recorder.next(
      'SSH_MSG_CHANNEL_OPEN_CONFIRMATION',
      (m) => m.recipientChannel === senderChannel,
    );
    return confirmation.senderChannel;
  };
  const close = async (channel: number, remote: number): Promise<void> => {
    await recorder.next('SSH_MSG_CHANNEL_CLOSE', (m) => m.recipientChannel === channel);
    recorder.send(encodeProxyPacket({ type: 'SSH_MSG_CHANNEL_CLOSE', recipientChannel: remote }));
  };

  // Output on both streams and an exit status; then a shell killed by a signal.
  for (const [channel, command] of [
    [0, 'echo golden; echo oops >&2; exit 3'],
    [1, 'kill -TERM $$'],
  ] as const) {
    const remote = await open(channel);
    request(remote, true, { kind: 'exec', command });
    await close(channel, remote);
  }

  // A closed port: OPEN_FAILURE with a reason code.
  recorder.send(
    encodeProxyPacket({
      type: 'SSH_MSG_CHANNEL_OPEN',
      senderChannel: 2,
      ...window,
      channel: {
        kind: 'direct-tcpip',
        host: '127.0.0.1',
        // Port 1: privileged and unused, so no other test's listener can take it.
        port: CLOSED_PORT,
        originatorAddress: '127.0.0.1',
        originatorPort: 1,
      },
    }),
  );
  await recorder.next('SSH_MSG_CHANNEL_OPEN_FAILURE', (m) => m.recipientChannel === 2);

  // env, pty-req with modes, window-change, keepalive and signal on a tty session.
  const tty = await open(3);
  request(tty, true, { kind: 'env', name: 'LANG', value: 'C' });
  await recorder.next('SSH_MSG_CHANNEL_SUCCESS', (m) => m.recipientChannel === 3);
  request(tty, true, {
    kind: 'pty-req',
    terminalType: 'xterm',
    widthCharacters: 80,
    heightRows: 24,
    widthPixels: 0,
    heightPixels: 0,
    terminalModes: [
      { opcode: TERMINAL_MODE.ECHO, argument: 0 },
      { opcode: TERMINAL_MODE.TTY_OP_ISPEED, argument: 38400 },
      { opcode: TERMINAL_MODE.TTY_OP_OSPEED, argument: 38400 },
    ],
  });
  await recorder.next('SSH_MSG_CHANNEL_SUCCESS', (m) => m.recipientChannel === 3);
  request(tty, true, { kind: 'exec', command: 'echo ready; exec sleep 5' });
  await recorder.next('SSH_MSG_CHANNEL_SUCCESS', (m) => m.recipientChannel === 3);
  // A signal sent before the command runs can be lost in sshd's child
  // between fork and exec; its output says it runs.
  await recorder.next('SSH_MSG_CHANNEL_DATA', (m) => m.recipientChannel === 3);
  request(tty, false, {
    kind: 'window-change',
    widthCharacters: 132,
    heightRows: 43,
    widthPixels: 0,
    heightPixels: 0,
  });
  request(tty, true, { kind: 'keepalive@openssh.com' });
  await recorder.next('SSH_MSG_CHANNEL_FAILURE', (m) => m.recipientChannel === 3);
  request(tty, false, { kind: 'signal', signalName: 'TERM' });
  await close(3, tty);

  // A subsystem ended by EOF on its stdin.
  const sftp = await open(4);
  request(sftp, true, { kind: 'subsystem', name: 'sftp' });
  await recorder.next('SSH_MSG_CHANNEL_SUCCESS', (m) => m.recipientChannel === 4);
  recorder.send(encodeProxyPacket({ type: 'SSH_MSG_CHANNEL_EOF', recipientChannel: sftp }));
  await close(4, sftp);

  socket.end();
  await new Promise<void>((resolve) => socket.once('close', () => resolve()));
  return { recorder, masterPid };
}
