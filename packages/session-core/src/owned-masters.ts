// ControlMasters this process started and still owns. When Node exits, they
// are ended synchronously from the 'exit' handler ('exit' handlers cannot
// wait for anything). What cannot be helped: on SIGKILL, or a signal Node
// handles by dying without 'exit' (SIGINT/SIGTERM with no listener), no
// handler runs; the master then lives on per its ControlPersist (forever by
// default), and its control directory stays until a later
// `cleanStaleControlDirectories` finds the master gone.
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { signalQuietly } from './process-liveness.js';

/** What the exit handler needs to end one master. */
export interface OwnedMaster {
  readonly controlSocket: string;
  readonly directory: string;
  readonly sshPath: string;
  /** Known once `check()` has reported it. */
  masterPid: number | undefined;
}

const owned = new Set<OwnedMaster>();
let hookInstalled = false;

function endAllSynchronously(): void {
  for (const master of owned) {
    if (master.masterPid === undefined) {
      spawnSync(
        master.sshPath,
        ['-S', master.controlSocket, '-o', 'BatchMode=yes', '-O', 'exit', 'none'],
        {
          stdio: 'ignore',
          timeout: 2000,
        },
      );
    } else {
      // The master unlinks its socket on SIGTERM.
      signalQuietly(master.masterPid, 'SIGTERM');
    }
    rmSync(master.directory, { recursive: true, force: true });
  }
  owned.clear();
}

/** Records a master to end when this process exits. */
export function ownMaster(master: OwnedMaster): void {
  owned.add(master);
  if (!hookInstalled) {
    hookInstalled = true;
    process.once('exit', endAllSynchronously);
  }
}

/** Forgets a master (closed, or detached on purpose). */
export function disownMaster(master: OwnedMaster): void {
  owned.delete(master);
}
