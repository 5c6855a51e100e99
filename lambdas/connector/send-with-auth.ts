import type { DestinationConfig } from '../../config/schema';
import type { CanonicalEvent } from '../../schemas';
import { CORRELATION_HEADER } from '../shared/correlation';
import { HttpTransportError, type HttpRequest, type HttpResponse } from '../shared/http-client';
import type { ApiAuth } from '../shared/auth';
import { classifyResponse, type DeliveryOutcome } from './classify-response';
import type { DestinationRequest } from './destinations';

/** What ties a request to its event(s): the correlation id header and the default Idempotency-Key. */
export interface RequestTracing {
  readonly correlationId: string;
  readonly idempotencyKey: string;
}

/** The tracing of a request that carries one event. */
export function tracingOf(event: CanonicalEvent): RequestTracing {
  return { correlationId: event.correlationid, idempotencyKey: event.id };
}

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
  try {
    let { response, sent } = await attempt();
    if (response.status === 401) {
      ports.auth.onUnauthorized(sent);
      ({ response, sent } = await attempt());
    }
    if (shaped.alreadyAppliedStatuses?.includes(response.status)) return { kind: 'delivered', status: response.status };
    return classifyResponse(response, ports.nowMs());
  } catch (error) {
    if (error instanceof HttpTransportError) return { kind: 'transient', detail: error.message };
    throw error;
  }
}
