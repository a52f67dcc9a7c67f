// Every example of every README runs as written, the way a user would run
// it: JavaScript with `node` (Node 20), TypeScript compiled by `tsc` and the
// output run with `node`; test files with the runner they import (vitest,
// jest; node:test files run with `node`). They import the built packages by
// name (turbo builds them before this test).
//
// Where an example connects, it reads the host from SSH_DESTINATION, as the
// READMEs say. Here that is the harness sshd's host alias, and an `ssh`
// first on PATH adds `-F <the harness ssh_config>`: it stands in for the
// user's ~/.ssh/config (which ssh finds through the password database, not
// $HOME, so it cannot be swapped otherwise). Nothing in an example is
// rewritten.
import { execFile } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { findExecutable, processesMentioning } from '@openssh-ts/test-sshd';
import { harnessSshd } from '@openssh-ts/test-sshd/vitest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  extractExamples,
  findReadmes,
  isPrivatePackageReadme,
  type ReadmeExample,
} from './readme-blocks.js';

const execFileAsync = promisify(execFile);
const packageDirectory = new URL('..', import.meta.url).pathname;
const root = join(packageDirectory, '..', '..');
const resolve = createRequire(import.meta.url).resolve;
const packageFile = (name: string, path: string): string =>
  join(dirname(resolve(`${name}/package.json`)), path);

const readmes = findReadmes(root).filter((readme) => !isPrivatePackageReadme(root, readme));
const examples = readmes.flatMap((readme) =>
  extractExamples(readme, readFileSync(join(root, readme), 'utf8')),
);

function fileName(example: ReadmeExample, index: number): string {
  const slug = example.readme.replace(/\/?README\.md$/, '').replace(/\W+/g, '-') || 'root';
  const test = example.runner === 'node' ? '' : '.test';
  const extension = example.language === 'ts' ? 'ts' : example.commonJs ? 'cjs' : 'mjs';
  return `${String(index).padStart(2, '0')}-${slug}-line-${example.line}${test}.${extension}`;
}

let work = '';
const diagnostics = new Map<string, string[]>();
let environment: NodeJS.ProcessEnv = {};

beforeAll(async () => {
  mkdirSync(join(packageDirectory, '.examples-run'), { recursive: true });
  // Inside this package, so `import '@openssh-ts/…'` finds its node_modules.
  work = mkdtempSync(join(packageDirectory, '.examples-run', 'run-'));
  const sshd = harnessSshd();
  const bin = join(work, 'bin');
  mkdirSync(bin);
  const ssh = findExecutable('ssh');
  if (ssh === undefined) throw new Error('ssh is not installed (bash scripts/quickstart.sh setup)');
  writeFileSync(join(bin, 'ssh'), `#!/bin/sh\nexec '${ssh}' -F '${sshd.sshConfigFile}' "$@"\n`);
  chmodSync(join(bin, 'ssh'), 0o755);
  environment = {
    ...process.env,
    PATH: `${bin}:${process.env.PATH ?? ''}`,
    SSH_DESTINATION: sshd.hostAlias,
    NODE_OPTIONS: '',
    NO_COLOR: '1',
  };
  writeFileSync(join(work, 'package.json'), JSON.stringify({ type: 'module', private: true }));
  writeFileSync(join(work, 'vitest.config.mjs'), 'export default {};\n');
  // What a careful user compiles with; `await using` needs TypeScript >= 5.2.
  writeFileSync(
    join(work, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        target: 'ES2022',
        lib: ['ES2023', 'ESNext.Disposable'],
        module: 'NodeNext',
        moduleResolution: 'NodeNext',
        strict: true,
        types: ['node'],
        skipLibCheck: true,
        outDir: 'out',
        rootDir: '.',
      },
      include: ['*.ts'],
    }),
  );
  examples.forEach((example, index) =>
    writeFileSync(join(work, fileName(example, index)), example.code),
  );
  // One tsc run for every TypeScript example: each is a module of its own,
  // and each example's test reports its own diagnostics.
  const tsc = resolve('typescript/bin/tsc');
  const output = await execFileAsync(process.execPath, [tsc, '-p', work, '--pretty', 'false'], {
    cwd: work,
  }).then(
    ({ stdout }) => stdout,
    (error: { stdout?: string }) => error.stdout ?? '(no output)',
  );
  for (const line of output.split('\n')) {
    const file = /^([^(\s]+\.ts)\(/.exec(line)?.[1];
    if (file !== undefined) diagnostics.set(file, [...(diagnostics.get(file) ?? []), line]);
  }
}, 120_000);

afterAll(() => {
  const leftovers = processesMentioning([harnessSshd().sshConfigFile]);
  if (work !== '') rmSync(work, { recursive: true, force: true });
  expect(leftovers).toEqual([]);
});

async function run(example: ReadmeExample, index: number): Promise<string> {
  const file = fileName(example, index);
  const rejected = diagnostics.get(file);
  if (rejected !== undefined) {
    throw new Error(`tsc rejects ${example.readme}:${example.line}:\n${rejected.join('\n')}`);
  }
  const built = example.language === 'ts' ? join('out', file.replace(/\.ts$/, '.js')) : file;
  const command: string[] =
    example.runner === 'vitest'
      ? [
          packageFile('vitest', 'vitest.mjs'),
          'run',
          '--config',
          'vitest.config.mjs',
          '--dir',
          work,
          built,
        ]
      : example.runner === 'jest'
        ? [
            packageFile('jest', 'bin/jest.js'),
            '--ci',
            '--rootDir',
            work,
            '--config',
            '{"transform":{}}',
            '--runTestsByPath',
            built,
          ]
        : [built];
  try {
    const { stdout } = await execFileAsync(process.execPath, command, {
      cwd: work,
      env: environment,
      timeout: 90_000,
      maxBuffer: 16 * 1024 * 1024,
    });
    return stdout;
  } catch (error) {
    const failure = error as { stdout?: string; stderr?: string };
    throw new Error(
      `${example.readme}:${example.line} failed:\n${failure.stderr ?? ''}${failure.stdout ?? ''}`,
    );
  }
}

describe.each(readmes)('%s', (readme) => {
  const own = examples
    .map((example, index) => ({ example, index }))
    .filter(({ example }) => example.readme === readme);
  if (own.length === 0) {
    it('has no example to run', () => {
      expect(own).toEqual([]);
    });
    return;
  }
  // Examples are independent: they run side by side, as separate programs.
  it.concurrent.each(own)('runs the example at line $example.line', async ({ example, index }) => {
    const stdout = await run(example, index);
    // An output block after an example shows what it prints last.
    if (example.printed !== undefined) expect(stdout.endsWith(example.printed)).toBe(true);
  });
});
