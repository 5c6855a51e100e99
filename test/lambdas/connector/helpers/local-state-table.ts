/** The shared state table on an in-memory dynalite, with a log of the commands sent, for state kept across instances. */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { STATE_TABLE } from '../../../../config/tables';
import { createTables, startLocalDynamoDb } from '../../../../local/dynamodb';

/** A running state table and the one client every simulated Lambda instance shares. */
export interface LocalStateTable {
  readonly client: DynamoDBClient;
  readonly tableName: string;
  /** Command names in the order sent, so a test can count what the happy path costs. */
  readonly commands: string[];
  close(): Promise<void>;
}

/** Starts dynalite and creates the state table from the deployment's own layout. */
export async function startLocalStateTable(): Promise<LocalStateTable> {
  const dynamodb = await startLocalDynamoDb();
  const commands: string[] = [];
  const client = new DynamoDBClient({
    endpoint: dynamodb.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
  });
  client.middlewareStack.add(
    (next, context) => (args) => {
      commands.push(String(context.commandName));
      return next(args);
    },
    { step: 'initialize' },
  );
  const tables = await createTables(client, [STATE_TABLE]);
  return {
    client,
    tableName: tables[STATE_TABLE.name] ?? STATE_TABLE.name,
    commands,
    async close() {
      client.destroy();
      await dynamodb.close();
    },
  };
}

/** A clock that moves only when a test moves it, shared by the simulated instances like the wall clock. */
export function manualClock(start = 1_700_000_000_000) {
  let time = start;
  return {
    now: (): number => time,
    advance: (ms: number): number => (time += ms),
  };
}
