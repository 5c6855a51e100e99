/**
 * Long polling. A ReceiveMessage with WaitTimeSeconds waits here until its queue may have something for it: a send,
 * a visibility change to 0, a redrive or move into the queue, or the moment a delayed or in-flight message becomes
 * visible. close() releases every waiter, so a server shuts down without holding callers for up to 20 seconds.
 */
import type { QueueEngine, ReceivedMessage } from './queue-engine';

/** The waiting long polls of one endpoint, by queue name. */
export class ReceiveWaiters {
  private readonly waiting = new Map<string, Set<() => void>>();
  private closed = false;

  get isClosed(): boolean {
    return this.closed;
  }

  /** Wakes every poll waiting on this queue. */
  notify(queueName: string): void {
    for (const wake of this.waiting.get(queueName) ?? []) wake();
  }

  /** Resolves on the queue's next notification, after `timeoutMs`, on abort, or on close, whichever comes first. */
  wait(queueName: string, timeoutMs: number, signal: AbortSignal): Promise<void> {
    if (this.closed || signal.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const waiters = this.waiting.get(queueName) ?? new Set<() => void>();
      this.waiting.set(queueName, waiters);
      const wake = (): void => {
        clearTimeout(timer);
        signal.removeEventListener('abort', wake);
        waiters.delete(wake);
        if (waiters.size === 0 && this.waiting.get(queueName) === waiters) this.waiting.delete(queueName);
        resolve();
      };
      const timer = setTimeout(wake, Math.max(0, timeoutMs));
      signal.addEventListener('abort', wake, { once: true });
      waiters.add(wake);
    });
  }

  /** Releases every waiting poll and makes later waits return at once. */
  close(): void {
    this.closed = true;
    for (const queueName of [...this.waiting.keys()]) this.notify(queueName);
  }
}

/** What a long-polling receive asks for. */
export interface LongPollRequest {
  readonly queueName: string;
  readonly maxNumberOfMessages: number;
  readonly visibilityTimeoutSeconds: number | undefined;
  readonly waitTimeSeconds: number;
}

/**
 * Receives at once if anything is visible; otherwise waits, up to WaitTimeSeconds, for the first moment something
 * is. Returns nothing, without receiving, once the caller has gone or the endpoint is closing.
 */
export async function receiveWithLongPolling(
  engine: QueueEngine,
  waiters: ReceiveWaiters,
  request: LongPollRequest,
  signal: AbortSignal,
): Promise<ReceivedMessage[]> {
  const deadline = engine.now() + request.waitTimeSeconds * 1000;
  for (;;) {
    if (signal.aborted || waiters.isClosed) return [];
    const received = engine.receive(request.queueName, request.maxNumberOfMessages, request.visibilityTimeoutSeconds);
    const now = engine.now();
    if (received.length > 0 || now >= deadline) return received;
    const nextVisibleAt = engine.nextVisibleAt(request.queueName) ?? deadline;
    await waiters.wait(request.queueName, Math.min(deadline, nextVisibleAt) - now, signal);
  }
}
