import {
  BatchGetItemCommand,
  GetItemCommand,
  QueryCommand,
  type AttributeValue,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import {
  CANONICAL_STATE_BY_SKU_INDEX,
  CANONICAL_STATE_INDEX,
  canonicalStateItemOf,
  type CanonicalEntity,
  type CanonicalStateItem,
} from '../shared/canonical-state-record';
import { isClaimedBody, parseClaimCheck, type ClaimCheck } from '../shared/claim-check';
import type { ListCursor } from './read-request';

/** The I/O of reads: the table, and the payload bucket holding data too large for an item. */
export interface StateReadPorts {
  readonly dynamodb: DynamoDBClient;
  readonly tableName: string;
  readonly getObject: (check: ClaimCheck) => Promise<string>;
}

/** A stored state with its canonical data, parsed. */
export interface StoredState {
  readonly item: CanonicalStateItem;
  readonly data: unknown;
}

/** The canonical data of a stored item could not be had whole: its pointer is broken or its object differs. */
export class CanonicalDataUnavailableError extends Error {
  override readonly name = 'CanonicalDataUnavailableError';
}

/**
 * One entity's state by key, or undefined. Eventually consistent (half the cost of a strong read): a change written
 * a moment ago may be seen a moment later, which the ETag makes visible to a caller who cares.
 */
export async function readCanonicalState(ports: StateReadPorts, pk: string): Promise<StoredState | undefined> {
  const answer = await ports.dynamodb.send(new GetItemCommand({ TableName: ports.tableName, Key: { pk: { S: pk } } }));
  const item = canonicalStateItemOf(answer.Item ? unmarshall(answer.Item) : undefined);
  return item ? { item, data: await dataOf(ports, item) } : undefined;
}

/**
 * One page of an entity's states written at or after `updatedSince`, oldest first: the keys from the index (keys
 * only, so state writes stay cheap), then the items by key, in the index's order.
 */
export async function listCanonicalStates(
  ports: StateReadPorts,
  request: { entity: CanonicalEntity; updatedSince?: string; limit: number; cursor?: ListCursor },
): Promise<{ states: StoredState[]; next?: ListCursor }> {
  const page = await ports.dynamodb.send(
    new QueryCommand({
      TableName: ports.tableName,
      IndexName: CANONICAL_STATE_INDEX,
      KeyConditionExpression: 'entity = :entity AND updatedAt >= :since',
      ExpressionAttributeValues: {
        ':entity': { S: request.entity },
        ':since': { S: request.updatedSince ?? '0000' },
      },
      Limit: request.limit,
      ...(request.cursor
        ? {
            ExclusiveStartKey: {
              pk: { S: request.cursor.pk },
              entity: { S: request.entity },
              updatedAt: { S: request.cursor.updatedAt },
            },
          }
        : {}),
    }),
  );
  const keys = (page.Items ?? []).map((key) => key.pk?.S).filter((pk): pk is string => pk !== undefined);
  const items = await batchGet(ports, keys);
  const states = await Promise.all(
    keys.flatMap((pk) => {
      const item = items.get(pk);
      return item ? [dataOf(ports, item).then((data) => ({ item, data }))] : [];
    }),
  );
  const last = page.LastEvaluatedKey;
  const next = last?.pk?.S && last.updatedAt?.S ? { pk: last.pk.S, updatedAt: last.updatedAt.S } : undefined;
  return { states, ...(next ? { next } : {}) };
}

/**
 * An inventory level's states by SKU alone, one per location that has it, in key order: the keys from the SKU index
 * (keys only), then the items by key. A SKU is stocked at a handful of locations, so one page is all of them.
 */
export async function readInventoryLevelsBySku(ports: StateReadPorts, sku: string): Promise<StoredState[]> {
  const page = await ports.dynamodb.send(
    new QueryCommand({
      TableName: ports.tableName,
      IndexName: CANONICAL_STATE_BY_SKU_INDEX,
      KeyConditionExpression: 'sku = :sku',
      ExpressionAttributeValues: { ':sku': { S: sku } },
      Limit: 100,
    }),
  );
  const keys = (page.Items ?? []).map((key) => key.pk?.S).filter((pk): pk is string => pk !== undefined);
  const items = await batchGet(ports, keys);
  return Promise.all(
    keys.flatMap((pk) => {
      const item = items.get(pk);
      return item ? [dataOf(ports, item).then((data) => ({ item, data }))] : [];
    }),
  );
}

/** Items by key, up to 100 (one BatchGetItem), retrying the keys DynamoDB leaves unprocessed. */
async function batchGet(ports: StateReadPorts, keys: readonly string[]): Promise<Map<string, CanonicalStateItem>> {
  const found = new Map<string, CanonicalStateItem>();
  let pending: Record<string, AttributeValue>[] = keys.map((pk) => ({ pk: { S: pk } }));
  for (let round = 0; pending.length > 0 && round < 5; round += 1) {
    const answer = await ports.dynamodb.send(
      new BatchGetItemCommand({ RequestItems: { [ports.tableName]: { Keys: pending } } }),
    );
    for (const raw of answer.Responses?.[ports.tableName] ?? []) {
      const item = canonicalStateItemOf(unmarshall(raw));
      if (item) found.set(item.pk, item);
    }
    pending = answer.UnprocessedKeys?.[ports.tableName]?.Keys ?? [];
  }
  return found;
}

async function dataOf(ports: StateReadPorts, item: CanonicalStateItem): Promise<unknown> {
  if (item.data !== undefined) return JSON.parse(item.data) as unknown;
  const check = parseClaimCheck(item.dataPointer ?? '');
  if (!check) throw new CanonicalDataUnavailableError(`${item.pk}: its data pointer is not a pointer`);
  const body = await ports.getObject(check);
  if (!isClaimedBody(check, body)) throw new CanonicalDataUnavailableError(`${item.pk}: ${check.key} does not match`);
  return JSON.parse(body) as unknown;
}
