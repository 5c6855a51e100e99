import type { CanonicalEvent } from '../../../schemas';

/** One webhook delivery as the transform receives it from the ingest queue. */
export interface VendorRecord {
  readonly source: string;
  /** The vendor's topic (e.g. 'orders/create'), or '' when the vendor puts the type in the body. */
  readonly eventType: string;
  /** The raw JSON text, exactly as the vendor sent it. */
  readonly body: string;
  readonly correlationId: string;
  /** ISO timestamp of when ingest accepted the webhook. */
  readonly receivedAt: string;
  /** The vendor's id of the change, when it sends one in a header (Shopify's `X-Shopify-Event-Id`). */
  readonly vendorEventId?: string;
  /** Orders changes of one entity within the same version, in epoch microseconds (see `entitysequence`). */
  readonly sequence?: number;
}

/** One thing wrong with a payload, located by its dotted path in the vendor's JSON (e.g. 'line_items.0.price'). */
export interface PayloadIssue {
  readonly path: string;
  readonly message: string;
}

/** Where the source's API holds the full record of a partial payload. */
export interface CompletionHint {
  /** The entity as the source's API names it, e.g. 'contacts' (HubSpot), 'items' (Business Central). */
  readonly entity: string;
  readonly id: string;
}

/**
 * What mapping one vendor record gives: canonical events, or why not.
 * - unparsable: the body is not JSON.
 * - unsupported-event-type: no mapper for this source and type (or no such source).
 * - drift: the payload no longer fits what the mapper relies on (a field missing, renamed or retyped); not retried.
 * - partial: the payload fits but lacks fields the canonical contract requires; complete it or hold it back.
 */
export type MapResult =
  | {
      readonly ok: true;
      readonly events: readonly CanonicalEvent[];
      /** Paths present in the payload that the mapper's vendor schema does not know (tolerated, counted). */
      readonly unknownFields: readonly string[];
    }
  | {
      readonly ok: false;
      readonly reason: 'unparsable' | 'unsupported-event-type' | 'drift' | 'partial';
      readonly issues: readonly PayloadIssue[];
      readonly completion?: CompletionHint;
    };

/** A MapResult that failed, for code that only builds failures. */
export type MapFailure = Extract<MapResult, { ok: false }>;

/** Builds a failed result; `completion` is kept only when given, so results compare cleanly. */
export function mapFailure(
  reason: MapFailure['reason'],
  issues: readonly PayloadIssue[],
  completion?: CompletionHint,
): MapFailure {
  return completion === undefined ? { ok: false, reason, issues } : { ok: false, reason, issues, completion };
}

/** The answer for a source or type no mapper handles. */
export function unsupportedEventType(record: Pick<VendorRecord, 'source' | 'eventType'>, detail?: string): MapFailure {
  const message = detail ?? `no mapper for event type "${record.eventType}" from source "${record.source}"`;
  return mapFailure('unsupported-event-type', [{ path: '', message }]);
}
