import { afterAll, beforeAll, expect, it } from 'vitest';
import { ensureBuiltCli, runCli, startCli } from '../e2e/built-cli.js';
import { harnessLeftovers, harnessTarget } from '../e2e/harness-config.js';
import { fetchText, startHelloServer, type HelloServer } from '../e2e/hello-server.js';

const { flags, host } = harnessTarget();
let server: HelloServer;

beforeAll(async () => {
  ensureBuiltCli();
  server = await startHelloServer();
}, 240_000);

afterAll(async () => {
  await server[Symbol.asyncDispose]();
  expect(harnessLeftovers()).toEqual([]);
});

it('carries requests through -L and -R forwards, prints picked ports, and closes on Ctrl-C', async () => {
  const target = `127.0.0.1:${server.port}`;
  const forward = startCli([
    'forward',
    ...flags,
    host,
    '-L',
    `127.0.0.1:0:${target}`,
    '-R',
    `127.0.0.1:0:${target}`,
  ]);
  const local = await forward.waitForStdout(/forwarding -L 127\.0\.0\.1:(\d+) -> /);
  const remote = await forward.waitForStdout(/-R 127\.0\.0\.1:0 -> .* \(allocated port (\d+)\)/);
  expect(await fetchText(Number(local[1]), '/through-L')).toBe('hello /through-L');
  // The sshd runs on this machine, so its -R listener is reachable here too.
  expect(await fetchText(Number(remote[1]), '/through-R')).toBe('hello /through-R');
  forward.child.kill('SIGINT');
  expect(await forward.exited).toEqual({ code: 0, signal: null });
  expect(forward.stderr()).toContain('ossh: forwards closed');
});

it('refuses a malformed spec before connecting', async () => {
  const result = await runCli(['forward', ...flags, host, '-L', '8080:db']);
  expect(result.code).toBe(2);
  expect(result.stderr).toBe(
    'ossh: invalid -L forward "8080:db": 2 field(s) do not form a forward — use -L [bind:]port:host:hostport, -L [bind:]port:/remote/socket or -L /local/socket:host:hostport\n',
  );
});
