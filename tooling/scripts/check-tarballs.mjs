// Proves that what `pnpm publish` would ship works outside the workspace:
// packs every public package, installs the tarballs with npm into a scratch
// project under the system temp directory (no workspace above it, so nothing
// resolves by accident), and there runs a plain JavaScript example both as
// ESM and through `require`, a TypeScript example compiled with `tsc` (ESM
// and CommonJS type resolution), and the CLI from its tarball.
//
// It fails when a tarball lacks a file its package.json points at (or its
// README or LICENSE), when built code imports a package missing from
// `dependencies`, when a library package has a third-party runtime
// dependency, or when types do not resolve.
//
//   node tooling/scripts/check-tarballs.mjs [--keep]
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { tarballExamples } from './tarball-examples.mjs';

const root = new URL('../..', import.meta.url).pathname;
const keep = process.argv.includes('--keep');
// Only these library packages may depend on a third-party package, and only on these.
const allowedThirdParty = { '@openssh-ts/transport-ssh2': ['ssh2', 'ssh-config'] };

function fail(message) {
  console.error(`check-tarballs: ${message}`);
  process.exitCode = 1;
}

function run(command, args, options = {}) {
  return execFileSync(command, args, {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    ...options,
  });
}

function publicPackages() {
  return ['packages', 'apps', 'tooling']
    .flatMap((group) => readdirSync(join(root, group)).map((name) => join(root, group, name)))
    .filter((directory) => existsSync(join(directory, 'package.json')))
    .map((directory) => ({
      directory,
      manifest: JSON.parse(readFileSync(join(directory, 'package.json'), 'utf8')),
    }))
    .filter(({ manifest }) => manifest.private !== true);
}

/** Every file a manifest points at: exports targets, main/module/types, bin. */
function referencedFiles(manifest) {
  const files = new Set();
  const walk = (value) => {
    if (typeof value === 'string') files.add(value.replace(/^\.\//, ''));
    else if (value !== null && typeof value === 'object') Object.values(value).forEach(walk);
  };
  for (const [key, value] of Object.entries(manifest.exports ?? {})) {
    // The source condition is for the workspace; src/ ships too, but is no entry point.
    if (typeof value === 'object' && value !== null) {
      walk(
        Object.fromEntries(
          Object.entries(value).filter(([condition]) => condition !== '@openssh-ts/source'),
        ),
      );
    } else walk(value);
    void key;
  }
  walk(manifest.main);
  walk(manifest.module);
  walk(manifest.types);
  walk(manifest.bin);
  return [...files];
}

/** Bare package names that built JavaScript imports or requires. */
function importedPackages(source) {
  const names = new Set();
  // TSDoc @example blocks survive in dist as ` * import … from '…'` lines:
  // they show how a user combines packages and import nothing themselves.
  const code = source.replace(/^\s*\*.*$/gm, '');
  const pattern =
    /(?:\bfrom\s*["']([^"'./][^"']*)["']|^\s*import\s*["']([^"'./][^"']*)["']|\b(?:import|require)\s*\(\s*["']([^"'./][^"']*)["']\s*\))/gm;
  for (const match of code.matchAll(pattern)) {
    const specifier = match[1] ?? match[2] ?? match[3];
    if (specifier.startsWith('node:') || builtinModules.includes(specifier.split('/')[0])) continue;
    const parts = specifier.split('/');
    names.add(specifier.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]);
  }
  return names;
}

