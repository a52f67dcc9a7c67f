/**
 * Finds the examples of every README in the repository and says how each
 * one runs. An example is a fenced block marked `js` / `javascript` / `mjs` /
 * `cjs` (plain JavaScript for Node 20) or `ts` / `typescript` (TypeScript,
 * compiled by `tsc`). Other blocks (`sh`, `text`, unmarked output) are not
 * programs and are left alone.
 *
 * @packageDocumentation
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/** What runs an example. */
export type ExampleRunner = 'node' | 'vitest' | 'jest';

/** One example, as the README shows it. */
export interface ReadmeExample {
  /** The README, relative to the repository root. */
  readonly readme: string;
  /** 1-based line of the opening fence. */
  readonly line: number;
  readonly language: 'js' | 'ts';
  /** CommonJS (`require`) rather than ESM, for a JavaScript example. */
  readonly commonJs: boolean;
  readonly runner: ExampleRunner;
  readonly code: string;
  /** What it prints on stdout, when the README shows that in an unmarked block right after it. */
  readonly printed?: string;
}

const JAVASCRIPT = new Set(['js', 'javascript', 'mjs', 'cjs']);
const TYPESCRIPT = new Set(['ts', 'typescript']);
const SKIPPED_DIRECTORIES = new Set(['node_modules', 'dist', '.git', '.turbo', '.tsbuild']);

/** Every README.md under `root`, relative paths, sorted. */
export function findReadmes(root: string): string[] {
  const found: string[] = [];
  const walk = (directory: string): void => {
    for (const entry of readdirSync(directory, { withFileTypes: true })) {
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRECTORIES.has(entry.name) && !entry.name.startsWith('.')) {
          walk(join(directory, entry.name));
        }
      } else if (entry.name === 'README.md') {
        found.push(relative(root, join(directory, entry.name)));
      }
    }
  };
  walk(root);
  return found.sort();
}

/**
 * Whether a README documents a workspace-only (private) package: its
 * examples are contributor notes that only make sense inside the repository.
 */
export function isPrivatePackageReadme(root: string, readme: string): boolean {
  const manifest = join(root, readme, '..', 'package.json');
  if (readme === 'README.md' || !existsSync(manifest)) return false;
  return (JSON.parse(readFileSync(manifest, 'utf8')) as { private?: boolean }).private === true;
}

/** The examples of one README's text. */
export function extractExamples(readme: string, text: string): ReadmeExample[] {
  const examples: (ReadmeExample & { end: number })[] = [];
  let lastFenceEnd = -1;
  const lines = text.split('\n');
  for (let index = 0; index < lines.length; index += 1) {
    const fence = /^(\s*)(`{3,})\s*([\w-]*)/.exec(lines[index] ?? '');
    if (!fence) continue;
    const [, indent = '', ticks = '```', info = ''] = fence;
    const start = index;
    const body: string[] = [];
    for (index += 1; index < lines.length; index += 1) {
      const line = lines[index] ?? '';
      if (line.trimStart().startsWith(ticks) && line.trim() === ticks) break;
      body.push(line.startsWith(indent) ? line.slice(indent.length) : line);
    }
    const language = info.toLowerCase();
    const content = `${body.join('\n')}\n`;
    if (language === '') {
      // An unmarked block right after an example is what that example prints.
      const previous = examples.at(-1);
      if (previous !== undefined && previous.end === lastFenceEnd) {
        examples[examples.length - 1] = { ...previous, printed: content };
      }
    }
    lastFenceEnd = index;
    if (!JAVASCRIPT.has(language) && !TYPESCRIPT.has(language)) continue;
    const code = content;
    examples.push({
      end: index,
      readme,
      line: start + 1,
      language: TYPESCRIPT.has(language) ? 'ts' : 'js',
      commonJs:
        language === 'cjs' ||
        (language !== 'mjs' && /\brequire\(/.test(code) && !/^\s*import\s/m.test(code)),
      runner: runnerOf(code),
      code,
    });
  }
  return examples.map(({ end: _end, ...example }) => example);
}

function runnerOf(code: string): ExampleRunner {
  if (/from ['"]vitest['"]/.test(code)) return 'vitest';
  if (/['"]@jest\/globals['"]/.test(code)) return 'jest';
  return 'node';
}
