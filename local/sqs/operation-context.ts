/**
 * What an operation handler works with besides its input: the engine, the long-poll waiters, the endpoint that
 * queue URLs carry, the caller's identity and the signal that says the caller has gone.
 */
import type { MessageMoveTasks } from './message-move-tasks';
import type { QueueEngine } from './queue-engine';
import type { ReceiveWaiters } from './receive-waiters';
import { SqsError } from './sqs-error';

/** Everything one request's handler may use. */
export interface OperationContext {
  readonly engine: QueueEngine;
  readonly moveTasks: MessageMoveTasks;
  readonly waiters: ReceiveWaiters;
  /** The endpoint queue URLs start with, so an SDK that follows a queue URL's host reaches this server. */
  readonly endpoint: string;
  /** The caller's access key id, reported as a message's SenderId. */
  readonly senderId: string;
  /** Aborted when the caller disconnects, so a long poll stops waiting for nobody. */
  readonly signal: AbortSignal;
}

/** An operation's handler: raw JSON input in, JSON output out. */
export type OperationHandler = (raw: unknown, context: OperationContext) => object | Promise<object>;

/** The URL of a queue, as AWS forms it: endpoint, account id, queue name. */
export function queueUrlOf(context: OperationContext, queueName: string): string {
  return `${context.endpoint}/${context.engine.accountId}/${queueName}`;
}

/**
 * The queue name a URL names. Only the path counts, so a URL with `localhost` in place of `127.0.0.1` still works;
 * anything that is not an absolute URL with an account and a name is InvalidAddress, as in AWS.
 */
export function queueNameOf(queueUrl: string): string {
  let segments: string[] = [];
  try {
    segments = new URL(queueUrl).pathname.split('/').filter((segment) => segment.length > 0);
  } catch {
    segments = [];
  }
  const name = segments[1];
  if (segments.length !== 2 || name === undefined) {
    throw new SqsError('InvalidAddress', `The address ${queueUrl} is not valid for this endpoint.`);
  }
  return name;
}
