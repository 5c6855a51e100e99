import { GetItemCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { putIfUnchanged } from '../versioned-put';
import { bucketFromItem, bucketItem, bucketKey, type VersionedBucket } from './bucket-record';
import { DEFAULT_MAX_TOKENS_PER_CALL, validateRateOptions, type RateOptions } from './rate-options';
import {
  decrease,
  fullBucket,
  increase,
  shardCount,
  shardLimits,
  take,
  withinLimits,
  type Take,
  type TokenBucket,
} from './token-bucket';

/** Send now, or not before `waitMs` from now. */
export type RateGrant = { readonly granted: true } | { readonly granted: false; readonly waitMs: number };

/** One destination's send rate, shared by every concurrent Lambda instance. */
export interface SharedRateLimiter {
  /** One token for one send. Calls made together share one round trip to the table. */
  acquire(): Promise<RateGrant>;
  /** The destination answered 429: halve the rate for everyone, and pause everyone for its Retry-After. */
  onThrottled(retryAfterSeconds?: number): Promise<void>;
  /** A send went through; counted here and carried to the table by the next acquire, at no extra call. */
  onSuccess(): void;
  /** The live rate last seen, without a call: for metrics and logs. */
  currentRate(): number;
}

/** Options of a shared rate limiter; the client is the caller's, so its lifetime is too. */
export interface SharedRateLimiterOptions extends RateOptions {
  readonly client: DynamoDBClient;
  readonly now?: () => number;
}

/** The state table could not be read or written; the record fails and SQS tries it again later. */
export class RateStateUnavailableError extends Error {
  override readonly name = 'RateStateUnavailableError';
}

/** Attempts at a write that keeps losing to other instances before the sends are told to come back. */
const MAX_CONFLICTS = 8;

interface Waiter {
  readonly resolve: (grant: RateGrant) => void;
  readonly reject: (error: unknown) => void;
}

const GRANTED: RateGrant = { granted: true };

/**
 * A token bucket per destination in the state table (pk `rate#<destination>`, sk `bucket`), changed only by
 * conditional writes on its version, so no two instances spend the same token. The rate starts at the ceiling;
 * a 429 halves it and a Retry-After pauses every instance; runs of successes raise it back step by step.
 *
 * Acquires made together (the records of one SQS batch, processed in parallel) are served by one conditional
 * write for up to `maxTokensPerCall` tokens, so the table costs about one write per batch, not one per send.
 *
 * One item grants about one batch per round trip however many instances contend for it, so a ceiling above
 * `SHARD_CEILING_PER_SECOND` is split over several items (pk `rate#<destination>#<n>`), each holding its share of
 * the rate: an instance takes from the shards in turn, starting at a random one, and a 429 or Retry-After is
 * written to all of them.
 */
export function createSharedRateLimiter(options: SharedRateLimiterOptions): SharedRateLimiter {
  const { client, tableName, destination } = options;
  const wholeLimits = validateRateOptions(options);
  const shards = options.shards ?? shardCount(wholeLimits.ceilingPerSecond);
  const limits = shardLimits(wholeLimits, shards);
  const maxTokensPerCall = options.maxTokensPerCall ?? DEFAULT_MAX_TOKENS_PER_CALL;
  const now = options.now ?? Date.now;
  const known: (VersionedBucket | undefined)[] = Array.from({ length: shards }, () => undefined);
  /** The shard the next call takes from: instances start at random ones, so their calls spread over all shards. */
  let turn = Math.floor(Math.random() * shards);
  /** The shard last read or written, whose rate stands for the destination's in metrics. */
  let lastShard = turn;
  let pendingSuccesses = 0;
  let waiting: Waiter[] = [];
  let draining: Promise<void> | undefined;

  const load = async (shard: number): Promise<VersionedBucket> => {
    const answer = await client
      .send(new GetItemCommand({ TableName: tableName, Key: bucketKey(destination, shard), ConsistentRead: true }))
      .catch((error: unknown) => {
        throw new RateStateUnavailableError(`cannot read the rate of ${destination}`, { cause: error });
      });
    const read = bucketFromItem(answer.Item) ?? { bucket: fullBucket(limits, now()), version: 0 };
    known[shard] = read;
    lastShard = shard;
    return read;
  };

  /** Writes `next` over `read`; false when another instance wrote first. */
  const write = async (shard: number, read: VersionedBucket, next: TokenBucket): Promise<boolean> => {
    const version = read.version + 1;
    let written: boolean;
    try {
      const item = bucketItem(destination, shard, next, version, now());
      written = await putIfUnchanged(client, tableName, item, read.version);
    } catch (error) {
      throw new RateStateUnavailableError(`cannot write the rate of ${destination}`, { cause: error });
    }
    if (!written) return false;
    known[shard] = { bucket: next, version };
    lastShard = shard;
    return true;
  };

  /**
   * Takes tokens from the newest state of one shard. A refusal is decided on a fresh read, unless the cached bucket
   * is paused: a pause is only ever extended, so that refusal holds whatever other instances did since.
   */
  const takeShared = async (shard: number, wanted: number): Promise<Take> => {
    const cached = known[shard];
    let fresh = cached === undefined;
    let read = cached ?? (await load(shard));
    for (let conflicts = 0; conflicts < MAX_CONFLICTS; conflicts += 1) {
      const folded = pendingSuccesses;
      const taken = take(increase(withinLimits(read.bucket, limits), limits, folded), wanted, limits, now());
      if (taken.granted === 0 && (fresh || now() < read.bucket.pausedUntilMs)) return taken;
      if (taken.granted > 0 && (await write(shard, read, taken.bucket))) {
        pendingSuccesses = Math.max(0, pendingSuccesses - folded);
        return taken;
      }
      read = await load(shard);
      fresh = true;
    }
    const intervalMs = Math.ceil(1000 / withinLimits(read.bucket, limits).ratePerSecond);
    return { bucket: read.bucket, granted: 0, waitsMs: Array.from({ length: wanted }, () => intervalMs) };
  };

  /** A 429 on one shard: halved and paused like a bucket of its own. */
  const throttleShard = async (shard: number, retryAfterMs: number | undefined): Promise<void> => {
    let read = known[shard] ?? (await load(shard));
    for (let conflicts = 0; conflicts < MAX_CONFLICTS; conflicts += 1) {
      const next = decrease(withinLimits(read.bucket, limits), limits, now(), retryAfterMs);
      if (await write(shard, read, next)) return;
      read = await load(shard);
    }
  };

  const drain = async (): Promise<void> => {
    // One turn of the event loop lets the other records of the batch join this round trip.
    await new Promise((resolve) => setImmediate(resolve));
    try {
      while (waiting.length > 0) {
        const served = waiting.slice(0, maxTokensPerCall);
        waiting = waiting.slice(maxTokensPerCall);
        try {
          const shard = turn;
          turn = (turn + 1) % shards;
          const { granted, waitsMs } = await takeShared(shard, served.length);
          served.forEach((waiter, index) =>
            waiter.resolve(index < granted ? GRANTED : { granted: false, waitMs: waitsMs[index - granted] ?? 1 }),
          );
        } catch (error) {
          served.forEach((waiter) => waiter.reject(error));
        }
      }
    } finally {
      draining = undefined;
    }
  };

  return {
    acquire() {
      return new Promise<RateGrant>((resolve, reject) => {
        waiting.push({ resolve, reject });
        draining ??= drain();
      });
    },
    async onThrottled(retryAfterSeconds) {
      if (retryAfterSeconds !== undefined && !(Number.isFinite(retryAfterSeconds) && retryAfterSeconds >= 0)) {
        throw new RangeError(`retryAfterSeconds must be a finite number >= 0, got ${retryAfterSeconds}`);
      }
      const retryAfterMs = retryAfterSeconds === undefined ? undefined : retryAfterSeconds * 1000;
      pendingSuccesses = 0;
      await Promise.all(Array.from({ length: shards }, (_, shard) => throttleShard(shard, retryAfterMs)));
    },
    onSuccess() {
      const last = known[lastShard];
      if (last === undefined || withinLimits(last.bucket, limits).ratePerSecond < limits.ceilingPerSecond) {
        pendingSuccesses += 1;
      }
    },
    currentRate() {
      const last = known[lastShard];
      return (last ? withinLimits(last.bucket, limits).ratePerSecond : limits.ceilingPerSecond) * shards;
    },
  };
}
