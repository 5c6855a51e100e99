import {
  BatchGetItemCommand,
  type BatchGetItemCommandOutput,
  type DynamoDBClient,
  type KeysAndAttributes,
} from '@aws-sdk/client-dynamodb';
import type { CanonicalEventType } from '../../schemas';

/** The versions the canonical state holds for some entity keys; a key it does not hold is absent. */
export type KnownVersions = (keys: readonly string[]) => Promise<ReadonlyMap<string, number>>;

/**
 * The canonical state's key of an entity: the middle of its canonical type and its subject
 * (`interchange.order.v1` + `storefront:1` is `order#storefront:1`).
 */
export function canonicalStateKey(type: CanonicalEventType, subject: string): string {
  return `${type.split('.')[1]}#${subject}`;
}

/** BatchGetItem takes at most 100 keys. */
const BATCH_KEYS = 100;
/** Rounds of unprocessed keys retried before the read is given up (the poll fails and resumes later). */
const MAX_ROUNDS = 5;

/** A canonical state read that did not finish: the poll fails before it sends anything, and resumes later. */
export class CanonicalStateReadError extends Error {
  override readonly name = 'CanonicalStateReadError';
}

/**
 * Reads the versions of a page's entities from the canonical state table with BatchGetItem, projecting only the
 * key and the version, so comparing a page of 100 records costs one read of 100 small items.
 */
export function dynamoKnownVersions(
  client: DynamoDBClient,
  tableName: string,
  sleep: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
): KnownVersions {
  return async (keys) => {
    const known = new Map<string, number>();
    const unique = [...new Set(keys)];
    for (let start = 0; start < unique.length; start += BATCH_KEYS) {
      let request: KeysAndAttributes | undefined = {
        Keys: unique.slice(start, start + BATCH_KEYS).map((pk) => ({ pk: { S: pk } })),
        ProjectionExpression: 'pk, entityVersion',
      };
      for (let round = 0; request !== undefined; round += 1) {
        if (round === MAX_ROUNDS) throw new CanonicalStateReadError('canonical state keys stayed unprocessed');
        if (round > 0) await sleep(50 * 2 ** round);
        const answer: BatchGetItemCommandOutput = await client.send(
          new BatchGetItemCommand({ RequestItems: { [tableName]: request } }),
        );
        for (const item of answer.Responses?.[tableName] ?? []) {
          const pk = item.pk?.S;
          const version = Number(item.entityVersion?.N);
          if (pk !== undefined && Number.isFinite(version)) known.set(pk, version);
        }
        const unprocessed: KeysAndAttributes | undefined = answer.UnprocessedKeys?.[tableName];
        request = unprocessed?.Keys?.length ? unprocessed : undefined;
      }
    }
    return known;
  };
}
