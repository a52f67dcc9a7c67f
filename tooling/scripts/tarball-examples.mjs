// The programs check-tarballs.mjs writes into its scratch project: what a new
// user would write after `npm install` of the published packages. Each one
// starts a real sshd on loopback from the @openssh-ts/test-sshd tarball.

// Plain JavaScript, run as ESM (.mjs) and, with `import` turned into
// `require`, as CommonJS (.cjs): one body, so both prove the same thing.
const body = (load) => `${load}

async function main() {
  const sshd = await startSshd();
  try {
    const options = { configFile: sshd.sshConfigFile, knownHosts: 'strict' };
    const lines = [];
    for (const [name, transport] of [['native', nativeTransport()], ['process', processTransport()]]) {
      const session = await Session.connect(sshd.hostAlias, { ...options, transport });
      try {
        if (name === 'native') {
          if (quote('a b') !== "'a b'") throw new Error('escape quoted wrongly');
          const output = await session.command('echo').arg('hello from sshd').output();
          lines.push(output.stdout.toString().trim());
          const sftp = await Sftp.connect(session);
          try {
            await sftp.writeFile('tarball-example.txt', 'hello');
            lines.push('sftp ' + (await sftp.stat('tarball-example.txt')).size);
            await sftp.unlink('tarball-example.txt');
          } finally {
            await sftp.close();
          }
        }
        lines.push(name + ' ' + (await session.command('true').status()).code);
      } finally {
        await session.close();
      }
    }
    if (typeof MUX_C_NEW_SESSION !== 'number') throw new Error('mux-codec lost its constants');
    // sftp comes first in the run but last in the expected line.
    const sftpLine = lines.splice(lines.findIndex((line) => line.startsWith('sftp')), 1);
    console.log([...lines, ...sftpLine].join('|'));
  } finally {
    await sshd.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
`;

const imports = {
  '@openssh-ts/escape': '{ quote }',
  '@openssh-ts/mux-codec': '{ MUX_C_NEW_SESSION }',
  '@openssh-ts/session-core': '{ Session }',
  '@openssh-ts/transport-native': '{ nativeTransport }',
  '@openssh-ts/transport-process': '{ processTransport }',
  '@openssh-ts/sftp': '{ Sftp }',
  '@openssh-ts/test-sshd': '{ startSshd }',
};

const esm = Object.entries(imports)
  .map(([name, names]) => `import ${names} from '${name}';`)
  .join('\n');
const commonJs = Object.entries(imports)
  .map(([name, names]) => `const ${names.replaceAll(' as ', ': ')} = require('${name}');`)
  .join('\n');

/** File name → contents, written into the scratch project. */
export const tarballExamples = {
  'example.mjs': body(esm),
  'example.cjs': body(commonJs),
  // Strict settings a careful user would have; `await using` needs TypeScript >= 5.2.
  'tsconfig.json': JSON.stringify(
    {
      compilerOptions: {
        target: 'ES2022',
        lib: ['ES2023', 'ESNext.Disposable'],
        module: 'NodeNext',
        moduleResolution: 'NodeNext',
        strict: true,
        exactOptionalPropertyTypes: true,
        noUncheckedIndexedAccess: true,
        types: ['node'],
        outDir: 'out',
        skipLibCheck: false,
      },
      files: ['typed.mts', 'typed-require.cts'],
    },
    null,
    2,
  ),
  'typed.mts': `import { Session, SshError, type ExitStatus } from '@openssh-ts/session-core';
import { nativeTransport } from '@openssh-ts/transport-native';
import { startSshd, type TestSshd } from '@openssh-ts/test-sshd';

await using sshd: TestSshd = await startSshd();
await using session = await Session.connect(sshd.hostAlias, {
  transport: nativeTransport(),
  configFile: sshd.sshConfigFile,
});
const status: ExitStatus = await session.command('true').status();
const exited: ExitStatus = await session.rawCommand('exit 3').status();
let caught: unknown;
try {
  await session.command('echo').arg('a\\0b').status();
} catch (error) {
  caught = error;
}
const refused = SshError.isInstance(caught) && caught.kind === 'invalid-command';
console.log(\`typed \${status.code} code \${exited.code === 3 && refused ? 'ok' : 'wrong'}\`);
`,
  'typed-require.cts': `import { quote, QuoteError } from '@openssh-ts/escape';
import { Sftp } from '@openssh-ts/sftp';
import { processTransport } from '@openssh-ts/transport-process';

const quoted: string = quote("it's");
const refused = (() => {
  try {
    quote('a\\0b');
    return false;
  } catch (error) {
    return QuoteError.isInstance(error);
  }
})();
if (quoted !== "'it'\\\\''s'" || !refused || typeof Sftp.connect !== 'function') throw new Error('unexpected');
if (typeof processTransport !== 'function') throw new Error('transport-process lost its factory');
console.log('typed require ok');
`,
};
