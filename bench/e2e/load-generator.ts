import { performance } from 'node:perf_hooks';
import { postWebhook, type VendorWebhook } from '../../local/webhook-client';

/** How one posted webhook went: its answer timed on the monotonic clock, its send on the wall clock too. */
export interface PostedWebhook {
  readonly index: number;
  readonly status: number;
  readonly correlationId?: string;
  /** performance.now() milliseconds, for the answer time. */
  readonly sentAtMs: number;
  readonly answeredAtMs: number;
  /** Date.now() at sending, comparable with the fake downstreams' `receivedAt`. */
  readonly sentAtEpochMs: number;
}

/** What a load run gives back: every webhook's answer and the span from the first send to the last answer. */
export interface LoadRun {
  readonly posted: readonly PostedWebhook[];
  readonly startedAtMs: number;
  readonly finishedAtMs: number;
}

/**
 * Posts the webhooks with at most `concurrency` requests in flight, as a vendor's delivery workers would: each
 * worker posts its next webhook as soon as the previous one is answered. A transport failure counts as status 0
 * rather than ending the run, so the figures say what was lost.
 */
export async function postAll(
  webhooks: readonly VendorWebhook[],
  concurrency: number,
  onAnswered: (done: number) => void = () => undefined,
): Promise<LoadRun> {
  const posted: PostedWebhook[] = new Array<PostedWebhook>(webhooks.length);
  let next = 0;
  let done = 0;
  const startedAtMs = performance.now();
  const worker = async () => {
    while (next < webhooks.length) {
      const index = next++;
      const sentAtEpochMs = Date.now();
      const sentAtMs = performance.now();
      const answer = await postWebhook(webhooks[index]!).catch(() => ({ status: 0 }) as const);
      posted[index] = { index, ...answer, sentAtMs, sentAtEpochMs, answeredAtMs: performance.now() };
      onAnswered(++done);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, webhooks.length) }, worker));
  return { posted, startedAtMs, finishedAtMs: performance.now() };
}
