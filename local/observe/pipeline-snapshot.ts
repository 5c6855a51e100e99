import { GetQueueAttributesCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { ReceivedRequest } from '../downstream';
import type { LocalPipeline } from '../pipeline';

/** One source's counts: what the ingest metrics say, what its queues hold, and partial records completed. */
export interface SourceCounts {
  readonly source: string;
  readonly received: number;
  readonly accepted: number;
  readonly rejected: number;
  readonly queued: number;
  readonly quarantined: number;
  /** Partial records completed with the full record from the source's API. */
  readonly completed: number;
}

/** One destination's counts: the connector's metrics and logs, its queues, and what the downstream took. */
export interface DestinationCounts {
  readonly destination: string;
  readonly delivered: number;
  readonly duplicatesSkipped: number;
  readonly notApplicable: number;
  readonly staleDropped: number;
  /** Deferrals by the reason the connector logged (throttled, rate-limited, circuit-open, failed, …). */
  readonly deferred: Readonly<Record<string, number>>;
  readonly queued: number;
  readonly deadLettered: number;
  /** Distinct events the downstream answered 2xx, however many requests carried them. */
  readonly downstreamEvents: number;
}

export interface PipelineSnapshot {
  readonly sources: readonly SourceCounts[];
  readonly destinations: readonly DestinationCounts[];
}

type Observed = Pick<LocalPipeline, 'metrics' | 'log' | 'topology' | 'sqs' | 'downstreams' | 'sourceApis'>;

/**
 * Reads every count the live view and the console show: the same metrics CloudWatch would hold, the connector's
 * deferral lines, the queue depths, and what the fake systems saw.
 */
export async function pipelineSnapshot(pipeline: Observed): Promise<PipelineSnapshot> {
  const { metrics, topology, sqs, log } = pipeline;
  const sources = await Promise.all(
    [...topology.ingestQueues].map(async ([source, queue]) => ({
      source,
      received: metrics.sum('WebhookReceived', { source }),
      accepted: metrics.sum('WebhookAccepted', { source }),
      rejected: metrics.sum('WebhookRejected', { source }),
      queued: await depth(sqs, queue.url),
      quarantined: await depth(sqs, queue.deadLetter.url),
      completed: pipeline.sourceApis.get(source)?.served() ?? 0,
    })),
  );
  const destinations = await Promise.all(
    [...topology.deliveryQueues].map(async ([destination, queue]) => ({
      destination,
      delivered: metrics.sum('Delivered', { destination }),
      duplicatesSkipped: metrics.sum('DuplicateSkipped', { destination }),
      notApplicable: metrics.sum('NotApplicable', { destination }),
      staleDropped: metrics.sum('StaleDropped', { destination }),
      deferred: log.deferralsBy(destination),
      queued: await depth(sqs, queue.url),
      deadLettered: await depth(sqs, queue.deadLetter.url),
      downstreamEvents: acceptedEvents(pipeline.downstreams.get(destination)?.accepted() ?? []),
    })),
  );
  return { sources, destinations };
}

/**
 * Distinct events among requests a downstream answered 2xx: a batch (`{ batch: [{ messageId }] }`) counts each
 * event it carries, any other request its Idempotency-Key, so a retried or batched send is not counted twice.
 */
export function acceptedEvents(requests: readonly ReceivedRequest[]): number {
  const keys = new Set<string>();
  for (const request of requests) {
    const batch = (request.json as { batch?: unknown } | undefined)?.batch;
    if (Array.isArray(batch)) {
      for (const item of batch) {
        const id = (item as { messageId?: unknown } | null)?.messageId;
        if (typeof id === 'string') keys.add(id);
      }
      continue;
    }
    const key = request.headers['idempotency-key'];
    keys.add(typeof key === 'string' ? key : `${request.method} ${request.path} ${request.receivedAt}`);
  }
  return keys.size;
}

/** Messages in a queue, visible and in flight. */
export async function depth(sqs: SQSClient, queueUrl: string): Promise<number> {
  const { Attributes } = await sqs.send(
    new GetQueueAttributesCommand({
      QueueUrl: queueUrl,
      AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
    }),
  );
  return (
    Number(Attributes?.ApproximateNumberOfMessages ?? 0) +
    Number(Attributes?.ApproximateNumberOfMessagesNotVisible ?? 0)
  );
}
