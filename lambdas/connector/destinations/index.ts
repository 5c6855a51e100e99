import type { CanonicalEvent } from '../../../schemas';
import { cloudEventsRequest } from './cloud-events-receiver';
import type { DestinationRequest } from './destination-request';
import { erpRequest } from './erp';

export type { DestinationRequest } from './destination-request';

/** Each destination's request shape by name; one not listed receives the canonical CloudEvent unchanged. */
const REQUEST_BUILDERS: Readonly<Record<string, (event: CanonicalEvent) => DestinationRequest | undefined>> = {
  erp: erpRequest,
};

/** The request that delivers an event to a destination, or undefined when the destination has no use for it. */
export function requestFor(destination: string, event: CanonicalEvent): DestinationRequest | undefined {
  return (REQUEST_BUILDERS[destination] ?? cloudEventsRequest)(event);
}
