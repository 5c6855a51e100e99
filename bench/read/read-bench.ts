import { DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { loadStageConfig } from '../../config/load';
import { canonicalStateItem } from '../../lambdas/shared/canonical-state-record';
import { startLocalPipeline } from '../../local/pipeline';
import { LOCAL_READ_API_RATE } from '../../local/topology';
import { percentile } from '../stats';

/** The synchronous read, measured in local mode: through the real authorizer and reader bundles to dynalite. */
export interface ReadResult {
  readonly reads: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  /** Answers other than 200; a read beyond the caller's rate would be a 429. */
  readonly notOk: number;
}

/** Inventory levels seeded in the canonical state; reads pick among them, by location and SKU and by SKU alone. */
const LEVELS = 200;
/** Reads are paced under the local caller's own rate, so the figure is a read's latency, not the throttle's. */
const PACE_PER_SECOND = Math.floor(LOCAL_READ_API_RATE * 0.8);

/**
 * Seeds inventory levels straight into the canonical state table (the write path is measured by the end-to-end
 * benchmark), then reads them over HTTP with the local caller's key, one at a time at a steady pace.
 */
export async function runReadBench(reads: number, progress: (line: string) => void): Promise<ReadResult> {
  const pipeline = await startLocalPipeline({ config: loadStageConfig('dev'), port: 0, logLevel: 'WARN' });
  const dynamodb = new DynamoDBClient({
    region: pipeline.awsEnvironment.AWS_REGION,
    endpoint: pipeline.awsEnvironment.AWS_ENDPOINT_URL_DYNAMODB,
    credentials: {
      accessKeyId: pipeline.awsEnvironment.AWS_ACCESS_KEY_ID!,
      secretAccessKey: pipeline.awsEnvironment.AWS_SECRET_ACCESS_KEY!,
    },
  });
  try {
    const now = Date.now();
    for (let n = 0; n < LEVELS; n += 1) {
      const sku = `BENCH-SKU-${n}`;
      const data = { sku, location: 'storefront:1', available: n, updatedAt: new Date(now).toISOString() };
      const item = canonicalStateItem(
        {
          type: 'interchange.inventory-level.v1',
          subject: `storefront:1/${sku}`,
          id: `bench-${n}`,
          source: 'interchange/storefront',
          time: new Date(now).toISOString(),
          entityversion: now,
          data,
        },
        new Date(now).toISOString(),
        { inline: JSON.stringify(data) },
      );
      await dynamodb.send(
        new PutItemCommand({
          TableName: pipeline.topology.resolved.canonicalState.tableName,
          Item: marshall(item, { removeUndefinedValues: true }),
        }),
      );
    }
    const headers = { authorization: `Bearer ${pipeline.readApi.apiKey}` };
    const latencies: number[] = [];
    let notOk = 0;
    for (let n = 0; n < reads; n += 1) {
      const sku = `BENCH-SKU-${n % LEVELS}`;
      const path = n % 2 === 0 ? `/inventory-levels/storefront:1/${sku}` : `/inventory-levels/${sku}`;
      const started = performance.now();
      const answer = await fetch(`${pipeline.readApi.url}${path}`, { headers });
      await answer.arrayBuffer();
      const elapsed = performance.now() - started;
      if (answer.status === 200) latencies.push(elapsed);
      else notOk += 1;
      if (n % 100 === 99) progress(`${n + 1} of ${reads} reads`);
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, 1000 / PACE_PER_SECOND - elapsed)));
    }
    return {
      reads,
      p50Ms: Math.round(percentile(latencies, 50) * 10) / 10,
      p99Ms: Math.round(percentile(latencies, 99) * 10) / 10,
      notOk,
    };
  } finally {
    dynamodb.destroy();
    await pipeline.close();
  }
}
