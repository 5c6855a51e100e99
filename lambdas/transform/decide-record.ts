import type { DeliveryTarget, TransformSettings } from '../../config/function-settings';
import type { EventAttributes } from '../shared/message-attributes';
import type { CanonicalEvent } from '../../schemas';
import type { MapResult, PayloadIssue } from './mappers';

/** One canonical event bound for one destination's delivery queue. */
export interface Delivery {
  readonly target: DeliveryTarget;
  readonly event: CanonicalEvent;
  readonly attributes: EventAttributes;
}

/** Why a record was set aside instead of delivered; the quarantine's reason attribute and a metric dimension. */
export type QuarantineReason = 'unparsable' | 'unsupported-event-type' | 'drift' | 'partial';

/** What the transform does with one ingest record. */
export type RecordDecision =
  | { readonly kind: 'deliver'; readonly deliveries: readonly Delivery[]; readonly unrouted: readonly string[] }
  | { readonly kind: 'quarantine'; readonly reason: QuarantineReason; readonly issues: readonly PayloadIssue[] }
  /** A partial record still within its attempts: back to the queue in case the source completes it. */
  | { readonly kind: 'hold-back'; readonly issues: readonly PayloadIssue[] };

/**
 * Turns a mapping result into deliveries, one per routed destination, or sets the record aside.
 * Drift is never retried (the payload will not change by waiting); a partial record waits for its
 * attempts to run out before it is quarantined with its missing fields named.
 */
export function decideRecord(
  result: MapResult,
  attributes: EventAttributes,
  receiveCount: number,
  settings: Pick<TransformSettings, 'routes' | 'maxPartialAttempts'>,
): RecordDecision {
  if (!result.ok) {
    if (result.reason === 'partial' && receiveCount < settings.maxPartialAttempts) {
      return { kind: 'hold-back', issues: result.issues };
    }
    return { kind: 'quarantine', reason: result.reason, issues: result.issues };
  }
  const deliveries: Delivery[] = [];
  const unrouted: string[] = [];
  for (const event of result.events) {
    const targets = settings.routes[event.type] ?? [];
    if (targets.length === 0) unrouted.push(event.type);
    for (const target of targets) {
      deliveries.push({
        target,
        event,
        attributes: { ...attributes, eventType: event.type, correlationId: event.correlationid },
      });
    }
  }
  return { kind: 'deliver', deliveries, unrouted };
}
