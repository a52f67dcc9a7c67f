import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { TestSshdError } from './errors.js';
import { findExecutable } from './find-executable.js';
import { freePort } from './free-port.js';
import {
  interactiveSshdConfig,
  prepareInteractiveLogins,
  type InteractiveLogins,
} from './interactive-logins.js';
import { resolveLoginUser } from './login-user.js';
import type { LoginShellName } from './login-shell.js';
import { connectionProcesses } from './connection-processes.js';
import { descendantPids, isAlive, signalQuietly } from './processes.js';
import type { SshdInfo } from './sshd-info.js';
import { waitForBanner } from './wait-for-banner.js';

const execFileAsync = promisify(execFile);

/** How to start a harness sshd. */
export interface StartSshdOptions {
  /** sshd's `MaxSessions` (channels per connection). Default 10, as OpenSSH's. */
  readonly maxSessions?: number;
  /** Extra sshd_config lines, appended after the generated ones. */
  readonly extraConfig?: readonly string[];
  /**
   * Login user. Default: the current user; as root, a dedicated unprivileged
   * account `ossh-test` with /bin/sh as its shell, created when missing.
   */
  readonly user?: string;
  /**
   * Login shell of the test account (root only, exclusive with `user`): the
   * account is then `ossh-test-<shell>`, created when missing, whose shell
   * in /etc/passwd is that shell, so sshd really runs every command line
   * through it. `ash` is busybox's, through a link named `ash`.
   */
  readonly loginShell?: LoginShellName;
  /** Listen address: `127.0.0.1` (default) or `::1`. Only loopback is allowed. */
  readonly listenAddress?: '127.0.0.1' | '::1';
  /** Path to sshd. Default: found on PATH or in the sbin directories. */
  readonly sshdPath?: string;
  /** Host alias written to the generated ssh_config. Default `ossh-test-<port>`. */
  readonly hostAlias?: string;
  /** How long to wait for sshd to accept connections, in ms. Default 15000. */
  readonly startTimeout?: number;
  /**
   * Also accept password (`password`) or two-question keyboard-interactive
   * (`two-prompts`) logins, through PAM; root only. The generated ssh_config
   * then offers no key and leaves BatchMode off. Default: keys only, `UsePAM no`.
   */
  readonly interactiveLogins?: InteractiveLogins;
}

/** A running harness sshd. Dispose it (or call `stop()`) to end it. */
export interface TestSshd extends SshdInfo, AsyncDisposable {
  /** The serializable part, for vitest's `provide()`. */
  readonly info: SshdInfo;
  /**
   * Pids of the sshd processes currently serving connections: each
   * connection's privileged monitor and its unprivileged child, which both
   * hold the TCP socket (and that child even once the monitor is gone).
   * Killing them all (SIGKILL) drops every client's connection, which is how
   * tests simulate a broken network; the users' session commands are not
   * listed.
   */
  connectionPids(): number[];
  /** Ends this sshd (by its pid) and its connection processes, then removes its directory. */
  stop(): Promise<void>;
}

const running = new Set<{ pid: number; port: number; directory: string }>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // Last resort when a test runner exits without disposing: nothing of ours
  // may outlive the Node process.
  process.once('exit', () => {
    for (const instance of running) {
      for (const pid of servingPids(instance.pid, instance.port)) signalQuietly(pid, 'SIGKILL');
      signalQuietly(instance.pid, 'SIGKILL');
      rmSync(instance.directory, { recursive: true, force: true });
    }
  });
}

async function generateKey(
  sshKeygen: string,
  path: string,
  comment: string,
  passphrase = '',
): Promise<string> {
  await execFileAsync(sshKeygen, [
    '-q',
    '-t',
    'ed25519',
    '-N',
    passphrase,
    '-C',
    comment,
    '-f',
    path,
  ]);
  return (await readFile(`${path}.pub`, 'utf8')).trim();
}

function sshdConfig(options: {
  port: number;
  listenAddress: string;
  directory: string;
  user: string;
  maxSessions: number;
  extraConfig: readonly string[];
  interactiveLogins: InteractiveLogins | undefined;
}): string {
  const { directory } = options;
  return [
    `Port ${options.port}`,
    `ListenAddress ${options.listenAddress}`,
    `HostKey ${join(directory, 'host_ed25519')}`,
    `PidFile none`,
    `AuthorizedKeysFile ${join(directory, 'authorized_keys')}`,
    // The key files live under /tmp, which is world-writable; StrictModes
    // would refuse them. This sshd only ever listens on loopback.
    'StrictModes no',
    ...(options.interactiveLogins === undefined
      ? ['UsePAM no', 'PasswordAuthentication no', 'KbdInteractiveAuthentication no']
      : interactiveSshdConfig(options.interactiveLogins)),
    'PubkeyAuthentication yes',
    `AllowUsers ${options.user}`,
    options.user === 'root' ? 'PermitRootLogin prohibit-password' : 'PermitRootLogin no',
    `MaxSessions ${options.maxSessions}`,
    'MaxStartups 200:30:400',
    'Subsystem sftp internal-sftp',
    'AllowTcpForwarding yes',
    'AllowStreamLocalForwarding yes',
    'StreamLocalBindUnlink yes',
    'X11Forwarding no',
    'PrintMotd no',
    'PrintLastLog no',
    'UseDNS no',
    'AcceptEnv LANG LC_* OSSH_TEST_*',
    'LogLevel VERBOSE',
    ...options.extraConfig,
    '',
  ].join('\n');
}

