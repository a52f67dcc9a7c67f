// Proves `pnpm changeset version` works on the pending changesets without
// consuming them: it runs in a scratch copy of the workspace's manifests and
// .changeset folder, then prints the versions a release would get. Fails when
// changesets cannot plan the release (a changeset naming an unknown or an
// ignored package, an ignored package depended on by a published one, ...).
//
//   node tooling/scripts/check-changesets.mjs
import { execFileSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('../..', import.meta.url).pathname;
const changesetBin = createRequire(join(root, 'package.json')).resolve('@changesets/cli/bin.js');
const manifests = ['packages', 'apps', 'tooling']
  .flatMap((group) =>
    readdirSync(join(root, group)).map((name) => join(group, name, 'package.json')),
  )
  .filter((path) => existsSync(join(root, path)));

const scratch = mkdtempSync(join(tmpdir(), 'ossh-changesets-'));
try {
  for (const path of ['package.json', 'pnpm-workspace.yaml', '.changeset', ...manifests]) {
    mkdirSync(join(scratch, path, '..'), { recursive: true });
    cpSync(join(root, path), join(scratch, path), { recursive: true });
  }
  execFileSync('git', ['init', '-q'], { cwd: scratch });
  execFileSync(process.execPath, [changesetBin, 'version'], {
    cwd: scratch,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const planned = [];
  for (const path of manifests) {
    const before = JSON.parse(readFileSync(join(root, path), 'utf8'));
    const after = JSON.parse(readFileSync(join(scratch, path), 'utf8'));
    if (before.private === true) continue;
    if (!/^\d+\.\d+\.\d+$/.test(after.version))
      throw new Error(`${after.name}: version ${after.version}`);
    planned.push(`${after.name} ${before.version} -> ${after.version}`);
  }
  const pending = readdirSync(join(root, '.changeset')).filter((name) =>
    name.endsWith('.md'),
  ).length;
  console.log(
    `changeset version works (${pending} pending changesets, not consumed):\n  ${planned.join('\n  ')}`,
  );
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
