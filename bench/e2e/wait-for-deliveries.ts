import { setTimeout as delay } from 'node:timers/promises';
import type { DeliveryTally } from './delivery-tally';

/** How patiently to wait for the pipeline to drain. */
export interface WaitOptions {
  /** Give up once this long passes without a single new expected request arriving. */
  readonly stallMs: number;
  /** Give up at this time (epoch ms) whatever the progress, so the benchmark keeps its time budget. */
  readonly deadlineEpochMs: number;
  readonly pollMs?: number;
  readonly progress: (line: string) => void;
}

/**
 * Polls the tally until every accepted webhook is delivered, or until delivery stops making progress or runs out
 * of time: a stuck pipeline ends the run with the shortfall in the figures instead of hanging the benchmark.
 */
export async function waitForDeliveries(check: () => DeliveryTally, options: WaitOptions): Promise<DeliveryTally> {
  const pollMs = options.pollMs ?? 500;
  let tally = check();
  let arrived = tally.downstreamEventsArrived;
  let lastProgressAt = Date.now();
  let lastReportAt = 0;
  while (tally.pending > 0) {
    const now = Date.now();
    if (now - lastProgressAt > options.stallMs || now > options.deadlineEpochMs) {
      const why = now > options.deadlineEpochMs ? 'out of time' : `no delivery for ${options.stallMs / 1000} s`;
      options.progress(`${why}; ${tally.pending} webhooks left undelivered`);
      return tally;
    }
    if (now - lastReportAt >= 5_000) {
      lastReportAt = now;
      options.progress(
        `delivered ${tally.delivered}/${tally.delivered + tally.pending} webhooks ` +
          `(${tally.downstreamEventsArrived}/${tally.downstreamEventsExpected} events at downstreams)`,
      );
    }
    await delay(pollMs);
    tally = check();
    if (tally.downstreamEventsArrived > arrived) {
      arrived = tally.downstreamEventsArrived;
      lastProgressAt = Date.now();
    }
  }
  return tally;
}
