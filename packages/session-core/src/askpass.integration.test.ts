import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { processesMentioning, startSshd, type TestSshd } from '@openssh-ts/test-sshd';
import { harnessSshd } from '@openssh-ts/test-sshd/vitest';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ConnectOptions, LoginPrompt } from './connect-options.js';
import { exitMaster } from './exit-master.js';
import { openMaster } from './open-master.js';
import { SshError } from './ssh-error.js';

const execFileAsync = promisify(execFile);
const parents: string[] = [];

afterEach(async () => {
  // No ssh, askpass helper or wrapper of ours may be left, nor any directory.
  // `ssh -O exit` returns before the master has gone: give it a moment.
  for (let waited = 0; waited < 5000 && processesMentioning(parents).length > 0; waited += 50)
    await new Promise((resolve) => setTimeout(resolve, 50));
  expect(processesMentioning(parents)).toEqual([]);
  for (const parent of parents.splice(0)) rmSync(parent, { recursive: true, force: true });
});

/** Opens a master to `sshd` (its ssh_config alias), checks it, ends it; returns its control directory's files. */
async function connectAndClose(sshd: TestSshd, options: ConnectOptions): Promise<string[]> {
  const parent = mkdtempSync(join(tmpdir(), 'oap-'));
  parents.push(parent);
  const paths = await openMaster(sshd.hostAlias, {
    configFile: sshd.sshConfigFile,
    controlDirectory: parent,
    ...options,
  });
  try {
    await execFileAsync('ssh', ['-S', paths.controlSocket, '-O', 'check', 'none']);
    return readdirSync(paths.directory).sort();
  } finally {
    await exitMaster('ssh', paths.controlSocket);
  }
}

async function connectFailure(sshd: TestSshd, options: ConnectOptions): Promise<SshError> {
  const parent = mkdtempSync(join(tmpdir(), 'oap-'));
  parents.push(parent);
  const error = await openMaster(sshd.hostAlias, {
    configFile: sshd.sshConfigFile,
    controlDirectory: parent,
    ...options,
  }).then(
    () => new Error('connected'),
    (failure: unknown) => failure,
  );
  expect(SshError.isInstance(error)).toBe(true);
  // A failed connect leaves no control directory behind.
  expect(readdirSync(parent)).toEqual([]);
  return error as SshError;
}

/** Every process' argv and environment that holds `secret`, as "pid cmdline|environ". */
function processesHolding(secret: string): string[] {
  const found: string[] = [];
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    for (const file of ['cmdline', 'environ']) {
      try {
        if (readFileSync(`/proc/${pid}/${file}`).includes(secret)) found.push(`${pid} ${file}`);
      } catch {
        // Gone meanwhile.
      }
    }
  }
  return found;
}

/** Files under `directory` (recursively) whose content holds `secret`. */
function filesHolding(directory: string, secret: string): string[] {
  const found: string[] = [];
  for (const name of readdirSync(directory, { recursive: true, encoding: 'utf8' })) {
    const path = join(directory, name);
    try {
      if (statSync(path).isFile() && readFileSync(path).includes(secret)) found.push(path);
    } catch {
      // Gone meanwhile, or a socket.
    }
  }
  return found;
}

