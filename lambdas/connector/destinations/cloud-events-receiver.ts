import type { CanonicalEvent } from '../../../schemas';
import type { DirectRequest } from './destination-request';

/**
 * For destinations that ingest CloudEvents as they are (analytics pipelines, event buses): the canonical
 * envelope is POSTed unchanged, so they see exactly the contract published in schemas/json.
 */
export function cloudEventsRequest(event: CanonicalEvent): DirectRequest {
  return { method: 'POST', path: '/events', body: event };
}
