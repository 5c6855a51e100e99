import {
  ConditionalCheckFailedException,
  PutItemCommand,
  type AttributeValue,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';

/**
 * Writes a state item only if nobody wrote since it was read (optimistic concurrency on its `version`
 * attribute; version 0 means "not there yet"). Resolves false when another instance won the race, so the
 * caller reads again; any other failure rejects with the SDK's error.
 */
export async function putIfUnchanged(
  client: DynamoDBClient,
  tableName: string,
  item: Record<string, AttributeValue>,
  readVersion: number,
): Promise<boolean> {
  try {
    await client.send(
      new PutItemCommand({
        TableName: tableName,
        Item: item,
        ...(readVersion === 0
          ? { ConditionExpression: 'attribute_not_exists(pk)' }
          : {
              ConditionExpression: 'version = :read',
              ExpressionAttributeValues: { ':read': { N: String(readVersion) } },
            }),
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}
