/**
 * Creates the deployment's tables in a local DynamoDB from the very layouts the CDK stacks use, so local mode cannot
 * drift from the cloud: same keys, string-typed, on-demand billing. TTL is left out because dynalite cannot set it.
 */
import {
  CreateTableCommand,
  waitUntilTableExists,
  type AttributeDefinition,
  type GlobalSecondaryIndex,
  type DynamoDBClient,
  type KeySchemaElement,
} from '@aws-sdk/client-dynamodb';
import type { TableLayout } from '../../config/tables';

/** Seconds to wait for a table to become ACTIVE before giving up. */
const ACTIVE_WAIT_SECONDS = 30;

/** A table layout that cannot be created: the error names the layout and keeps the service error as its cause. */
export class TableCreationError extends Error {
  override readonly name = 'TableCreationError';

  constructor(
    readonly layout: TableLayout,
    readonly tableName: string,
    cause: unknown,
  ) {
    const reason = typeof cause === 'object' && cause !== null && 'message' in cause ? cause.message : cause;
    super(`Could not create table ${tableName} for layout ${layout.name}: ${String(reason)}`, { cause });
  }
}

const keySchema = (names: readonly string[]): KeySchemaElement[] =>
  names.map((name, index) => ({ AttributeName: name, KeyType: index === 0 ? 'HASH' : 'RANGE' }));

const keyOf = (
  layout: TableLayout,
): { keys: KeySchemaElement[]; attributes: AttributeDefinition[]; indexes: GlobalSecondaryIndex[] } => {
  const names = layout.sortKey === undefined ? [layout.partitionKey] : [layout.partitionKey, layout.sortKey];
  const indexes = (layout.globalSecondaryIndexes ?? []).map((index): GlobalSecondaryIndex => ({
    IndexName: index.indexName,
    KeySchema: keySchema([index.partitionKey, index.sortKey]),
    Projection: { ProjectionType: 'KEYS_ONLY' },
  }));
  const indexKeys = (layout.globalSecondaryIndexes ?? []).flatMap((index) => [index.partitionKey, index.sortKey]);
  return {
    keys: keySchema(names),
    attributes: [...new Set([...names, ...indexKeys])].map((name) => ({ AttributeName: name, AttributeType: 'S' })),
    indexes,
  };
};

const createTable = async (client: DynamoDBClient, layout: TableLayout, tableName: string): Promise<void> => {
  const { keys, attributes, indexes } = keyOf(layout);
  try {
    await client.send(
      new CreateTableCommand({
        TableName: tableName,
        KeySchema: keys,
        AttributeDefinitions: attributes,
        ...(indexes.length > 0 ? { GlobalSecondaryIndexes: indexes } : {}),
        BillingMode: 'PAY_PER_REQUEST',
      }),
    );
    await waitUntilTableExists(
      { client, maxWaitTime: ACTIVE_WAIT_SECONDS, minDelay: 0.02, maxDelay: 0.5 },
      { TableName: tableName },
    );
  } catch (error) {
    throw new TableCreationError(layout, tableName, error);
  }
};

/**
 * Creates every layout's table as `<prefix><layout name>` and waits until each is ACTIVE.
 * Resolves with the table name per layout name, which is what handlers are given as their table environment.
 */
export const createTables = async (
  client: DynamoDBClient,
  layouts: readonly TableLayout[],
  prefix = '',
): Promise<Record<string, string>> => {
  const names = layouts.map((layout) => layout.name);
  const duplicate = names.find((name, index) => names.indexOf(name) !== index);
  if (duplicate !== undefined) throw new RangeError(`Table layout ${duplicate} is listed more than once`);
  const tables = Object.fromEntries(layouts.map((layout) => [layout.name, `${prefix}${layout.name}`]));
  await Promise.all(layouts.map((layout) => createTable(client, layout, `${prefix}${layout.name}`)));
  return tables;
};
