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
    expect(await dynamoCursorStore(local.client, local.tableName, 'storefront').read('never')).toEqual({
      revision: 0,
    });
  });

  test('keeps an open window with its next page, then closes it, adding up the missed changes', async () => {
    const store = dynamoCursorStore(local.client, local.tableName, 'storefront', () => 0);
    const window = { since: '2026-11-30T10:00:00.000Z', until: '2026-11-30T11:00:00.000Z' };

    await expect(store.write('orders', { ...window, next: 'page-2' }, 3, 0)).resolves.toBe(true);
    expect(await store.read('orders')).toEqual({ cursor: { ...window, next: 'page-2' }, revision: 1 });

    await expect(store.write('orders', { since: window.until }, 2, 1)).resolves.toBe(true);
    expect(await store.read('orders')).toEqual({ cursor: { since: window.until }, revision: 2 });
    const { Item } = await local.client.send(
      new GetItemCommand({
        TableName: local.tableName,
        Key: { pk: { S: 'reconciliation#storefront' }, sk: { S: 'orders' } },
      }),
    );
    expect(Item?.missedWebhooks?.N).toBe('5');
  });

  test('a write from a revision another poll has moved on from changes nothing and says so', async () => {
    const store = dynamoCursorStore(local.client, local.tableName, 'storefront', () => 0);
    await store.write('levels', { since: '2026-11-30T10:00:00.000Z' }, 4, 0);

    await expect(store.write('levels', { since: '2026-11-30T09:00:00.000Z' }, 7, 0)).resolves.toBe(false);
    expect(await store.read('levels')).toEqual({ cursor: { since: '2026-11-30T10:00:00.000Z' }, revision: 1 });
  });

  test('a cursor kept before revisions existed is taken as revision 0', async () => {
    await local.client.send(
      new PutItemCommand({
        TableName: local.tableName,
        Item: {
          pk: { S: 'reconciliation#storefront' },
          sk: { S: 'customers' },
          since: { S: '2026-11-30T08:00:00.000Z' },
        },
      }),
    );
    const store = dynamoCursorStore(local.client, local.tableName, 'storefront', () => 0);

    expect(await store.read('customers')).toEqual({ cursor: { since: '2026-11-30T08:00:00.000Z' }, revision: 0 });
    await expect(store.write('customers', { since: '2026-11-30T09:00:00.000Z' }, 0, 0)).resolves.toBe(true);
  });
});
