import { ConditionalCheckFailedException, UpdateItemCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';

/** The state table holding each caller's requests of the current second. */
export interface CallerQuotaPorts {
  readonly dynamodb: DynamoDBClient;
  readonly tableName: string;
  readonly nowMs: () => number;
}

/** How long a second's count is kept: DynamoDB's TTL removes it after (within a day or two; nothing reads it late). */
const KEEP_SECONDS = 60;

/**
 * Counts one request against the caller's requests per second, shared by every instance of the read API: one
 * conditional UpdateItem on the item `read-quota#<caller>` / `<epoch second>` (a fixed one-second window), refused
 * once the second's count reaches the caller's rate. True when the request may go on.
 *
 * HTTP API throttles per route and stage only, and an authorizer's cached answer cannot count requests, so the count
 * lives where every instance sees it; one small write per read is its price (docs/READ-API.md, "Cost").
 */
export async function takeCallerQuota(
  ports: CallerQuotaPorts,
  caller: string,
  requestsPerSecond: number,
): Promise<boolean> {
  const second = Math.floor(ports.nowMs() / 1000);
  try {
    await ports.dynamodb.send(
      new UpdateItemCommand({
        TableName: ports.tableName,
        Key: { pk: { S: `read-quota#${caller}` }, sk: { S: String(second) } },
        UpdateExpression: 'ADD used :one SET expiresAt = :expires',
        ConditionExpression: 'attribute_not_exists(used) OR used < :limit',
        ExpressionAttributeValues: {
          ':one': { N: '1' },
          ':limit': { N: String(Math.max(1, Math.floor(requestsPerSecond))) },
          ':expires': { N: String(second + KEEP_SECONDS) },
        },
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}
