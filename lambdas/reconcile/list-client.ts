import type { ApiAuth } from '../shared/auth';
import { CORRELATION_HEADER } from '../shared/correlation';
import { HttpTransportError, parseRetryAfter, type HttpRequest, type HttpResponse } from '../shared/http-client';
import { retryTransient, type AttemptFailure } from '../shared/retry-policy';
import type { ListRequest } from './list-apis';

/** A list API that did not answer a page: the poll stops here and the next one resumes at this page. */
export class ListApiError extends Error {
  override readonly name = 'ListApiError';
  constructor(
    message: string,
    readonly status?: number,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** What the client needs besides the request: the one HTTP client, the source's auth, its rate and a deadline. */
export interface ListClientOptions {
  readonly send: (request: HttpRequest) => Promise<HttpResponse>;
  readonly auth: ApiAuth;
  readonly requestsPerSecond: number;
  readonly requestTimeoutMs: number;
  /** Epoch ms by which retries must be over (the invocation's end, less what saving the cursor needs). */
  readonly deadlineMs: () => number;
  readonly now?: () => number;
  readonly sleep?: (ms: number) => Promise<void>;
}

const TRANSIENT_STATUS = (status: number) => status === 429 || status >= 500;

/**
 * Reads pages of a list API at the source's rate, with its credentials (refreshed once on a 401), retrying
 * throttling, server errors and lost answers with backoff and honouring Retry-After. Only a 2xx page comes back.
 */
export function listApiClient(
  options: ListClientOptions,
): (request: ListRequest, correlationId: string) => Promise<HttpResponse> {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const spacingMs = 1000 / options.requestsPerSecond;
  let nextSlotMs = 0;
  const paced = async (request: HttpRequest): Promise<HttpResponse> => {
    const wait = nextSlotMs - now();
    if (wait > 0) await sleep(wait);
    nextSlotMs = Math.max(now(), nextSlotMs) + spacingMs;
    return options.send(request);
  };
  const once = async (request: ListRequest, correlationId: string): Promise<HttpResponse> => {
    const read = async () => {
      const headers = { ...request.headers, [CORRELATION_HEADER]: correlationId, ...(await options.auth.headers()) };
      return { headers, response: await paced({ ...request, headers }) };
    };
    let attempt = await read();
    if (attempt.response.status === 401) {
      options.auth.onUnauthorized(attempt.headers);
      attempt = await read();
    }
    return attempt.response;
  };
  return async (request, correlationId) => {
    const response = await retryTransient(() => once(request, correlationId), {
      maxAttempts: 5,
      baseMs: 200,
      capMs: 20_000,
      deadlineMs: options.deadlineMs(),
      attemptTimeoutMs: options.requestTimeoutMs,
      now,
      isTransient: (failure: AttemptFailure<HttpResponse>) =>
        'error' in failure ? failure.error instanceof HttpTransportError : TRANSIENT_STATUS(failure.value.status),
      retryAfterMs: (failure) => {
        if (!('value' in failure)) return undefined;
        const seconds = parseRetryAfter(failure.value.headers['retry-after'], now());
        return seconds === undefined ? undefined : seconds * 1000;
      },
    }).catch((error: unknown) => {
      throw new ListApiError(
        `list API did not answer: ${error instanceof Error ? error.message : String(error)}`,
        undefined,
        {
          cause: error,
        },
      );
    });
    if (response.status < 200 || response.status >= 300) {
      throw new ListApiError(`list API answered HTTP ${response.status}`, response.status);
    }
    return response;
  };
}
