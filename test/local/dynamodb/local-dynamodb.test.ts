import { ListTablesCommand } from '@aws-sdk/client-dynamodb';
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
});
