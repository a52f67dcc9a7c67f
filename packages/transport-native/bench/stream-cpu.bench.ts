// Benchmark (not a test): CPU time of this Node process, and of the
// ControlMaster, per GiB moved through the native transport's stdout and
// stdin, next to `ssh -S <ctl>` (whose streams Node only pipes). On a shared
// machine CPU time per byte is steadier than wall time.
//
//   pnpm exec tsx --conditions=@openssh-ts/source bench/stream-cpu.bench.ts [MiB] \
//     [--only-native] [--download-only | --upload-only]
import { readFileSync } from 'node:fs';
import { startSshd } from '@openssh-ts/test-sshd';
import { startMaster } from '../src/master-fixture.js';
import { nativeTransport } from '../src/native-transport.js';
import { sshRunner, transportRunner, type Runner } from './transport.bench.js';

/** CPU seconds a process has used so far (utime + stime from /proc, 100 ticks a second). */
function processCpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8')
    .replace(/^.*\) /s, '')
    .split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** Wall MiB/s and CPU seconds per GiB (ours, and the master's) of one run of `work`. */
async function measure(
  masterPid: number,
  bytes: number,
  work: () => Promise<void>,
): Promise<string> {
  const masterBefore = processCpuSeconds(masterPid);
  const cpu = process.cpuUsage();
  const started = performance.now();
  await work();
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  const gib = bytes / 2 ** 30;
  const perGib = (microseconds: number): string => (microseconds / 1e6 / gib).toFixed(2);
  const master = ((processCpuSeconds(masterPid) - masterBefore) / gib).toFixed(2);
  return [
    `${(bytes / 2 ** 20 / seconds).toFixed(0)} MiB/s`,
    `node ${perGib(used.user + used.system)} CPU s/GiB (user ${perGib(used.user)}, sys ${perGib(used.system)})`,
    `master ${master} CPU s/GiB`,
  ].join(', ');
}

const mebibytes = Number(process.argv.find((argument) => /^\d+$/.test(argument)) ?? 1024);
const bytes = mebibytes * 2 ** 20;
const sshd = await startSshd({ extraConfig: ['Ciphers chacha20-poly1305@openssh.com'] });
const master = await startMaster(sshd, ['-o', 'Ciphers=chacha20-poly1305@openssh.com']);
const native = await nativeTransport().attach({
  controlSocket: master.controlSocket,
  sshPath: 'ssh',
});
const runners: Runner[] = [transportRunner('native', native)];
if (!process.argv.includes('--only-native')) runners.push(sshRunner(master.controlSocket));
try {
  for (const runner of runners) {
    if (!process.argv.includes('--upload-only')) {
      const figures = await measure(master.pid, bytes, () => runner.download(bytes));
      console.log(`${runner.name} stdout: ${figures}`);
    }
    if (!process.argv.includes('--download-only')) {
      const figures = await measure(master.pid, bytes, () => runner.upload(bytes));
      console.log(`${runner.name} stdin:  ${figures}`);
    }
  }
} finally {
  await native.detach();
  await master.stop();
  await sshd.stop();
}