function clientConfig(
  info: Omit<SshdInfo, 'sshConfigFile' | 'logFile' | 'pid'>,
  interactive: boolean,
): string {
  // An interactive instance is there to be asked questions: no key is
  // offered (the command line can turn PubkeyAuthentication back on).
  const authentication = interactive
    ? ['  PubkeyAuthentication no']
    : [
        `  IdentityFile ${info.identityFile}`,
        '  BatchMode yes',
        '  PasswordAuthentication no',
        '  KbdInteractiveAuthentication no',
      ];
  return [
    `Host ${info.hostAlias}`,
    `  HostName ${info.host}`,
    `  Port ${info.port}`,
    `  User ${info.user}`,
    ...authentication,
    '  IdentitiesOnly yes',
    '  IdentityAgent none',
    `  UserKnownHostsFile ${info.knownHostsFile}`,
    '  GlobalKnownHostsFile /dev/null',
    '  StrictHostKeyChecking yes',
    '  CheckHostIP no',
    '  ForwardAgent no',
    '  ForwardX11 no',
    '  LogLevel ERROR',
    '',
  ].join('\n');
}

function ensurePrivilegeSeparationDirectory(): void {
  // sshd refuses to start without it ("Missing privilege separation
  // directory"); fresh containers and machines without the service lack it.
  if (process.getuid?.() === 0 && !existsSync('/run/sshd')) {
    mkdirSync('/run/sshd', { recursive: true, mode: 0o755 });
  }
}

/**
 * Starts OpenSSH's own sshd on loopback with a fresh host key, a fresh client
 * key, authorized_keys, a known_hosts that trusts the host key and an
 * ssh_config with a Host alias, all in one short temp directory. Resolves
 * once sshd answers with its SSH banner.
 *
 * @example
 * ```ts
 * await using sshd = await startSshd();
 * execFileSync('ssh', ['-F', sshd.sshConfigFile, sshd.hostAlias, 'echo', 'hello']);
 * ```
 */
