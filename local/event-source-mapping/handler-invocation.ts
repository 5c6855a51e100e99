/**
 * One invocation of a locally driven handler, bounded by the function timeout as Lambda bounds it. JavaScript cannot
 * stop a running promise, so a handler that overruns keeps running in the background; its batch is failed at the
 * timeout all the same, as Lambda fails an invocation it kills.
 */
import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';

/** A function handler for SQS events, as the mapping drives it. */
export type SqsEventHandler = (event: SQSEvent, context: Context) => Promise<SQSBatchResponse | void>;

/** Base of the errors the mapping reports through onError. */
export class EventSourceMappingError extends Error {
  override readonly name: string = 'EventSourceMappingError';
}

/** The handler ran past the function timeout; its batch will reappear after the visibility timeout. */
export class FunctionTimeoutError extends EventSourceMappingError {
  override readonly name = 'FunctionTimeoutError';

  constructor(
    readonly functionName: string,
    readonly timeoutMs: number,
  ) {
    super(`${functionName} timed out after ${timeoutMs} ms; its whole batch stays on the queue.`);
  }
}

/** The handler's response failed the whole batch (malformed, or naming a message not in the batch). */
export class InvalidBatchResponseError extends EventSourceMappingError {
  override readonly name = 'InvalidBatchResponseError';
}

/** Records that were processed could not be deleted, so they will be delivered again. */
export class RecordDeletionError extends EventSourceMappingError {
  override readonly name = 'RecordDeletionError';
}

/** The handler's resolved value, or why the invocation failed. */
export type InvocationResult =
  { readonly ok: true; readonly response: unknown } | { readonly ok: false; readonly error: unknown };

/** Invokes `handler`, failing the invocation if it throws, rejects, or has not settled within `timeoutMs`. */
export async function invokeWithTimeout(
  handler: SqsEventHandler,
  event: SQSEvent,
  context: Context,
  timeoutMs: number,
): Promise<InvocationResult> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<InvocationResult>((resolve) => {
    timer = setTimeout(
      () => resolve({ ok: false, error: new FunctionTimeoutError(context.functionName, timeoutMs) }),
      timeoutMs,
    );
  });
  const invocation = Promise.resolve()
    .then(() => handler(event, context))
    .then(
      (response): InvocationResult => ({ ok: true, response }),
      (error: unknown): InvocationResult => ({ ok: false, error }),
    );
  try {
    return await Promise.race([invocation, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
