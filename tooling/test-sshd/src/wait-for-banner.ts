import { connect } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Resolves once something on host:port answers with an SSH identification
 * string; that is the only proof that sshd accepts connections, since a bound
 * port alone may still refuse while sshd loads its keys.
 */
export async function waitForBanner(
  host: string,
  port: number,
  deadline: number,
  stillRunning: () => boolean,
): Promise<void> {
  for (;;) {
    if (!stillRunning()) throw new Error('sshd exited before accepting connections');
    if (await readsBanner(host, port)) return;
    if (Date.now() > deadline) throw new Error(`sshd did not answer on ${host}:${port} in time`);
    await sleep(20);
  }
}

function readsBanner(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    let received = '';
    const finish = (result: boolean) => {
      socket.destroy();
      resolve(result);
    };
    socket.setTimeout(2000, () => finish(false));
    socket.on('data', (chunk: Buffer) => {
      received += chunk.toString('latin1');
      if (received.includes('\n')) finish(received.startsWith('SSH-'));
    });
    socket.on('error', () => finish(false));
    socket.on('close', () => finish(false));
  });
}
