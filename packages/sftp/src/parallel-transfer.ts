import { StripeCursor } from './stripe-cursor.js';
import type { TransferContext } from './transfer-settings.js';

/**
 * Smallest file spread over several channels. Below it the extra sessions'
 * opening (a channel, the SFTP handshake, an open and fstat: about four
 * round trips) costs more than their windows bring.
 */
export const PARALLEL_MIN_BYTES = 8 * 1024 * 1024;

/** Extra channels a transfer may use (a ParallelChannels); `contexts()` opens them if needed. */
export interface ExtraContexts {
  readonly size: number;
  contexts(): readonly Promise<TransferContext | undefined>[];
}

/** No extra channels: everything on the main one. */
export const NO_EXTRAS: ExtraContexts = { size: 0, contexts: () => [] };

/** What a channel of {@link stripeOverChannels} gets besides its context. */
export interface StripeShare {
  readonly cursor: StripeCursor;
  /** Its share of the transfer's requests in flight. */
  readonly concurrency: number;
}

/**
 * Spreads `[0, total)` over the main channel and the extras in pieces of
 * `unit` when the file is large enough and there are extras, else does
 * nothing. Returns where the caller goes on alone on the main channel:
 * 0 (nothing was spread), `total` (to pick up what the file grew by), or
 * undefined when a channel found the file shorter (nothing more to move;
 * `end` is then where it ended).
 */
export async function stripeOverChannels(
  main: TransferContext,
  extras: ExtraContexts,
  total: number,
  unit: number,
  concurrency: number,
  signal: AbortSignal | undefined,
  work: (
    context: TransferContext,
    main: boolean,
    signal: AbortSignal,
    share: StripeShare,
  ) => Promise<void>,
): Promise<{ tail: number | undefined; end: number }> {
  if (extras.size === 0 || total < PARALLEL_MIN_BYTES) return { tail: 0, end: total };
  const joining = extras.contexts();
  const share: StripeShare = {
    cursor: new StripeCursor(0, total, unit),
    concurrency: Math.max(1, Math.ceil(concurrency / (joining.length + 1))),
  };
  await runOnChannels(
    main,
    joining,
    signal,
    () => !share.cursor.done,
    (context, isMain, channelSignal) => work(context, isMain, channelSignal, share),
  );
  const { end } = share.cursor;
  return { tail: end < total ? undefined : total, end };
}

/** What one channel does for a transfer shared by several. */
export type ChannelWork = (
  context: TransferContext,
  main: boolean,
  signal: AbortSignal,
) => Promise<void>;

/**
 * Runs `work` on the main channel at once and on each extra channel as soon
 * as it is open, while `wanted()` says there is work left to join. The
 * first failure aborts every other channel's work (their own `aborted`
 * errors are not reported) and is rethrown once all of them have stopped,
 * so the caller's cleanup never races a channel still writing. Extras that
 * are not open when the work is done are not waited for: a channel the
 * server queues (MaxSessions) cannot hold up the transfer.
 */
export async function runOnChannels(
  main: TransferContext,
  extras: readonly Promise<TransferContext | undefined>[],
  signal: AbortSignal | undefined,
  wanted: () => boolean,
  work: ChannelWork,
): Promise<void> {
  const controller = new AbortController();
  const onAbort = (): void => controller.abort(signal?.reason);
  if (signal?.aborted) onAbort();
  else signal?.addEventListener('abort', onAbort, { once: true });
  let failure: { error: unknown } | undefined;
  let finished = false;
  const run = async (context: TransferContext, isMain: boolean): Promise<void> => {
    try {
      await work(context, isMain, controller.signal);
    } catch (error) {
      if (failure === undefined) {
        failure = { error };
        controller.abort(error);
      }
    }
  };
  const joined: Promise<void>[] = [];
  for (const extra of extras) {
    void extra.then((context) => {
      if (context === undefined || finished || failure !== undefined || !wanted()) return;
      joined.push(run(context, false));
    });
  }
  try {
    await run(main, true);
    // Channels may join while others finish; wait until none is running.
    let waited = 0;
    while (waited < joined.length) {
      const batch = joined.slice(waited);
      waited += batch.length;
      await Promise.all(batch);
    }
  } finally {
    finished = true;
    signal?.removeEventListener('abort', onAbort);
  }
  if (failure !== undefined) throw failure.error;
}
