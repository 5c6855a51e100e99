/**
 * S3 for local mode and tests: s3rver (a real S3 REST server from npm) over a temporary folder, on the loopback
 * interface. Functions reach it through AWS_ENDPOINT_URL_S3; the SDK addresses a loopback IP path-style.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import S3rver from 's3rver';
import { closeServer, listenOnLoopback, type ListenOptions } from '../http/loopback-server';
import { tallyCalls, type CallTally } from '../observe/call-tally';

/** A running local S3. */
export interface LocalS3 {
  /** Base URL for the SDK's `endpoint` or AWS_ENDPOINT_URL_S3. */
  readonly endpoint: string;
  /** Requests served so far, by HTTP method (S3 bills PUT and GET requests at different rates). */
  readonly calls: CallTally;
  /** Frees the port and deletes every bucket with its objects. */
  close(): Promise<void>;
}

/** Starts s3rver with the given buckets; a port already in use rejects with PortInUseError. */
export async function startLocalS3(buckets: readonly string[], options: ListenOptions = {}): Promise<LocalS3> {
  const directory = await mkdtemp(path.join(tmpdir(), 'interchange-s3-'));
  const s3rver = new S3rver({
    directory,
    silent: true,
    configureBuckets: buckets.map((name) => ({ name })),
  });
  const server = createServer(s3rver.callback());
  const calls = tallyCalls(server, { operationOf: (request) => request.method ?? 'GET' });
  const removeFolder = () => rm(directory, { recursive: true, force: true });
  try {
    await s3rver.configureBuckets();
    const endpoint = await listenOnLoopback(server, 'Local S3 (s3rver)', options);
    return {
      endpoint,
      calls,
      close: async () => {
        await closeServer(server);
        s3rver.logger.close();
        await removeFolder();
      },
    };
  } catch (error) {
    s3rver.logger.close();
    await removeFolder();
    throw error;
  }
}
