/**
 * Reading one ssh_config file into a flat list of directives, in file
 * order, with the `ssh-config` package's parser. `Host` and `Match` stay
 * ordinary lines here: what they select is decided while evaluating (see
 * evaluate-config.ts), as OpenSSH reads a config top to bottom.
 *
 * @packageDocumentation
 */
import { readFile, stat } from 'node:fs/promises';
import { LineType, parse, type Line } from 'ssh-config';
import { SshError } from '@openssh-ts/session-core';
import { directiveArguments } from './config-arguments.js';

/** The largest ssh_config file read. Real ones are a few kilobytes. */
export const MAX_CONFIG_BYTES = 1024 * 1024;

/** One directive: its keyword lowercased (ssh_config keywords are case-insensitive) and its arguments. */
export interface ConfigLine {
  readonly keyword: string;
  readonly args: readonly string[];
  /** The file it came from, for messages and relative Include paths. */
  readonly file: string;
}

function configError(file: string, why: string, cause?: unknown): SshError {
  return new SshError('connect', `ssh_config ${file} ${why}`, {
    reason: 'other',
    ...(cause === undefined ? {} : { cause }),
  });
}

function flatten(lines: readonly Line[], file: string, into: ConfigLine[]): void {
  for (const line of lines) {
    if (line.type !== LineType.DIRECTIVE) continue;
    into.push({
      keyword: line.param.trim().toLowerCase(),
      args: directiveArguments(line, file),
      file,
    });
    if ('config' in line) flatten(line.config, file, into);
  }
}

/** Parses ssh_config text (as read from `file`) into its directives. */
export function parseConfigText(text: string, file: string): ConfigLine[] {
  let parsed: Line[];
  try {
    parsed = parse(text);
  } catch (error) {
    throw configError(file, 'cannot be parsed', error);
  }
  const lines: ConfigLine[] = [];
  flatten(parsed, file, lines);
  return lines;
}

/**
 * Reads and parses `file`. A missing file has no directives unless it is
 * `required` (a `-F` file, which ssh also insists on); a file over
 * {@link MAX_CONFIG_BYTES}, not a regular file, or binary is refused.
 */
export async function readConfigFile(file: string, required: boolean): Promise<ConfigLine[]> {
  let size: number;
  try {
    const stats = await stat(file);
    if (!stats.isFile()) throw configError(file, 'is not a regular file');
    size = stats.size;
  } catch (error) {
    if (SshError.isInstance(error)) throw error;
    const code = (error as NodeJS.ErrnoException | null)?.code;
    if (!required && (code === 'ENOENT' || code === 'ENOTDIR')) return [];
    throw configError(file, 'cannot be read', error);
  }
  if (size > MAX_CONFIG_BYTES) throw configError(file, `is larger than ${MAX_CONFIG_BYTES} bytes`);
  const bytes = await readFile(file).catch((error: unknown) => {
    throw configError(file, 'cannot be read', error);
  });
  if (bytes.length > MAX_CONFIG_BYTES)
    throw configError(file, `is larger than ${MAX_CONFIG_BYTES} bytes`);
  if (bytes.includes(0)) throw configError(file, 'is binary (it contains a NUL byte)');
  return parseConfigText(bytes.toString('utf8'), file);
}
