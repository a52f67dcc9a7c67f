/**
 * Evaluating ssh_config for one host as readconf.c does: command-line
 * options first, then each file top to bottom; a directive counts while
 * the last `Host` or `Match` line selected the host (directives before any
 * such line always count); `Include` reads its files in place and gives
 * back the including file's selection afterwards. Every counting
 * occurrence is kept in order — which one wins (the first, for almost
 * every keyword) is for the caller to say.
 *
 * `Host` compares the host as given, case-sensitively, with each pattern
 * (a matching `!pattern` rules the line out). `Match` supports `all`,
 * `host` (HostName as set so far, else the host), `originalhost`, `user`
 * (User as set so far, else the local user) and `localuser`, each
 * negatable with `!`; criteria that need ssh itself (`exec`, `canonical`,
 * `final`, `localnetwork`, …) are refused, since guessing would apply the
 * wrong settings.
 *
 * @packageDocumentation
 */
import { SshError } from '@openssh-ts/session-core';
import { matchPattern, matchPatternList } from '../known-hosts/host-patterns.js';
import { readConfigFile, type ConfigLine } from './config-file.js';
import { includePaths } from './include-paths.js';
import { percentExpand } from './percent-tokens.js';

/** OpenSSH's READCONF_MAX_DEPTH: nested Includes deeper than this are an error. */
const MAX_INCLUDE_DEPTH = 16;

/** Every counting occurrence of each keyword (lowercased), with its arguments. */
export type ConfigOccurrences = ReadonlyMap<string, readonly (readonly string[])[]>;

/** A config file to evaluate. */
export interface ConfigSource {
  readonly path: string;
  /** A `-F` file must exist; `~/.ssh/config` and `/etc/ssh/ssh_config` may not. */
  readonly required: boolean;
  /** User config (relative Includes from `~/.ssh`) or system config (from `/etc/ssh`). */
  readonly userConfig: boolean;
}

/** Who and what is being resolved. */
export interface EvaluationContext {
  /** The host as given. */
  readonly originalHost: string;
  readonly localUser: string;
  readonly homeDirectory: string;
}

class Evaluation {
  readonly occurrences = new Map<string, string[][]>();

  constructor(private readonly context: EvaluationContext) {}

  record(line: ConfigLine): void {
    const list = this.occurrences.get(line.keyword) ?? [];
    list.push([...line.args]);
    this.occurrences.set(line.keyword, list);
  }

  first(keyword: string): string | undefined {
    return this.occurrences.get(keyword)?.[0]?.[0];
  }

  /** The host name `Match host` compares: HostName (with `%h`) once set, else the host. */
  currentHostName(): string {
    const hostName = this.first('hostname');
    const { originalHost } = this.context;
    return hostName === undefined
      ? originalHost
      : percentExpand(hostName, { h: originalHost, '%': '%' }, 'HostName');
  }

  hostLineSelects(line: ConfigLine): boolean {
    if (line.args.length === 0) throw refused(line, 'Host needs at least one pattern');
    let positive = false;
    for (const pattern of line.args) {
      const negated = pattern.startsWith('!');
      if (!matchPattern(this.context.originalHost, negated ? pattern.slice(1) : pattern)) continue;
      if (negated) return false;
      positive = true;
    }
    return positive;
  }

  matchLineSelects(line: ConfigLine): boolean {
    const args = [...line.args];
    if (args.length === 0) throw refused(line, 'Match needs criteria');
    let selects = true;
    while (args.length > 0) {
      const written = args.shift() ?? '';
      const negated = written.startsWith('!');
      const criterion = (negated ? written.slice(1) : written).toLowerCase();
      let matched: boolean;
      if (criterion === 'all') {
        matched = true;
      } else if (criterion === 'canonical' || criterion === 'final') {
        throw unsupported(line, criterion);
      } else {
        const value = args.shift();
        if (value === undefined) throw refused(line, `Match ${criterion} needs a value`);
        matched = this.criterionMatches(line, criterion, value.split(','));
      }
      if (matched === negated) selects = false;
    }
    return selects;
  }

  private criterionMatches(line: ConfigLine, criterion: string, patterns: string[]): boolean {
    switch (criterion) {
      case 'host':
        return (
          matchPatternList(this.currentHostName().toLowerCase(), patterns, true) === 'positive'
        );
      case 'originalhost':
        return (
          matchPatternList(this.context.originalHost.toLowerCase(), patterns, true) === 'positive'
        );
      case 'user':
        return (
          matchPatternList(this.first('user') ?? this.context.localUser, patterns, false) ===
          'positive'
        );
      case 'localuser':
        return matchPatternList(this.context.localUser, patterns, false) === 'positive';
      default:
        throw unsupported(line, criterion);
    }
  }

  async evaluateFile(source: ConfigSource, active: boolean, depth: number): Promise<void> {
    if (depth > MAX_INCLUDE_DEPTH) {
      throw new SshError('connect', `ssh_config ${source.path}: Includes nested too deeply`, {
        reason: 'other',
      });
    }
    let selected = active;
    for (const line of await readConfigFile(source.path, source.required)) {
      if (line.keyword === 'host') {
        selected = active && this.hostLineSelects(line);
      } else if (line.keyword === 'match') {
        selected = active && this.matchLineSelects(line);
      } else if (line.keyword === 'include') {
        if (!selected) continue;
        for (const argument of line.args) {
          const base = { userConfig: source.userConfig, homeDirectory: this.context.homeDirectory };
          for (const path of await includePaths(argument, base, line.file)) {
            await this.evaluateFile(
              { path, required: false, userConfig: source.userConfig },
              selected,
              depth + 1,
            );
          }
        }
      } else if (selected) {
        this.record(line);
      }
    }
  }
}

function refused(line: ConfigLine, why: string): SshError {
  return new SshError('connect', `ssh_config ${line.file}: ${why}`, { reason: 'other' });
}

function unsupported(line: ConfigLine, criterion: string): SshError {
  return refused(
    line,
    `Match ${criterion} cannot be evaluated without an ssh binary (install OpenSSH's client or point sshPath at it)`,
  );
}

/**
 * Evaluates `commandLine` (options given as `-o`, `-l`, `-p`, … — always
 * counting, and first) and then `sources` in order for the host in
 * `context`; resolves with every counting occurrence.
 */
export async function evaluateConfig(
  commandLine: readonly ConfigLine[],
  sources: readonly ConfigSource[],
  context: EvaluationContext,
): Promise<ConfigOccurrences> {
  const evaluation = new Evaluation(context);
  for (const line of commandLine) evaluation.record(line);
  for (const source of sources) await evaluation.evaluateFile(source, true, 0);
  return evaluation.occurrences;
}
