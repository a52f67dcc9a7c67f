// Session.openTunnel on the process transport: `ssh -S ctl -W host:port`.
// The mux client hands its stdin and stdout to the master
// (MUX_C_NEW_STDIO_FWD, fds passed over the control socket), which opens a
// direct-tcpip channel on them. With -v the client prints
// `mux_client_request_stdio_fwd: master session id: N` once the master
// confirmed the channel, or `Stdio forwarding request failed: <why>` when
// the server could not connect — so open and refusal are told apart before
// the Duplex is handed over.
import { spawn } from 'node:child_process';
import { Duplex, type Readable } from 'node:stream';
import {
  formatCommandLine,
  SshError,
  stripSshNoise,
  trace,
  type TunnelTarget,
} from '@openssh-ts/session-core';
import type { MasterControl } from './master-control.js';
import { masterFailure } from './master-failure.js';
import { stdioForwardArguments } from './ssh-arguments.js';

const OPENED = /mux_client_request_stdio_fwd: master session id: \d+/;
const FAILED = /Stdio forwarding request failed: ([^\r\n]*)/;
/** ssh's own text kept for messages. */
const STDERR_LIMIT = 16 * 1024;

/** What opening a tunnel needs. */
export interface StdioTunnelContext {
  readonly sshPath: string;
  readonly controlSocket: string;
  readonly masterLog: string | undefined;
  readonly control: MasterControl;
}

function checkTarget(target: TunnelTarget): { host: string; port: number } {
  if ('path' in target) {
    throw new SshError(
      'unsupported',
      "the process transport tunnels through ssh -W, which reaches host:port only, not a Unix socket; use requestPortForward('local', ...) to one instead",
    );
  }
  const { host, port } = target;
  if (!Number.isInteger(port) || port < 1 || port > 65535)
    throw new SshError('forward', `invalid tunnel port ${String(port)}`);
  // ssh reads the value of -W as one forward specification.
  if (host === '' || host.length > 255 || /[\s[\]/]|^-/.test(host))
    throw new SshError('forward', `invalid tunnel host ${JSON.stringify(host)}`);
  return { host, port };
}

/** Opens a connection from the server to `target` as a Duplex; `forward` when the server cannot connect. */
export function openStdioTunnel(
  context: StdioTunnelContext,
  target: TunnelTarget,
): Promise<Duplex> {
  const { host, port } = checkTarget(target);
  const argv = stdioForwardArguments(context.controlSocket, host, port);
  trace('ssh', () => `tunnel: ${formatCommandLine(context.sshPath, argv)}`);
  const child = spawn(context.sshPath, argv, { stdio: ['pipe', 'pipe', 'pipe'] });
  const stderr = child.stderr;
  let text = '';
  return new Promise<Duplex>((resolve, reject) => {
    let settled = false;
    const onData = (chunk: Buffer): void => {
      if (text.length < STDERR_LIMIT) text += chunk.toString('utf8');
      if (settled) return;
      const failed = FAILED.exec(text);
      if (failed !== null) {
        settled = true;
        reject(
          new SshError(
            'forward',
            `the server could not connect to ${host}:${port}: ${failed[1] ?? ''}`,
            { sshOutput: stripSshNoise(text) },
          ),
        );
      } else if (OPENED.test(text)) {
        settled = true;
        resolve(tunnelDuplex(child));
      }
    };
    stderr.on('data', onData);
    child.once('error', (error) => {
      if (settled) return;
      settled = true;
      reject(
        new SshError('ssh', `cannot run ${context.sshPath}: ${error.message}`, { cause: error }),
      );
    });
    child.once('close', (code) => {
      if (settled) return;
      settled = true;
      void context.control.alive().then(async (alive) => {
        if (!alive) reject(await masterFailure(context.masterLog, text));
        else {
          const message = stripSshNoise(text.replace(/^(OpenSSH_.*|debug\d: .*)$/gm, ''));
          reject(
            new SshError(
              'forward',
              `ssh -W ${host}:${port} exited with ${String(code)}: ${message}`,
              {
                sshOutput: message,
              },
            ),
          );
        }
      });
    });
  });
}

/**
 * The ssh process' stdout and stdin as one Duplex. Destroying it ends the
 * tunnel: our pipe ends close and the mux client goes, so the master (which
 * holds the other copies) sees EOF and closes the channel.
 */
function tunnelDuplex(child: ReturnType<typeof spawn>): Duplex {
  const readable = child.stdout as Readable;
  const writable = child.stdin!;
  const duplex = Duplex.from({ readable, writable });
  const stop = (): void => {
    readable.destroy();
    writable.destroy();
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
  };
  duplex.once('close', stop);
  // EPIPE after the far end went is the tunnel closing, reported by close.
  writable.on('error', () => undefined);
  return duplex;
}
