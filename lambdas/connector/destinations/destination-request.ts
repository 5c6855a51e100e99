/** The destination-specific part of a request: the base URL, auth and tracing headers are added by the connector. */
export interface DestinationRequest {
  readonly method: 'POST' | 'PUT' | 'PATCH';
  /** Path below the destination's configured base URL, starting with `/`. */
  readonly path: string;
  readonly body: unknown;
  /**
   * The Idempotency-Key to send instead of the event id, for a create that must happen once per entity rather
   * than once per version (a 3PL order): every version of the entity then carries the same key.
   */
  readonly idempotencyKey?: string;
  /**
   * Statuses with which the destination says it already holds what this request creates (a 3PL answering 409
   * for a `reference_id` it has seen): the event is delivered in effect, not retried until it dead-letters.
   */
  readonly alreadyAppliedStatuses?: readonly number[];
}
