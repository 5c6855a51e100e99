import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { VersionRecord } from './claim-decision';

/** Attribute names of a guard record in the state table (`pk` `version#<destination>`, `sk` the subject key). */
export const VERSION_ATTRIBUTES = {
  appliedVersion: 'appliedVersion',
  appliedSequence: 'appliedSequence',
  appliedEventId: 'appliedEventId',
  appliedAt: 'appliedAt',
  claimedVersion: 'claimedVersion',
  claimedSequence: 'claimedSequence',
  claimedEventId: 'claimedEventId',
  leaseOwner: 'leaseOwner',
  leaseVersion: 'leaseVersion',
  leaseSequence: 'leaseSequence',
  leaseEventId: 'leaseEventId',
  leaseExpiresAt: 'leaseExpiresAt',
} as const;

/** Partition key of one destination's guard records in the state table. */
export function versionPartition(destination: string): string {
  return `version#${destination}`;
}

const numberOf = (value: AttributeValue | undefined): number | undefined => {
  if (value?.N === undefined) return undefined;
  const parsed = Number(value.N);
  return Number.isFinite(parsed) ? parsed : undefined;
};

/**
 * Reads a stored item, from a GetItem or from a refused write's ALL_OLD copy. A lease missing its owner, version or
 * expiry is treated as no lease, since a claim always writes them together; a missing sequence reads as 0 (records
 * written before sequences existed).
 */
export function versionRecordFrom(item: Record<string, AttributeValue> | undefined): VersionRecord | undefined {
  if (item === undefined) return undefined;
  const A = VERSION_ATTRIBUTES;
  const appliedVersion = numberOf(item[A.appliedVersion]);
  const appliedEventId = item[A.appliedEventId]?.S;
  const owner = item[A.leaseOwner]?.S;
  const version = numberOf(item[A.leaseVersion]);
  const expiresAtMs = numberOf(item[A.leaseExpiresAt]);
  const leaseEventId = item[A.leaseEventId]?.S;
  const claimedVersion = numberOf(item[A.claimedVersion]);
  const claimedEventId = item[A.claimedEventId]?.S;
  return {
    ...(appliedVersion !== undefined
      ? {
          applied: {
            version: appliedVersion,
            sequence: numberOf(item[A.appliedSequence]) ?? 0,
            ...(appliedEventId !== undefined ? { eventId: appliedEventId } : {}),
          },
        }
      : {}),
    ...(claimedVersion !== undefined
      ? {
          claimed: {
            version: claimedVersion,
            sequence: numberOf(item[A.claimedSequence]) ?? 0,
            ...(claimedEventId !== undefined ? { eventId: claimedEventId } : {}),
          },
        }
      : {}),
    ...(owner !== undefined && version !== undefined && expiresAtMs !== undefined
      ? {
          lease: {
            owner,
            version,
            sequence: numberOf(item[A.leaseSequence]) ?? 0,
            expiresAtMs,
            ...(leaseEventId !== undefined ? { eventId: leaseEventId } : {}),
          },
        }
      : {}),
  };
}
