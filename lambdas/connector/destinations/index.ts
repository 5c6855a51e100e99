import type { CanonicalEvent } from '../../../schemas';
import { orderedChange, type OrderedChange } from '../version-guard/version-key';
import { analyticsBatchRequest, analyticsRequest } from './analytics';
import { cloudEventsRequest } from './cloud-events-receiver';
import { crmRequest } from './crm';
import type { DestinationRequest, DirectRequest } from './destination-request';
import { erpRequest } from './erp';
import { fulfillmentRequest } from './fulfillment';
import { storefrontRequest } from './storefront';

export { needsLookup, type DestinationRequest, type DirectRequest } from './destination-request';
export type { OrderedChange } from '../version-guard/version-key';

/** What the connector needs to know about one destination's API. */
interface DestinationModule {
  /** The request for an event, or undefined when the destination has no use for it. */
  readonly request: (event: CanonicalEvent) => DestinationRequest | undefined;
  /**
   * Whether the event sets state the destination keeps per subject (an upsert of an order, a contact, a stock
   * count), which must never go backwards; otherwise it is appended (a track call, a note) and only deduplicated.
   */
  readonly holdsState: (event: CanonicalEvent) => boolean;
  /** Set where the destination takes many events in one request: they are sent together, not one by one. */
  readonly batchRequest?: (events: readonly CanonicalEvent[]) => DirectRequest | undefined;
}

/** Each configured destination's module by name. */
const always = () => true;
const never = () => false;
const DESTINATION_MODULES: Readonly<Record<string, DestinationModule>> = {
  erp: { request: erpRequest, holdsState: always },
  // Contacts and deals are upserts; a shipment becomes a note appended to its deal.
  crm: { request: crmRequest, holdsState: (event) => event.type !== 'interchange.shipment.v1' },
  analytics: { request: analyticsRequest, batchRequest: analyticsBatchRequest, holdsState: never },
  // A 3PL order is created, then cancelled: its versions must reach the 3PL in order, or a late create follows a cancel.
  fulfillment: { request: fulfillmentRequest, holdsState: always },
  storefront: { request: storefrontRequest, holdsState: always },
};

/**
 * A destination without a module of its own receives the canonical CloudEvent unchanged, and is taken to keep the
 * latest state of each subject, so it is never sent an older change after a newer one.
 */
const CLOUD_EVENTS_RECEIVER: DestinationModule = { request: cloudEventsRequest, holdsState: always };

const moduleFor = (destination: string): DestinationModule =>
  (Object.hasOwn(DESTINATION_MODULES, destination) ? DESTINATION_MODULES[destination] : undefined) ??
  CLOUD_EVENTS_RECEIVER;

/**
 * A system that is both a source and a destination (under one name) is never sent back what it reported: it
 * already holds it, and writing it back can fire its webhook again and loop.
 */
const isEcho = (destination: string, event: CanonicalEvent): boolean => event.source === `interchange/${destination}`;

/** The request that delivers an event to a destination, or undefined when the destination has no use for it. */
export function requestFor(destination: string, event: CanonicalEvent): DestinationRequest | undefined {
  if (isEcho(destination, event)) return undefined;
  return moduleFor(destination).request(event);
}

/**
 * The subject an event changes at a destination and where the change stands, when that state must never go
 * backwards there; the connector claims it in the version guard before sending. Undefined for an append.
 */
export function orderedChangeFor(destination: string, event: CanonicalEvent): OrderedChange | undefined {
  if (isEcho(destination, event) || !moduleFor(destination).holdsState(event)) return undefined;
  return orderedChange(event);
}

/** The request that delivers several events at once, for destinations with a batch API; undefined otherwise. */
export function batchRequestFor(
  destination: string,
): ((events: readonly CanonicalEvent[]) => DirectRequest | undefined) | undefined {
  return moduleFor(destination).batchRequest;
}
