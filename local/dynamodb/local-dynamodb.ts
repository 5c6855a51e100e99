/**
 * DynamoDB for local mode and tests: dynalite, in memory, on the loopback interface. Handlers reach it through
 * AWS_ENDPOINT_URL_DYNAMODB. dynalite has no UpdateTimeToLive, so TTL attributes are stored but never expire here.
 */
import dynalite from 'dynalite';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { closeServer, listenOnLoopback, type ListenOptions } from '../http/loopback-server';
import { dynamodbCapacity } from '../observe/aws-units';
import { tallyCalls, type CallTally } from '../observe/call-tally';

/** A running local DynamoDB. */
export interface LocalDynamoDb {
  /** Base URL for the SDK's `endpoint` or AWS_ENDPOINT_URL_DYNAMODB. */
  readonly endpoint: string;
  /** Requests served so far, by operation, with the capacity units they consumed. */
  readonly calls: CallTally;
  /** Frees the port, drops open connections and discards every table. */
  close(): Promise<void>;
}

/** Tables leave CREATING almost at once, so a start-up waits briefly yet still goes through the ACTIVE wait. */
const TABLE_TRANSITION_MS = 20;

/** Starts dynalite in memory; a port already in use rejects with PortInUseError. */
export const startLocalDynamoDb = async (options: ListenOptions = {}): Promise<LocalDynamoDb> => {
  const server = dynalite({
    createTableMs: TABLE_TRANSITION_MS,
    deleteTableMs: TABLE_TRANSITION_MS,
    updateTableMs: TABLE_TRANSITION_MS,
  });
  const calls = tallyCalls(server, { measure: dynamodbCapacity, keepRequestBody: true });
  const working = trackRequestsInProgress(server);
  const endpoint = await listenOnLoopback(server, 'Local DynamoDB (dynalite)', options);
  return {
    endpoint,
    calls,
    close: async () => {
      await working.finished();
      await closeServer(server);
    },
  };
};

/**
 * dynalite closes its database as soon as no single read or write is pending, and an action between two of them
 * (a conditional put reads, then writes) then fails with "Database is closed", thrown where no one can catch it.
 * A request counts until dynalite answers it, even to a caller that has gone (a stopped function), or until its
 * caller goes before the whole request arrived, when dynalite never starts it.
 */
function trackRequestsInProgress(server: Server): { finished(): Promise<void> } {
  let inProgress = 0;
  let onIdle: (() => void) | undefined;
  server.prependListener('request', (request: IncomingMessage, response: ServerResponse) => {
    inProgress += 1;
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      inProgress -= 1;
      if (inProgress === 0) onIdle?.();
    };
    const end = response.end.bind(response) as (...args: unknown[]) => ServerResponse;
    response.end = ((...args: unknown[]) => {
      finish();
      return end(...args);
    }) as ServerResponse['end'];
    request.on('close', () => {
      if (!request.complete) finish();
    });
  });
  return {
    finished: () => (inProgress === 0 ? Promise.resolve() : new Promise<void>((resolve) => (onIdle = resolve))),
  };
}
