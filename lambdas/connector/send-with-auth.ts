import type { DestinationConfig } from '../../config/schema';
import type { CanonicalEvent } from '../../schemas';
import { CORRELATION_HEADER } from '../shared/correlation';
import { HttpTransportError, type HttpRequest, type HttpResponse } from '../shared/http-client';
import type { ApiAuth } from '../shared/auth';
import { canonicalEventLogFields, type CanonicalEventLogFields } from '../shared/log-fields';
import { logger } from '../shared/logger';
import { classifyResponse, type DeliveryOutcome } from './classify-response';
import { needsLookup, type DestinationRequest, type DirectRequest } from './destinations';

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
 * the answer. A request that needs a lookup first (`LookupRequest`) GETs it, and sends what its `resolve` makes of
 * the answer: a lookup that fails is classified like any answer (so it is retried or refused the same way), one that
 * finds the change already applied is delivered in effect, and one that refuses the change is a permanent failure
 * under the destination module's own reason.
 */
export async function sendWithAuth(
  destination: DestinationConfig,
  tracing: RequestTracing,
  shaped: DestinationRequest,
  ports: SendPorts,
): Promise<DeliveryOutcome> {
  if (!needsLookup(shaped)) return (await exchange(destination, tracing, shaped, ports)).outcome;
  const found = await exchange(destination, tracing, { method: 'GET', path: shaped.lookupPath }, ports);
  if (found.outcome.kind !== 'delivered') return found.outcome;
  let answer: unknown;
  try {
    answer = JSON.parse(found.body);
  } catch {
    return {
      kind: 'permanent',
      status: found.outcome.status,
      reason: 'lookup-unreadable',
      detail: `the lookup ${shaped.lookupPath} answered with no JSON`,
    };
  }
  const resolution = shaped.resolve(answer);
  switch (resolution.kind) {
    case 'send':
      return (await exchange(destination, tracing, resolution.request, ports)).outcome;
    case 'already-applied':
      // The lookup's attempt line says what was asked; this one says why nothing was written.
      logger.info('already applied at the destination', {
        correlationId: tracing.correlationId,
        ...(tracing.event ? { eventId: tracing.event.eventId } : {}),
        destination: destination.name,
        detail: resolution.detail,
      });
      return { kind: 'delivered', status: found.outcome.status };
    case 'refused':
      return { kind: 'permanent', status: found.outcome.status, reason: resolution.reason, detail: resolution.detail };
  }
}

/** One request: GET (a lookup) or a write with the event's Idempotency-Key, a 401 answered by one refresh. */
async function exchange(
  destination: DestinationConfig,
  tracing: RequestTracing,
  shaped: DirectRequest | { readonly method: 'GET'; readonly path: string },
  ports: SendPorts,
): Promise<{ outcome: DeliveryOutcome; body: string }> {
  const write = shaped.method === 'GET' ? undefined : shaped;
  const request = {
    method: shaped.method,
    url: `${destination.baseUrl.replace(/\/+$/, '')}${shaped.path}`,
    ...(write?.body !== undefined ? { body: JSON.stringify(write.body) } : {}),
  };
  const attempt = async (): Promise<{ response: HttpResponse; sent: Record<string, string> }> => {
    const sent = {
      ...(write
        ? {
            ...(write.body !== undefined ? { 'content-type': 'application/json' } : {}),
            'idempotency-key': write.idempotencyKey ?? tracing.idempotencyKey,
          }
        : {}),
      [CORRELATION_HEADER]: tracing.correlationId,
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
    const outcome: DeliveryOutcome = write?.alreadyAppliedStatuses?.includes(response.status)
      ? { kind: 'delivered', status: response.status }
      : classifyResponse(response, ports.nowMs());
    logAttempt(destination, tracing, {
      status: response.status,
      latencyMs: ports.nowMs() - startedMs,
      outcome: outcome.kind,
    });
    return { outcome, body: response.body };
  } catch (error) {
    if (error instanceof HttpTransportError) {
      logAttempt(destination, tracing, { latencyMs: ports.nowMs() - startedMs, outcome: 'transport-error' });
      return { outcome: { kind: 'transient', detail: error.message }, body: '' };
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
