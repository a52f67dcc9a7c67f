// Test support: a "fleet" of harness sshd instances behind one ssh_config,
// several host aliases per instance, plus aliases that point at a closed
// loopback port (a host that is down).
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, startSshd, type TestSshd } from '@openssh-ts/test-sshd';

/** A running fleet; dispose it to stop every sshd and remove the files. */
export interface Fleet extends AsyncDisposable {
  /** Host aliases, in order; every `downEvery`-th one is down. */
  readonly hosts: readonly string[];
  readonly downHosts: readonly string[];
  /** One ssh_config naming every alias. */
  readonly sshConfigFile: string;
  /** Directories whose paths appear in the command lines of our processes. */
  readonly directories: readonly string[];
  /** Pids of the listening sshd processes (expected to be alive until disposal). */
  readonly sshdPids: readonly number[];
}

/**
 * Starts `instances` sshd processes and names `aliasesPerInstance` hosts on
 * each; the aliases listed in `down` (by index) point at a closed port.
 */
export async function startFleet(
  instances: number,
  aliasesPerInstance: number,
  down: readonly number[],
): Promise<Fleet> {
  const directory = await mkdtemp(join(tmpdir(), 'ossh-fleet-'));
  const servers: TestSshd[] = [];
  try {
    servers.push(...(await Promise.all(Array.from({ length: instances }, () => startSshd()))));
    const closedPort = await freePort('127.0.0.1');
    const hosts: string[] = [];
    const blocks: string[] = [];
    for (const [index, server] of servers.entries()) {
      const config = await readFile(server.sshConfigFile, 'utf8');
      const aliases = Array.from(
        { length: aliasesPerInstance },
        (_, alias) => `fleet-${index}-${alias}`,
      );
      hosts.push(...aliases);
      blocks.push(config.replace(/^Host .*$/m, `Host ${aliases.join(' ')}`));
    }
    const downHosts = down.map((index) => `fleet-down-${index}`);
    for (const [position, index] of down.entries()) hosts[index] = downHosts[position] ?? '';
    const first = servers[0];
    if (first !== undefined && downHosts.length > 0) {
      const config = await readFile(first.sshConfigFile, 'utf8');
      blocks.push(
        config
          .replace(/^Host .*$/m, `Host ${downHosts.join(' ')}`)
          .replace(/^ {2}Port .*$/m, `  Port ${closedPort}`),
      );
    }
    const sshConfigFile = join(directory, 'ssh_config');
    await writeFile(sshConfigFile, blocks.join('\n'));
    return {
      hosts,
      downHosts,
      sshConfigFile,
      directories: [directory, ...servers.map((server) => server.directory)],
      sshdPids: servers.map((server) => server.pid),
      async [Symbol.asyncDispose]() {
        await Promise.all(servers.map((server) => server.stop()));
        await rm(directory, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await Promise.all(servers.map((server) => server.stop()));
    await rm(directory, { recursive: true, force: true });
    throw error;
  }
}
