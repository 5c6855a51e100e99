import {
  GetItemCommand,
  UpdateItemCommand,
  type AttributeValue,
  type ConditionalCheckFailedException,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import { decideClaim, type ClaimOutcome, type ClaimRequest, type ConfirmOutcome } from './claim-decision';
import { VERSION_ATTRIBUTES as A, versionPartition, versionRecordFrom } from './version-record';

/** Where a destination's guard records live and how long a claim holds. */
export interface VersionGuardOptions {
  readonly client: DynamoDBClient;
  /** The state table (config/tables.ts STATE_TABLE: `pk`, `sk`). */
  readonly tableName: string;
  readonly destination: string;
  /**
   * How long a claim keeps other deliveries of its subject waiting. It must outlast everything between claim and
   * confirm (auth token, the send and its retry after a 401), or a slow send could land after a newer one.
   */
  readonly leaseMs: number;
  readonly now?: () => number;
}

/**
 * Keeps one destination's subjects from going backwards and delivers each change once: claim before sending,
 * then confirm, release, or fence after. One item per destination and subject does both ordering and
 * idempotency: the applied change's event id tells a duplicate from a stale change.
 */
export interface VersionGuard {
  /** Takes the subject for a change, or says why not: done already, superseded, or another delivery holds it. */
  claim(key: string, change: ClaimRequest, owner: string): Promise<ClaimOutcome>;
  /** Records the change as applied and frees the subject; call once the destination accepted the send. */
  confirm(key: string, change: ClaimRequest, owner: string): Promise<ConfirmOutcome>;
  /** Frees the subject without applying anything, so the same change can be claimed again by its retry. */
  release(key: string, owner: string): Promise<void>;
  /**
   * Keeps the subject held until `untilMs` after a send whose outcome is unknown (a timeout): the write may still
   * land, so no later change may be sent before then. The change's own retry may claim it again afterwards.
   */
  fence(key: string, owner: string, untilMs: number): Promise<void>;
}

/** A guard call that failed for a reason other than its condition (throttling, network): the delivery is retried. */
export class VersionGuardError extends Error {
  override readonly name = 'VersionGuardError';
}

/**
 * Claimable (decideClaim's rule): not the event applied last, after what was applied, after the newest change claimed
 * unless it is that change retried, and no other owner's live lease in the way. Confirm writes under it too, so a
 * confirm after a lost lease records nothing. Items written before sequences existed have none, which reads as 0.
 *
 * Each clause is an OR of AND-terms written without inner parentheses, relying on AND binding tighter than OR (the
 * precedence DynamoDB documents). Nested parentheses parsed in 150-400 ms per request in dynalite, whose parser
 * backtracks at every parenthesis, and local mode's one thread spent its time there; flat, it parses in about a
 * millisecond.
 */
const CLAIMABLE =
  `(attribute_not_exists(${A.appliedEventId}) OR ${A.appliedEventId} <> :eventId) AND ` +
  `(attribute_not_exists(${A.appliedVersion}) OR ${A.appliedVersion} < :version OR ` +
  `${A.appliedVersion} = :version AND ${A.appliedSequence} < :sequence OR ` +
  `${A.appliedVersion} = :version AND attribute_not_exists(${A.appliedSequence}) AND :zero < :sequence) AND ` +
  `(attribute_not_exists(${A.claimedVersion}) OR ${A.claimedEventId} = :eventId OR ` +
  `${A.claimedVersion} < :version OR ${A.claimedVersion} = :version AND ${A.claimedSequence} < :sequence) AND ` +
  `(attribute_not_exists(${A.leaseOwner}) OR ${A.leaseOwner} = :owner OR ${A.leaseExpiresAt} <= :now)`;
const DROP_LEASE = `REMOVE ${A.leaseOwner}, ${A.leaseVersion}, ${A.leaseSequence}, ${A.leaseEventId}, ${A.leaseExpiresAt}`;
/** A read between a refused write and its explanation may see the subject freed meanwhile; then the write is retried. */
const MAX_CLAIM_ATTEMPTS = 3;

const n = (value: number): AttributeValue => ({ N: String(value) });

/** By name rather than instanceof, so a client built from another copy of the SDK is recognised too. */
const isConditionRefusal = (error: unknown): error is ConditionalCheckFailedException =>
  error instanceof Error && error.name === 'ConditionalCheckFailedException';

const changeValues = (change: ClaimRequest, owner: string, at: number) => ({
  ':owner': { S: owner },
  ':version': n(change.version),
  ':sequence': n(change.sequence),
  ':eventId': { S: change.eventId },
  ':zero': n(0),
  ':now': n(at),
});

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

  const claim = async (key: string, change: ClaimRequest, owner: string): Promise<ClaimOutcome> => {
    for (let attempt = 1; ; attempt += 1) {
      const at = now();
      const written = await conditional(
        new UpdateItemCommand({
          TableName: tableName,
          Key: keyOf(key),
          // The claimed change is kept apart from the lease: a release or a later claim ends the lease, while the
          // change may still land (an earlier attempt with no answer) or will be retried.
          UpdateExpression:
            `SET ${A.leaseOwner} = :owner, ${A.leaseVersion} = :version, ${A.leaseSequence} = :sequence, ` +
            `${A.leaseEventId} = :eventId, ${A.leaseExpiresAt} = :expires, ${A.claimedVersion} = :version, ` +
            `${A.claimedSequence} = :sequence, ${A.claimedEventId} = :eventId`,
          ConditionExpression: CLAIMABLE,
          ExpressionAttributeValues: { ...changeValues(change, owner, at), ':expires': n(at + leaseMs) },
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
        'claim',
        key,
      );
      if (written.ok) return { outcome: 'claimed' };
      // DynamoDB returns the refusing item; a store that does not (dynalite) is read back consistently instead.
      const item = written.item ?? (await read(key));
      const decision = decideClaim(versionRecordFrom(item), change, owner, written.item ? at : now());
      if (decision.outcome !== 'claimed') return decision;
      if (attempt >= MAX_CLAIM_ATTEMPTS) return { outcome: 'busy', retryAfterMs: 0, sameEvent: false };
    }
  };

  const confirm = async (key: string, change: ClaimRequest, owner: string): Promise<ConfirmOutcome> => {
    const at = now();
    const written = await conditional(
      new UpdateItemCommand({
        TableName: tableName,
        Key: keyOf(key),
        UpdateExpression:
          `SET ${A.appliedVersion} = :version, ${A.appliedSequence} = :sequence, ` +
          `${A.appliedEventId} = :eventId, ${A.appliedAt} = :appliedAt ${DROP_LEASE}`,
        ConditionExpression: CLAIMABLE,
        ExpressionAttributeValues: {
          ...changeValues(change, owner, at),
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

  const fence = async (key: string, owner: string, untilMs: number): Promise<void> => {
    await conditional(
      new UpdateItemCommand({
        TableName: tableName,
        Key: keyOf(key),
        UpdateExpression: `SET ${A.leaseExpiresAt} = :until`,
        ConditionExpression: `${A.leaseOwner} = :owner`,
        ExpressionAttributeValues: { ':owner': { S: owner }, ':until': n(untilMs) },
      }),
      'fence',
      key,
    );
  };

  return { claim, confirm, release, fence };
}
