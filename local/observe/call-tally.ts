import type { IncomingMessage, Server, ServerResponse } from 'node:http';

/** What one request and its answer were, as far as a measure needs to know. */
export interface Exchange {
  readonly operation: string;
  /** The request body's length as sent (its Content-Length), 0 without one. */
  readonly requestBytes: number;
  /** The answer body's length as written. */
  readonly responseBytes: number;
  /** The request body itself, kept only for a tally asked to keep it. */
  readonly requestBody?: string;
}

/** Requests an AWS stand-in served, by operation (`X-Amz-Target`'s last part, e.g. `UpdateItem`). */
export interface CallTally {
  counts(): Readonly<Record<string, number>>;
  /** What the tally's measure added up per operation, e.g. `{ UpdateItem: { writeUnits: 41 } }`. */
  measures(): Readonly<Record<string, Readonly<Record<string, number>>>>;
}

export interface TallyOptions {
  /** How a request names its operation; by default `X-Amz-Target`'s last part, as the AWS JSON protocols put it. */
  readonly operationOf?: (request: IncomingMessage) => string;
  /** Figures one exchange adds to its operation's measures (capacity units, 64 KB chunks), once it is answered. */
  readonly measure?: (exchange: Exchange) => Readonly<Record<string, number>>;
  /** Keep each request's body for the measure (DynamoDB's items); only for a server that reads bodies as they come. */
  readonly keepRequestBody?: boolean;
}

const contentLength = (value: unknown): number => {
  const bytes = Number(Array.isArray(value) ? value[0] : value);
  return Number.isFinite(bytes) && bytes > 0 ? bytes : 0;
};

const targetOperation = (request: IncomingMessage): string => {
  const target = request.headers['x-amz-target'];
  return typeof target === 'string' ? (target.split('.').pop() ?? target) : '(none)';
};

/**
 * Counts the requests a stand-in's HTTP server receives by operation, and whatever a measure makes of each, so a
 * benchmark can say what one webhook costs in AWS calls, capacity units and request chunks.
 */
export function tallyCalls(server: Server, options: TallyOptions = {}): CallTally {
  const counts: Record<string, number> = {};
  const measures: Record<string, Record<string, number>> = {};
  const operationOf = options.operationOf ?? targetOperation;
  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    const operation = operationOf(request);
    counts[operation] = (counts[operation] ?? 0) + 1;
    const measure = options.measure;
    if (!measure) return;
    const chunks: Buffer[] = [];
    // Listening beside the server's own 'data' listener, attached in the same turn, sees every chunk it sees.
    if (options.keepRequestBody) request.on('data', (chunk: Buffer) => chunks.push(chunk));
    let responseBytes = 0;
    const count = (chunk: unknown) => {
      if (typeof chunk === 'string') responseBytes += Buffer.byteLength(chunk);
      else if (chunk instanceof Uint8Array) responseBytes += chunk.byteLength;
    };
    // A server may name the length in writeHead, where getHeader cannot see it: the body is counted as written.
    const { write, end } = response;
    response.write = function (this: ServerResponse, chunk: unknown, ...rest: unknown[]) {
      count(chunk);
      return (write as (...args: unknown[]) => boolean).call(this, chunk, ...rest);
    } as ServerResponse['write'];
    response.end = function (this: ServerResponse, chunk?: unknown, ...rest: unknown[]) {
      if (typeof chunk !== 'function') count(chunk);
      return (end as (...args: unknown[]) => ServerResponse).call(this, chunk, ...rest);
    } as ServerResponse['end'];
    response.once('finish', () => {
      const figures = measure({
        operation,
        requestBytes: contentLength(request.headers['content-length']),
        responseBytes,
        ...(options.keepRequestBody ? { requestBody: Buffer.concat(chunks).toString('utf8') } : {}),
      });
      const sums = (measures[operation] ??= {});
      for (const [name, value] of Object.entries(figures)) sums[name] = (sums[name] ?? 0) + value;
    });
  });
  return {
    counts: () => ({ ...counts }),
    measures: () => Object.fromEntries(Object.entries(measures).map(([operation, sums]) => [operation, { ...sums }])),
  };
}
