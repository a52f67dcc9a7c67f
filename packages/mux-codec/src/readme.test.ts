import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
const sourceEntry = new URL('./index.ts', import.meta.url).href;

it('runs the README example and prints what the README says', () => {
  const blocks = [...readme.matchAll(/```(\w*)\n([\s\S]*?)```/g)];
  const example = blocks.find((block) => block[1] === 'ts')?.[2];
  const printed = blocks.find(
    (block, index) => block[1] === '' && blocks[index - 1]?.[1] === 'ts',
  )?.[2];
  if (example === undefined || printed === undefined) throw new Error('README lost its example');
  const directory = mkdtempSync(join(tmpdir(), 'omc-readme-'));
  try {
    const file = join(directory, 'example.ts');
    // The example imports the package by name; here it runs against the source.
    writeFileSync(file, example.replace(`'@openssh-ts/mux-codec'`, JSON.stringify(sourceEntry)));
    const tsx = createRequire(import.meta.url).resolve('tsx/cli');
    expect(execFileSync(process.execPath, [tsx, file], { encoding: 'utf8' })).toBe(printed);
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
  expect(existsSync(directory)).toBe(false);
}, 60_000);
