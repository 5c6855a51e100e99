/** A request to a downstream system, built by a destination module and sent by the one HTTP client. */
export interface HttpRequest {
  readonly method: 'GET' | 'POST' | 'PUT' | 'PATCH';
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  /** Absent for GET. */
  readonly body?: string;
}

/** What came back; headers lower-cased so Retry-After reads the same from every server. */
export interface HttpResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/** The request never got an answer (refused, reset, DNS, or no answer within the timeout). */
export class HttpTransportError extends Error {
  override readonly name = 'HttpTransportError';
  constructor(
    message: string,
    readonly timedOut: boolean,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/**
 * Sends one request with a hard timeout, so a hung downstream costs at most `timeoutMs` of a paid
 * invocation. Uses the runtime's fetch: no extra dependency, and X-Ray captures it through the tracer.
 */
export async function sendHttp(request: HttpRequest, timeoutMs: number): Promise<HttpResponse> {
  let response: Response;
  try {
    response = await fetch(request.url, {
      method: request.method,
      headers: request.headers,
      ...(request.body !== undefined ? { body: request.body } : {}),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (cause) {
    const timedOut = cause instanceof DOMException && cause.name === 'TimeoutError';
    throw new HttpTransportError(
      timedOut ? `no answer within ${timeoutMs} ms` : 'request failed before an answer',
      timedOut,
      { cause },
    );
  }
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    headers[name] = value;
  });
  let body: string;
  try {
    body = await response.text();
  } catch (cause) {
    throw new HttpTransportError('answer cut off', false, { cause });
  }
  return { status: response.status, headers, body };
}

/** Retry-After as delta-seconds or an HTTP date (RFC 9110); anything else is ignored rather than trusted. */
export function parseRetryAfter(value: string | undefined, nowMs: number): number | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date) || !/[a-z]/i.test(trimmed)) return undefined;
  return Math.max(0, Math.ceil((date - nowMs) / 1000));
}
