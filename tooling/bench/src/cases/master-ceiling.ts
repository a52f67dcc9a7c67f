// The ceiling rows of the SFTP cases: the same file moved through the run's
// ControlMaster with no SFTP client at all, which bounds what any client
// riding a master can reach on this machine.
import { spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import type { Contender } from '../bench-case.js';
import { viaMaster } from '../cpu-meter.js';
import { sshOptions, type BenchEnvironment, type CipherSetup } from '../environment.js';
import { transferContender, type Direction, type Paths } from './transfer-contender.js';

/** A path the remote shell may see unquoted; the run's own paths always are. */
function plainPath(path: string): string {
  if (!/^[\w./-]+$/.test(path)) throw new Error(`unexpected characters in ${path}`);
  return path;
}

/** Runs `ssh` with `stdin`/`stdout` given as file descriptors and rejects unless it exits 0. */
function sshWithFiles(
  args: readonly string[],
  stdin: number | 'ignore',
  stdout: number | 'ignore',
): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const child = spawn('ssh', args, { stdio: [stdin, stdout, 'pipe'] });
    let stderr = '';
    child.stderr?.setEncoding('utf8').on('data', (text: string) => {
      stderr = (stderr + text).slice(-500);
    });
    child.once('error', reject);
    child.once('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`ssh exit ${String(code)}: ${stderr.trim()}`)),
    );
  });
}

/**
 * The most a client riding the run's master can reach: no SFTP at all, the
 * file itself is `ssh`'s stdout (download) or stdin (upload). The mux client
 * hands those descriptors to the master, so the master reads or writes the
 * file directly and no client process touches a byte.
 */
export function masterCeiling(
  environment: BenchEnvironment,
  setup: CipherSetup,
  direction: Direction,
): Contender {
  const name =
    direction === 'download' ? 'ssh -S ctl cat src > file' : "ssh -S ctl 'cat > dst' < file";
  return transferContender(
    environment,
    direction,
    { name, role: 'reference', cpuClient: 'spawned' },
    {
      cpuTargets: () => Promise.resolve(viaMaster(setup.masterPid)),
      transfer: async (paths: Paths) => {
        const ssh = [...sshOptions(setup), '-S', setup.controlSocket, '-T', setup.alias];
        const local = openSync(
          direction === 'download' ? paths.destination : paths.source,
          direction === 'download' ? 'w' : 'r',
        );
        try {
          if (direction === 'download')
            await sshWithFiles([...ssh, 'cat', plainPath(paths.source)], 'ignore', local);
          else
            await sshWithFiles([...ssh, `cat > ${plainPath(paths.destination)}`], local, 'ignore');
        } finally {
          closeSync(local);
        }
      },
    },
  );
}
