import { Duration } from 'aws-cdk-lib';
import { GraphWidget, Stats, type IMetric, type IWidget, type YAxisProps } from 'aws-cdk-lib/aws-cloudwatch';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { QueueWithDeadLetter } from '../queue-with-dead-letter';
import {
  connectorMetric,
  deliveryErrorRate,
  driftByField,
  ingestMetric,
  rejectionsByReason,
  transformMetric,
} from './interchange-metrics';

/** Six graphs fill a dashboard row of 24 columns. */
const WIDTH = 4;
const HEIGHT = 6;
const QUEUE_PERIOD = Duration.minutes(1);

function graph(title: string, left: IMetric[], right: IMetric[] = [], leftYAxis?: YAxisProps): GraphWidget {
  return new GraphWidget({ title, left, right, width: WIDTH, height: HEIGHT, ...(leftYAxis ? { leftYAxis } : {}) });
}

function queueGraph(title: string, queue: IQueue): GraphWidget {
  return graph(
    title,
    [
      queue.metricApproximateNumberOfMessagesVisible({
        label: 'waiting',
        period: QUEUE_PERIOD,
        statistic: Stats.MAXIMUM,
      }),
      queue.metricApproximateNumberOfMessagesNotVisible({
        label: 'in flight',
        period: QUEUE_PERIOD,
        statistic: Stats.MAXIMUM,
      }),
    ],
    [
      queue.metricApproximateAgeOfOldestMessage({
        label: 'oldest (s)',
        period: QUEUE_PERIOD,
        statistic: Stats.MAXIMUM,
      }),
    ],
  );
}

/**
 * One row per source, following a webhook from the door to the delivery queues: what came in and what was
 * refused, why, whether the vendor's format drifted, what was quarantined, and how far the ingest queue is behind.
 */
export function sourceRow(source: string, ingest: QueueWithDeadLetter): IWidget[] {
  const title = (what: string) => `source ${source}: ${what}`;
  return [
    graph(title('webhooks'), [
      ingestMetric(source, 'WebhookReceived', { label: 'received' }),
      ingestMetric(source, 'WebhookAccepted', { label: 'accepted' }),
      ingestMetric(source, 'WebhookUnavailable', { label: 'not enqueued (503)' }),
      transformMetric(source, 'EventsMapped', { label: 'events mapped' }),
      transformMetric(source, 'EventsUnrouted', { label: 'events with no route' }),
    ]),
    graph(title('rejected by reason'), [rejectionsByReason(source)]),
    graph(title('signature failures'), [ingestMetric(source, 'SignatureFailure', { label: 'bad signature or stale' })]),
    graph(
      title('format drift by field'),
      [driftByField(source)],
      [transformMetric(source, 'UnknownFields', { label: 'unknown fields tolerated' })],
    ),
    graph(
      title('quarantined'),
      [
        transformMetric(source, 'RecordsQuarantined', { label: 'quarantined' }),
        transformMetric(source, 'PartialHeldBack', { label: 'partial, held back' }),
      ],
      [
        ingest.deadLetterQueue.metricApproximateNumberOfMessagesVisible({
          label: 'in quarantine queue',
          period: QUEUE_PERIOD,
          statistic: Stats.MAXIMUM,
        }),
      ],
    ),
    queueGraph(title('ingest queue'), ingest.queue),
  ];
}

/**
 * One row per destination: what was delivered, skipped or given up on, how the destination pushes back
 * (429s, the shared rate, the circuit), how long an order takes end to end, and what waits in its queues.
 */
export function destinationRow(destination: string, delivery: QueueWithDeadLetter, minimumAttempts: number): IWidget[] {
  const title = (what: string) => `destination ${destination}: ${what}`;
  return [
    graph(
      title('deliveries'),
      [
        connectorMetric(destination, 'Delivered', { label: 'delivered' }),
        connectorMetric(destination, 'DeliveryFailed', { label: 'failed, retrying' }),
        connectorMetric(destination, 'DeliveryDeadLettered', { label: 'dead-lettered' }),
        connectorMetric(destination, 'DuplicateSkipped', { label: 'duplicates skipped' }),
        connectorMetric(destination, 'StaleDropped', { label: 'stale, dropped' }),
      ],
      [deliveryErrorRate(destination, minimumAttempts)],
    ),
    graph(title('rate limits'), [
      connectorMetric(destination, 'Throttled429', { label: '429 answers' }),
      connectorMetric(destination, 'RateLimited', { label: 'held by shared rate' }),
    ]),
    graph(
      title('circuit'),
      [
        connectorMetric(destination, 'CircuitOpen', {
          label: 'open (1) / closed (0)',
          statistic: Stats.MAXIMUM,
          period: Duration.minutes(1),
        }),
      ],
      [],
      { min: 0, max: 1, showUnits: false },
    ),
    graph(title('end-to-end latency'), [
      connectorMetric(destination, 'EndToEndLatency', { label: 'p50 (ms)', statistic: Stats.p(50) }),
      connectorMetric(destination, 'EndToEndLatency', { label: 'p99 (ms)', statistic: Stats.p(99) }),
    ]),
    queueGraph(title('delivery queue'), delivery.queue),
    graph(title('dead letters'), [
      delivery.deadLetterQueue.metricApproximateNumberOfMessagesVisible({
        label: 'in dead-letter queue',
        period: QUEUE_PERIOD,
        statistic: Stats.MAXIMUM,
      }),
    ]),
  ];
}
