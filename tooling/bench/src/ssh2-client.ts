import { readFileSync } from 'node:fs';
import { connect as connectTcp, Socket } from 'node:net';
import { Client, type ClientChannel, type SFTPWrapper } from 'ssh2';
import type { CpuTargets } from './cpu-meter.js';
import { endpoint, type BenchEnvironment, type CipherSetup } from './environment.js';

/** How the ssh2 comparison is configured. */
export interface Ssh2Tuning {
  /**
   * Hand ssh2 a socket with TCP_NODELAY set. ssh2 leaves Nagle on, which
   * stalls request/reply traffic ~40 ms (PERFORMANCE.md), so both are shown.
   */
  readonly noDelay: boolean;
}

function trustedHostKey(knownHostsFile: string): Buffer {
  // known_hosts line: "[host]:port type base64"
  const [, , base64] = readFileSync(knownHostsFile, 'utf8').trim().split(/\s+/);
  if (base64 === undefined) throw new Error(`no host key in ${knownHostsFile}`);
  return Buffer.from(base64, 'base64');
}

function openSocket(host: string, port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connectTcp({ host, port });
    socket.setNoDelay(true);
    socket.once('connect', () => resolve(socket));
    socket.once('error', reject);
  });
}

/** Connects ssh2 to the run's sshd with exactly the cipher and key exchange of `setup`, checking the host key. */
export async function connectSsh2(
  environment: BenchEnvironment,
  setup: CipherSetup,
  tuning: Ssh2Tuning,
): Promise<Client> {
  const { sshd } = environment;
  const hostKey = trustedHostKey(sshd.knownHostsFile);
  const target = endpoint(environment);
  const socket = tuning.noDelay ? await openSocket(target.host, target.port) : undefined;
  const client = new Client();
  await new Promise<void>((resolve, reject) => {
    client.once('ready', resolve);
    client.once('error', reject);
    client.connect({
      host: target.host,
      port: target.port,
      username: sshd.user,
      privateKey: readFileSync(sshd.identityFile),
      hostVerifier: (key: Buffer) => key.equals(hostKey),
      algorithms: {
        cipher: [setup.cipher as 'chacha20-poly1305@openssh.com'],
        kex: [setup.kex as 'curve25519-sha256'],
      },
      ...(socket === undefined ? {} : { sock: socket }),
    });
  });
  client.on('error', () => {
    // Errors after ready surface through the pending exec/sftp call instead.
  });
  return client;
}

/** A started ssh2 command and the promise of its exit code. */
export interface Ssh2Command {
  readonly channel: ClientChannel;
  /** Resolves with the exit code (null after a signal) once the channel has closed. */
  readonly exit: Promise<number | null>;
}

/**
 * Starts a command on an ssh2 connection. The exit listener is attached in
 * the exec callback itself: ssh2 may emit `exit` from the same socket read
 * that confirmed the channel, before any promise continuation could run.
 */
export function ssh2Command(client: Client, command: string): Promise<Ssh2Command> {
  return new Promise((resolve, reject) => {
    client.exec(command, (error, channel) => {
      if (error) {
        reject(error);
        return;
      }
      const exit = new Promise<number | null>((resolveExit) => {
        let code: number | null = null;
        channel.once('exit', (exitCode: number | null) => {
          code = exitCode;
        });
        channel.once('close', () => resolveExit(code));
      });
      resolve({ channel, exit });
    });
  });
}

/** Runs a command that prints nothing interesting and rejects unless it exits 0. */
export async function ssh2Run(client: Client, command: string): Promise<void> {
  const { channel, exit } = await ssh2Command(client, command);
  channel.resume();
  channel.stderr.resume();
  const code = await exit;
  if (code !== 0) throw new Error(`ssh2 exec ${command}: exit ${String(code)}`);
}

/** Opens the SFTP subsystem on an ssh2 connection. */
export function ssh2Sftp(client: Client): Promise<SFTPWrapper> {
  return new Promise((resolve, reject) => {
    client.sftp((error, sftp) => (error ? reject(error) : resolve(sftp)));
  });
}

/**
 * ssh2 rides no master: its connection is held by this very process. The
 * local port tells it apart from another ssh2 client in the same process; it
 * is read from ssh2's socket, which is not public API, so when it is not
 * there the connection is only named by process (and then found only if it
 * is the process' one connection to sshd).
 */
export function ssh2CpuTargets(client: Client): CpuTargets {
  const socket = (client as unknown as { _sock?: unknown })._sock;
  const localPort = socket instanceof Socket ? socket.localPort : undefined;
  return {
    connection: { pid: process.pid, ...(localPort === undefined ? {} : { localPort }) },
  };
}
