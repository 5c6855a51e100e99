/**
 * Starts the local SQS endpoint: an in-memory queue engine behind node:http on loopback. Local mode and tests point
 * the real @aws-sdk/client-sqs at it (`endpoint`, or AWS_ENDPOINT_URL_SQS for handlers).
 */
import { createServer } from 'node:http';
import { sqsRequestChunks } from '../observe/aws-units';
import { tallyCalls, type CallTally } from '../observe/call-tally';
import type { AddressInfo } from 'node:net';
import { createSqsRequestListener } from './http-adapter';
import { MessageMoveTasks } from './message-move-tasks';
import { QueueEngine } from './queue-engine';
import { ReceiveWaiters } from './receive-waiters';

/** Where the endpoint listens and which region its queue ARNs name. */
export interface LocalSqsOptions {
  /** Interface to listen on; default 127.0.0.1. */
  readonly host?: string;
  /** Port to listen on; 0 or absent picks a free one. */
  readonly port?: number;
  /** Region in queue ARNs; default us-east-1. */
  readonly region?: string;
}

/** A running local SQS endpoint. */
export interface LocalSqs {
  /** Base URL, e.g. http://127.0.0.1:PORT; queue URLs are `${endpoint}/000000000000/${QueueName}`. */
  readonly endpoint: string;
  /** Requests served so far, by operation. */
  readonly calls: CallTally;
  /** Releases waiting long polls, lets answers in progress finish, then closes every connection. */
  close(): Promise<void>;
}

function endpointHost(host: string): string {
  if (host === '0.0.0.0' || host === '::') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}

/** Starts an empty local SQS endpoint. */
export async function startLocalSqs(options: LocalSqsOptions = {}): Promise<LocalSqs> {
  const host = options.host ?? '127.0.0.1';
  const waiters = new ReceiveWaiters();
  const engine = new QueueEngine({ region: options.region, onMessagesAvailable: (name) => waiters.notify(name) });
  const moveTasks = new MessageMoveTasks(engine);
  let endpoint = '';
  const listener = createSqsRequestListener({ engine, moveTasks, waiters, endpoint: () => endpoint });
  let active = 0;
  let onIdle: (() => void) | undefined;
  const server = createServer((request, response) => {
    active += 1;
    response.on('close', () => {
      active -= 1;
      if (active === 0) onIdle?.();
    });
    listener(request, response);
  });
  const calls = tallyCalls(server, { measure: sqsRequestChunks });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  endpoint = `http://${endpointHost(host)}:${(server.address() as AddressInfo).port}`;
  return {
    endpoint,
    calls,
    async close() {
      waiters.close();
      if (active > 0) await new Promise<void>((resolve) => (onIdle = resolve));
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
