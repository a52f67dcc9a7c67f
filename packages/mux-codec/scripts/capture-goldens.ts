/**
 * Regenerates src/__fixtures__/goldens.json: the raw bytes a real OpenSSH
 * ControlMaster exchanges with a mux client over its control socket, in both
 * directions. It starts the harness sshd, a master (`ssh -M -N -f`), speaks
 * HELLO, ALIVE_CHECK and PROXY, then in proxy mode opens three channels: a
 * `session` running `echo golden; echo oops >&2; exit 3` (DATA,
 * EXTENDED_DATA, exit-status, EOF, CLOSE), a `session` whose shell kills
 * itself with SIGTERM (exit-signal), and a `direct-tcpip` to a closed
 * loopback port (OPEN_FAILURE). Then it cleans up master and sshd.
 *
 * A maintenance tool, not a test:
 *   pnpm --filter @openssh-ts/mux-codec exec tsx --conditions=@openssh-ts/source scripts/capture-goldens.ts
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, processesMentioning, signalQuietly, startSshd } from '@openssh-ts/test-sshd';
import {
  encodeMuxMessage,
  encodeProxyPacket,
  MuxDecoder,
  ProxyPacketDecoder,
  TERMINAL_MODE,
  type ChannelRequest,
  type MuxMessage,
  type ProxyPacket,
} from '../src/index.js';

const STEP_TIMEOUT = 10_000;
const output = new URL('../src/__fixtures__/goldens.json', import.meta.url);

function run(command: string, args: readonly string[]): Promise<number | null> {
  return new Promise((resolve, reject) => {
    // stdio ignored: `ssh -f` keeps its descriptors in the background master.
    const child = spawn(command, args, { stdio: 'ignore' });
    child.once('error', reject);
    child.once('exit', (code) => resolve(code));
  });
}

/** Drives one control connection: records every byte both ways, decodes the master's side. */
class Recorder {
  readonly sent: Uint8Array[] = [];
  readonly received: Uint8Array[] = [];
  private mux: MuxDecoder | undefined = new MuxDecoder();
  private readonly proxy = new ProxyPacketDecoder();
  private readonly inbox: (MuxMessage | ProxyPacket)[] = [];
  private wake: (() => void) | undefined;
  private failure: Error | undefined;

  constructor(private readonly socket: Socket) {
    socket.on('data', (chunk: Buffer) => {
      this.received.push(Uint8Array.from(chunk));
      try {
        this.accept(chunk);
      } catch (error) {
        this.failure = error instanceof Error ? error : new Error(String(error));
      }
      this.wake?.();
    });
    socket.on('close', () => {
      this.failure ??= new Error('control socket closed');
      this.wake?.();
    });
  }

  private accept(chunk: Uint8Array): void {
    if (this.mux === undefined) {
      this.inbox.push(...this.proxy.push(chunk));
      return;
    }
    const mux = this.mux;
    for (const message of mux.push(chunk)) {
      this.inbox.push(message);
      if (message.type === 'MUX_S_PROXY') {
        const rest = mux.takeRemainder();
        this.mux = undefined;
        this.inbox.push(...this.proxy.push(rest));
      }
    }
  }

  send(frame: Uint8Array): void {
    this.sent.push(frame);
    this.socket.write(frame);
  }

  /** Waits for the next message of `type`, keeping the others in order for later waits. */
  async next<Type extends (MuxMessage | ProxyPacket)['type']>(
    type: Type,
    matches: (message: Extract<MuxMessage | ProxyPacket, { type: Type }>) => boolean = () => true,
  ): Promise<Extract<MuxMessage | ProxyPacket, { type: Type }>> {
    const deadline = Date.now() + STEP_TIMEOUT;
    for (;;) {
      const index = this.inbox.findIndex(
        (message) =>
          message.type === type &&
          matches(message as Extract<MuxMessage | ProxyPacket, { type: Type }>),
      );
      if (index !== -1) {
        return this.inbox.splice(index, 1)[0] as Extract<MuxMessage | ProxyPacket, { type: Type }>;
      }
      if (this.failure !== undefined) throw this.failure;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${type}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 200);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  }
}

async function converse(
  controlPath: string,
  closedPort: number,
): Promise<{ recorder: Recorder; masterPid: number }> {
  const socket = connect(controlPath);
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  const recorder = new Recorder(socket);
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
        port: closedPort,
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
  request(tty, true, { kind: 'exec', command: 'sleep 5' });
  await recorder.next('SSH_MSG_CHANNEL_SUCCESS', (m) => m.recipientChannel === 3);
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

const hex = (chunks: readonly Uint8Array[]): string =>
  chunks.map((chunk) => Buffer.from(chunk).toString('hex')).join('');

async function main(): Promise<void> {
  await using sshd = await startSshd();
  const directory = await mkdtemp(join(tmpdir(), 'omc-'));
  const controlPath = join(directory, 'ctl');
  try {
    const started = await run('ssh', [
      '-M',
      '-N',
      '-f',
      '-S',
      controlPath,
      '-E',
      join(directory, 'ssh.log'),
      '-F',
      sshd.sshConfigFile,
      sshd.hostAlias,
    ]);
    if (started !== 0) throw new Error(`ssh -M exited with ${String(started)}`);
    const conversation = await converse(controlPath, await freePort('127.0.0.1'));
    const { recorder, masterPid } = conversation;
    const version = await new Promise<string>((resolve) => {
      const child = spawn('ssh', ['-V'], { stdio: ['ignore', 'ignore', 'pipe'] });
      let text = '';
      child.stderr.setEncoding('utf8').on('data', (part: string) => (text += part));
      child.once('close', () => resolve(text.trim()));
    });
    const goldens = {
      comment:
        'Captured by scripts/capture-goldens.ts from a real ssh -M ControlMaster; regenerate, do not edit.',
      openssh: version,
      masterPid,
      clientToMaster: hex(recorder.sent),
      masterToClient: hex(recorder.received),
      masterChunks: recorder.received.map((chunk) => chunk.length),
    };
    await writeFile(output, `${JSON.stringify(goldens, null, 2)}\n`);
    console.log(`wrote ${output.pathname} (${version})`);
  } finally {
    await stopMaster(controlPath, sshd.sshConfigFile, sshd.hostAlias, directory);
  }
  const leftovers = processesMentioning([directory]);
  if (leftovers.length > 0) {
    throw new Error(`left behind: ${leftovers.map((entry) => entry.commandLine).join('; ')}`);
  }
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
  await rm(directory, { recursive: true, force: true });
}

await main();
