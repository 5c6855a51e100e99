import {
  GetItemCommand,
  UpdateItemCommand,
  type AttributeValue,
  type ConditionalCheckFailedException,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import { decideClaim, type ClaimOutcome, type ConfirmOutcome } from './claim-decision';
import { VERSION_ATTRIBUTES as A, versionPartition, versionRecordFrom } from './version-record';

/** Where a destination's guard records live and how long a claim holds. */
export interface VersionGuardOptions {
  readonly client: DynamoDBClient;
  /** The state table (config/tables.ts STATE_TABLE: `pk`, `sk`). */
  readonly tableName: string;
  readonly destination: string;
  /**
   * How long a claim keeps other deliveries of its key waiting. It must outlast everything between claim and
   * confirm (auth token, the send and its retry after a 401), or a slow send could land after a newer one.
   */
  readonly leaseMs: number;
  readonly now?: () => number;
}

/** Keeps one destination's versioned state from going backwards: claim before sending, confirm or release after. */
export interface VersionGuard {
  /** Takes the key for `version`, or says why not: a newer version is applied, or another delivery holds it. */
  claim(key: string, version: number, owner: string): Promise<ClaimOutcome>;
  /** Records `version` as applied and frees the key; call once the destination accepted the send. */
  confirm(key: string, version: number, owner: string): Promise<ConfirmOutcome>;
  /** Frees the key without applying anything, so the same version can be claimed again by its retry. */
  release(key: string, owner: string): Promise<void>;
}

/** A guard call that failed for a reason other than its condition (throttling, network): the delivery is retried. */
export class VersionGuardError extends Error {
  override readonly name = 'VersionGuardError';
}

/**
 * Claimable (decideClaim's rule): newer than what was applied, and no other owner's lease stands in the way, live
 * or run out on a newer version. Confirm writes under it too, so a confirm after a lost lease records nothing.
 */
const CLAIMABLE =
  `(attribute_not_exists(${A.appliedVersion}) OR ${A.appliedVersion} < :version) AND ` +
  `(attribute_not_exists(${A.leaseOwner}) OR ${A.leaseOwner} = :owner OR ` +
  `(${A.leaseExpiresAt} <= :now AND ${A.leaseVersion} <= :version))`;
const DROP_LEASE = `REMOVE ${A.leaseOwner}, ${A.leaseVersion}, ${A.leaseExpiresAt}`;
/** A read between a refused write and its explanation may see the key freed meanwhile; then the write is retried. */
const MAX_CLAIM_ATTEMPTS = 3;

const n = (value: number): AttributeValue => ({ N: String(value) });

/** By name rather than instanceof, so a client built from another copy of the SDK is recognised too. */
const isConditionRefusal = (error: unknown): error is ConditionalCheckFailedException =>
  error instanceof Error && error.name === 'ConditionalCheckFailedException';

/** The version guard on the state table, with conditional writes so concurrent connectors agree on one winner. */
export function createVersionGuard(options: VersionGuardOptions): VersionGuard {
  const { client, tableName, destination, leaseMs } = options;
  const now = options.now ?? Date.now;
  const keyOf = (key: string) => ({ pk: { S: versionPartition(destination) }, sk: { S: key } });

  const conditional = async (command: UpdateItemCommand, doing: string, key: string) => {
    try {
      await client.send(command);
      return { ok: true } as const;
    } catch (error) {
      if (isConditionRefusal(error)) return { ok: false, item: error.Item } as const;
      throw new VersionGuardError(`could not ${doing} ${key} at ${destination}`, { cause: error });
    }
  };

  const read = async (key: string) => {
    try {
      const { Item } = await client.send(
        new GetItemCommand({ TableName: tableName, Key: keyOf(key), ConsistentRead: true }),
      );
      return Item;
    } catch (error) {
      throw new VersionGuardError(`could not read ${key} at ${destination}`, { cause: error });
    }
  };

  const claim = async (key: string, version: number, owner: string): Promise<ClaimOutcome> => {
    for (let attempt = 1; ; attempt += 1) {
      const at = now();
      const written = await conditional(
        new UpdateItemCommand({
          TableName: tableName,
          Key: keyOf(key),
          UpdateExpression: `SET ${A.leaseOwner} = :owner, ${A.leaseVersion} = :version, ${A.leaseExpiresAt} = :expires`,
          ConditionExpression: CLAIMABLE,
          ExpressionAttributeValues: {
            ':owner': { S: owner },
            ':version': n(version),
            ':now': n(at),
            ':expires': n(at + leaseMs),
          },
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
        'claim',
        key,
      );
      if (written.ok) return { outcome: 'claimed' };
      // DynamoDB returns the refusing item; a store that does not (dynalite) is read back consistently instead.
      const item = written.item ?? (await read(key));
      const decision = decideClaim(versionRecordFrom(item), version, owner, written.item ? at : now());
      if (decision.outcome !== 'claimed') return decision;
      if (attempt >= MAX_CLAIM_ATTEMPTS) return { outcome: 'busy', retryAfterMs: 0 };
    }
  };

  const confirm = async (key: string, version: number, owner: string): Promise<ConfirmOutcome> => {
    const at = now();
    const written = await conditional(
      new UpdateItemCommand({
        TableName: tableName,
        Key: keyOf(key),
        UpdateExpression: `SET ${A.appliedVersion} = :version, ${A.appliedAt} = :appliedAt ${DROP_LEASE}`,
        ConditionExpression: CLAIMABLE,
        ExpressionAttributeValues: {
          ':owner': { S: owner },
          ':version': n(version),
          ':now': n(at),
          ':appliedAt': { S: new Date(at).toISOString() },
        },
      }),
      'confirm',
      key,
    );
    return written.ok ? { outcome: 'confirmed' } : { outcome: 'lease-lost' };
  };

  const release = async (key: string, owner: string): Promise<void> => {
    // A lease already taken over or gone needs no release: the condition failing is the expected answer then.
    await conditional(
      new UpdateItemCommand({
        TableName: tableName,
        Key: keyOf(key),
        UpdateExpression: DROP_LEASE,
        ConditionExpression: `${A.leaseOwner} = :owner`,
        ExpressionAttributeValues: { ':owner': { S: owner } },
      }),
      'release',
      key,
    );
  };

  return { claim, confirm, release };
}
