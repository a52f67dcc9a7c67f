import { randomBytes, timingSafeEqual } from 'node:crypto';
import { chmod, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { askpassCaller, runsHelper } from './askpass-caller.js';
import { signalQuietly } from './process-liveness.js';
import { ASKPASS_FILES, ASKPASS_HELPER_SOURCE, askpassWrapper } from './askpass-helper-source.js';
import { classifyAskpassPrompt, type AskpassQuestion } from './askpass-prompt.js';

/** A question from one run of the helper, with who asked it. */
export interface AskpassRequest {
  readonly question: AskpassQuestion;
  /** `master`: the launching ssh itself; `jump`: an ssh it started (ProxyJump). */
  readonly caller: 'master' | 'jump';
}

/** Answers a request, or refuses it with `undefined`. */
export type AskpassAnswerer = (request: AskpassRequest) => Promise<string | undefined>;

/** The private channel of one master launch. */
export interface AskpassChannel {
  /** What the launching ssh needs in its environment (no secret in it). */
  readonly environment: Readonly<Record<string, string>>;
  /** Tells the channel which ssh may ask: only its helper children are answered. */
  admit(sshPid: number): void;
  /** Stops answering, closes every connection and removes the socket and scripts. */
  close(): Promise<void>;
}

// A request is one prompt text (ssh's own, or a server's keyboard-interactive
// prompt, which an argv string bounds at 128 KiB on Linux) plus a few fields.
const MAX_REQUEST_BYTES = 256 * 1024;

function listen(server: Server, path: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(path, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

function sameToken(given: unknown, expected: Buffer): boolean {
  if (typeof given !== 'string') return false;
  const candidate = Buffer.from(given);
  return candidate.length === expected.length && timingSafeEqual(candidate, expected);
}

/**
 * Opens the askpass channel in `directory` (the session's 0700 control
 * directory): the helper script, its wrapper, and a 0600 Unix socket. A
 * caller is answered only if it presents this launch's random token (in
 * ssh's environment: it admits asking, it is not a secret) and is a helper
 * run by the admitted ssh (checked through /proc, not taken on its word).
 */
export async function openAskpassChannel(
  directory: string,
  answer: AskpassAnswerer,
): Promise<AskpassChannel> {
  const helperPath = join(directory, ASKPASS_FILES.helper);
  const wrapperPath = join(directory, ASKPASS_FILES.wrapper);
  const socketPath = join(directory, ASKPASS_FILES.socket);
  const token = randomBytes(32).toString('hex');
  const expectedToken = Buffer.from(token);
  let sshPid: number | undefined;
  let closed = false;
  const connections = new Set<Socket>();
  // Helpers we talked to: close() sees each one gone, so none outlives the launch.
  const helpers = new Set<number>();

  const serve = (socket: Socket): void => {
    connections.add(socket);
    socket.once('close', () => connections.delete(socket));
    socket.on('error', () => socket.destroy());
    let received = '';
    socket.setEncoding('utf8');
    const onData = (text: string): void => {
      received += text;
      if (received.length > MAX_REQUEST_BYTES) {
        socket.destroy();
        return;
      }
      const end = received.indexOf('\n');
      if (end === -1) return;
      socket.off('data', onData);
      void respond(socket, received.slice(0, end));
    };
    socket.on('data', onData);
  };

  const respond = async (socket: Socket, line: string): Promise<void> => {
    let request: { token?: unknown; pid?: unknown; prompt?: unknown; hint?: unknown };
    try {
      request = JSON.parse(line) as typeof request;
    } catch {
      socket.destroy();
      return;
    }
    const caller = sameToken(request.token, expectedToken)
      ? askpassCaller(request.pid, sshPid, helperPath)
      : undefined;
    if (closed || caller === undefined || typeof request.prompt !== 'string') {
      socket.destroy();
      return;
    }
    helpers.add(request.pid as number);
    const hint = typeof request.hint === 'string' ? request.hint : '';
    const reply = await answer({ question: classifyAskpassPrompt(request.prompt, hint), caller });
    if (closed || socket.destroyed) return;
    if (reply === undefined) socket.destroy();
    else socket.end(`${JSON.stringify({ answer: reply })}\n`);
  };

  await writeFile(helperPath, ASKPASS_HELPER_SOURCE, { mode: 0o600 });
  await writeFile(wrapperPath, askpassWrapper(process.execPath, helperPath), { mode: 0o700 });
  const server = createServer(serve);
  await listen(server, socketPath);
  // The directory is 0700 already; the socket gets no more than its owner.
  await chmod(socketPath, 0o600);

  return {
    environment: {
      SSH_ASKPASS: wrapperPath,
      SSH_ASKPASS_REQUIRE: 'force',
      OSSH_ASKPASS_SOCKET: socketPath,
      OSSH_ASKPASS_TOKEN: token,
    },
    admit(pid) {
      sshPid = pid;
    },
    async close() {
      closed = true;
      for (const socket of connections) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await Promise.all(
        [helperPath, wrapperPath, socketPath].map((path) => rm(path, { force: true })),
      );
      // A helper exits as soon as its connection closes; one that does not
      // (stopped, or ssh was killed mid-prompt) is ended. Checked by its
      // command line, so a reused pid is never signalled.
      const running = (): number[] => [...helpers].filter((pid) => runsHelper(pid, helperPath));
      for (let waited = 0; waited < 2000 && running().length > 0; waited += 20) await sleep(20);
      for (const pid of running()) signalQuietly(pid, 'SIGKILL');
    },
  };
}
