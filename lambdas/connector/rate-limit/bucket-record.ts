import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { TokenBucket } from './token-bucket';

/** A bucket as read, with the version its next write must still find. */
export interface VersionedBucket {
  readonly bucket: TokenBucket;
  /** 0 when no item exists yet. */
  readonly version: number;
}

/** An idle destination's bucket is dropped by DynamoDB's TTL a week after its last send; it restarts at the ceiling. */
const RETENTION_SECONDS = 7 * 24 * 60 * 60;

/**
 * The key of one of a destination's buckets in the shared state table; a destination with one bucket has shard 0.
 * Each shard has a partition key of its own, so DynamoDB's per-partition write limit applies to each separately.
 */
export function bucketKey(destination: string, shard: number): Record<string, AttributeValue> {
  return { pk: { S: shard === 0 ? `rate#${destination}` : `rate#${destination}#${shard}` }, sk: { S: 'bucket' } };
}

/** The item that stores `bucket` as `version`. */
export function bucketItem(
  destination: string,
  shard: number,
  bucket: TokenBucket,
  version: number,
  nowMs: number,
): Record<string, AttributeValue> {
  const numeric = (value: number): AttributeValue => ({ N: String(value) });
  return {
    ...bucketKey(destination, shard),
    tokens: numeric(bucket.tokens),
    refilledAt: numeric(bucket.refilledAtMs),
    rate: numeric(bucket.ratePerSecond),
    pausedUntil: numeric(bucket.pausedUntilMs),
    successes: numeric(bucket.successes),
    decreasedAt: numeric(bucket.decreasedAtMs),
    version: numeric(version),
    expiresAt: numeric(Math.floor(nowMs / 1000) + RETENTION_SECONDS),
  };
}

/** The bucket an item holds, or undefined when there is none yet. Throws on an item that is not a bucket. */
export function bucketFromItem(item: Record<string, AttributeValue> | undefined): VersionedBucket | undefined {
  if (item === undefined) return undefined;
  const read = (attribute: string): number => {
    const value = Number(item[attribute]?.N);
    if (item[attribute]?.N === undefined || !Number.isFinite(value)) {
      throw new MalformedBucketItemError(`${attribute} is not a number`);
    }
    return value;
  };
  const bucket: TokenBucket = {
    tokens: read('tokens'),
    refilledAtMs: read('refilledAt'),
    ratePerSecond: read('rate'),
    pausedUntilMs: read('pausedUntil'),
    successes: read('successes'),
    decreasedAtMs: read('decreasedAt'),
  };
  return { bucket, version: read('version') };
}

/** A rate item that cannot be read as a bucket: deleting it restarts the destination at its ceiling. */
export class MalformedBucketItemError extends Error {
  override readonly name = 'MalformedBucketItemError';
  constructor(detail: string) {
    super(`rate limit item is malformed (${detail}); delete it to restart at the ceiling`);
  }
}
