// Arguments that break naive `ssh host "cmd $args"` code: quotes, globs,
// command substitution, newlines, an empty string, non-ASCII. The demo and
// the tests send them through `printf '%s\0'` and compare what comes back.

/** Arguments chosen to trip every common quoting mistake. */
export const NASTY_ARGUMENTS: readonly string[] = [
  "it's",
  'two  spaces',
  '$(touch /tmp/ossh-pwned)',
  '`id`',
  '*',
  '"double"',
  'back\\slash',
  'semi; echo injected',
  'new\nline',
  'tab\there',
  'ünïcødé ✓',
  '',
  '-n',
  '~',
];

/** The program and arguments that print each argument followed by a NUL. */
export function echoArgumentsCommand(args: readonly string[]): [string, string[]] {
  return ['printf', ['%s\\0', ...args]];
}

/** Splits `printf '%s\0'` output back into the arguments. */
export function splitNulTerminated(output: Buffer): string[] {
  const text = output.toString('utf8');
  if (text === '') return [];
  return text.endsWith('\0')
    ? text.slice(0, -1).split('\0')
    : [...text.split('\0'), '<unterminated>'];
}

/** Shows an argument on one line, escapes visible: `new\nline`, `''`. */
export function showArgument(argument: string): string {
  return JSON.stringify(argument);
}
