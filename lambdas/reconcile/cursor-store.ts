import { GetItemCommand, UpdateItemCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { StreamCursor } from './poll-cursor';

/** The state table's partition of a source's cursors; one item per stream (`sk`). */
export function cursorPartition(source: string): string {
  return `reconciliation#${source}`;
}

/** Reads and keeps each stream's cursor, with a running count of the changes it found missed. */
export interface CursorStore {
  read(stream: string): Promise<StreamCursor | undefined>;
  /** Stores the cursor once a page is on the ingest queue, adding the page's missed changes to the count. */
  write(stream: string, cursor: StreamCursor, missed: number): Promise<void>;
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
      const since = Item?.since?.S;
      if (since === undefined) return undefined;
      const until = Item?.until?.S;
      const next = Item?.next?.S;
      return { since, ...(until !== undefined ? { until } : {}), ...(next !== undefined ? { next } : {}) };
    },
    async write(stream, cursor, missed) {
      const open = cursor.until !== undefined;
      const sets = ['since = :since', 'updatedAt = :now', ...(open ? ['#until = :until'] : [])];
      if (cursor.next !== undefined) sets.push('#next = :next');
      const removes = [...(open ? [] : ['#until']), ...(cursor.next === undefined ? ['#next'] : [])];
      await client.send(
        new UpdateItemCommand({
          TableName: tableName,
          Key: key(stream),
          UpdateExpression:
            `SET ${sets.join(', ')} ADD missedWebhooks :missed` +
            (removes.length ? ` REMOVE ${removes.join(', ')}` : ''),
          ExpressionAttributeNames: { '#until': 'until', '#next': 'next' },
          ExpressionAttributeValues: {
            ':since': { S: cursor.since },
            ':now': { S: new Date(now()).toISOString() },
            ':missed': { N: String(missed) },
            ...(cursor.until !== undefined ? { ':until': { S: cursor.until } } : {}),
            ...(cursor.next !== undefined ? { ':next': { S: cursor.next } } : {}),
          },
        }),
      );
    },
  };
}
