import { CreateTableCommand, ListTablesCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { PortInUseError } from '../../../local/http';
import { startLocalDynamoDb } from '../../../local/dynamodb';
import { dynamoDbClientFor } from './helpers/dynamodb-client';

describe('startLocalDynamoDb', () => {
  it('serves DynamoDB on a free loopback port', async () => {
    const dynamodb = await startLocalDynamoDb({ port: 0 });
    const client = dynamoDbClientFor(dynamodb.endpoint);
    try {
      const tables = await client.send(new ListTablesCommand({}));

      expect(dynamodb.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(tables.TableNames).toEqual([]);
    } finally {
      client.destroy();
      await dynamodb.close();
    }
  });

  it('rejects a port in use with an error naming the port, and frees the port on close', async () => {
    const first = await startLocalDynamoDb();
    const port = Number(new URL(first.endpoint).port);

    await expect(startLocalDynamoDb({ port })).rejects.toThrow(PortInUseError);
    await expect(startLocalDynamoDb({ port })).rejects.toThrow(`port ${port} is already in use`);

    await first.close();
    const reopened = await startLocalDynamoDb({ port });
    await reopened.close();
  });

  it('closes promptly while a client still holds a keep-alive connection', async () => {
    const dynamodb = await startLocalDynamoDb();
    const client = dynamoDbClientFor(dynamodb.endpoint);
    await client.send(new ListTablesCommand({}));

    await dynamodb.close();

    await expect(client.send(new ListTablesCommand({}))).rejects.toThrow();
    client.destroy();
  });

  it('closes under load without failing a write it already took', async () => {
    const dynamodb = await startLocalDynamoDb();
    const client = dynamoDbClientFor(dynamodb.endpoint);
    await client.send(
      new CreateTableCommand({
        TableName: 'load',
        KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
        AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
        BillingMode: 'PAY_PER_REQUEST',
      }),
    );
    const uncaught: unknown[] = [];
    const onUncaught = (error: unknown) => uncaught.push(error);
    process.on('uncaughtException', onUncaught);
    let answered = 0;
    // Conditional puts read, then write: the window in which dynalite used to close its store under them.
    const writes = Array.from({ length: 300 }, (_, n) =>
      client
        .send(
          new PutItemCommand({
            TableName: 'load',
            Item: { pk: { S: `item-${n % 20}` }, n: { N: String(n) } },
            ConditionExpression: 'attribute_not_exists(pk) OR n < :n',
            ExpressionAttributeValues: { ':n': { N: String(n) } },
          }),
        )
        .finally(() => (answered += 1)),
    );
    while (answered < 20) await new Promise((resolve) => setTimeout(resolve, 1));

    await dynamodb.close();
    await Promise.allSettled(writes);
    await new Promise((resolve) => setTimeout(resolve, 50));
    process.off('uncaughtException', onUncaught);
    client.destroy();

    expect(uncaught).toEqual([]);
  });
});
