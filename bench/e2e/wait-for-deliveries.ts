import { setTimeout as delay } from 'node:timers/promises';
import type { DeliveryTally } from './delivery-tally';

/** How patiently to wait for the pipeline to drain. */
export interface WaitOptions {
  /** Give up once this long passes without a single new expected request arriving. */
  readonly stallMs: number;
  readonly pollMs?: number;
  readonly progress: (line: string) => void;
}

/**
 * Polls the tally until every accepted webhook is delivered, or until delivery stops making progress: a stuck
 * pipeline ends the run with the shortfall in the figures instead of hanging the benchmark.
 */
export async function waitForDeliveries(check: () => DeliveryTally, options: WaitOptions): Promise<DeliveryTally> {
  const pollMs = options.pollMs ?? 500;
  let tally = check();
  let arrived = tally.arrivedRequests;
  let lastProgressAt = Date.now();
  let lastReportAt = 0;
  while (tally.pending > 0) {
    if (Date.now() - lastProgressAt > options.stallMs) {
      options.progress(`no delivery for ${options.stallMs / 1000} s; ${tally.pending} webhooks left undelivered`);
      return tally;
    }
    if (Date.now() - lastReportAt >= 2_000) {
      lastReportAt = Date.now();
      options.progress(
        `delivered ${tally.delivered}/${tally.delivered + tally.pending} webhooks ` +
          `(${tally.arrivedRequests}/${tally.expectedRequests} downstream requests)`,
      );
    }
    await delay(pollMs);
    tally = check();
    if (tally.arrivedRequests > arrived) {
      arrived = tally.arrivedRequests;
      lastProgressAt = Date.now();
    }
  }
  return tally;
}
