import { parseRetryAfter, type HttpResponse } from '../shared/http-client';

/** How a downstream answer is treated: the one place that decides what is worth retrying. */
export type DeliveryOutcome =
  | { readonly kind: 'delivered'; readonly status: number }
  | {
      readonly kind: 'transient';
      readonly status?: number;
      readonly retryAfterSeconds?: number;
      readonly detail: string;
    }
  | {
      readonly kind: 'permanent';
      readonly status: number;
      readonly detail: string;
      /** The dead letter's reason when not the status (`refused-<status>`): a destination module's own refusal. */
      readonly reason?: string;
    };

/** Statuses that say "not now" rather than "never": timeouts, conflicts mid-write, rate limits, server faults. */
const RETRYABLE_CLIENT_STATUSES = new Set([408, 409, 425, 429]);
const MAX_DETAIL = 300;

/**
 * Classifies a downstream answer. 2xx delivered; 5xx and 408/409/425/429 transient (retried, honouring
 * Retry-After); any other status permanent, since resending the same request cannot change the answer.
 */
export function classifyResponse(response: HttpResponse, nowMs: number): DeliveryOutcome {
  const { status } = response;
  if (status >= 200 && status < 300) return { kind: 'delivered', status };
  const detail = `HTTP ${status}: ${response.body.slice(0, MAX_DETAIL)}`;
  if (status >= 500 || RETRYABLE_CLIENT_STATUSES.has(status)) {
    const retryAfterSeconds = parseRetryAfter(response.headers['retry-after'], nowMs);
    return { kind: 'transient', status, detail, ...(retryAfterSeconds !== undefined ? { retryAfterSeconds } : {}) };
  }
  return { kind: 'permanent', status, detail };
}
