import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { VersionRecord } from './claim-decision';

/** Attribute names of a guard record in the state table (`pk` `version#<destination>`, `sk` the key). */
export const VERSION_ATTRIBUTES = {
  appliedVersion: 'appliedVersion',
  appliedAt: 'appliedAt',
  leaseOwner: 'leaseOwner',
  leaseVersion: 'leaseVersion',
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
 * Reads a stored item, from a GetItem or from a refused write's ALL_OLD copy. A lease missing any of its three
 * attributes is treated as no lease, since a claim always writes all three together.
 */
export function versionRecordFrom(item: Record<string, AttributeValue> | undefined): VersionRecord | undefined {
  if (item === undefined) return undefined;
  const appliedVersion = numberOf(item[VERSION_ATTRIBUTES.appliedVersion]);
  const owner = item[VERSION_ATTRIBUTES.leaseOwner]?.S;
  const version = numberOf(item[VERSION_ATTRIBUTES.leaseVersion]);
  const expiresAtMs = numberOf(item[VERSION_ATTRIBUTES.leaseExpiresAt]);
  return {
    ...(appliedVersion !== undefined ? { appliedVersion } : {}),
    ...(owner !== undefined && version !== undefined && expiresAtMs !== undefined
      ? { lease: { owner, version, expiresAtMs } }
      : {}),
  };
}
