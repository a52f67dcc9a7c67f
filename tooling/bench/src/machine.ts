import { createConnection } from 'node:net';
import { cpus, release } from 'node:os';
import { runProgram } from './child-process.js';
import { sshOptions, type BenchEnvironment } from './environment.js';

/** Algorithms one cipher setup actually negotiated, as `ssh -v` reported them. */
export interface Negotiated {
  readonly requested: string;
  readonly cipher: string;
  readonly kex: string;
}

/** The machine line: what a figure needs next to it to be comparable across runs. */
export interface MachineInfo {
  readonly cpuModel: string;
  readonly cores: number;
  readonly kernel: string;
  readonly node: string;
  readonly sshClient: string;
  /** The server's SSH banner, e.g. `SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u10`. */
  readonly sshServer: string;
  readonly openssl: string;
  readonly ssh2: string;
  /** ISO 8601, UTC. */
  readonly date: string;
  readonly negotiated: readonly Negotiated[];
}

function readBanner(host: string, port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = createConnection({ host, port });
    let received = '';
    socket.setTimeout(5000, () => socket.destroy(new Error('no SSH banner within 5 s')));
    socket.setEncoding('latin1');
    socket.on('data', (text: string) => {
      received += text;
      const end = received.indexOf('\n');
      if (end >= 0 || received.length > 255) {
        socket.destroy();
        resolve(received.slice(0, end >= 0 ? end : 255).trim());
      }
    });
    socket.once('error', reject);
  });
}

async function negotiated(environment: BenchEnvironment): Promise<Negotiated[]> {
  const found: Negotiated[] = [];
  for (const setup of environment.ciphers) {
    // A fresh connection with -v, not the master: its debug lines name what
    // the server agreed to, which proves the explicit options took effect.
    const { stderr } = await runProgram('ssh', ['-v', ...sshOptions(setup), setup.alias, 'true']);
    const cipher = /kex: server->client cipher: (\S+)/.exec(stderr)?.[1] ?? 'unknown';
    const kex = /kex: algorithm: (\S+)/.exec(stderr)?.[1] ?? 'unknown';
    found.push({ requested: setup.id, cipher, kex });
  }
  return found;
}

/** Reads the machine line. */
export async function readMachine(
  environment: BenchEnvironment,
  ssh2Version: string,
): Promise<MachineInfo> {
  const [client, openssl, sshServer, algorithms] = await Promise.all([
    runProgram('ssh', ['-V']),
    runProgram('openssl', ['version'], { captureStdout: true, allowFailure: true }).catch(
      () => undefined,
    ),
    readBanner(environment.sshd.host, environment.sshd.port),
    negotiated(environment),
  ]);
  return {
    cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
    cores: cpus().length,
    kernel: release(),
    node: process.version,
    sshClient: client.stderr.trim(),
    sshServer,
    openssl: openssl?.stdout.trim() ?? 'not installed',
    ssh2: ssh2Version,
    date: new Date().toISOString(),
    negotiated: algorithms,
  };
}

/** One line for the top of a table. */
export function machineLine(machine: MachineInfo): string {
  const algorithms = machine.negotiated.map((entry) => `${entry.cipher} + ${entry.kex}`).join('; ');
  return (
    `${machine.date} · ${machine.cpuModel}, ${machine.cores} cores, Linux ${machine.kernel} · Node ${machine.node} · ` +
    `client ${machine.sshClient} · server ${machine.sshServer} · ${machine.openssl} · ssh2 ${machine.ssh2} · negotiated: ${algorithms}`
  );
}
