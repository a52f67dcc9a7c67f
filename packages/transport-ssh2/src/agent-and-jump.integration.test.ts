// The agent login and ProxyJump on ssh2, with no `ssh` binary reachable:
// an ssh-agent of this test on a private socket (prepared with OpenSSH's
// ssh-agent and ssh-add, which are not `ssh`), and a jump through a second
// harness sshd, each hop's host key checked against its own known_hosts.
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Session, type ConnectOptions } from '@openssh-ts/session-core';
import { hideSsh } from '@openssh-ts/session-suite';
import { processesMentioning, startSshd, type TestSshd } from '@openssh-ts/test-sshd';
import { ssh2Transport } from './index.js';

const hidden = hideSsh();
let directory: string;
let destination: TestSshd;
let jump: TestSshd;

beforeAll(async () => {
  directory = mkdtempSync(join(tmpdir(), 'ossh-ssh2-agent-'));
  [destination, jump] = await Promise.all([startSshd(), startSshd()]);
});
afterAll(async () => {
  await Promise.all([destination.stop(), jump.stop()]);
  hidden.restore();
  rmSync(directory, { recursive: true, force: true });
});

/** An ssh-agent in the foreground on a socket in this test's directory; ends with `stop()`. */
async function startAgent(): Promise<{ socket: string; stop(): Promise<void> }> {
  const socket = join(directory, `agent-${Math.random().toString(16).slice(2)}.sock`);
  const agent: ChildProcess = spawn('ssh-agent', ['-D', '-a', socket], { stdio: 'ignore' });
  const exited = once(agent, 'exit');
  for (let waited = 0; !existsSync(socket); waited += 20) {
    if (waited > 10_000 || agent.exitCode !== null) throw new Error('ssh-agent did not start');
    await sleep(20);
  }
  return {
    socket,
    stop: async () => {
      agent.kill('SIGTERM');
      await exited;
    },
  };
}

function destinationOf(sshd: TestSshd): string {
  return `ssh://${sshd.user}@${sshd.host}:${sshd.port}`;
}

describe('ssh2 agent login', () => {
  it('logs in with the key the agent holds (sshAuthSock), and is refused once the agent holds none', async () => {
    const agent = await startAgent();
    try {
      const options: ConnectOptions = {
        transport: ssh2Transport(),
        userKnownHostsFile: destination.knownHostsFile,
        sshPath: hidden.sshPath,
        sshAuthSock: agent.socket,
        // Only the agent: no key file is offered.
        configFile: 'none',
        sshOptions: ['IdentityFile=/nonexistent/ossh-no-key'],
      };
      execFileSync('ssh-add', [destination.identityFile], {
        env: { ...process.env, SSH_AUTH_SOCK: agent.socket },
        stdio: 'pipe',
      });
      {
        await using session = await Session.connect(destinationOf(destination), options);
        const { stdout } = await session.command('echo').arg('agent').output();
        expect(stdout.toString()).toBe('agent\n');
      }
      execFileSync('ssh-add', ['-D'], {
        env: { ...process.env, SSH_AUTH_SOCK: agent.socket },
        stdio: 'pipe',
      });
      await expect(Session.connect(destinationOf(destination), options)).rejects.toMatchObject({
        kind: 'connect',
        reason: 'permission-denied',
      });
    } finally {
      await agent.stop();
    }
    expect(processesMentioning([directory])).toEqual([]);
  });
});

describe('ssh2 jump host (ProxyJump)', () => {
  /** An ssh_config naming both hops, each with its own key and known_hosts file. */
  function hopsConfig(knownHosts: { jump: string; destination: string }): string {
    const file = join(directory, `config-${Math.random().toString(16).slice(2)}`);
    const host = (alias: string, sshd: TestSshd, known: string): string[] => [
      `Host ${alias}`,
      `  HostName ${sshd.host}`,
      `  Port ${sshd.port}`,
      `  User ${sshd.user}`,
      `  IdentityFile ${sshd.identityFile}`,
      '  IdentitiesOnly yes',
      `  UserKnownHostsFile ${known}`,
      '  GlobalKnownHostsFile none',
    ];
    writeFileSync(
      file,
      [
        ...host('ossh-jump', jump, knownHosts.jump),
        ...host('ossh-destination', destination, knownHosts.destination),
        '',
      ].join('\n'),
    );
    return file;
  }

  function connectThroughJump(configFile: string): Promise<Session> {
    return Session.connect('ossh-destination', {
      transport: ssh2Transport(),
      configFile,
      jumpHosts: ['ossh-jump'],
      sshPath: hidden.sshPath,
      sshAuthSock: 'none',
    });
  }

  it('reaches the destination through the jump host, both host keys verified', async () => {
    const configFile = hopsConfig({
      jump: jump.knownHostsFile,
      destination: destination.knownHostsFile,
    });
    const session = await connectThroughJump(configFile);
    try {
      const { stdout } = await session.command('echo').arg('through').output();
      expect(stdout.toString()).toBe('through\n');
      // Each sshd of this file serves only this test: the jump one carries it.
      expect(jump.connectionPids().length).toBeGreaterThan(0);
      expect(destination.connectionPids().length).toBeGreaterThan(0);
    } finally {
      await session.close();
    }
    // Closing the session ends the jump connection too.
    for (let waited = 0; jump.connectionPids().length > 0; waited += 20) {
      if (waited > 10_000) throw new Error('the jump connection outlived the session');
      await sleep(20);
    }
  });

  it('an unknown key on the jump hop is host-key-unknown, naming the jump host', async () => {
    const empty = join(directory, 'empty_known_hosts');
    writeFileSync(empty, '');
    const configFile = hopsConfig({ jump: empty, destination: destination.knownHostsFile });
    const failure = await connectThroughJump(configFile).catch((error: unknown) => error);
    expect(failure).toMatchObject({ kind: 'connect', reason: 'host-key-unknown' });
    expect(String(failure)).toContain(`[127.0.0.1]:${jump.port}`);
    // Strict: nothing was recorded.
    expect(readFileSync(empty, 'utf8')).toBe('');
  });

  it("the destination's key is checked too: another host's key on record for it is host-key-mismatch", async () => {
    // The jump sshd's key recorded under the destination's name.
    const wrong = join(directory, 'wrong_known_hosts');
    const jumpKey = readFileSync(jump.knownHostsFile, 'utf8').trim().split(' ').slice(1).join(' ');
    writeFileSync(wrong, `[127.0.0.1]:${destination.port} ${jumpKey}\n`);
    const configFile = hopsConfig({ jump: jump.knownHostsFile, destination: wrong });
    await expect(connectThroughJump(configFile)).rejects.toMatchObject({
      kind: 'connect',
      reason: 'host-key-mismatch',
    });
  });
});