function checkTarball(tarball, manifest, unpacked) {
  const listed = new Set(
    run('tar', ['-tzf', tarball])
      .split('\n')
      .filter(Boolean)
      .map((path) => path.replace(/^package\//, '')),
  );
  for (const file of ['package.json', 'README.md', 'LICENSE', ...referencedFiles(manifest)]) {
    if (!listed.has(file)) fail(`${manifest.name}: tarball lacks ${file}`);
  }
  // Each package carries a copy of the root LICENSE (pack reads only the package's folder).
  if (
    listed.has('LICENSE') &&
    readFileSync(join(unpacked, 'LICENSE'), 'utf8') !== readFileSync(join(root, 'LICENSE'), 'utf8')
  ) {
    fail(`${manifest.name}: LICENSE differs from the root LICENSE`);
  }
  if (manifest.license !== 'MIT') fail(`${manifest.name}: license is ${manifest.license}, not MIT`);
  const packed = JSON.parse(readFileSync(join(unpacked, 'package.json'), 'utf8'));
  const declared = new Set([
    ...Object.keys(packed.dependencies ?? {}),
    ...Object.keys(packed.peerDependencies ?? {}),
  ]);
  for (const [name, range] of Object.entries(packed.dependencies ?? {})) {
    if (String(range).startsWith('workspace:'))
      fail(`${manifest.name}: dependency ${name} kept ${range}`);
  }
  for (const file of [...listed].filter((path) => /^dist\/.*\.(c|m)?js$/.test(path))) {
    for (const name of importedPackages(readFileSync(join(unpacked, file), 'utf8'))) {
      if (name !== manifest.name && !declared.has(name)) {
        fail(`${manifest.name}: ${file} imports ${name}, which is not in dependencies`);
      }
    }
  }
  if (relative(root, manifest.directory).startsWith('packages/')) {
    const allowed = allowedThirdParty[manifest.name] ?? [];
    for (const name of Object.keys(packed.dependencies ?? {})) {
      if (!name.startsWith('@openssh-ts/') && !allowed.includes(name)) {
        fail(
          `${manifest.name}: library packages keep zero third-party runtime dependencies (found ${name})`,
        );
      }
    }
  }
}

const scratch = mkdtempSync(join(tmpdir(), 'ossh-tarballs-'));
try {
  const tarballs = join(scratch, 'tarballs');
  mkdirSync(tarballs);
  const packages = publicPackages();
  for (const entry of packages) {
    entry.manifest.directory = entry.directory;
    const output = run('pnpm', ['pack', '--pack-destination', tarballs], { cwd: entry.directory });
    const tarball = output.trim().split('\n').pop();
    const unpacked = join(scratch, 'unpacked', entry.manifest.name);
    mkdirSync(unpacked, { recursive: true });
    run('tar', ['-xzf', tarball, '-C', unpacked, '--strip-components=1']);
    entry.tarball = tarball;
    checkTarball(tarball, entry.manifest, unpacked);
  }
  console.log(
    `packed ${packages.length}: ${packages.map(({ manifest }) => `${manifest.name}@${manifest.version}`).join(', ')}`,
  );

  const project = join(scratch, 'project');
  mkdirSync(project);
  writeFileSync(
    join(project, 'package.json'),
    JSON.stringify({ name: 'scratch', private: true }, null, 2),
  );
  const rootManifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const tools = ['typescript', '@types/node'].map(
    (name) => `${name}@${rootManifest.devDependencies[name]}`,
  );
  run(
    'npm',
    [
      'install',
      '--no-audit',
      '--no-fund',
      '--loglevel=error',
      '--prefer-offline',
      ...packages.map(({ tarball }) => tarball),
      ...tools,
    ],
    {
      cwd: project,
      stdio: ['ignore', 'inherit', 'inherit'],
    },
  );
  for (const [file, text] of Object.entries(tarballExamples))
    writeFileSync(join(project, file), text);
  const node = (file, ...args) =>
    run(process.execPath, [file, ...args], { cwd: project, timeout: 120_000 });
  const expectOutput = (label, printed, wanted) => {
    if (printed.trim() !== wanted)
      fail(`${label} printed ${JSON.stringify(printed.trim())}, wanted ${JSON.stringify(wanted)}`);
    else console.log(`ok ${label}: ${wanted}`);
  };
  const wanted = 'hello from sshd|native 0|process 0|sftp 5';
  expectOutput('ESM example', node('example.mjs'), wanted);
  expectOutput('require example', node('example.cjs'), wanted);
  run(join(project, 'node_modules/.bin/tsc'), ['-p', 'tsconfig.json'], {
    cwd: project,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  expectOutput('TypeScript example (ESM)', node('out/typed.mjs'), 'typed 0 code ok');
  expectOutput('TypeScript example (CommonJS)', node('out/typed-require.cjs'), 'typed require ok');
  const cli = join(project, 'node_modules/.bin/ossh');
  const cliVersion = packages.find(({ manifest }) => manifest.name === '@openssh-ts/cli')?.manifest
    .version;
  expectOutput('ossh --version', run(cli, ['--version'], { cwd: project }), String(cliVersion));
  const demo = run(cli, ['demo'], {
    cwd: project,
    timeout: 180_000,
    env: { ...process.env, NO_COLOR: '1' },
  });
  if (!/\S/.test(demo)) fail('ossh demo printed nothing');
  else console.log(`ok ossh demo: ${demo.trim().split('\n').length} lines`);
} finally {
  if (keep) console.log(`kept ${scratch}`);
  else rmSync(scratch, { recursive: true, force: true });
}
if (process.exitCode) console.error('check-tarballs: FAILED');
else console.log('check-tarballs: every tarball installs and runs outside the workspace');
