/**
 * Decode throughput of the proxy-packet decoder, as the native transport
 * feeds it: a socket's 64 KiB reads, frames straddling read boundaries.
 *
 *   pnpm --filter @openssh-ts/mux-codec exec tsx --conditions=@openssh-ts/source bench/decode.bench.ts
 *
 * `runDecodeBench()` returns the figures for the repository's benchmark
 * suite. A benchmark, not a test: nothing here asserts on speed.
 */
import { pathToFileURL } from 'node:url';
import {
  encodeChannelDataHeader,
  encodeMuxMessage,
  encodeProxyPacket,
  MuxDecoder,
  ProxyPacketDecoder,
} from '../src/index.js';

/** Figures of one {@link runDecodeBench} run: medians over the repetitions, with min and max. */
export interface DecodeBenchResult {
  /** 32 KiB CHANNEL_DATA packets, in MB/s (10^6 bytes per second of stream). */
  readonly channelDataMegabytesPerSecond: Figure;
  /** WINDOW_ADJUST packets (a typical small control message), in messages per second. */
  readonly controlMessagesPerSecond: Figure;
  /** MUX_S_ALIVE replies through the mux decoder, in messages per second. */
  readonly muxRepliesPerSecond: Figure;
  /** `encodeChannelDataHeader` calls per second. */
  readonly dataHeadersEncodedPerSecond: Figure;
}

/** A median with its spread. */
export interface Figure {
  readonly median: number;
  readonly min: number;
  readonly max: number;
}

/** How long to run each measurement and how often. */
export interface DecodeBenchOptions {
  /** Milliseconds per repetition. Default 300. */
  readonly milliseconds?: number;
  /** Repetitions per figure. Default 5. */
  readonly repetitions?: number;
}

const CHUNK_BYTES = 64 * 1024;

function socketChunks(frame: Uint8Array, count: number): Uint8Array[] {
  const stream = new Uint8Array(frame.length * count);
  for (let index = 0; index < count; index += 1) stream.set(frame, index * frame.length);
  const chunks: Uint8Array[] = [];
  for (let offset = 0; offset < stream.length; offset += CHUNK_BYTES) {
    chunks.push(stream.subarray(offset, offset + CHUNK_BYTES));
  }
  return chunks;
}

/** Runs `pass` (which returns units done) for about `milliseconds`; returns units per second. */
function rate(pass: () => number, milliseconds: number): number {
  let units = 0;
  const started = performance.now();
  let elapsed = 0;
  do {
    units += pass();
    elapsed = performance.now() - started;
  } while (elapsed < milliseconds);
  return (units * 1000) / elapsed;
}

function figure(samples: number[]): Figure {
  const sorted = [...samples].sort((a, b) => a - b);
  return { median: sorted[Math.floor(sorted.length / 2)]!, min: sorted[0]!, max: sorted.at(-1)! };
}

function measure(pass: () => number, options: Required<DecodeBenchOptions>): Figure {
  rate(pass, Math.min(options.milliseconds, 200)); // warm-up: let the JIT settle
  return figure(
    Array.from({ length: options.repetitions }, () => rate(pass, options.milliseconds)),
  );
}

function decodePass(
  chunks: readonly Uint8Array[],
  expected: number,
  Decoder: new () => { push(chunk: Uint8Array): readonly unknown[] },
) {
  return (): number => {
    // A fresh decoder per pass, as a new connection would have.
    const decoder = new Decoder();
    let decoded = 0;
    for (const chunk of chunks) decoded += decoder.push(chunk).length;
    if (decoded !== expected) throw new Error(`decoded ${decoded} of ${expected} messages`);
    return decoded;
  };
}

/** Measures decode (and DATA header encode) throughput; see {@link DecodeBenchResult}. */
export function runDecodeBench(options: DecodeBenchOptions = {}): DecodeBenchResult {
  const settings = {
    milliseconds: options.milliseconds ?? 300,
    repetitions: options.repetitions ?? 5,
  };

  const dataFrame = encodeProxyPacket({
    type: 'SSH_MSG_CHANNEL_DATA',
    recipientChannel: 0,
    data: new Uint8Array(32 * 1024).fill(0x61),
  });
  const dataCount = 256;
  const dataPass = decodePass(socketChunks(dataFrame, dataCount), dataCount, ProxyPacketDecoder);
  const bytesPerPass = dataFrame.length * dataCount;
  const dataFigure = measure(() => (dataPass() * bytesPerPass) / dataCount, settings);

  const adjust = encodeProxyPacket({
    type: 'SSH_MSG_CHANNEL_WINDOW_ADJUST',
    recipientChannel: 0,
    bytesToAdd: 32 * 1024,
  });
  const controlCount = 50_000;
  const controlFigure = measure(
    decodePass(socketChunks(adjust, controlCount), controlCount, ProxyPacketDecoder),
    settings,
  );

  const alive = encodeMuxMessage({ type: 'MUX_S_ALIVE', requestId: 1, pid: 4242 });
  const muxFigure = measure(
    decodePass(socketChunks(alive, controlCount), controlCount, MuxDecoder),
    settings,
  );

  const headerFigure = measure(() => {
    let checksum = 0;
    for (let index = 0; index < 10_000; index += 1)
      checksum += encodeChannelDataHeader(index, 32 * 1024)[13]!;
    if (checksum < 0) throw new Error('unreachable');
    return 10_000;
  }, settings);

  return {
    channelDataMegabytesPerSecond: scale(dataFigure, 1e-6),
    controlMessagesPerSecond: controlFigure,
    muxRepliesPerSecond: muxFigure,
    dataHeadersEncodedPerSecond: headerFigure,
  };
}

function scale(value: Figure, factor: number): Figure {
  return { median: value.median * factor, min: value.min * factor, max: value.max * factor };
}

const format = (value: Figure, unit: string, digits = 0): string =>
  `${value.median.toFixed(digits)} ${unit} (${value.min.toFixed(digits)}–${value.max.toFixed(digits)})`;

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const result = runDecodeBench();
  const lines = [
    `decode 32 KiB CHANNEL_DATA in 64 KiB reads: ${format(result.channelDataMegabytesPerSecond, 'MB/s')}`,
    `decode WINDOW_ADJUST packets:               ${format(result.controlMessagesPerSecond, 'msg/s')}`,
    `decode MUX_S_ALIVE replies:                 ${format(result.muxRepliesPerSecond, 'msg/s')}`,
    `encodeChannelDataHeader:                    ${format(result.dataHeadersEncodedPerSecond, 'calls/s')}`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}
