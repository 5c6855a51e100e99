import type { CanonicalEventType } from '../../schemas';
import { isNewer, type VersionStamp } from '../shared/canonical-state-record';
import type { ListedRecord } from './list-apis';

/** A canonical entity a listed record maps to, at the version the record holds. */
export interface MappedEntity {
  readonly type: CanonicalEventType;
  /** The canonical state's key of the entity (`order#storefront:820982911946154508`). */
  readonly key: string;
  readonly version: number;
}

/** A listed record and what it maps to; `entities` is undefined when it does not map (drift, partial). */
export interface ReconciledRecord {
  readonly record: ListedRecord;
  readonly entities?: readonly MappedEntity[];
  /** Why the record does not map, for the log. */
  readonly unmapped?: string;
}

/** What a page's records come to once compared with the canonical state. */
export interface MissedChanges {
  /** Records to feed to the pipeline, in page order. */
  readonly send: readonly ReconciledRecord[];
  /** Changes whose webhooks never came, by canonical type: the entity is unknown or older in the canonical state. */
  readonly missedByType: ReadonlyMap<CanonicalEventType, number>;
}

/**
 * Decides which records of a page the pipeline has not seen: one whose entity the canonical state lacks, or holds
 * at an older version, was missed. One the canonical state holds at the same version or newer is known and never
 * re-sent (a listed record has no sequence: at an equal version the stored change, whatever its sequence, wins). A record that does not map cannot be compared: it is sent, so the transform quarantines it with its
 * reason rather than the poller dropping it unseen.
 */
export function missedChanges(
  records: readonly ReconciledRecord[],
  knownVersions: ReadonlyMap<string, VersionStamp>,
): MissedChanges {
  const send: ReconciledRecord[] = [];
  const missedByType = new Map<CanonicalEventType, number>();
  for (const reconciled of records) {
    if (reconciled.entities === undefined) {
      send.push(reconciled);
      continue;
    }
    const missed = reconciled.entities.filter((entity) =>
      isNewer(knownVersions.get(entity.key), { entityVersion: entity.version, entitySequence: 0 }),
    );
    if (missed.length === 0) continue;
    send.push(reconciled);
    for (const entity of missed) missedByType.set(entity.type, (missedByType.get(entity.type) ?? 0) + 1);
  }
  return { send, missedByType };
}