describe('password logins through askpass', () => {
  let sshd: TestSshd;
  beforeAll(async () => {
    sshd = await startSshd({ interactiveLogins: 'password' });
  });
  afterAll(() => sshd.stop());

  it('logs in with the password; the channel is gone once the master is up', async () => {
    const password = sshd.password ?? '';
    const seen: string[][] = [];
    let watching = true;
    // While connecting, no process may carry the password in argv or environment.
    const watcher = (async () => {
      while (watching) {
        seen.push(processesHolding(password));
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    })();
    const files = await connectAndClose(sshd, {
      password: () => {
        seen.push(processesHolding(password));
        return Promise.resolve(password);
      },
    }).finally(() => {
      watching = false;
    });
    await watcher;
    expect(files).toEqual(['log', 'master']);
    expect(seen.length).toBeGreaterThan(1);
    expect(seen.flat()).toEqual([]);
    expect(filesHolding(parents[0] ?? '', password)).toEqual([]);
  });

  it('fails a wrong password with permission-denied after NumberOfPasswordPrompts per method', async () => {
    const error = await connectFailure(sshd, { password: 'not-the-password' });
    expect(error.kind).toBe('connect');
    expect(error.reason).toBe('permission-denied');
    // ssh tries keyboard-interactive (PAM's "Password: ") 3 times, then the
    // password method 3 times; the sixth failure is sshd's MaxAuthTries.
    expect(error.message).toContain(
      'after 6 answers: 3 to password and 3 to keyboard-interactive prompts',
    );
  });

  it('without password or onPrompt stays in BatchMode and fails at once', async () => {
    const error = await connectFailure(sshd, {});
    expect(error.reason).toBe('permission-denied');
    expect(error.message).not.toContain('answers:');
  });

  it('logs in with a passphrase-protected key, the passphrase in no argv, environment or file', async () => {
    const passphrase = sshd.passphrase ?? '';
    const before = new Set(readdirSync(tmpdir()));
    let during: string[] = [];
    const files = await connectAndClose(sshd, {
      keyFile: sshd.passphraseIdentityFile ?? '',
      sshOptions: ['PubkeyAuthentication=yes', 'PreferredAuthentications=publickey'],
      passphrase: () => {
        during = processesHolding(passphrase);
        return Promise.resolve(passphrase);
      },
    });
    expect(files).toEqual(['log', 'master']);
    expect(during).toEqual([]);
    const fresh = readdirSync(tmpdir()).filter((name) => !before.has(name));
    for (const directory of [...parents, ...fresh.map((name) => join(tmpdir(), name))])
      if (statSync(directory, { throwIfNoEntry: false })?.isDirectory() === true)
        expect(filesHolding(directory, passphrase)).toEqual([]);
  });

  it("hands a jump host's password prompt to onPrompt, never the destination's password", async () => {
    const destination = harnessSshd();
    const parent = mkdtempSync(join(tmpdir(), 'oap-'));
    parents.push(parent);
    // One ssh_config with both Host blocks: ssh passes -F on to the jump's ssh.
    const configFile = join(parent, 'ssh_config');
    writeFileSync(
      configFile,
      readFileSync(sshd.sshConfigFile, 'utf8') + readFileSync(destination.sshConfigFile, 'utf8'),
    );
    const asked: LoginPrompt[] = [];
    const paths = await openMaster(destination.hostAlias, {
      configFile,
      controlDirectory: parent,
      jumpHosts: [sshd.hostAlias],
      password: 'the-destination-password',
      onPrompt: (prompt) => {
        asked.push(prompt);
        return sshd.password ?? '';
      },
    });
    await exitMaster('ssh', paths.controlSocket);
    // The jump sshd asks through PAM first (keyboard-interactive "Password: ").
    expect(asked).toEqual([
      {
        prompt: `(${sshd.user}@${sshd.host}) Password: `,
        echo: false,
        kind: 'keyboard-interactive',
      },
    ]);
  });

  it('fails with the thrown error as cause when the handler throws', async () => {
    const thrown = new Error('no answer from the vault');
    const error = await connectFailure(sshd, {
      onPrompt: () => {
        throw thrown;
      },
    });
    expect(error.kind).toBe('connect');
    expect(error.cause).toBe(thrown);
    expect(error.message).toContain('no answer from the vault');
  });

  it('cuts off a handler that never settles with timed-out', async () => {
    const error = await connectFailure(sshd, {
      onPrompt: () => new Promise<string>(() => undefined),
      promptTimeout: 500,
    });
    expect(error.kind).toBe('connect');
    expect(error.reason).toBe('timed-out');
  });
});

describe('keyboard-interactive with two prompts through askpass', () => {
  let sshd: TestSshd;
  beforeAll(async () => {
    sshd = await startSshd({ interactiveLogins: 'two-prompts' });
  });
  afterAll(() => sshd.stop());

  it('answers PAM\'s "Password: " with password and the second question with onPrompt', async () => {
    const asked: LoginPrompt[] = [];
    const files = await connectAndClose(sshd, {
      password: sshd.password ?? '',
      onPrompt: (prompt) => {
        asked.push(prompt);
        return sshd.secondAnswer ?? '';
      },
    });
    expect(files).toEqual(['log', 'master']);
    expect(asked).toEqual([
      {
        prompt: `(${sshd.user}@${sshd.host}) STRESS Password: `,
        echo: false,
        kind: 'keyboard-interactive',
      },
    ]);
  });

  it('hands both prompts to onPrompt without a password', async () => {
    const asked: string[] = [];
    await connectAndClose(sshd, {
      onPrompt: ({ prompt }) => {
        asked.push(prompt);
        return prompt.includes('STRESS') ? (sshd.secondAnswer ?? '') : (sshd.password ?? '');
      },
    });
    expect(asked).toEqual([
      `(${sshd.user}@${sshd.host}) Password: `,
      `(${sshd.user}@${sshd.host}) STRESS Password: `,
    ]);
  });
});
