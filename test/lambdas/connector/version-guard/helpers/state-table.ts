import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { STATE_TABLE } from '../../../../../config/tables';
import { createTables, startLocalDynamoDb, type LocalDynamoDb } from '../../../../../local/dynamodb';

/** dynalite with the deployment's state table, and a client that fails at once instead of retrying. */
export interface LocalStateTable {
  readonly client: DynamoDBClient;
  readonly tableName: string;
  close(): Promise<void>;
}

/** Starts dynalite on a free loopback port and creates the state table from its real layout. */
export async function startStateTable(): Promise<LocalStateTable> {
  const dynamo: LocalDynamoDb = await startLocalDynamoDb();
  const client = new DynamoDBClient({
    endpoint: dynamo.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
  });
  const tables = await createTables(client, [STATE_TABLE]);
  return {
    client,
    tableName: tables[STATE_TABLE.name]!,
    async close() {
      client.destroy();
      await dynamo.close();
    },
  };
}
