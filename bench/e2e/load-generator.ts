import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';
import type { VendorWebhook } from '../../local/webhook-client';

/** How one posted webhook went: its answer timed on the monotonic clock, its send on the wall clock too. */
export interface PostedWebhook {
  readonly index: number;
  /** HTTP status, or 0 when the request failed without an answer. */
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

function post(agent: Agent, webhook: VendorWebhook): Promise<{ status: number; correlationId?: string }> {
  return new Promise((resolve) => {
    const outgoing = request(
      webhook.url,
      { method: 'POST', agent, headers: { ...webhook.headers, 'content-length': String(webhook.body.length) } },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          let correlationId: string | undefined;
          try {
            correlationId = (JSON.parse(Buffer.concat(chunks).toString('utf8')) as { correlationId?: string })
              .correlationId;
          } catch {
            correlationId = undefined;
          }
          resolve({ status: response.statusCode ?? 0, ...(correlationId ? { correlationId } : {}) });
        });
        response.on('error', () => resolve({ status: 0 }));
      },
    );
    outgoing.on('error', () => resolve({ status: 0 }));
    outgoing.end(webhook.body);
  });
}

/**
 * Posts `count` webhooks with at most `concurrency` in flight over kept-alive connections, as a vendor's delivery
 * workers would: each worker posts its next webhook as soon as the previous one is answered. Each webhook is
 * built (and signed) just before it is sent, so timestamped signatures stay within their tolerance however long
 * the run takes. A transport failure counts as status 0 rather than ending the run.
 */
export async function postAll(
  count: number,
  concurrency: number,
  webhookAt: (index: number) => VendorWebhook,
  onAnswered: (done: number) => void = () => undefined,
): Promise<LoadRun> {
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const posted = new Array<PostedWebhook>(count);
  let next = 0;
  let done = 0;
  const startedAtMs = performance.now();
  const worker = async () => {
    while (next < count) {
      const index = next++;
      const webhook = webhookAt(index);
      const sentAtEpochMs = Date.now();
      const sentAtMs = performance.now();
      const answer = await post(agent, webhook);
      posted[index] = { index, ...answer, sentAtMs, sentAtEpochMs, answeredAtMs: performance.now() };
      onAnswered(++done);
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  } finally {
    agent.destroy();
  }
  return { posted, startedAtMs, finishedAtMs: performance.now() };
}
