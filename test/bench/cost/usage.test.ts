import {
  ACCESS_LOG_BYTES_PER_REQUEST,
  AWS_CALL_WAIT_MS,
  cpuGbSecondsOf,
  LAMBDA_XRAY_SAMPLED_SHARE,
  PLATFORM_BYTES_PER_INVOCATION,
  usagePerWebhook,
} from '../../../bench/cost/usage';
import type { RunUsage } from '../../../bench/e2e/host-protocol';

const fn = (kind: string, memoryMb: number, invocations: number, cpuMs: number, logBytes: number) => ({
  kind,
  memoryMb,
  invocations,
  billedMs: cpuMs * 3,
  cpuMs,
  peakHeapBytes: 40 * 2 ** 20,
  logLines: invocations,
  logBytes,
});

const run: RunUsage = {
  calls: {
    sqs: { CreateQueue: 4, GetQueueAttributes: 4, SendMessage: 100, SendMessageBatch: 20, ReceiveMessage: 70 },
    dynamodb: { CreateTable: 2, DescribeTable: 2, UpdateItem: 300, GetItem: 50 },
    s3: { PUT: 2, GET: 2 },
  },
  units: {
    sqs: {
      CreateQueue: { chunks: 4 },
      SendMessage: { chunks: 101 },
      SendMessageBatch: { chunks: 20 },
      ReceiveMessage: { chunks: 70, emptyReceives: 30 },
    },
    dynamodb: { CreateTable: {}, UpdateItem: { writeUnits: 310 }, GetItem: { readUnits: 25 } },
  },
  functions: {
    'ingest-storefront': fn('ingest', 256, 100, 1000, 20_000),
    'connector-erp': fn('connector', 256, 10, 2000, 30_000),
  },
};

describe('one webhook’s usage', () => {
  test('counts billed requests and units per webhook, leaving set-up and idle receives out', () => {
    const usage = usagePerWebhook(run, 100, 'active');
    expect(usage.httpApiRequests).toBe(1);
    // 101 + 20 + 70 chunks, less 30 empty receives
    expect(usage.sqsRequests).toBeCloseTo(1.61);
    expect(usage.idleReceives).toBeCloseTo(0.3);
    expect(usage.dynamodbWriteUnits).toBeCloseTo(3.1);
    expect(usage.dynamodbReadUnits).toBeCloseTo(0.25);
    expect(usage.s3PutRequests).toBeCloseTo(0.02);
    expect(usage.s3GetRequests).toBeCloseTo(0.02);
    expect(usage.lambdaRequests).toBeCloseTo(1.1);
    expect(usage.xrayTraces).toBeCloseTo(1.1 * LAMBDA_XRAY_SAMPLED_SHARE);
  });

  test('bills CPU time at the share of a core the memory buys, and a wait per AWS call at the caller’s memory', () => {
    const usage = usagePerWebhook(run, 100, 'active');
    // 3 CPU-seconds at 256 MB take 1769/256 times as long: the same GB-seconds as at 1,769 MB
    const busy = (3 * 1769) / 1024 / 100;
    // SendMessage (ingest, 256 MB), SendMessageBatch (transform, 512 MB), item reads and writes, S3 (256 and 512 MB)
    const waits = (AWS_CALL_WAIT_MS / 1000) * (100 * 0.25 + 20 * 0.5 + 350 * 0.25 + 2 * 0.25 + 2 * 0.5);
    expect(usage.lambdaGbSeconds).toBeCloseTo(busy + waits / 100, 6);
  });

  test('log bytes are the functions’ lines, Lambda’s own per invocation, and one access log line', () => {
    const usage = usagePerWebhook(run, 100, 'active');
    expect(usage.logBytes).toBeCloseTo(
      (50_000 + 110 * PLATFORM_BYTES_PER_INVOCATION) / 100 + ACCESS_LOG_BYTES_PER_REQUEST,
    );
    expect(PLATFORM_BYTES_PER_INVOCATION).toBeGreaterThan(250);
    expect(ACCESS_LOG_BYTES_PER_REQUEST).toBeGreaterThan(200);
  });

  test('CPU work costs the same GB-seconds at any memory below a whole core, and more above it', () => {
    expect(cpuGbSecondsOf(1000, 128)).toBeCloseTo(cpuGbSecondsOf(1000, 1024));
    expect(cpuGbSecondsOf(1000, 3538)).toBeCloseTo(2 * cpuGbSecondsOf(1000, 1769));
  });

  test('pass-through tracing records no traces; no webhooks, no usage', () => {
    expect(usagePerWebhook(run, 100, 'pass-through').xrayTraces).toBe(0);
    expect(usagePerWebhook(run, 0, 'active').sqsRequests).toBe(0);
  });
});
