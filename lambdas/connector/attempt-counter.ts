import { DeleteItemCommand, UpdateItemCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';

/**
 * Counts the attempts of each event that reached its destination, in the state table (pk `attempts#<destination>`,
 * sk the event id), so the budget is spent by sends, not by SQS receives: waiting for a token or an open circuit
 * costs nothing here. Written only when a send fails, so a healthy destination costs no writes.
 */
export interface AttemptCounter {
  /** Adds one attempt and resolves to the count so far. */
  count(eventId: string): Promise<number>;
  /** Forgets the count, so a redrive of a dead-lettered event starts with a fresh budget. */
  forget(eventId: string): Promise<void>;
}

export function createAttemptCounter(options: {
  readonly client: DynamoDBClient;
  readonly tableName: string;
  readonly destination: string;
  /** How long a count is kept after its last attempt: the retry horizon, past which it is of no use. */
  readonly keepSeconds: number;
  readonly now?: () => number;
}): AttemptCounter {
  const { client, tableName, destination } = options;
  const now = options.now ?? Date.now;
  const key = (eventId: string) => ({ pk: { S: `attempts#${destination}` }, sk: { S: eventId } });
  return {
    async count(eventId) {
      const { Attributes } = await client.send(
        new UpdateItemCommand({
          TableName: tableName,
          Key: key(eventId),
          UpdateExpression: 'ADD attempts :one SET expiresAt = :expires',
          ExpressionAttributeValues: {
            ':one': { N: '1' },
            ':expires': { N: String(Math.ceil(now() / 1000) + options.keepSeconds) },
          },
          ReturnValues: 'UPDATED_NEW',
        }),
      );
      return Number(Attributes?.attempts?.N ?? 1);
    },
    async forget(eventId) {
      await client.send(new DeleteItemCommand({ TableName: tableName, Key: key(eventId) }));
    },
  };
}
