import { randomUUID } from 'node:crypto';

/** Header through which callers pass, and downstream systems receive, the correlation id. */
export const CORRELATION_HEADER = 'x-correlation-id';

const WELL_FORMED = /^[A-Za-z0-9][A-Za-z0-9._:-]{7,127}$/;

/**
 * The caller's correlation id when it is safe to log and forward (8-128 URL-safe characters),
 * else a fresh one, so a hostile header can never inject into logs or downstream requests.
 */
export function correlationIdFrom(incoming: string | undefined, newId: () => string = randomUUID): string {
  return incoming !== undefined && WELL_FORMED.test(incoming) ? incoming : newId();
}
