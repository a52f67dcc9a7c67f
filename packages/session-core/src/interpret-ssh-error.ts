import { SshError, type ConnectFailureReason } from './ssh-error.js';

/** Strips what ssh prints before the real error: its `ssh: ` prefix and "Warning: Permanently added" lines. */
export function stripSshNoise(text: string): string {
  const lines = text
    .replaceAll('\r', '')
    .split('\n')
    .map((line) => line.replace(/^ssh: /, '').trim())
    .filter((line) => line !== '' && !line.startsWith('Warning: Permanently added '));
  return lines.join('\n');
}

// Ordered: the first match wins. Each pattern is a message OpenSSH prints
// (ssh.c, sshconnect.c, sshconnect2.c) or the strerror() text it appends.
const reasons: readonly (readonly [RegExp, ConnectFailureReason])[] = [
  // sshconnect.c check_host_key: a changed, revoked or IP-contradicted key.
  // These come first: "Host key verification failed." follows them too.
  [
    /REMOTE HOST IDENTIFICATION HAS CHANGED|host key for .+ has changed|REVOKED HOST KEY DETECTED|host key for .+ was revoked|differs from the key for the IP address/i,
    'host-key-mismatch',
  ],
  // A host with no key in known_hosts: "No ED25519 host key is known for
  // [127.0.0.1]:2222 and you have requested strict checking." under
  // StrictHostKeyChecking=yes; under "ask" with BatchMode, confirm() answers
  // no silently and only "Host key verification failed." is printed.
  [
    /No \S+ host key is known for|authenticity of host .+ can't be established|Host key verification failed/i,
    'host-key-unknown',
  ],
  [/Permission denied \(/, 'permission-denied'],
  [/Too many authentication failures|Authentication failed/i, 'permission-denied'],
  [
    /Could not resolve hostname|Name or service not known|nodename nor servname|Temporary failure in name resolution/i,
    'host-unresolved',
  ],
  [/Connection refused/i, 'connection-refused'],
  [/timed out|Operation timed out/i, 'timed-out'],
  [/Network is unreachable|No route to host|Host is unreachable/i, 'network-unreachable'],
  // macOS reports a blocked or unreachable network as EACCES on connect().
  [/connect to host .*: Permission denied/i, 'network-unreachable'],
];

/**
 * Turns ssh's own text (the master log, or stderr) into an
 * `SshError('connect')` with a `reason`. The Rust crate's
 * `interpret_ssh_error`, extended: host-key failures, name resolution in any
 * libc wording, unreachable networks, and multi-line logs where the telling
 * line is not the first.
 */
export function interpretSshError(text: string): SshError {
  const message = stripSshNoise(text);
  let reason: ConnectFailureReason = 'other';
  for (const [pattern, candidate] of reasons) {
    if (pattern.test(message)) {
      reason = candidate;
      break;
    }
  }
  return new SshError(
    'connect',
    `failed to connect to the remote host: ${message || 'ssh exited without a message'}`,
    {
      reason,
      sshOutput: message,
    },
  );
}
