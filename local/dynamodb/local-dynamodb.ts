/**
 * DynamoDB for local mode and tests: dynalite, in memory, on the loopback interface. Handlers reach it through
 * AWS_ENDPOINT_URL_DYNAMODB. dynalite has no UpdateTimeToLive, so TTL attributes are stored but never expire here.
 */
import dynalite from 'dynalite';
import { closeServer, listenOnLoopback, type ListenOptions } from '../http/loopback-server';
import { tallyCalls, type CallTally } from '../observe/call-tally';

/** A running local DynamoDB. */
export interface LocalDynamoDb {
  /** Base URL for the SDK's `endpoint` or AWS_ENDPOINT_URL_DYNAMODB. */
  readonly endpoint: string;
  /** Requests served so far, by operation. */
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
  const calls = tallyCalls(server);
  const endpoint = await listenOnLoopback(server, 'Local DynamoDB (dynalite)', options);
  return { endpoint, calls, close: () => closeServer(server) };
};
