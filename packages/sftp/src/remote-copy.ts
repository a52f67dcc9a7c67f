import { EXTENSION_COPY_DATA } from './constants.js';
import { readPipeline } from './read-pipeline.js';
import type { TransferContext } from './transfer-settings.js';
import { WriteWindow } from './write-window.js';

/**
 * Copies everything from one open handle to another on the same server:
 * with `copy-data` the server does it and no byte crosses the network;
 * otherwise reads and writes are pipelined through this client.
 */
export async function copyBetweenHandles(
  context: TransferContext,
  source: Uint8Array,
  target: Uint8Array,
): Promise<void> {
  const { client } = context;
  if (client.has(EXTENSION_COPY_DATA)) {
    // Length 0 means "until end of file" (PROTOCOL §4.10).
    await client.copyData(source, 0, 0, target, 0);
    return;
  }
  const window = new WriteWindow(client, target, context.concurrency, context.writeBlockSize);
  let offset = 0;
  try {
    for await (const data of readPipeline(client, source, {
      start: 0,
      blockSize: context.readBlockSize,
      concurrency: context.concurrency,
    })) {
      await window.write(offset, data);
      offset += data.byteLength;
    }
  } finally {
    await window.settle();
  }
  await window.flush();
}