export async function startSshd(options: StartSshdOptions = {}): Promise<TestSshd> {
  const sshdPath = options.sshdPath ?? findExecutable('sshd');
  if (sshdPath === undefined || !existsSync(sshdPath)) {
    throw new TestSshdError(
      'sshd-not-installed',
      'OpenSSH server (sshd) is not installed: run `apt-get install openssh-server` ' +
        '(or `sudo apt-get install openssh-server`), or `bash scripts/quickstart.sh test`, which installs it.',
    );
  }
  const sshKeygen = findExecutable('ssh-keygen');
  if (sshKeygen === undefined) {
    throw new TestSshdError(
      'ssh-keygen-not-installed',
      'ssh-keygen is not installed: run `apt-get install openssh-client`.',
    );
  }
  const listenAddress = options.listenAddress ?? '127.0.0.1';
  if (listenAddress !== '127.0.0.1' && listenAddress !== '::1') {
    throw new TestSshdError(
      'start-failed',
      `listen address must be loopback, got ${String(listenAddress)}`,
    );
  }
  ensurePrivilegeSeparationDirectory();
  const user = await resolveLoginUser(options.user, options.loginShell);

  // Short on purpose: ControlMaster sockets made under it must stay below
  // the ~108-byte Unix socket path limit.
  const directory = await mkdtemp(join(tmpdir(), 'osd-'));
  try {
    await chmod(directory, 0o755);
    const identityFile = join(directory, 'id_ed25519');
    const logins = options.interactiveLogins;
    const interactive =
      logins === undefined
        ? undefined
        : {
            prepared: await prepareInteractiveLogins({
              logins,
              user: user.name,
              sshdPath,
              directory,
            }),
            passphrase: randomBytes(18).toString('base64url'),
            passphraseIdentityFile: join(directory, 'id_ed25519_passphrase'),
          };
    const [hostKey, ...clientKeys] = await Promise.all([
      generateKey(sshKeygen, join(directory, 'host_ed25519'), 'openssh-ts test host'),
      generateKey(sshKeygen, identityFile, 'openssh-ts test client'),
      ...(interactive === undefined
        ? []
        : [
            generateKey(
              sshKeygen,
              interactive.passphraseIdentityFile,
              'openssh-ts test client with a passphrase',
              interactive.passphrase,
            ),
          ]),
    ]);
    await writeFile(
      join(directory, 'authorized_keys'),
      clientKeys.map((key) => `${key}\n`).join(''),
      {
        mode: 0o644,
      },
    );
    const logFile = join(directory, 'sshd.log');
    const configFile = join(directory, 'sshd_config');
    const knownHostsFile = join(directory, 'known_hosts');
    const sshConfigFile = join(directory, 'ssh_config');

    let lastError: unknown;
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const port = await freePort(listenAddress);
      const hostAlias = options.hostAlias ?? `ossh-test-${port}`;
      await writeFile(
        configFile,
        sshdConfig({
          port,
          listenAddress,
          directory,
          user: user.name,
          maxSessions: options.maxSessions ?? 10,
          extraConfig: options.extraConfig ?? [],
          interactiveLogins: logins,
        }),
      );
      await writeFile(knownHostsFile, `[${listenAddress}]:${port} ${hostKey}\n`);
      const partial = {
        host: listenAddress,
        port,
        user: user.name,
        userHome: user.home,
        identityFile,
        knownHostsFile,
        hostAlias,
        directory,
        ...(interactive && {
          password: interactive.prepared.secrets.password,
          ...(logins === 'two-prompts' && {
            secondAnswer: interactive.prepared.secrets.secondAnswer,
          }),
          passphrase: interactive.passphrase,
          passphraseIdentityFile: interactive.passphraseIdentityFile,
        }),
      };
      await writeFile(sshConfigFile, clientConfig(partial, interactive !== undefined));

      const child = spawn(
        interactive?.prepared.program ?? sshdPath,
        ['-D', '-e', '-f', configFile, '-E', logFile],
        {
          stdio: ['ignore', 'ignore', 'pipe'],
        },
      );
      let exited = false;
      let stderr = '';
      child.stderr.setEncoding('utf8').on('data', (text: string) => {
        if (stderr.length < 16_384) stderr += text;
      });
      child.once('exit', () => {
        exited = true;
      });
      const spawned = await new Promise<number | undefined>((resolve) => {
        child.once('spawn', () => resolve(child.pid));
        child.once('error', () => resolve(undefined));
      });
      if (spawned === undefined) {
        throw new TestSshdError('start-failed', `could not run ${sshdPath}`);
      }
      try {
        await waitForBanner(
          listenAddress,
          port,
          Date.now() + (options.startTimeout ?? 15_000),
          () => !exited,
        );
      } catch (error) {
        const log = await readFile(logFile, 'utf8').catch(() => '');
        lastError = new TestSshdError(
          'start-failed',
          `sshd failed to start on ${listenAddress}:${port}: ${(stderr + log).trim() || String(error)}`,
          { cause: error },
        );
        await stopProcess(child, spawned, port);
        // A lost race for the port is worth another try; anything else is not.
        if (/Address already in use|Cannot bind/i.test(stderr + log)) continue;
        throw lastError;
      }
      return makeHandle({ ...partial, sshConfigFile, logFile, pid: spawned }, child);
    }
    throw lastError;
  } catch (error) {
    await rm(directory, { recursive: true, force: true });
    throw error;
  }
}

/**
 * Everything of the sshd `pid` but itself: its process tree, and connection
 * processes orphaned by a killed monitor with their session commands.
 */
function servingPids(pid: number, port: number): number[] {
  const served = connectionProcesses(pid, port);
  return [
    ...new Set([
      ...descendantPids(pid),
      ...served,
      ...served.flatMap((one) => descendantPids(one)),
    ]),
  ];
}

async function stopProcess(child: ChildProcess, pid: number, port: number): Promise<void> {
  const connections = servingPids(pid, port);
  for (const descendant of connections) signalQuietly(descendant, 'SIGTERM');
  if (child.exitCode === null && child.signalCode === null) {
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    signalQuietly(pid, 'SIGTERM');
    const timedOut = await Promise.race([exited.then(() => false), sleep(3000).then(() => true)]);
    if (timedOut) {
      signalQuietly(pid, 'SIGKILL');
      await exited;
    }
  }
  // Connection processes get a moment to close their sockets cleanly, then
  // anything left is killed: stop() leaves nothing of this sshd behind.
  for (let waited = 0; waited < 2000 && connections.some(isAlive); waited += 20) await sleep(20);
  for (const descendant of connections)
    if (isAlive(descendant)) signalQuietly(descendant, 'SIGKILL');
}

function makeHandle(info: SshdInfo, child: ChildProcess): TestSshd {
  const record = { pid: info.pid, port: info.port, directory: info.directory };
  running.add(record);
  installExitHook();
  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      await stopProcess(child, info.pid, info.port);
      await rm(info.directory, { recursive: true, force: true });
      running.delete(record);
    })();
    return stopping;
  };
  return {
    ...info,
    info,
    connectionPids: () => connectionProcesses(info.pid, info.port),
    stop,
    [Symbol.asyncDispose]: stop,
  };
}
