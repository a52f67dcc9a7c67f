// In-process throughput of the project's pure parts, next to the least work
// their job needs. Each repetition loops for a fixed time and reports a rate.
import type { BenchCase, Contender, Sample } from '../bench-case.js';
import { now } from '../child-process.js';
import type { BenchEnvironment } from '../environment.js';
import type { Project } from '../project.js';
import {
  channelDataPacket,
  socketChunks,
  walkFrames,
  windowAdjustPacket,
} from '../proxy-frames.js';

/** Repeats `step` (which reports how many units it did) for about `milliseconds`; returns units per second. */
function rate(milliseconds: number, step: () => number): number {
  let units = 0;
  const started = now();
  let elapsed = 0;
  while (elapsed < milliseconds) {
    units += step();
    elapsed = now() - started;
  }
  return units / (elapsed / 1000);
}

function microContender(
  name: string,
  role: Contender['role'],
  unavailable: string | undefined,
  milliseconds: number,
  step: () => number,
): Contender {
  return {
    name,
    role,
    ...(unavailable === undefined ? {} : { unavailable }),
    run: (): Promise<Sample> => Promise.resolve({ value: rate(milliseconds, step) }),
  };
}

const SHORT_ARGUMENTS = [
  'ls',
  '-la',
  'file name.txt',
  "it's",
  '$HOME',
  'a;b',
  '*.log',
  '/var/tmp/x',
  'naïve',
  '--flag=1',
];

function longArgument(): string {
  // 4 KiB mixing safe characters with every POSIX metacharacter.
  const alphabet = 'abcXYZ019_-./ \'"$`\\!*?[]{}()<>|&;#~\n\t';
  let text = '';
  for (let index = 0; text.length < 4096; index += 1)
    text += alphabet[(index * 7) % alphabet.length];
  return text;
}

/** The floor for POSIX quoting: wrap in single quotes, replace each `'` by `'\''`. */
function singleQuote(argument: string): string {
  return `'${argument.replaceAll("'", "'\\''")}'`;
}

function escapeCase(project: Project, environment: BenchEnvironment, long: boolean): BenchCase {
  const inputs = long ? [longArgument()] : SHORT_ARGUMENTS;
  const milliseconds = environment.sizes.microMilliseconds;
  const quoteAll = (quote: (argument: string) => string) => (): number => {
    let length = 0;
    for (const input of inputs) length += quote(input).length;
    if (length === 0) throw new Error('empty quote');
    return inputs.length;
  };
  return {
    id: long ? 'escape-4k' : 'escape-short',
    group: 'escape',
    title: long
      ? 'quote one 4 KiB argument full of metacharacters'
      : 'quote short arguments (mixed)',
    unit: 'ops/s',
    better: 'higher',
    repetitions: environment.sizes.microRepetitions,
    warmup: 1,
    baseline: "naive '…' quoting",
    contenders: [
      microContender(
        '@openssh-ts/escape quote',
        'project',
        project.escapeUnavailable,
        milliseconds,
        quoteAll((argument) => project.quote(argument)),
      ),
      microContender(
        "naive '…' quoting",
        'reference',
        undefined,
        milliseconds,
        quoteAll(singleQuote),
      ),
    ],
  };
}

function decodeCase(project: Project, environment: BenchEnvironment, data: boolean): BenchCase {
  // 64 KiB pieces, as a Unix socket read delivers them.
  const frame = data ? channelDataPacket(0, 32 * 1024) : windowAdjustPacket(0, 32 * 1024);
  const count = data ? 256 : 50_000;
  const chunks = socketChunks(frame, count, 64 * 1024);
  const totalMiB = (frame.length * count) / (1024 * 1024);
  const milliseconds = environment.sizes.microMilliseconds;
  // Data frames are reported in MiB/s, control messages in messages/s.
  const perStep = data ? totalMiB : count;
  const step = (decode: (input: readonly Uint8Array[]) => number) => (): number => {
    const decoded = decode(chunks);
    if (decoded !== count) throw new Error(`decoded ${decoded} of ${count} messages`);
    return perStep;
  };
  return {
    id: data ? 'mux-decode-data' : 'mux-decode-control',
    group: 'mux-codec',
    title: data
      ? 'decode 32 KiB CHANNEL_DATA packets fed in 64 KiB chunks'
      : 'decode WINDOW_ADJUST packets fed in 64 KiB chunks',
    unit: data ? 'MiB/s' : 'msg/s',
    better: 'higher',
    repetitions: environment.sizes.microRepetitions,
    warmup: 1,
    baseline: 'frame walk (floor)',
    contenders: [
      microContender(
        '@openssh-ts/mux-codec',
        'project',
        project.muxCodecUnavailable,
        milliseconds,
        step((input) => project.decodeProxyPackets(input)),
      ),
      microContender('frame walk (floor)', 'reference', undefined, milliseconds, step(walkFrames)),
    ],
  };
}

/** Escape and mux-codec cases. */
export function microCases(project: Project, environment: BenchEnvironment): BenchCase[] {
  return [
    escapeCase(project, environment, false),
    escapeCase(project, environment, true),
    decodeCase(project, environment, true),
    decodeCase(project, environment, false),
  ];
}
