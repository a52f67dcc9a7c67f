/**
 * The askpass program ssh runs for each prompt (`SSH_ASKPASS`), as plain
 * CommonJS for the very Node that runs openssh-ts (`process.execPath`). It is
 * written, with a one-line `sh` wrapper, into the session's 0700 control
 * directory while the master connects, and removed once it is up, so it runs
 * the same from sources, ESM, CJS or a bundle.
 *
 * Protocol, one exchange per run over the Unix socket named by
 * `OSSH_ASKPASS_SOCKET`: the helper writes one JSON line `{ token, pid,
 * prompt, hint }` (`hint` is ssh's `SSH_ASKPASS_PROMPT`); the connecting
 * process answers one JSON line `{ answer }` and closes, or closes without an
 * answer to refuse. The helper prints the answer on stdout (the pipe ssh
 * reads, readpass.c ssh_askpass) and exits 0; refused, it exits 1, which ssh
 * takes as no answer. The answer never touches argv, the environment or disk.
 */
export const ASKPASS_HELPER_SOURCE = `'use strict';
const { connect } = require('node:net');
const socketPath = process.env.OSSH_ASKPASS_SOCKET;
const token = process.env.OSSH_ASKPASS_TOKEN;
if (!socketPath || !token) process.exit(1);
const socket = connect(socketPath);
let reply = '';
socket.setEncoding('utf8');
socket.on('connect', () => {
  const request = { token, pid: process.pid, prompt: process.argv[2] || '', hint: process.env.SSH_ASKPASS_PROMPT || '' };
  socket.write(JSON.stringify(request) + '\\n');
});
socket.on('data', (text) => {
  reply += text;
  if (reply.length > 65536) process.exit(1);
});
socket.on('error', () => process.exit(1));
socket.on('close', () => {
  let answer;
  try {
    answer = JSON.parse(reply).answer;
  } catch {
    process.exit(1);
  }
  if (typeof answer !== 'string') process.exit(1);
  process.stdout.write(answer + '\\n', () => process.exit(0));
});
`;

/** File names inside the control directory while a master connects. */
export const ASKPASS_FILES = {
  helper: 'askpass-helper.cjs',
  wrapper: 'askpass',
  socket: 'askpass.sock',
} as const;

function shellQuote(text: string): string {
  return `'${text.replaceAll("'", `'\\''`)}'`;
}

/**
 * The executable ssh runs: `exec`s the same Node on the helper, so the
 * helper's pid is the one ssh forked (its parent is ssh).
 */
export function askpassWrapper(nodePath: string, helperPath: string): string {
  return `#!/bin/sh\nexec ${shellQuote(nodePath)} ${shellQuote(helperPath)} "$@"\n`;
}
