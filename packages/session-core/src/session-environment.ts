// What the resolved ssh_config says each session's environment is, the way
// ssh itself sends it (clientloop.c client_session2_setup, and mux.c for a
// mux client): first every variable of ssh's own environment whose name
// matches a SendEnv pattern, in environment order, then every SetEnv entry,
// each as an `env` channel request. sshd keeps only the names its AcceptEnv
// allows. Read from `ssh -G`, which prints the lists already resolved
// (`sendenv <pattern>` and `setenv <NAME=value>`, one a line, with `-name`
// removals applied).

/** One variable as an `env` request carries it. */
export type SessionVariable = readonly [name: string, value: string];

/** OpenSSH's match_pattern: `*` any run, `?` any one character, nothing else special. */
export function matchesSshPattern(name: string, pattern: string): boolean {
  const source = pattern
    .split('')
    .map((character) =>
      character === '*'
        ? '[\\s\\S]*'
        : character === '?'
          ? '[\\s\\S]'
          : character.replace(/[\\^$.|+()[\]{}]/g, '\\$&'),
    )
    .join('');
  return new RegExp(`^${source}$`).test(name);
}

/**
 * The variables a session sends, from `ssh -G` output and ssh's environment
 * (the one ssh runs with: `process.env` by default).
 */
export function sessionEnvironment(
  resolvedConfig: string,
  environment: NodeJS.ProcessEnv = process.env,
): SessionVariable[] {
  const patterns: string[] = [];
  const setEnv: SessionVariable[] = [];
  for (const line of resolvedConfig.split('\n')) {
    if (line.startsWith('sendenv ')) patterns.push(line.slice('sendenv '.length));
    else if (line.startsWith('setenv ')) {
      const entry = line.slice('setenv '.length);
      const equals = entry.indexOf('=');
      if (equals > 0) setEnv.push([entry.slice(0, equals), entry.slice(equals + 1)]);
    }
  }
  const sent: SessionVariable[] = [];
  if (patterns.length > 0) {
    for (const [name, value] of Object.entries(environment)) {
      if (value === undefined) continue;
      if (patterns.some((pattern) => matchesSshPattern(name, pattern))) sent.push([name, value]);
    }
  }
  return [...sent, ...setEnv];
}
