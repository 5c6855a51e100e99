/** The destination-specific part of a request: the base URL, auth and tracing headers are added by the connector. */
export interface DestinationRequest {
  readonly method: 'POST' | 'PUT' | 'PATCH';
  /** Path below the destination's configured base URL, starting with `/`. */
  readonly path: string;
  readonly body: unknown;
}
