import type { DestinationConfig } from '../../config/schema';
import type { CanonicalEvent } from '../../schemas';
import { CORRELATION_HEADER } from '../shared/correlation';
import { HttpTransportError, type HttpRequest, type HttpResponse } from '../shared/http-client';
import type { ApiAuth } from '../shared/auth';
import { canonicalEventLogFields, type CanonicalEventLogFields } from '../shared/log-fields';
import { logger } from '../shared/logger';
import { classifyResponse, type DeliveryOutcome } from './classify-response';
import type { DestinationRequest } from './destinations';

/** What ties a request to its event(s): the correlation id header and the default Idempotency-Key. */
export interface RequestTracing {
  readonly correlationId: string;
  readonly idempotencyKey: string;
  /** The event a single-event request carries, named on each attempt's log line. */
  readonly event?: CanonicalEventLogFields;
}

/** The tracing of a request that carries one event. */
export function tracingOf(event: CanonicalEvent): RequestTracing {
  return { correlationId: event.correlationid, idempotencyKey: event.id, event: canonicalEventLogFields(event) };
}

/**
 * How one HTTP attempt ended, on its log line: the classification of the answer (`delivered`, `transient`,
 * `permanent`), `unauthorized` for a 401 answered by refreshing the credential and sending again, and
 * `transport-error` when no answer came (timeout, connection refused).
 */
export type AttemptOutcome = DeliveryOutcome['kind'] | 'unauthorized' | 'transport-error';

/** The I/O one send needs. */
export interface SendPorts {
  readonly send: (request: HttpRequest) => Promise<HttpResponse>;
  readonly auth: ApiAuth;
  readonly nowMs: () => number;
}

/**
 * Sends one shaped request with the destination's credentials and the event's tracing headers, and classifies
 * the answer. A 401 refreshes the credential and is tried once more, since tokens expire between requests.
 * The event id travels as Idempotency-Key, so a destination that deduplicates can absorb a send whose answer
 * was lost.
 */
export async function sendWithAuth(
  destination: DestinationConfig,
  tracing: RequestTracing,
  shaped: DestinationRequest,
  ports: SendPorts,
): Promise<DeliveryOutcome> {
  const request = {
    method: shaped.method,
    url: `${destination.baseUrl.replace(/\/+$/, '')}${shaped.path}`,
    body: JSON.stringify(shaped.body),
  };
  const attempt = async (): Promise<{ response: HttpResponse; sent: Record<string, string> }> => {
    const sent = {
      'content-type': 'application/json',
      [CORRELATION_HEADER]: tracing.correlationId,
      'idempotency-key': shaped.idempotencyKey ?? tracing.idempotencyKey,
      ...(await ports.auth.headers()),
    };
    return { response: await ports.send({ ...request, headers: sent }), sent };
  };
  let startedMs = ports.nowMs();
  try {
    let { response, sent } = await attempt();
    if (response.status === 401) {
      logAttempt(destination, tracing, { status: 401, latencyMs: ports.nowMs() - startedMs, outcome: 'unauthorized' });
      ports.auth.onUnauthorized(sent);
      startedMs = ports.nowMs();
      ({ response, sent } = await attempt());
    }
    const outcome: DeliveryOutcome = shaped.alreadyAppliedStatuses?.includes(response.status)
      ? { kind: 'delivered', status: response.status }
      : classifyResponse(response, ports.nowMs());
    logAttempt(destination, tracing, {
      status: response.status,
      latencyMs: ports.nowMs() - startedMs,
      outcome: outcome.kind,
    });
    return outcome;
  } catch (error) {
    if (error instanceof HttpTransportError) {
      logAttempt(destination, tracing, { latencyMs: ports.nowMs() - startedMs, outcome: 'transport-error' });
      return { kind: 'transient', detail: error.message };
    }
    throw error;
  }
}

/**
 * One line per HTTP request to the destination, in-invocation retries and the 401 refresh included, so a trace
 * shows every answer the destination gave. The answer's body is left out: it may echo personal data.
 */
function logAttempt(
  destination: DestinationConfig,
  tracing: RequestTracing,
  attempt: { status?: number; latencyMs: number; outcome: AttemptOutcome },
): void {
  // Only the ids that lead to the rest: the event's other fields are on the connector's line about it.
  const event = tracing.event;
  const line = {
    correlationId: tracing.correlationId,
    ...(event ? { eventId: event.eventId, entity: event.entity } : {}),
    destination: destination.name,
    // A batch request names its first event's correlation id; its key tells the batch apart.
    ...(tracing.event ? {} : { idempotencyKey: tracing.idempotencyKey }),
    ...attempt,
  };
  if (attempt.outcome === 'delivered') logger.info('delivery attempt', line);
  else logger.warn('delivery attempt', line);
}
