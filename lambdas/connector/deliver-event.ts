import type { DestinationConfig } from '../../config/schema';
import type { CanonicalEvent } from '../../schemas';
import { CORRELATION_HEADER } from '../shared/correlation';
import type { HttpRequest, HttpResponse } from '../shared/http-client';
import { HttpTransportError } from '../shared/http-client';
import { classifyResponse, type DeliveryOutcome } from './classify-response';
import { requestFor } from './destinations';

/** The I/O a delivery needs, passed in so the decision can be tested against any server. */
export interface DeliveryPorts {
  readonly send: (request: HttpRequest) => Promise<HttpResponse>;
  readonly nowMs: () => number;
}

/**
 * Sends one canonical event to one destination and says how it went. The event id travels as the
 * Idempotency-Key header too, so a destination that deduplicates can absorb a send whose answer was lost.
 */
export async function deliverEvent(
  destination: DestinationConfig,
  event: CanonicalEvent,
  ports: DeliveryPorts,
): Promise<DeliveryOutcome | { readonly kind: 'not-applicable' }> {
  const shaped = requestFor(destination.name, event);
  if (!shaped) return { kind: 'not-applicable' };
  const request: HttpRequest = {
    method: shaped.method,
    url: `${destination.baseUrl.replace(/\/+$/, '')}${shaped.path}`,
    headers: {
      'content-type': 'application/json',
      [CORRELATION_HEADER]: event.correlationid,
      'idempotency-key': event.id,
    },
    body: JSON.stringify(shaped.body),
  };
  try {
    return classifyResponse(await ports.send(request), ports.nowMs());
  } catch (error) {
    if (error instanceof HttpTransportError) return { kind: 'transient', detail: error.message };
    throw error;
  }
}
