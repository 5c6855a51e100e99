/**
 * Drives a handler from an SQS queue in-process the way Lambda's SQS event source mapping does: long-polled batches,
 * an optional batching window, at most `maxConcurrency` batches at once, and after each invocation deletion of the
 * records that succeeded. A failed invocation (thrown error, timeout, invalid batch response) deletes nothing, so the
 * batch reappears after the visibility timeout and the queue's redrive policy decides when it dead-letters.
 */
import { DeleteMessageBatchCommand, ReceiveMessageCommand, type Message, type SQSClient } from '@aws-sdk/client-sqs';
import type { SQSRecord } from 'aws-lambda';
import { decideBatchOutcome } from './batch-outcome';
import {
  InvalidBatchResponseError,
  invokeWithTimeout,
  RecordDeletionError,
  type SqsEventHandler,
} from './handler-invocation';
import { createLambdaContext } from './lambda-context';
import { parseQueueArn, toSqsRecord } from './sqs-records';

/** The mapping's configuration, named after Lambda's event source mapping settings. */
export interface EventSourceMappingOptions {
  readonly sqs: SQSClient;
  readonly queueUrl: string;
  readonly queueArn: string;
  readonly functionName: string;
  readonly handler: SqsEventHandler;
  /** Records per invocation, 1 to 10000; default 10. Above 10 needs a batching window, as in Lambda. */
  readonly batchSize?: number;
  /** How long to gather records after the first arrives, 0 to 300 seconds; default 0. */
  readonly maximumBatchingWindowSeconds?: number;
  /** Batches processed at once; default 2. */
  readonly maxConcurrency?: number;
  /** The function timeout; default 30 seconds. */
  readonly functionTimeoutSeconds?: number;
  /** Honour batchItemFailures in the handler's response; default true. */
  readonly reportBatchItemFailures?: boolean;
  /** Told of every failed invocation, receive and delete; default logs to stderr. */
  readonly onError?: (error: unknown) => void;
}

/** A running mapping. */
export interface EventSourceMapping {
  /** Stops polling at once, then waits for batches already being handled to finish and be deleted. */
  stop(): Promise<void>;
  /** How many batches a handler is working on now. */
  inFlight(): number;
}

const LONG_POLL_SECONDS = 20;
const RECEIVE_RETRY_MS = 1000;
const DELETE_BATCH = 10;

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}

function checkOptions(batchSize: number, windowSeconds: number, maxConcurrency: number, timeoutSeconds: number): void {
  const problems = [
    !Number.isInteger(batchSize) || batchSize < 1 || batchSize > 10_000
      ? 'batchSize must be an integer from 1 to 10000'
      : '',
    batchSize > 10 && windowSeconds < 1 ? 'a batchSize above 10 needs maximumBatchingWindowSeconds of at least 1' : '',
    !(windowSeconds >= 0 && windowSeconds <= 300) ? 'maximumBatchingWindowSeconds must be from 0 to 300' : '',
    !Number.isInteger(maxConcurrency) || maxConcurrency < 1 ? 'maxConcurrency must be a positive integer' : '',
    !(timeoutSeconds > 0 && timeoutSeconds <= 900) ? 'functionTimeoutSeconds must be above 0 and at most 900' : '',
  ].filter((problem) => problem !== '');
  if (problems.length > 0) throw new RangeError(`Invalid event source mapping: ${problems.join('; ')}.`);
}

/** Starts polling `queueUrl` and invoking `handler` with batches of its messages. */
export function startEventSourceMapping(options: EventSourceMappingOptions): EventSourceMapping {
  const batchSize = options.batchSize ?? 10;
  const windowMs = (options.maximumBatchingWindowSeconds ?? 0) * 1000;
  const maxConcurrency = options.maxConcurrency ?? 2;
  const timeoutMs = (options.functionTimeoutSeconds ?? 30) * 1000;
  checkOptions(batchSize, windowMs / 1000, maxConcurrency, timeoutMs / 1000);
  const { sqs, queueUrl, queueArn, functionName, handler } = options;
  const { region, accountId } = parseQueueArn(queueArn);
  const reportBatchItemFailures = options.reportBatchItemFailures ?? true;
  const onError = options.onError ?? ((error: unknown) => console.error(`[${functionName}]`, error));
  const stopping = new AbortController();
  let inFlight = 0;

  async function collectBatch(): Promise<Message[]> {
    const messages: Message[] = [];
    let windowEnd: number | undefined;
    while (messages.length < batchSize && !stopping.signal.aborted) {
      const remainingMs = windowEnd === undefined ? LONG_POLL_SECONDS * 1000 : windowEnd - Date.now();
      if (remainingMs <= 0) break;
      try {
        const received = await sqs.send(
          new ReceiveMessageCommand({
            QueueUrl: queueUrl,
            MaxNumberOfMessages: Math.min(10, batchSize - messages.length),
            WaitTimeSeconds: Math.min(LONG_POLL_SECONDS, Math.ceil(remainingMs / 1000)),
            MessageSystemAttributeNames: ['All'],
            MessageAttributeNames: ['All'],
          }),
          { abortSignal: stopping.signal },
        );
        messages.push(...(received.Messages ?? []));
      } catch (error) {
        if (stopping.signal.aborted) break;
        onError(error);
        await sleep(RECEIVE_RETRY_MS, stopping.signal);
        break;
      }
      if (messages.length > 0 && windowEnd === undefined) {
        if (windowMs === 0) break;
        windowEnd = Date.now() + windowMs;
      }
    }
    return messages;
  }

  async function deleteRecords(records: readonly SQSRecord[]): Promise<void> {
    for (let start = 0; start < records.length; start += DELETE_BATCH) {
      const entries = records.slice(start, start + DELETE_BATCH).map((record, index) => ({
        Id: String(start + index),
        ReceiptHandle: record.receiptHandle,
      }));
      try {
        const { Failed = [] } = await sqs.send(new DeleteMessageBatchCommand({ QueueUrl: queueUrl, Entries: entries }));
        if (Failed.length > 0) {
          onError(
            new RecordDeletionError(
              `${Failed.length} processed record(s) were not deleted: ${Failed.map((failure) => failure.Message).join('; ')}`,
            ),
          );
        }
      } catch (error) {
        onError(new RecordDeletionError(`Deleting ${entries.length} processed record(s) failed.`, { cause: error }));
      }
    }
  }

  async function processBatch(messages: readonly Message[]): Promise<void> {
    inFlight += 1;
    try {
      const records = messages.map((message) => toSqsRecord(message, queueArn));
      const context = createLambdaContext({ functionName, region, accountId, timeoutMs });
      const result = await invokeWithTimeout(handler, { Records: records }, context, timeoutMs);
      if (!result.ok) return onError(result.error);
      const outcome = decideBatchOutcome(records, result.response, reportBatchItemFailures);
      if (!outcome.ok) return onError(new InvalidBatchResponseError(outcome.reason));
      await deleteRecords(outcome.deleteRecords);
    } catch (error) {
      onError(error);
    } finally {
      inFlight -= 1;
    }
  }

  async function poll(): Promise<void> {
    while (!stopping.signal.aborted) {
      const messages = await collectBatch();
      if (messages.length > 0) await processBatch(messages);
    }
  }

  const pollers = Array.from({ length: maxConcurrency }, () => poll());
  return {
    async stop() {
      stopping.abort();
      await Promise.all(pollers);
    },
    inFlight: () => inFlight,
  };
}
