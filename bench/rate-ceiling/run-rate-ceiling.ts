import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { STATE_TABLE } from '../../config/tables';
import { MAX_REQUESTS_PER_SECOND } from '../../config/schema';
import { createSharedRateLimiter, type SharedRateLimiter } from '../../lambdas/connector/rate-limit';
import { shardCount } from '../../lambdas/connector/rate-limit/token-bucket';
import { createTables, startLocalDynamoDb } from '../../local/dynamodb';

/**
 * `npx tsx bench/rate-ceiling/run-rate-ceiling.ts`: the send rate one destination's shared rate state grants in
 * real time against dynalite, with many connector instances contending (each its own client, acquiring a batch at
 * a time in a loop), for one bucket item and for the shards the limiter uses at that ceiling. Prints JSON.
 *   --instances 50 --batch 10 --seconds 5 --rate <the schema's highest>
 * On a shared machine the figure is dynalite's and this CPU's, not DynamoDB's: compare the variants, not the
 * absolute numbers.
 */

interface Variant {
  readonly shards: number;
  readonly grantsPerSecond: number;
  readonly writesPerSecond: number;
  readonly conflictsPerGrantedCall: number;
  readonly refusedCalls: number;
}

async function measure(options: {
  readonly endpoint: string;
  readonly tableName: string;
  readonly destination: string;
  readonly instances: number;
  readonly batch: number;
  readonly seconds: number;
  readonly rate: number;
  readonly shards: number;
}): Promise<Variant> {
  let puts = 0;
  let conflicts = 0;
  const clients = Array.from({ length: options.instances }, () => {
    const client = new DynamoDBClient({
      endpoint: options.endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      maxAttempts: 1,
    });
    client.middlewareStack.add(
      (next, context) => async (args) => {
        if (context.commandName !== 'PutItemCommand') return next(args);
        puts += 1;
        try {
          return await next(args);
        } catch (error) {
          conflicts += 1;
          throw error;
        }
      },
      { step: 'initialize' },
    );
    return client;
  });
  const limiters: SharedRateLimiter[] = clients.map((client) =>
    createSharedRateLimiter({
      client,
      tableName: options.tableName,
      destination: options.destination,
      ceilingPerSecond: options.rate,
      maxTokensPerCall: options.batch,
      shards: options.shards,
    }),
  );
  // The first second spends the full bucket every destination starts with; the rate is counted after it.
  const warmUpEndsAt = Date.now() + 1_000;
  const endsAt = warmUpEndsAt + options.seconds * 1_000;
  let granted = 0;
  let grantedCalls = 0;
  let refusedCalls = 0;
  let putsAtStart = 0;
  let conflictsAtStart = 0;
  let counting = false;
  await Promise.all(
    limiters.map(async (limiter) => {
      while (Date.now() < endsAt) {
        if (!counting && Date.now() >= warmUpEndsAt) {
          counting = true;
          putsAtStart = puts;
          conflictsAtStart = conflicts;
        }
        const grants = await Promise.all(Array.from({ length: options.batch }, () => limiter.acquire()));
        const got = grants.filter((grant) => grant.granted).length;
        if (counting && Date.now() < endsAt) {
          granted += got;
          if (got > 0) grantedCalls += 1;
          else refusedCalls += 1;
        }
        if (got === 0) {
          const waits = grants.flatMap((grant) => (grant.granted ? [] : [grant.waitMs]));
          await sleep(Math.min(...waits));
        }
      }
    }),
  );
  clients.forEach((client) => client.destroy());
  return {
    shards: options.shards,
    grantsPerSecond: Math.round(granted / options.seconds),
    writesPerSecond: Math.round((puts - putsAtStart) / options.seconds),
    conflictsPerGrantedCall: Number(((conflicts - conflictsAtStart) / Math.max(1, grantedCalls)).toFixed(2)),
    refusedCalls,
  };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      instances: { type: 'string', default: '50' },
      batch: { type: 'string', default: '10' },
      seconds: { type: 'string', default: '5' },
      rate: { type: 'string', default: String(MAX_REQUESTS_PER_SECOND) },
    },
  });
  const number = (name: string, text: string): number => {
    const value = Number(text);
    if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} must be a number > 0, got ${text}`);
    return value;
  };
  const instances = number('instances', values.instances);
  const batch = number('batch', values.batch);
  const seconds = number('seconds', values.seconds);
  const rate = number('rate', values.rate);
  const dynamodb = await startLocalDynamoDb();
  const setup = new DynamoDBClient({
    endpoint: dynamodb.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  try {
    const tables = await createTables(setup, [STATE_TABLE]);
    const tableName = tables[STATE_TABLE.name] ?? STATE_TABLE.name;
    const variants: Variant[] = [];
    for (const shards of [1, shardCount(rate)]) {
      const destination = `ceiling-${shards}`;
      variants.push(
        await measure({ endpoint: dynamodb.endpoint, tableName, destination, instances, batch, seconds, rate, shards }),
      );
    }
    process.stdout.write(`${JSON.stringify({ rate, instances, batch, seconds, variants }, null, 2)}\n`);
  } finally {
    setup.destroy();
    await dynamodb.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
