/**
 * An SQS client whose requests are altered on their way out, to send what the SDK never would (a broken body, an
 * unknown operation) and still read the answer through the SDK's own error handling.
 */
import type { SQSClient } from '@aws-sdk/client-sqs';
import { localSqsClient } from './local-sqs-client';

/** The parts of an outgoing HTTP request a test may change. */
export interface OutgoingRequest {
  headers: Record<string, string>;
  body?: unknown;
}

function isOutgoingRequest(value: unknown): value is OutgoingRequest {
  return typeof value === 'object' && value !== null && typeof (value as OutgoingRequest).headers === 'object';
}

/** A client for `endpoint` that applies `tamper` to every request after it is signed. */
export function tamperedClient(endpoint: string, tamper: (request: OutgoingRequest) => void): SQSClient {
  const client = localSqsClient(endpoint);
  client.middlewareStack.add(
    (next) => async (args) => {
      if (isOutgoingRequest(args.request)) {
        tamper(args.request);
        if (typeof args.request.body === 'string') {
          args.request.headers['content-length'] = String(Buffer.byteLength(args.request.body));
        }
      }
      return next(args);
    },
    { step: 'finalizeRequest', priority: 'low', name: 'tamperRequest' },
  );
  return client;
}
