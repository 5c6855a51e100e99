import type { CanonicalEvent } from '../../../schemas';
import type { VersionedKey } from '../version-guard/version-key';
import { analyticsBatchRequest, analyticsRequest } from './analytics';
import { cloudEventsRequest } from './cloud-events-receiver';
import { crmRequest } from './crm';
import type { DestinationRequest } from './destination-request';
import { erpRequest } from './erp';
import { fulfillmentRequest } from './fulfillment';
import { storefrontRequest, storefrontVersionKey } from './storefront';

export type { DestinationRequest } from './destination-request';
export type { VersionedKey } from '../version-guard/version-key';

/** What the connector needs to know about one destination's API. */
interface DestinationModule {
  /** The request for an event, or undefined when the destination has no use for it. */
  readonly request: (event: CanonicalEvent) => DestinationRequest | undefined;
  /** Set where the destination keeps current state that must never go backwards (a stock count). */
  readonly versionKey?: (event: CanonicalEvent) => VersionedKey | undefined;
  /** Set where the destination takes many events in one request: they are sent together, not one by one. */
  readonly batchRequest?: (events: readonly CanonicalEvent[]) => DestinationRequest | undefined;
}

/** Each configured destination's module by name. */
const DESTINATION_MODULES: Readonly<Record<string, DestinationModule>> = {
  erp: { request: erpRequest },
  crm: { request: crmRequest },
  analytics: { request: analyticsRequest, batchRequest: analyticsBatchRequest },
  fulfillment: { request: fulfillmentRequest },
  storefront: { request: storefrontRequest, versionKey: storefrontVersionKey },
};

/** A destination without a module of its own receives the canonical CloudEvent unchanged. */
const CLOUD_EVENTS_RECEIVER: DestinationModule = { request: cloudEventsRequest };

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
 * The state an event would set at a destination and its version, when that state must never go backwards there;
 * the connector claims it in the version guard before sending. Undefined when the order of delivery is free.
 */
export function versionKeyFor(destination: string, event: CanonicalEvent): VersionedKey | undefined {
  if (isEcho(destination, event)) return undefined;
  return moduleFor(destination).versionKey?.(event);
}

/** The request that delivers several events at once, for destinations with a batch API; undefined otherwise. */
export function batchRequestFor(
  destination: string,
): ((events: readonly CanonicalEvent[]) => DestinationRequest | undefined) | undefined {
  return moduleFor(destination).batchRequest;
}
