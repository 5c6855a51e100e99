import { CreateTableCommand, GetItemCommand, PutItemCommand, waitUntilTableExists } from '@aws-sdk/client-dynamodb';
import { dynamoKnownVersions } from '../../../lambdas/reconcile/canonical-state';
import { dynamoCursorStore } from '../../../lambdas/reconcile/cursor-store';
import { startLocalStateTable, type LocalStateTable } from '../connector/helpers/local-state-table';

/** The canonical state table's contract: partition key `pk` = `<entity>#<subject>`, `entityVersion` a number. */
const CANONICAL_TABLE = 'canonical-state-test';

let local: LocalStateTable;

beforeAll(async () => {
  local = await startLocalStateTable();
  await local.client.send(
    new CreateTableCommand({
      TableName: CANONICAL_TABLE,
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
      AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
      BillingMode: 'PAY_PER_REQUEST',
    }),
  );
  // Local DynamoDB, like DynamoDB, refuses writes to a table until it is ACTIVE.
  await waitUntilTableExists({ client: local.client, maxWaitTime: 30 }, { TableName: CANONICAL_TABLE });
});

afterAll(() => local.close());

describe('dynamoKnownVersions', () => {
  test('reads the versions held for the keys asked, in batches of 100, and leaves unknown keys out', async () => {
    for (let n = 0; n < 150; n += 1) {
      await local.client.send(
        new PutItemCommand({
          TableName: CANONICAL_TABLE,
          Item: {
            pk: { S: `order#storefront:${n}` },
            entityVersion: { N: String(1000 + n) },
            ...(n % 2 ? { entitySequence: { N: '7' } } : {}),
            eventId: { S: `e${n}` },
          },
        }),
      );
    }
    const keys = [...Array.from({ length: 150 }, (_, n) => `order#storefront:${n}`), 'order#storefront:unknown'];
    const before = local.commands.length;

    const known = await dynamoKnownVersions(local.client, CANONICAL_TABLE)(keys);

    expect(known.size).toBe(150);
    expect(known.get('order#storefront:149')).toEqual({ entityVersion: 1149, entitySequence: 7 });
    expect(known.get('order#storefront:148')).toEqual({ entityVersion: 1148, entitySequence: 0 });
    expect(known.has('order#storefront:unknown')).toBe(false);
    expect(local.commands.slice(before)).toEqual(['BatchGetItemCommand', 'BatchGetItemCommand']);
  });
});

describe('dynamoCursorStore', () => {
  test('has no cursor for a stream never polled', async () => {
    expect(await dynamoCursorStore(local.client, local.tableName, 'storefront').read('never')).toBeUndefined();
  });

  test('keeps an open window with its next page, then closes it, adding up the missed changes', async () => {
    const store = dynamoCursorStore(local.client, local.tableName, 'storefront', () => 0);
    const window = { since: '2026-11-30T10:00:00.000Z', until: '2026-11-30T11:00:00.000Z' };

    await store.write('orders', { ...window, next: 'page-2' }, 3);
    expect(await store.read('orders')).toEqual({ ...window, next: 'page-2' });

    await store.write('orders', { since: window.until }, 2);
    expect(await store.read('orders')).toEqual({ since: window.until });
    const { Item } = await local.client.send(
      new GetItemCommand({
        TableName: local.tableName,
        Key: { pk: { S: 'reconciliation#storefront' }, sk: { S: 'orders' } },
      }),
    );
    expect(Item?.missedWebhooks?.N).toBe('5');
  });
});
