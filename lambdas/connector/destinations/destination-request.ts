/** A request sent as it is: the base URL, auth and tracing headers are added by the connector. */
export interface DirectRequest {
  readonly method: 'POST' | 'PUT' | 'PATCH';
  /** Path below the destination's configured base URL, starting with `/`. */
  readonly path: string;
  readonly body: unknown;
  /**
   * The Idempotency-Key to send instead of the event id, for a write that must happen once per entity rather
   * than once per version (a 3PL order's create or cancel): every version of the entity then carries the same key.
   */
  readonly idempotencyKey?: string;
  /**
   * Statuses with which the destination says it already holds what this request creates (a 3PL answering 409
   * for a `reference_id` it has seen): the event is delivered in effect, not retried until it dead-letters.
   */
  readonly alreadyAppliedStatuses?: readonly number[];
}

/** What a lookup's answer leads to, decided without I/O. */
export type LookupResolution =
  | { readonly kind: 'send'; readonly request: DirectRequest }
  /** The destination already holds what the event says (an order cancelled there, or held unchanged): nothing to send. */
  | { readonly kind: 'already-applied'; readonly detail: string }
  /** The destination cannot take the change through its API: dead-lettered with `reason`, for a person to act on. */
  | { readonly kind: 'refused'; readonly reason: string; readonly detail: string };

/**
 * A write that needs something only the destination knows, such as the 3PL's own id of an order it holds: the
 * connector first GETs `lookupPath`, then sends whatever `resolve` makes of the answer's JSON. The decision stays
 * a pure function of the answer; the connector does both requests under one rate token and one version claim.
 */
export interface LookupRequest {
  /** Path (and query) below the base URL to GET first. */
  readonly lookupPath: string;
  readonly resolve: (found: unknown) => LookupResolution;
}

/** The destination-specific part of a delivery: one request, or a lookup and then a request. */
export type DestinationRequest = DirectRequest | LookupRequest;

export const needsLookup = (request: DestinationRequest): request is LookupRequest => 'lookupPath' in request;
