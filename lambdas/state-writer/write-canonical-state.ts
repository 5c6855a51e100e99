import {
  ConditionalCheckFailedException,
  GetItemCommand,
  PutItemCommand,
  type AttributeValue,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { createHash } from 'node:crypto';
import { CANONICAL_STATE_PREFIX } from '../../config/function-settings';
import type { CanonicalEvent } from '../../schemas';
import {
  canonicalStateItem,
  canonicalStateItemOf,
  entityOfType,
  MAX_INLINE_DATA_BYTES,
  NEWER_WINS_CONDITION,
  refusedWriteKind,
  type VersionStamp,
} from '../shared/canonical-state-record';
import { claimCheckFor, parseClaimCheck, type ClaimCheck } from '../shared/claim-check';

/** What one write did: kept the event as the entity's state, or refused it as older than, or the same as, the stored one. */
export type StateWriteOutcome =
  | { readonly kind: 'written'; readonly replaced?: VersionStamp }
  | { readonly kind: 'stale'; readonly stored: VersionStamp }
  | { readonly kind: 'duplicate' };

/** The I/O of a state write: the table, and the payload bucket for data too large for an item. */
export interface StateWritePorts {
  readonly dynamodb: DynamoDBClient;
  readonly tableName: string;
  readonly bucket: string;
  readonly putObject: (key: string, body: string) => Promise<void>;
  readonly deleteObject: (key: string) => Promise<void>;
  readonly now: () => Date;
}

/**
 * Keeps `event` as its entity's state if it is newer than what is stored: ONE conditional PutItem, whose condition
 * is newer-wins on (entityVersion, entitySequence), so concurrent writers and redeliveries need no read first. A
 * refusal returns the stored item (at no extra cost) to tell a duplicate from a stale update.
 *
 * Data above MAX_INLINE_DATA_BYTES goes to the payload bucket first, under a key per version, and the item points
 * at it; the object a write replaces, or a refused write leaves behind, is deleted after.
 */
export async function writeCanonicalState(event: CanonicalEvent, ports: StateWritePorts): Promise<StateWriteOutcome> {
  const json = JSON.stringify(event.data);
  const incoming = { entityVersion: event.entityversion, entitySequence: event.entitysequence ?? 0 };
  let pointer: ClaimCheck | undefined;
  if (Buffer.byteLength(json, 'utf8') > MAX_INLINE_DATA_BYTES) {
    pointer = claimCheckFor(ports.bucket, largeDataKey(event, incoming), json);
    await ports.putObject(pointer.key, json);
  }
  const item = canonicalStateItem(
    event,
    ports.now().toISOString(),
    pointer ? { pointer: JSON.stringify(pointer) } : { inline: json },
  );
  try {
    const answer = await ports.dynamodb.send(
      new PutItemCommand({
        TableName: ports.tableName,
        Item: marshall(item, { removeUndefinedValues: true }),
        ConditionExpression: NEWER_WINS_CONDITION,
        ExpressionAttributeValues: {
          ':v': { N: String(incoming.entityVersion) },
          ':s': { N: String(incoming.entitySequence) },
        },
        ReturnValues: 'ALL_OLD',
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      }),
    );
    const replaced = storedOf(answer.Attributes);
    const replacedPointer = replaced?.dataPointer;
    if (replacedPointer && replacedPointer.key !== pointer?.key) await ports.deleteObject(replacedPointer.key);
    return { kind: 'written', ...(replaced ? { replaced: replaced.stamp } : {}) };
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
    // DynamoDB hands back the item that refused the write; a store that does not (dynalite) is asked for it.
    const stored = storedOf(error.Item ?? (await readStored(ports, item.pk)));
    if (pointer && stored?.dataPointer?.key !== pointer.key) await ports.deleteObject(pointer.key);
    if (!stored) return { kind: 'stale', stored: incoming };
    return refusedWriteKind(stored.stamp, { ...incoming, eventId: event.id }) === 'duplicate'
      ? { kind: 'duplicate' }
      : { kind: 'stale', stored: stored.stamp };
  }
}

async function readStored(ports: StateWritePorts, pk: string): Promise<Record<string, AttributeValue> | undefined> {
  const answer = await ports.dynamodb.send(
    new GetItemCommand({ TableName: ports.tableName, Key: { pk: { S: pk } }, ConsistentRead: true }),
  );
  return answer.Item;
}

function storedOf(attributes: Record<string, AttributeValue> | undefined) {
  const item = canonicalStateItemOf(attributes ? unmarshall(attributes) : undefined);
  if (!item) return undefined;
  const pointer = item.dataPointer ? parseClaimCheck(item.dataPointer) : undefined;
  return {
    stamp: { entityVersion: item.entityVersion, entitySequence: item.entitySequence, eventId: item.eventId },
    ...(pointer ? { dataPointer: pointer } : {}),
  };
}

/** One object per entity version: a write refused or replaced never touches the object another write points at. */
function largeDataKey(event: CanonicalEvent, stamp: VersionStamp): string {
  const hash = (text: string) => createHash('sha256').update(text).digest('hex');
  const name = `${stamp.entityVersion}-${stamp.entitySequence}-${hash(event.id).slice(0, 16)}`;
  return `${CANONICAL_STATE_PREFIX}/${entityOfType(event.type)}/${hash(event.subject)}/${name}.json`;
}
