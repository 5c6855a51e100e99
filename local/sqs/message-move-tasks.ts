/**
 * Dead-letter queue redrive (StartMessageMoveTask, ListMessageMoveTasks). Locally a task moves every message that is
 * not in flight at once, so it is already finished when listed: COMPLETED, or FAILED with the reason when some
 * message had nowhere to go (sent straight to the dead-letter queue, or its source queue is gone).
 */
import type { QueueEngine } from './queue-engine';
import type { QueueState } from './queue-state';
import { invalidParameter, SqsError } from './sqs-error';

/** One task as ListMessageMoveTasks answers it. */
export interface MessageMoveTask {
  readonly Status: 'COMPLETED' | 'FAILED';
  readonly SourceArn: string;
  readonly DestinationArn?: string | undefined;
  readonly MaxNumberOfMessagesPerSecond?: number | undefined;
  readonly ApproximateNumberOfMessagesMoved: number;
  readonly ApproximateNumberOfMessagesToMove: number;
  readonly FailureReason?: string | undefined;
  readonly StartedTimestamp: number;
}

const resourceNotFound = (arn: string): SqsError =>
  new SqsError(
    'ResourceNotFoundException',
    `The resource that you specified for the SourceArn or DestinationArn parameter doesn't exist: ${arn}`,
  );

/** The move tasks of one engine, newest first per source. */
export class MessageMoveTasks {
  private readonly tasks: MessageMoveTask[] = [];

  constructor(private readonly engine: QueueEngine) {}

  private existing(arn: string): QueueState {
    const queue = this.engine.queueByArn(arn);
    if (!queue) throw resourceNotFound(arn);
    return queue;
  }

  /** Moves the source dead-letter queue's messages to `destinationArn`, or each back to the queue it came from. */
  start(sourceArn: string, destinationArn?: string, maxNumberOfMessagesPerSecond?: number): string {
    const source = this.existing(sourceArn);
    const destination = destinationArn === undefined ? undefined : this.existing(destinationArn);
    if (this.engine.deadLetterSources(sourceArn).length === 0) {
      throw invalidParameter('SourceArn', sourceArn, 'Source queue must be configured as a Dead Letter Queue.');
    }
    const now = this.engine.now();
    const messages = source.takeNotInFlight(now);
    let moved = 0;
    for (const message of messages) {
      const target = destination ?? this.engine.queueByArn(message.deadLetterSourceArn ?? '');
      if (target) {
        this.engine.transfer(message, target, now, undefined);
        moved += 1;
      } else {
        source.enqueue(message);
      }
    }
    const unmoved = messages.length - moved;
    this.tasks.unshift({
      Status: unmoved === 0 ? 'COMPLETED' : 'FAILED',
      SourceArn: sourceArn,
      DestinationArn: destinationArn,
      MaxNumberOfMessagesPerSecond: maxNumberOfMessagesPerSecond,
      ApproximateNumberOfMessagesMoved: moved,
      ApproximateNumberOfMessagesToMove: messages.length,
      FailureReason:
        unmoved === 0 ? undefined : `${unmoved} message(s) have no source queue to return to; give a DestinationArn.`,
      StartedTimestamp: now,
    });
    return Buffer.from(JSON.stringify({ taskId: this.tasks.length, sourceArn }), 'utf8').toString('base64');
  }

  /** The most recent tasks for a source queue, newest first. */
  list(sourceArn: string, maxResults = 1): MessageMoveTask[] {
    this.existing(sourceArn);
    if (!Number.isInteger(maxResults) || maxResults < 1 || maxResults > 10) {
      throw invalidParameter('MaxResults', maxResults, 'Must be between 1 and 10.');
    }
    return this.tasks.filter((task) => task.SourceArn === sourceArn).slice(0, maxResults);
  }
}
