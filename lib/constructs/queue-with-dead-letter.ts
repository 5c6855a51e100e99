import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

export interface QueueWithDeadLetterProps {
  /** Physical name stem; the dead-letter queue gets `-dlq` or the given suffix. */
  readonly queueName: string;
  /** Timeout of the function that consumes the queue; the visibility timeout is six times it, as Lambda advises. */
  readonly consumerTimeout: Duration;
  /** Receives before a message moves to the dead-letter queue. */
  readonly maxReceiveCount: number;
  /** How long the work queue keeps a message. @default 4 days */
  readonly retentionPeriod?: Duration;
  /** @default '-dlq' */
  readonly deadLetterSuffix?: string;
  /** @default RemovalPolicy.DESTROY */
  readonly removalPolicy?: RemovalPolicy;
}

/** Longest SQS keeps a message: the time on-call has to find and redrive a dead letter. */
export const DEAD_LETTER_RETENTION = Duration.days(14);

/**
 * A work queue and its dead-letter queue with the settings production needs: SSE, TLS-only access,
 * a visibility timeout that outlasts retries inside the consumer, and 14 days to act on a dead letter.
 */
export class QueueWithDeadLetter extends Construct {
  readonly queue: Queue;
  readonly deadLetterQueue: Queue;

  constructor(scope: Construct, id: string, props: QueueWithDeadLetterProps) {
    super(scope, id);
    if (!Number.isInteger(props.maxReceiveCount) || props.maxReceiveCount < 1 || props.maxReceiveCount > 1000) {
      throw new Error(`${id}: maxReceiveCount must be an integer from 1 to 1000, got ${props.maxReceiveCount}`);
    }
    const removalPolicy = props.removalPolicy ?? RemovalPolicy.DESTROY;
    this.deadLetterQueue = new Queue(this, 'DeadLetter', {
      queueName: `${props.queueName}${props.deadLetterSuffix ?? '-dlq'}`,
      retentionPeriod: DEAD_LETTER_RETENTION,
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      removalPolicy,
    });
    this.queue = new Queue(this, 'Queue', {
      queueName: props.queueName,
      visibilityTimeout: Duration.seconds(props.consumerTimeout.toSeconds() * 6),
      retentionPeriod: props.retentionPeriod ?? Duration.days(4),
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: props.maxReceiveCount },
      removalPolicy,
    });
  }
}
