import type { ConnectOptions, ControlPersist, KnownHostsPolicy } from './connect-options.js';
import type { ParsedDestination } from './destination.js';
import { hasPromptSource } from './login-answers.js';
import { serverAliveFromOptions } from './server-alive.js';
import { hasLoneSurrogate } from './lone-surrogate.js';
import { SshError } from './ssh-error.js';

// ssh reads times into an int (misc.c convtime): more than INT_MAX seconds
// is "invalid time value" and the master would not start.
const MAX_SSH_SECONDS = 2 ** 31 - 1;

function seconds(milliseconds: number, name: string): number {
  if (typeof milliseconds !== 'number' || !Number.isFinite(milliseconds) || milliseconds <= 0) {
    throw new SshError(
      'invalid-command',
      `${name} must be a positive, finite number of milliseconds, got ${String(milliseconds)}`,
    );
  }
  const whole = Math.ceil(milliseconds / 1000);
  if (whole > MAX_SSH_SECONDS) {
    throw new SshError(
      'invalid-command',
      `${name} must be at most ${MAX_SSH_SECONDS} seconds (ssh's limit), got ${milliseconds} ms`,
    );
  }
  return whole;
}

function controlPersistOption(value: ControlPersist): string {
  if (value === 'forever') return 'ControlPersist=yes';
  if (value === 'closed-after-initial') return 'ControlPersist=no';
  return `ControlPersist=${seconds(value, 'controlPersist')}s`;
}

const knownHostsOptions: Record<KnownHostsPolicy, string> = {
  strict: 'StrictHostKeyChecking=yes',
  add: 'StrictHostKeyChecking=accept-new',
  accept: 'StrictHostKeyChecking=no',
};

// ssh splits -o values at whitespace unless double-quoted.
function configValue(value: string): string {
  if (value.includes('"') || value.includes('\n')) {
    throw new SshError('invalid-command', `unsupported character in ${JSON.stringify(value)}`);
  }
  return /\s/.test(value) ? `"${value}"` : value;
}

function checkOption(option: string): string {
  if (!/^[A-Za-z][A-Za-z0-9]*[= ]/.test(option) || option.includes('\n') || option.includes('\0')) {
    throw new SshError(
      'invalid-command',
      `ssh option must look like Name=value, got ${JSON.stringify(option)}`,
    );
  }
  return option;
}

/**
 * The argv (without the program) that starts a ControlMaster, as the Rust
 * crate's `launch_master`: `-E <log> -S <ctl> -M -f -N -o ControlPersist=...
 * -o BatchMode=yes -o StrictHostKeyChecking=...`, then the optional settings,
 * then `--` and the host, so nothing in the destination can be an option.
 */
export function masterArguments(
  options: ConnectOptions,
  destination: ParsedDestination,
  paths: { readonly controlSocket: string; readonly masterLog: string },
): string[] {
  const argv = ['-E', paths.masterLog, '-S', paths.controlSocket, '-M', '-f', '-N'];
  const option = (value: string): void => {
    argv.push('-o', value);
  };
  option(controlPersistOption(options.controlPersist ?? 'forever'));
  // With something to answer prompts, ssh may ask (through askpass);
  // without, it must fail fast instead of waiting for a terminal.
  option(`BatchMode=${hasPromptSource(options) ? 'no' : 'yes'}`);
  option(knownHostsOptions[options.knownHosts ?? 'strict']);
  if (options.connectTimeout !== undefined)
    option(`ConnectTimeout=${seconds(options.connectTimeout, 'connectTimeout')}`);
  if (options.serverAliveInterval !== undefined || options.serverAliveCountMax !== undefined) {
    const settings = serverAliveFromOptions(options);
    if (options.serverAliveInterval !== undefined) {
      const interval =
        settings.intervalMs === 0 ? 0 : seconds(settings.intervalMs, 'serverAliveInterval');
      option(`ServerAliveInterval=${interval}`);
    }
    if (options.serverAliveCountMax !== undefined)
      option(`ServerAliveCountMax=${settings.countMax}`);
  }
  const port = destination.port ?? options.port;
  if (port !== undefined) {
    if (!Number.isInteger(port) || port < 1 || port > 65_535)
      throw new SshError('invalid-command', `invalid port ${port}`);
    argv.push('-p', String(port));
  }
  const user = destination.user ?? options.user;
  if (user !== undefined) {
    if (user === '' || user.startsWith('-'))
      throw new SshError('invalid-command', `invalid user ${JSON.stringify(user)}`);
    argv.push('-l', user);
  }
  if (options.keyFile !== undefined) {
    option('IdentitiesOnly=yes');
    argv.push('-i', options.keyFile);
  }
  if (options.configFile !== undefined) argv.push('-F', options.configFile);
  if (options.compression !== undefined)
    option(`Compression=${options.compression ? 'yes' : 'no'}`);
  if (options.jumpHosts !== undefined && options.jumpHosts.length > 0) {
    for (const jumpHost of options.jumpHosts) {
      if (jumpHost === '' || jumpHost.startsWith('-') || jumpHost.includes(',')) {
        throw new SshError('invalid-command', `invalid jump host ${JSON.stringify(jumpHost)}`);
      }
    }
    argv.push('-J', options.jumpHosts.join(','));
  }
  if (options.userKnownHostsFile !== undefined)
    option(`UserKnownHostsFile=${configValue(options.userKnownHostsFile)}`);
  for (const extra of options.sshOptions ?? []) option(checkOption(extra));
  argv.push('--', destination.host);
  // Every argument reaches ssh as UTF-8: a lone surrogate would silently
  // become U+FFFD, a different user, path or option than the caller's.
  const damaged = argv.find(hasLoneSurrogate);
  if (damaged !== undefined)
    throw new SshError(
      'invalid-command',
      `ssh argument ${JSON.stringify(damaged)} contains a lone UTF-16 surrogate`,
    );
  return argv;
}
