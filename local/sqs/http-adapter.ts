/**
 * The HTTP face of the local SQS: the AWS JSON 1.0 protocol the current SDK speaks. A request is a POST whose
 * `X-Amz-Target: AmazonSQS.<Operation>` names the operation and whose JSON body is its input; the answer is the JSON
 * output, or an error as SQS sends it (status, `x-amzn-query-error`, and a body with `__type` and `message`).
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { batchOperations } from './batch-operations';
import type { MessageMoveTasks } from './message-move-tasks';
import { messageOperations } from './message-operations';
import type { OperationContext, OperationHandler } from './operation-context';
import type { QueueEngine } from './queue-engine';
import { queueOperations } from './queue-operations';
import type { ReceiveWaiters } from './receive-waiters';
import { SqsError } from './sqs-error';

/** What the adapter serves requests from. */
export interface SqsHttpDependencies {
  readonly engine: QueueEngine;
  readonly moveTasks: MessageMoveTasks;
  readonly waiters: ReceiveWaiters;
  /** The endpoint queue URLs carry; known only once the server listens. */
  readonly endpoint: () => string;
}

const TARGET_PREFIX = 'AmazonSQS.';
const CONTENT_TYPE = 'application/x-amz-json-1.0';
// A full batch is 1 MiB of payload; base64 and JSON escaping make its request larger, but never this large.
const MAX_REQUEST_BYTES = 8 * 1024 * 1024;
const OPERATIONS: Readonly<Record<string, OperationHandler>> = {
  ...queueOperations,
  ...messageOperations,
  ...batchOperations,
};

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size <= MAX_REQUEST_BYTES) chunks.push(buffer);
  }
  if (size > MAX_REQUEST_BYTES) {
    throw new SqsError(
      'InvalidParameterValue',
      `The request body of ${size} bytes exceeds ${MAX_REQUEST_BYTES} bytes.`,
    );
  }
  return Buffer.concat(chunks).toString('utf8');
}

function parseJson(body: string): unknown {
  if (body.trim() === '') return {};
  try {
    return JSON.parse(body);
  } catch (error) {
    throw new SqsError('SerializationException', `The request body is not valid JSON: ${(error as Error).message}`, {
      cause: error,
    });
  }
}

function handlerFor(request: IncomingMessage): OperationHandler {
  const target = request.headers['x-amz-target'];
  const operation =
    typeof target === 'string' && target.startsWith(TARGET_PREFIX) ? target.slice(TARGET_PREFIX.length) : '';
  const handler = Object.hasOwn(OPERATIONS, operation) ? OPERATIONS[operation] : undefined;
  if (request.method !== 'POST' || !handler) {
    throw new SqsError(
      'UnsupportedOperation',
      `${request.method ?? 'A'} request for ${String(target ?? 'no X-Amz-Target')} is not an operation this local SQS serves. ` +
        `Supported: ${Object.keys(OPERATIONS).join(', ')}.`,
    );
  }
  return handler;
}

// SigV4's Credential names the access key, which stands in for the IAM identity SQS reports as SenderId.
function senderIdOf(request: IncomingMessage, accountId: string): string {
  const credential = /Credential=([^/,\s]+)/.exec(request.headers.authorization ?? '');
  return credential?.[1] ?? accountId;
}

function answer(response: ServerResponse, status: number, body: object, headers: Record<string, string> = {}): void {
  if (response.writableEnded || response.destroyed) return;
  const payload = JSON.stringify(body);
  response.writeHead(status, {
    ...headers,
    'content-type': CONTENT_TYPE,
    'content-length': Buffer.byteLength(payload),
    'x-amzn-requestid': randomUUID(),
  });
  response.end(payload);
}

/** A node:http request listener serving the SQS JSON protocol from `dependencies`. */
export function createSqsRequestListener(dependencies: SqsHttpDependencies): RequestListener {
  return (request, response) => {
    const disconnected = new AbortController();
    response.on('close', () => {
      if (!response.writableFinished) disconnected.abort();
    });
    const context: OperationContext = {
      engine: dependencies.engine,
      moveTasks: dependencies.moveTasks,
      waiters: dependencies.waiters,
      endpoint: dependencies.endpoint(),
      senderId: senderIdOf(request, dependencies.engine.accountId),
      signal: disconnected.signal,
    };
    readBody(request)
      .then(async (body) => {
        const handler = handlerFor(request);
        answer(response, 200, await handler(parseJson(body), context));
      })
      .catch((error: unknown) => {
        const failure =
          error instanceof SqsError
            ? error
            : new SqsError('InternalError', `The local SQS failed: ${String(error)}`, { cause: error });
        const { status, headers, body } = failure.toResponse();
        answer(response, status, body, headers);
      });
  };
}
