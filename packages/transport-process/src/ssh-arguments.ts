// The argv of every ssh process this transport runs against a master.
//
// `-p 9 none`: the Rust crate's trick. ssh needs a destination but never
// uses it while the control socket answers; if the master is gone, ssh
// falls back to connecting by itself, and port 9 (discard) makes sure that
// cannot silently open a fresh, unmultiplexed connection. We add
// `ProxyCommand=false` so the fallback fails at once without even a DNS
// lookup of "none" leaving the machine, and `ControlMaster=no` so a user's
// `ControlMaster auto` cannot make it try to become a master.
const FALLBACK_GUARD = ['-o', 'ControlMaster=no', '-o', 'ProxyCommand=false', '-p', '9'];

/** Arguments for a `-O <operation>` control request, e.g. `check`, `exit`, `forward`. */
export function controlArguments(
  controlSocket: string,
  operation: string,
  extra: readonly string[] = [],
): string[] {
  return [
    '-S',
    controlSocket,
    '-o',
    'BatchMode=yes',
    ...FALLBACK_GUARD,
    '-O',
    operation,
    ...extra,
    'none',
  ];
}

/**
 * Arguments that run a command line (or a subsystem) through the master.
 * `-v` is deliberate: ssh then prints `mux_client_request_session: master
 * session id: N` once the master has opened the channel, which tells a
 * started session from one the server refused (MaxSessions) — see
 * `session-preamble.ts`. Those debug lines all come before any remote
 * output and are stripped from stderr.
 */
export function sessionArguments(
  controlSocket: string,
  target:
    | { readonly kind: 'exec'; readonly commandLine: string }
    | { readonly kind: 'subsystem'; readonly name: string },
  environmentNames: readonly string[] = [],
): string[] {
  // `-F /dev/null`: the mux client sends SendEnv/SetEnv variables of its
  // own configuration in MUX_C_NEW_SESSION, and its configuration is the
  // one for host "none", not the destination's. The session environment
  // session-core resolved for the destination is sent instead, each name
  // as its own SendEnv with the value in ssh's environment.
  const sendEnv = environmentNames.flatMap((name) => ['-o', `SendEnv=${name}`]);
  const base = [
    '-F',
    '/dev/null',
    '-S',
    controlSocket,
    '-T',
    '-o',
    'BatchMode=yes',
    ...FALLBACK_GUARD,
    ...sendEnv,
    '-v',
  ];
  return target.kind === 'exec'
    ? [...base, 'none', '--', target.commandLine]
    : [...base, '-s', 'none', '--', target.name];
}

/**
 * Arguments for stdio forwarding through the master (`-W host:port`,
 * MUX_C_NEW_STDIO_FWD): ssh's stdin and stdout become a connection from
 * the server to host:port. An IPv6 host is bracketed, as ssh's parser wants.
 */
export function stdioForwardArguments(controlSocket: string, host: string, port: number): string[] {
  const target = host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
  return [
    '-F',
    '/dev/null',
    '-S',
    controlSocket,
    '-o',
    'BatchMode=yes',
    ...FALLBACK_GUARD,
    '-v',
    '-W',
    target,
    'none',
  ];
}
