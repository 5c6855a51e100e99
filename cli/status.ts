import { GetItemCommand, QueryCommand } from '@aws-sdk/client-dynamodb';
import { GetQueueAttributesCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { circuitFromItem, circuitKey } from '../lambdas/connector/circuit-breaker/circuit-record';
import { bucketFromItem, bucketKey } from '../lambdas/connector/rate-limit/bucket-record';
import { shardCount } from '../lambdas/connector/rate-limit/token-bucket';
import { cursorPartition } from '../lambdas/reconcile/cursor-store';
import type { Target } from './target';

export interface QueueStatus {
  /** Messages waiting and in flight. */
  readonly depth: number;
  readonly oldestSeconds?: number;
  /** Messages parked: a source's quarantine, a destination's dead-letter queue. */
  readonly parked: number;
}

export interface SourceStatus extends QueueStatus {
  readonly source: string;
}

export interface DestinationStatus extends QueueStatus {
  readonly destination: string;
  /** `closed`, `open` or `half-open`, as the connectors share it. */
  readonly circuit: string;
  /** The shared send rate now (requests/s); the configured ceiling when no connector has sent yet. */
  readonly sendRate: number;
  readonly ceiling: number;
  /** Until when a Retry-After pauses the destination (ISO 8601), when it does. */
  readonly pausedUntil?: string;
}

/** Where one stream of a source's reconciliation stands. */
export interface ReconciliationStatus {
  readonly source: string;
  readonly stream: string;
  /** Changes after this have not been read yet (ISO 8601); absent before the first poll. */
  readonly since?: string;
  /** The end of a window still being paged through: a poll stopped in it and the next resumes there. */
  readonly openUntil?: string;
  /** Changes found whose webhooks never came, since the cursor was made. */
  readonly missedWebhooks: number;
  /** When the cursor last moved. */
  readonly updatedAt?: string;
}

export interface PipelineStatus {
  readonly stage: string;
  readonly target: 'local' | 'aws';
  readonly sources: readonly SourceStatus[];
  readonly destinations: readonly DestinationStatus[];
  readonly reconciliation: readonly ReconciliationStatus[];
}

async function depthOf(sqs: SQSClient, url: string): Promise<number> {
  const { Attributes } = await sqs.send(
    new GetQueueAttributesCommand({
      QueueUrl: url,
      AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
    }),
  );
  return (
    Number(Attributes?.ApproximateNumberOfMessages ?? 0) +
    Number(Attributes?.ApproximateNumberOfMessagesNotVisible ?? 0)
  );
}

/** Per source and destination: queue depth, oldest message age, parked count; circuit and send rate per destination. */
export async function pipelineStatus(target: Target, nowMs = Date.now()): Promise<PipelineStatus> {
  const [sourceQueues, destinationQueues] = await Promise.all([
    Promise.all(target.config.sources.map((source) => target.sourceQueues(source.name))),
    Promise.all(target.config.destinations.map((destination) => target.destinationQueues(destination.name))),
  ]);
  const ages = await target.queueAge.oldestSeconds(
    [...sourceQueues, ...destinationQueues].map((queue) => ({ name: queue.name, url: queue.url })),
  );
  const queueStatus = async (queue: (typeof sourceQueues)[number]): Promise<QueueStatus> => {
    const [depth, parked] = await Promise.all([depthOf(target.sqs, queue.url), depthOf(target.sqs, queue.parkedUrl)]);
    const oldestSeconds = ages.get(queue.name);
    return { depth, parked, ...(oldestSeconds !== undefined ? { oldestSeconds } : {}) };
  };
  const sources = await Promise.all(
    target.config.sources.map(async (source, index) => ({
      source: source.name,
      ...(await queueStatus(sourceQueues[index]!)),
    })),
  );
  const destinations = await Promise.all(
    target.config.destinations.map(async (destination, index): Promise<DestinationStatus> => {
      const read = async (Key: ReturnType<typeof circuitKey>) =>
        (await target.dynamodb.send(new GetItemCommand({ TableName: target.stateTable, Key, ConsistentRead: true })))
          .Item;
      const [queue, circuitItem, bucketItem] = await Promise.all([
        queueStatus(destinationQueues[index]!),
        read(circuitKey(destination.name)),
        // Every shard of a sharded rate holds the same share and is halved and paused together: the first speaks for all.
        read(bucketKey(destination.name, 0)),
      ]);
      const bucket = bucketFromItem(bucketItem)?.bucket;
      return {
        destination: destination.name,
        ...queue,
        circuit: circuitFromItem(circuitItem).state.kind,
        sendRate: bucket
          ? bucket.ratePerSecond * shardCount(destination.requestsPerSecond)
          : destination.requestsPerSecond,
        ceiling: destination.requestsPerSecond,
        ...(bucket && bucket.pausedUntilMs > nowMs
          ? { pausedUntil: new Date(bucket.pausedUntilMs).toISOString() }
          : {}),
      };
    }),
  );
  const reconciliation = await reconciliationStatus(target);
  return { stage: target.stage, target: target.kind, sources, destinations, reconciliation };
}

/** Each polled stream's cursor and missed-webhook count, from the state table; a stream not yet polled shows none. */
async function reconciliationStatus(target: Target): Promise<ReconciliationStatus[]> {
  const polled = target.config.sources.filter((source) => source.reconciliation);
  const perSource = await Promise.all(
    polled.map(async (source) => {
      const { Items = [] } = await target.dynamodb.send(
        new QueryCommand({
          TableName: target.stateTable,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': { S: cursorPartition(source.name) } },
          ConsistentRead: true,
        }),
      );
      const byStream = new Map(Items.map((item) => [item.sk?.S ?? '', item]));
      return Object.keys(source.reconciliation!.streams).map((stream): ReconciliationStatus => {
        const item = byStream.get(stream);
        return {
          source: source.name,
          stream,
          ...(item?.since?.S ? { since: item.since.S } : {}),
          ...(item?.until?.S ? { openUntil: item.until.S } : {}),
          ...(item?.updatedAt?.S ? { updatedAt: item.updatedAt.S } : {}),
          missedWebhooks: Number(item?.missedWebhooks?.N ?? 0),
        };
      });
    }),
  );
  return perSource.flat();
}
