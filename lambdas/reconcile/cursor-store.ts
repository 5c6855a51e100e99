import { GetItemCommand, UpdateItemCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { StreamCursor } from './poll-cursor';

/** The state table's partition of a source's cursors; one item per stream (`sk`). */
export function cursorPartition(source: string): string {
  return `reconciliation#${source}`;
}

/** A stream's cursor as stored, and its revision: how many times a poll has moved it (0 before the first). */
export interface StoredCursor {
  readonly cursor?: StreamCursor;
  readonly revision: number;
}

/**
 * Reads and keeps each stream's cursor, with a running count of the changes it found missed. Writes are conditional
 * on the revision read, so two polls of one stream that overlap (a long first poll running into the next schedule)
 * never both move the cursor or count the same changes: the one that writes second learns it was overtaken.
 */
export interface CursorStore {
  read(stream: string): Promise<StoredCursor>;
  /**
   * Stores the cursor once a page is on the ingest queue, adding the page's missed changes to the count, if the
   * cursor is still at `revision`; false, with nothing written, when another poll moved it meanwhile.
   */
  write(stream: string, cursor: StreamCursor, missed: number, revision: number): Promise<boolean>;
}

/** The cursors in the state table (config/tables.ts STATE_TABLE: `pk`, `sk`). */
export function dynamoCursorStore(
  client: DynamoDBClient,
  tableName: string,
  source: string,
  now: () => number = Date.now,
): CursorStore {
  const key = (stream: string) => ({ pk: { S: cursorPartition(source) }, sk: { S: stream } });
  return {
    async read(stream) {
      const { Item } = await client.send(
        new GetItemCommand({ TableName: tableName, Key: key(stream), ConsistentRead: true }),
      );
      const revision = Number(Item?.revision?.N ?? 0);
      const since = Item?.since?.S;
      if (since === undefined) return { revision };
      const until = Item?.until?.S;
      const next = Item?.next?.S;
      return {
        cursor: { since, ...(until !== undefined ? { until } : {}), ...(next !== undefined ? { next } : {}) },
        revision,
      };
    },
    async write(stream, cursor, missed, revision) {
      const open = cursor.until !== undefined;
      const sets = [
        'since = :since',
        'updatedAt = :now',
        '#revision = :newRevision',
        ...(open ? ['#until = :until'] : []),
      ];
      if (cursor.next !== undefined) sets.push('#next = :nextPage');
      const removes = [...(open ? [] : ['#until']), ...(cursor.next === undefined ? ['#next'] : [])];
      try {
        await client.send(
          new UpdateItemCommand({
            TableName: tableName,
            Key: key(stream),
            UpdateExpression:
              `SET ${sets.join(', ')} ADD missedWebhooks :missed` +
              (removes.length ? ` REMOVE ${removes.join(', ')}` : ''),
            // An item from before revisions were kept reads as revision 0.
            ConditionExpression: '#revision = :revision OR attribute_not_exists(#revision) AND :revision = :zero',
            ExpressionAttributeNames: { '#until': 'until', '#next': 'next', '#revision': 'revision' },
            ExpressionAttributeValues: {
              ':revision': { N: String(revision) },
              ':newRevision': { N: String(revision + 1) },
              ':zero': { N: '0' },
              ':since': { S: cursor.since },
              ':now': { S: new Date(now()).toISOString() },
              ':missed': { N: String(missed) },
              ...(cursor.until !== undefined ? { ':until': { S: cursor.until } } : {}),
              ...(cursor.next !== undefined ? { ':nextPage': { S: cursor.next } } : {}),
            },
          }),
        );
        return true;
      } catch (error) {
        if (error instanceof Error && error.name === 'ConditionalCheckFailedException') return false;
        throw error;
      }
    },
  };
}
