import {
  BatchGetItemCommand,
  type BatchGetItemCommandOutput,
  type DynamoDBClient,
  type KeysAndAttributes,
} from '@aws-sdk/client-dynamodb';
import { CANONICAL_STATE_ATTRIBUTES as A, type VersionStamp } from '../shared/canonical-state-record';

/** The versions the canonical state holds for some entity keys; a key it does not hold is absent. */
export type KnownVersions = (keys: readonly string[]) => Promise<ReadonlyMap<string, VersionStamp>>;

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
 * key, the version and its sequence, so comparing a page of 100 records costs one read of 100 small items.
 */
export function dynamoKnownVersions(
  client: DynamoDBClient,
  tableName: string,
  sleep: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
): KnownVersions {
  return async (keys) => {
    const known = new Map<string, VersionStamp>();
    const unique = [...new Set(keys)];
    for (let start = 0; start < unique.length; start += BATCH_KEYS) {
      let request: KeysAndAttributes | undefined = {
        Keys: unique.slice(start, start + BATCH_KEYS).map((key) => ({ [A.key]: { S: key } })),
        ProjectionExpression: '#key, #version, #sequence',
        ExpressionAttributeNames: { '#key': A.key, '#version': A.entityVersion, '#sequence': A.entitySequence },
      };
      for (let round = 0; request !== undefined; round += 1) {
        if (round === MAX_ROUNDS) throw new CanonicalStateReadError('canonical state keys stayed unprocessed');
        if (round > 0) await sleep(50 * 2 ** round);
        const answer: BatchGetItemCommandOutput = await client.send(
          new BatchGetItemCommand({ RequestItems: { [tableName]: request } }),
        );
        for (const item of answer.Responses?.[tableName] ?? []) {
          const key = item[A.key]?.S;
          const entityVersion = Number(item[A.entityVersion]?.N);
          const entitySequence = Number(item[A.entitySequence]?.N ?? 0);
          if (key !== undefined && Number.isFinite(entityVersion)) known.set(key, { entityVersion, entitySequence });
        }
        const unprocessed: KeysAndAttributes | undefined = answer.UnprocessedKeys?.[tableName];
        request = unprocessed?.Keys?.length ? unprocessed : undefined;
      }
    }
    return known;
  };
}
