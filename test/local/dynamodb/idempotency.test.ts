import { ScanCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { IdempotencyConfig, makeIdempotent } from '@aws-lambda-powertools/idempotency';
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import { IDEMPOTENCY_TABLE } from '../../../config/tables';
import { createTables, startLocalDynamoDb, type LocalDynamoDb } from '../../../local/dynamodb';
import { dynamoDbClientFor } from './helpers/dynamodb-client';
import { lambdaContext } from '../../helpers/lambda-events';

describe('Powertools idempotency on the local idempotency table', () => {
  let dynamodb: LocalDynamoDb;
  let client: DynamoDBClient;
  let tableName: string;

  beforeAll(async () => {
    dynamodb = await startLocalDynamoDb();
    client = dynamoDbClientFor(dynamodb.endpoint);
    const tables = await createTables(client, [IDEMPOTENCY_TABLE], 'idem-');
    tableName = tables[IDEMPOTENCY_TABLE.name] ?? '';
  });
  afterAll(async () => {
    client.destroy();
    await dynamodb.close();
  });

  it('calls the function once and returns the stored result for a duplicate', async () => {
    let attempts = 0;
    const deliver = jest.fn(async (event: { eventId: string; destination: string }) => {
      attempts += 1;
      return { delivered: event.eventId, to: event.destination, attempt: attempts };
    });
    const persistenceStore = new DynamoDBPersistenceLayer({ tableName, awsSdkV3Client: client });
    const config = new IdempotencyConfig({ eventKeyJmesPath: '[eventId, destination]' });
    config.registerLambdaContext(lambdaContext());
    const deliverOnce = makeIdempotent(deliver, { persistenceStore, config });
    const event = { eventId: 'evt-1', destination: 'crm' };

    const first = await deliverOnce(event);
    const duplicate = await deliverOnce({ ...event });
    const otherDestination = await deliverOnce({ ...event, destination: 'erp' });

    expect(first).toEqual({ delivered: 'evt-1', to: 'crm', attempt: 1 });
    expect(duplicate).toEqual(first);
    expect(otherDestination).toEqual({ delivered: 'evt-1', to: 'erp', attempt: 2 });
    expect(deliver).toHaveBeenCalledTimes(2);
    const { Items } = await client.send(new ScanCommand({ TableName: tableName }));
    expect(Items?.map((item) => item.status?.S)).toEqual(['COMPLETED', 'COMPLETED']);
  });
});
