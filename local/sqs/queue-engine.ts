/**
 * The in-memory SQS: every message operation's semantics without HTTP, over the queues of a QueueRegistry. Redrive
 * lives here because it moves messages between queues. `onMessagesAvailable` tells whoever waits (long polls) when a
 * queue may have something new.
 */
import {
  buildStoredMessage,
  deduplicationIdOf,
  sendResultOf,
  type SendRequest,
  type SendResult,
} from './outgoing-message';
import { QueueRegistry } from './queue-registry';
import type { QueueState, StoredMessage } from './queue-state';
import { decodeReceiptHandle, encodeReceiptHandle } from './receipt-handle';
import { invalidParameter } from './sqs-error';

export type { QueueEngineOptions } from './queue-registry';

/** A received message with the receipt handle of this receive. */
export interface ReceivedMessage {
  readonly message: StoredMessage;
  readonly receiptHandle: string;
}

const DEDUPLICATION_INTERVAL_MS = 5 * 60_000;

/** The queue engine behind the local SQS endpoint. */
export class QueueEngine extends QueueRegistry {
  private sequence = 10_000_000_000_000_000_000n;

  send(name: string, request: SendRequest, senderId: string): SendResult {
    const queue = this.queue(name);
    const now = this.now();
    const fifo = queue.settings.fifoQueue;
    const message = buildStoredMessage(
      queue.settings,
      request,
      { now, senderId, messageId: this.newId() },
      fifo ? this.nextSequenceNumber() : undefined,
    );
    if (fifo) {
      const group = request.MessageGroupId ?? '';
      const deduplicationId = deduplicationIdOf(request);
      const duplicate = queue.recallDuplicate(group, deduplicationId, now);
      if (duplicate) {
        return { ...sendResultOf(message), MessageId: duplicate.messageId, SequenceNumber: duplicate.sequenceNumber };
      }
      queue.rememberSend(group, deduplicationId, {
        messageId: message.messageId,
        sequenceNumber: message.sequenceNumber,
        expiresAt: now + DEDUPLICATION_INTERVAL_MS,
      });
    }
    queue.enqueue(message);
    this.notify(name);
    return sendResultOf(message);
  }

  private nextSequenceNumber(): string {
    this.sequence += 1n;
    return this.sequence.toString();
  }

  /** Receives up to `max` messages, first moving to the dead-letter queue any that have used up their receives. */
  receive(name: string, max: number, visibilityTimeoutSeconds?: number): ReceivedMessage[] {
    const queue = this.queue(name);
    const now = this.now();
    const timeoutMs = (visibilityTimeoutSeconds ?? queue.settings.visibilityTimeout) * 1000;
    const received = queue.receive(now, max, timeoutMs, this.newId, (message) => this.deadLetter(queue, message, now));
    return received.map((message) => ({
      message,
      receiptHandle: encodeReceiptHandle({
        queueName: name,
        messageId: message.messageId,
        receiveId: message.receiveId ?? '',
      }),
    }));
  }

  private deadLetter(source: QueueState, message: StoredMessage, now: number): boolean {
    const policy = source.settings.redrivePolicy;
    if (!policy || message.receiveCount < policy.maxReceiveCount) return false;
    const target = this.queueByArn(policy.deadLetterTargetArn);
    if (!target) return false;
    source.remove(message.messageId);
    this.transfer(message, target, now, source.arn);
    return true;
  }

  /** Puts a copy of `message` into `target` as a fresh, visible message that keeps its id, body and attributes. */
  transfer(message: StoredMessage, target: QueueState, now: number, deadLetterSourceArn: string | undefined): void {
    const fifo = target.settings.fifoQueue;
    target.enqueue({
      ...message,
      enqueuedAt: fifo ? now : message.enqueuedAt,
      sequenceNumber: fifo ? this.nextSequenceNumber() : undefined,
      deadLetterSourceArn,
      visibleAt: now,
      receiveCount: 0,
      firstReceiveTimestamp: undefined,
      receiveId: undefined,
    });
    this.notify(target.name);
  }

  /** Deletes a received message; true when it was there and the handle was its latest. */
  deleteMessage(name: string, receiptHandle: string): boolean {
    const queue = this.queue(name);
    return queue.delete(decodeReceiptHandle(receiptHandle, name));
  }

  changeVisibility(name: string, receiptHandle: string, visibilityTimeoutSeconds: number): void {
    const queue = this.queue(name);
    const handle = decodeReceiptHandle(receiptHandle, name);
    if (
      !Number.isInteger(visibilityTimeoutSeconds) ||
      visibilityTimeoutSeconds < 0 ||
      visibilityTimeoutSeconds > 43_200
    ) {
      throw invalidParameter('VisibilityTimeout', visibilityTimeoutSeconds, 'Must be between 0 and 43200.');
    }
    queue.changeVisibility(handle, receiptHandle, visibilityTimeoutSeconds * 1000, this.now());
    if (visibilityTimeoutSeconds === 0) this.notify(name);
  }

  purge(name: string): void {
    this.queue(name).purge();
  }

  /** The next moment a message in this queue becomes visible, if any is waiting for time to pass. */
  nextVisibleAt(name: string): number | undefined {
    return this.findQueue(name)?.nextVisibleAt(this.now());
  }
}
