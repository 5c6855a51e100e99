/**
 * One queue's messages and the rules that move them between states: delayed, visible, in flight (received and not
 * yet visible again), and gone. Time is passed in, so these rules run the same under a test's clock as under the
 * wall clock. Moving messages between queues (redrive, move tasks) is the engine's work, not this module's.
 */
import type { MessageAttributes } from './message-attributes-md5';
import type { QueueSettings } from './queue-attributes';
import type { ReceiptHandleParts } from './receipt-handle';
import { invalidParameter, SqsError } from './sqs-error';

/** A message as a queue holds it. Receive state changes in place; everything else is fixed at send. */
export interface StoredMessage {
  readonly messageId: string;
  readonly body: string;
  readonly md5OfBody: string;
  readonly attributes: MessageAttributes;
  readonly systemAttributes: MessageAttributes;
  readonly senderId: string;
  readonly sentTimestamp: number;
  /** When retention starts counting: the send, or the move into this queue. */
  readonly enqueuedAt: number;
  readonly messageGroupId?: string | undefined;
  readonly messageDeduplicationId?: string | undefined;
  readonly sequenceNumber?: string | undefined;
  /** The queue a dead-lettered message came from, where a move task returns it by default. */
  readonly deadLetterSourceArn?: string | undefined;
  visibleAt: number;
  receiveCount: number;
  firstReceiveTimestamp?: number | undefined;
  /** Identifies the latest receive; absent until the first. */
  receiveId?: string | undefined;
}

/** How many messages a queue holds in each state. */
export interface MessageCounts {
  readonly visible: number;
  readonly inFlight: number;
  readonly delayed: number;
}

/** What a FIFO queue remembers of a sent message for five minutes, to answer a repeat with the same result. */
export interface DeduplicationRecord {
  readonly messageId: string;
  readonly sequenceNumber: string | undefined;
  readonly expiresAt: number;
}

/** Decides, for a visible message about to be received, whether it goes to the dead-letter queue instead. */
export type DeadLetterRoute = (message: StoredMessage) => boolean;

/** A queue's state: its settings and messages in send order. */
export class QueueState {
  private readonly messages = new Map<string, StoredMessage>();
  private readonly deduplication = new Map<string, DeduplicationRecord>();

  constructor(
    readonly name: string,
    readonly arn: string,
    public settings: QueueSettings,
    readonly createdAt: number,
    public lastModifiedAt: number = createdAt,
  ) {}

  enqueue(message: StoredMessage): void {
    this.messages.set(message.messageId, message);
  }

  remove(messageId: string): void {
    this.messages.delete(messageId);
  }

  /** Drops messages older than the retention period, as SQS does without telling anyone. */
  expire(now: number): void {
    const retentionMs = this.settings.messageRetentionPeriod * 1000;
    for (const message of this.messages.values()) {
      if (message.enqueuedAt + retentionMs <= now) this.messages.delete(message.messageId);
    }
  }

  private deduplicationKey(groupId: string, deduplicationId: string): string {
    return this.settings.deduplicationScope === 'messageGroup' ? `${groupId}\u0000${deduplicationId}` : deduplicationId;
  }

  /** The earlier send a FIFO message repeats within the deduplication interval, if any. */
  recallDuplicate(groupId: string, deduplicationId: string, now: number): DeduplicationRecord | undefined {
    for (const [key, record] of this.deduplication) {
      if (record.expiresAt > now) break;
      this.deduplication.delete(key);
    }
    return this.deduplication.get(this.deduplicationKey(groupId, deduplicationId));
  }

  rememberSend(groupId: string, deduplicationId: string, record: DeduplicationRecord): void {
    this.deduplication.set(this.deduplicationKey(groupId, deduplicationId), record);
  }

  /**
   * Receives up to `max` visible messages, making each invisible for `visibilityTimeoutMs`. In a FIFO queue a group
   * whose earlier message is in flight or delayed yields nothing, so each group is delivered in order, one batch at
   * a time. A message that `deadLetter` takes is skipped, as SQS moves it on the receive that would exceed its count.
   */
  receive(
    now: number,
    max: number,
    visibilityTimeoutMs: number,
    nextReceiveId: () => string,
    deadLetter: DeadLetterRoute,
  ): StoredMessage[] {
    const received: StoredMessage[] = [];
    const blockedGroups = new Set<string>();
    for (const message of [...this.messages.values()]) {
      if (received.length >= max) break;
      const group = message.messageGroupId ?? '';
      if (this.settings.fifoQueue && (message.visibleAt > now || blockedGroups.has(group))) {
        blockedGroups.add(group);
        continue;
      }
      if (message.visibleAt > now || deadLetter(message)) continue;
      message.receiveCount += 1;
      message.firstReceiveTimestamp ??= now;
      message.receiveId = nextReceiveId();
      message.visibleAt = now + visibilityTimeoutMs;
      received.push(message);
    }
    return received;
  }

  /** Deletes the message a current handle names. A stale handle or a gone message succeeds and deletes nothing. */
  delete(handle: ReceiptHandleParts): boolean {
    const message = this.messages.get(handle.messageId);
    if (!message || message.receiveId !== handle.receiveId) return false;
    return this.messages.delete(handle.messageId);
  }

  /** Sets when an in-flight message becomes visible again; 0 makes it visible at once. */
  changeVisibility(handle: ReceiptHandleParts, rawHandle: string, visibilityTimeoutMs: number, now: number): void {
    const message = this.messages.get(handle.messageId);
    if (!message || message.receiveId !== handle.receiveId) {
      throw invalidParameter(
        'ReceiptHandle',
        rawHandle,
        'Message does not exist or is not available for visibility timeout change.',
      );
    }
    if (message.visibleAt <= now) throw new SqsError('MessageNotInflight', 'The message is not in flight.');
    message.visibleAt = now + visibilityTimeoutMs;
  }

  /** Deletes every message, returning how many there were. */
  purge(): number {
    const count = this.messages.size;
    this.messages.clear();
    return count;
  }

  /** Removes and returns the messages that are not in flight, for a move task. */
  takeNotInFlight(now: number): StoredMessage[] {
    const taken = [...this.messages.values()].filter(
      (message) => message.receiveId === undefined || message.visibleAt <= now,
    );
    for (const message of taken) this.messages.delete(message.messageId);
    return taken;
  }

  counts(now: number): MessageCounts {
    let visible = 0;
    let inFlight = 0;
    let delayed = 0;
    for (const message of this.messages.values()) {
      if (message.visibleAt <= now) visible += 1;
      else if (message.receiveId === undefined) delayed += 1;
      else inFlight += 1;
    }
    return { visible, inFlight, delayed };
  }

  oldestSentTimestamp(): number | undefined {
    let oldest: number | undefined;
    for (const message of this.messages.values()) {
      if (oldest === undefined || message.sentTimestamp < oldest) oldest = message.sentTimestamp;
    }
    return oldest;
  }

  /** The next moment a delayed or in-flight message becomes visible, so a long poll knows when to look again. */
  nextVisibleAt(now: number): number | undefined {
    let next: number | undefined;
    for (const message of this.messages.values()) {
      if (message.visibleAt > now && (next === undefined || message.visibleAt < next)) next = message.visibleAt;
    }
    return next;
  }
}
