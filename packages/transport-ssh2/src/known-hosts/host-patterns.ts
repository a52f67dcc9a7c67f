/**
 * OpenSSH's host pattern matching (match.c), shared by known_hosts host
 * fields and ssh_config `Host` lines: `*` matches any run of characters,
 * `?` exactly one, everything else (brackets and colons included) itself.
 * A pattern list is comma-separated; a `!` in front of a pattern negates it,
 * and a negated match wins over every positive one.
 *
 * @packageDocumentation
 */

/**
 * OpenSSH copies each sub-pattern into a 1024-byte buffer and treats a
 * longer one as no match; we do the same so a line means what it means to
 * ssh.
 */
const MAX_SUBPATTERN_LENGTH = 1023;

/** The outcome of matching a name against a pattern list. */
export type PatternListMatch = 'positive' | 'negative' | 'none';

/**
 * Whether `text` matches the wildcard `pattern` in full. Greedy with one
 * backtrack point, so the cost is at most `text.length * pattern.length`
 * steps however many stars the pattern has (no exponential blow-up on
 * hostile patterns).
 */
export function matchPattern(text: string, pattern: string): boolean {
  let textIndex = 0;
  let patternIndex = 0;
  let starPattern = -1;
  let starText = 0;
  while (textIndex < text.length) {
    const want = pattern[patternIndex];
    if (want === '*') {
      starPattern = patternIndex++;
      starText = textIndex;
    } else if (want !== undefined && (want === '?' || want === text[textIndex])) {
      patternIndex++;
      textIndex++;
    } else if (starPattern >= 0) {
      patternIndex = starPattern + 1;
      textIndex = ++starText;
    } else {
      return false;
    }
  }
  while (pattern[patternIndex] === '*') patternIndex++;
  return patternIndex === pattern.length;
}

/**
 * Matches `text` against a list of patterns, as OpenSSH's
 * `match_pattern_list`: `negative` as soon as a negated pattern matches,
 * `positive` when some plain pattern matched, `none` otherwise. With
 * `lowercase`, patterns are lowercased first (host names are
 * case-insensitive; the caller lowercases `text`).
 */
export function matchPatternList(
  text: string,
  patterns: readonly string[],
  lowercase: boolean,
): PatternListMatch {
  let positive = false;
  for (const written of patterns) {
    const negated = written.startsWith('!');
    const body = negated ? written.slice(1) : written;
    if (body.length > MAX_SUBPATTERN_LENGTH) return 'none';
    if (matchPattern(text, lowercase ? body.toLowerCase() : body)) {
      if (negated) return 'negative';
      positive = true;
    }
  }
  return positive ? 'positive' : 'none';
}

/**
 * Whether a host name matches a comma-separated host list from a
 * known_hosts line or a `Host` line (OpenSSH's `match_hostname`): only a
 * positive match counts.
 */
export function matchHostList(hostName: string, patterns: readonly string[]): boolean {
  return matchPatternList(hostName.toLowerCase(), patterns, true) === 'positive';
}
