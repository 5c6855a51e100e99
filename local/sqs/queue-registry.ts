/**
 * The queues of one local SQS by name: their lifecycle (create, delete, list), their attributes, and the lookups by
 * name and ARN that message operations, redrive and move tasks need. The clock and id source are injectable so tests
 * can drive time; nothing here waits or schedules.
 */
import { randomUUID } from 'node:crypto';
import {
  applyAttributes,
  defaultSettings,
  firstDifferingAttribute,
  renderAttributes,
  type QueueSettings,
} from './queue-attributes';
import { QueueState, type MessageCounts } from './queue-state';
import { invalidParameter, queueDoesNotExist, SqsError } from './sqs-error';

/** How an engine tells time, names things and reports new messages. */
export interface QueueEngineOptions {
  readonly region?: string;
  readonly accountId?: string;
  readonly now?: () => number;
  readonly newId?: () => string;
  readonly onMessagesAvailable?: (queueName: string) => void;
}

const QUEUE_NAME = /^[A-Za-z0-9_-]{1,80}$/;
const FIFO_SUFFIX = '.fifo';

/** The queues by name, and the queue-level operations on them. */
export class QueueRegistry {
  readonly region: string;
  readonly accountId: string;
  readonly now: () => number;
  protected readonly newId: () => string;
  protected readonly notify: (queueName: string) => void;
  private readonly queues = new Map<string, QueueState>();

  constructor(options: QueueEngineOptions = {}) {
    this.region = options.region ?? 'us-east-1';
    this.accountId = options.accountId ?? '000000000000';
    this.now = options.now ?? Date.now;
    this.newId = options.newId ?? randomUUID;
    this.notify = options.onMessagesAvailable ?? (() => undefined);
  }

  arnOf(queueName: string): string {
    return `arn:aws:sqs:${this.region}:${this.accountId}:${queueName}`;
  }

  /** The queue with this name; QueueDoesNotExist otherwise. Expired messages are dropped on every look. */
  queue(name: string): QueueState {
    const queue = this.queues.get(name);
    if (!queue) throw queueDoesNotExist();
    queue.expire(this.now());
    return queue;
  }

  /** The queue with this name, if it exists, without dropping expired messages. */
  findQueue(name: string): QueueState | undefined {
    return this.queues.get(name);
  }

  queueByArn(arn: string): QueueState | undefined {
    const name = arn.split(':')[5];
    return name !== undefined && this.arnOf(name) === arn ? this.queues.get(name) : undefined;
  }

  queueNames(prefix = ''): string[] {
    return [...this.queues.keys()].filter((name) => name.startsWith(prefix)).sort();
  }

  /** Queues whose redrive policy names this queue as their dead-letter queue. */
  deadLetterSources(arn: string): QueueState[] {
    return [...this.queues.values()].filter((queue) => queue.settings.redrivePolicy?.deadLetterTargetArn === arn);
  }

  private checkRedriveTarget(settings: QueueSettings): void {
    const policy = settings.redrivePolicy;
    if (!policy) return;
    const target = this.queueByArn(policy.deadLetterTargetArn);
    if (!target) throw invalidParameter('RedrivePolicy', JSON.stringify(policy), 'Dead-letter target does not exist.');
    if (target.settings.fifoQueue !== settings.fifoQueue) {
      throw invalidParameter(
        'RedrivePolicy',
        JSON.stringify(policy),
        'Dead-letter queue must be of the same type as the source queue.',
      );
    }
  }

  /** Creates a queue, or accepts a repeat with the same attributes as SQS does. */
  createQueue(name: string, attributes: Readonly<Record<string, string>> = {}): void {
    const fifo = name.endsWith(FIFO_SUFFIX);
    const baseName = fifo ? name.slice(0, -FIFO_SUFFIX.length) : name;
    if (!QUEUE_NAME.test(baseName) || name.length > 80 || (attributes.FifoQueue === 'true') !== fifo) {
      throw invalidParameter(
        'QueueName',
        name,
        'Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length. A FIFO queue needs FifoQueue=true and a name ending in .fifo.',
      );
    }
    const settings = applyAttributes(defaultSettings(fifo), attributes, 'CreateQueue');
    const existing = this.queues.get(name);
    if (existing) {
      const differing = firstDifferingAttribute(existing.settings, settings, Object.keys(attributes));
      if (differing !== undefined) {
        throw new SqsError(
          'QueueNameExists',
          `A queue already exists with the same name and a different value for attribute ${differing}`,
        );
      }
      return;
    }
    this.checkRedriveTarget(settings);
    this.queues.set(name, new QueueState(name, this.arnOf(name), settings, this.now()));
  }

  deleteQueue(name: string): void {
    this.queue(name);
    this.queues.delete(name);
    this.notify(name);
  }

  getAttributes(name: string, requested: readonly string[]): Record<string, string> {
    const queue = this.queue(name);
    const now = this.now();
    const counts = queue.counts(now);
    const oldest = queue.oldestSentTimestamp();
    return renderAttributes(
      queue.settings,
      {
        QueueArn: queue.arn,
        ApproximateNumberOfMessages: counts.visible,
        ApproximateNumberOfMessagesNotVisible: counts.inFlight,
        ApproximateNumberOfMessagesDelayed: counts.delayed,
        ApproximateAgeOfOldestMessage: oldest === undefined ? 0 : Math.floor((now - oldest) / 1000),
        CreatedTimestamp: Math.floor(queue.createdAt / 1000),
        LastModifiedTimestamp: Math.floor(queue.lastModifiedAt / 1000),
      },
      requested,
    );
  }

  setAttributes(name: string, attributes: Readonly<Record<string, string>>): void {
    const queue = this.queue(name);
    const settings = applyAttributes(queue.settings, attributes, 'SetQueueAttributes');
    this.checkRedriveTarget(settings);
    queue.settings = settings;
    queue.lastModifiedAt = this.now();
    this.notify(name);
  }

  counts(name: string): MessageCounts {
    return this.queue(name).counts(this.now());
  }
}
