import type { Server } from 'node:http';

/** Requests an AWS stand-in served, by operation (`X-Amz-Target`'s last part, e.g. `UpdateItem`). */
export interface CallTally {
  counts(): Readonly<Record<string, number>>;
}

/**
 * Counts the requests a stand-in's HTTP server receives by operation, so a benchmark can say what one webhook costs
 * in AWS calls. Both the AWS JSON protocols local mode serves (SQS, DynamoDB) name the operation in `X-Amz-Target`.
 */
export function tallyCalls(server: Server): CallTally {
  const counts: Record<string, number> = {};
  server.on('request', (request: { headers: Record<string, string | string[] | undefined> }) => {
    const target = request.headers['x-amz-target'];
    const operation = typeof target === 'string' ? (target.split('.').pop() ?? target) : '(none)';
    counts[operation] = (counts[operation] ?? 0) + 1;
  });
  return { counts: () => ({ ...counts }) };
}
