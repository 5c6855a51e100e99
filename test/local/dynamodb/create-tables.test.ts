import { DescribeTableCommand, GetItemCommand, PutItemCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { IDEMPOTENCY_TABLE, STATE_TABLE, TABLE_LAYOUTS } from '../../../config/tables';
import { createTables, startLocalDynamoDb, type LocalDynamoDb } from '../../../local/dynamodb';
import { dynamoDbClientFor } from './helpers/dynamodb-client';

describe('createTables', () => {
  let dynamodb: LocalDynamoDb;
  let client: DynamoDBClient;
  let tables: Record<string, string>;

  beforeAll(async () => {
    dynamodb = await startLocalDynamoDb();
    client = dynamoDbClientFor(dynamodb.endpoint);
    tables = await createTables(client, TABLE_LAYOUTS, 'test-');
  });
  afterAll(async () => {
    client.destroy();
    await dynamodb.close();
  });

  it('names each table after its layout, behind the prefix', () => {
    expect(tables).toEqual({
      Idempotency: 'test-Idempotency',
      IntegrationState: 'test-IntegrationState',
      CanonicalState: 'test-CanonicalState',
    });
  });

  it('leaves every table ACTIVE and billed on demand', async () => {
    for (const tableName of Object.values(tables)) {
      const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));

      expect(Table?.TableStatus).toBe('ACTIVE');
      expect(Table?.BillingModeSummary?.BillingMode).toBe('PAY_PER_REQUEST');
    }
  });

  it('keys each table with string attributes exactly as its layout says', async () => {
    const idempotency = await client.send(new DescribeTableCommand({ TableName: tables[IDEMPOTENCY_TABLE.name] }));
    const state = await client.send(new DescribeTableCommand({ TableName: tables[STATE_TABLE.name] }));

    expect(idempotency.Table?.KeySchema).toEqual([{ AttributeName: 'id', KeyType: 'HASH' }]);
    expect(state.Table?.KeySchema).toEqual([
      { AttributeName: 'pk', KeyType: 'HASH' },
      { AttributeName: 'sk', KeyType: 'RANGE' },
    ]);
    expect(state.Table?.AttributeDefinitions).toEqual([
      { AttributeName: 'pk', AttributeType: 'S' },
      { AttributeName: 'sk', AttributeType: 'S' },
    ]);
  });

  it('makes tables that store and return items by their key', async () => {
    const key = { pk: { S: 'destination#crm' }, sk: { S: 'version' } };
    await client.send(
      new PutItemCommand({ TableName: tables[STATE_TABLE.name], Item: { ...key, version: { N: '3' } } }),
    );

    const { Item } = await client.send(new GetItemCommand({ TableName: tables[STATE_TABLE.name], Key: key }));

    expect(Item?.version).toEqual({ N: '3' });
  });

  it('refuses to create a table that exists, naming it and keeping the service error', async () => {
    const again = createTables(client, [STATE_TABLE], 'test-');

    await expect(again).rejects.toMatchObject({
      name: 'TableCreationError',
      tableName: 'test-IntegrationState',
      message: expect.stringContaining('Could not create table test-IntegrationState for layout IntegrationState'),
      cause: expect.objectContaining({ name: 'ResourceInUseException' }),
    });
  });

  it('refuses a prefix that makes an invalid table name', async () => {
    const invalid = createTables(client, [IDEMPOTENCY_TABLE], 'bad prefix ');

    await expect(invalid).rejects.toMatchObject({
      name: 'TableCreationError',
      cause: expect.objectContaining({ name: 'ValidationException' }),
    });
  });

  it('refuses a layout listed twice before creating anything', async () => {
    await expect(createTables(client, [IDEMPOTENCY_TABLE, IDEMPOTENCY_TABLE], 'dup-')).rejects.toThrow(
      'Table layout Idempotency is listed more than once',
    );
    await expect(client.send(new DescribeTableCommand({ TableName: 'dup-Idempotency' }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    });
  });
});
