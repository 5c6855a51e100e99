import { GetQueueAttributesCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { LocalPipeline } from '../pipeline';

/** One source's counts: what the ingest metrics say and what its queues hold. */
export interface SourceCounts {
  readonly source: string;
  readonly received: number;
  readonly accepted: number;
  readonly rejected: number;
  readonly queued: number;
  readonly quarantined: number;
}

/** One destination's counts: the connector's metrics, its queues, and what the downstream actually took. */
export interface DestinationCounts {
  readonly destination: string;
  readonly delivered: number;
  readonly failed: number;
  readonly duplicatesSkipped: number;
  readonly queued: number;
  readonly deadLettered: number;
  readonly downstreamAccepted: number;
}

export interface PipelineSnapshot {
  readonly sources: readonly SourceCounts[];
  readonly destinations: readonly DestinationCounts[];
}

/** Reads every count the live view shows: the same metrics CloudWatch would hold, and the queue depths. */
export async function pipelineSnapshot(pipeline: LocalPipeline): Promise<PipelineSnapshot> {
  const { metrics, topology, sqs } = pipeline;
  const sources = await Promise.all(
    [...topology.ingestQueues].map(async ([source, queue]) => ({
      source,
      received: metrics.sum('WebhookReceived', { source }),
      accepted: metrics.sum('WebhookAccepted', { source }),
      rejected: metrics.sum('WebhookRejected', { source }),
      queued: await depth(sqs, queue.url),
      quarantined: await depth(sqs, queue.deadLetter.url),
    })),
  );
  const destinations = await Promise.all(
    [...topology.deliveryQueues].map(async ([destination, queue]) => ({
      destination,
      delivered: metrics.sum('Delivered', { destination }),
      failed: metrics.sum('DeliveryFailed', { destination }),
      duplicatesSkipped: metrics.sum('DuplicateSkipped', { destination }),
      queued: await depth(sqs, queue.url),
      deadLettered: await depth(sqs, queue.deadLetter.url),
      downstreamAccepted: pipeline.downstreams.get(destination)?.accepted().length ?? 0,
    })),
  );
  return { sources, destinations };
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
