import { FUNCTION_MEMORY_MB } from '../../lib/function-limits';
import { ACCESS_LOG_FIELDS } from '../../lib/stateless-stack';
import type { RunUsage } from '../e2e/host-protocol';
import type { UsagePerWebhook } from './pricing';

/**
 * A run's counted usage turned into one webhook's share of each billed quantity (the pricing function's input),
 * adding what local mode cannot print: the lines Lambda itself writes per invocation and the API's access log.
 */

/**
 * What Lambda writes to a function's log group per invocation in its default text format, beside the function's own
 * lines (https://docs.aws.amazon.com/lambda/latest/dg/monitoring-cloudwatchlogs.html); with active tracing the
 * REPORT line carries the trace id.
 */
const PLATFORM_LINES = [
  'START RequestId: 6d1c7a4e-3f1b-4b6a-9a1e-2b7c1f0d9e8a Version: $LATEST',
  'END RequestId: 6d1c7a4e-3f1b-4b6a-9a1e-2b7c1f0d9e8a',
  'REPORT RequestId: 6d1c7a4e-3f1b-4b6a-9a1e-2b7c1f0d9e8a\tDuration: 12.34 ms\tBilled Duration: 13 ms\t' +
    'Memory Size: 256 MB\tMax Memory Used: 92 MB\t\n' +
    'XRAY TraceId: 1-6750a1b2-0123456789abcdef01234567\tSegmentId: 0123456789abcdef\tSampled: false\t',
];
export const PLATFORM_BYTES_PER_INVOCATION = PLATFORM_LINES.reduce(
  (total, line) => total + Buffer.byteLength(line) + 1,
  0,
);

/** Values of the access log's context variables as one webhook fills them. */
const ACCESS_LOG_SAMPLE: Readonly<Record<string, string>> = {
  '$context.requestId': 'Jx8sVh2bIAMEbWQ=',
  '$context.identity.sourceIp': '203.0.113.195',
  '$context.requestTime': '01/Dec/2026:19:30:00 +0000',
  '$context.routeKey': 'ANY /webhooks/storefront',
  '$context.status': '202',
  '$context.responseLength': '57',
  '$context.responseLatency': '41',
  '$context.integrationLatency': '39',
  '$context.integrationErrorMessage': '-',
};
export const ACCESS_LOG_BYTES_PER_REQUEST =
  Buffer.byteLength(
    JSON.stringify(
      Object.fromEntries(
        Object.entries(ACCESS_LOG_FIELDS).map(([field, variable]) => [field, ACCESS_LOG_SAMPLE[variable] ?? '-']),
      ),
    ),
  ) + 1;

/**
 * Lambda's own sampling under active tracing: the first invocation each second, then this share of the rest; it
 * cannot be changed for Lambda (https://docs.aws.amazon.com/lambda/latest/dg/services-xray.html). The reservoir is
 * per second, not per webhook, so a per-million figure takes the rate alone.
 */
export const LAMBDA_XRAY_SAMPLED_SHARE = 0.05;

/**
 * How long a function waits for one AWS call in the region (DynamoDB single-digit milliseconds, SQS and S3 some
 * more): an assumption, since loopback stand-ins on a shared machine answer neither as fast nor as steadily. Lambda
 * bills the wait; the event source mapping's receives and deletes are not the function's and cost no duration.
 */
export const AWS_CALL_WAIT_MS = 10;
/** Which function kind makes each call, for the memory its wait is billed at. */
const CALLER_OF: Readonly<Record<string, keyof typeof FUNCTION_MEMORY_MB>> = {
  SendMessage: 'ingest',
  SendMessageBatch: 'transform',
  ChangeMessageVisibilityBatch: 'connector',
  PUT: 'ingest',
  GET: 'transform',
};

/**
 * Lambda gives a function a share of a vCPU in proportion to its memory, a whole one at 1,769 MB
 * (https://docs.aws.amazon.com/lambda/latest/dg/configuration-memory.html): CPU work of `cpuMs` on a whole core takes
 * 1,769 / memory times as long below that. So the GB-seconds of CPU work are the same at any memory up to 1,769 MB,
 * and memory beyond what a function holds buys only speed.
 */
export const MB_PER_VCPU = 1769;
export const cpuGbSecondsOf = (cpuMs: number, memoryMb: number) =>
  (cpuMs / 1000) * Math.max(1, MB_PER_VCPU / memoryMb) * (memoryMb / 1024);

const DYNAMODB_SET_UP = /^(Create|Describe|List|Update(Table|TimeToLive)|Delete(Table)|Tag)/;
/** The item operations a function makes (reads and writes), as against table set-up. */
const DYNAMODB_OPERATION =
  /^(Get|Put|Update|Delete|Batch|Transact)Item|^(Query|Scan|BatchGetItem|BatchWriteItem|TransactGetItems|TransactWriteItems)$/;
const SQS_SET_UP = /^(Create|Delete(Queue)|List|Tag|GetQueue|SetQueue)/;

const sumOf = (
  measures: Readonly<Record<string, Readonly<Record<string, number>>>>,
  measure: string,
  counted: (operation: string) => boolean,
) =>
  Object.entries(measures).reduce(
    (total, [operation, sums]) => total + (counted(operation) ? (sums[measure] ?? 0) : 0),
    0,
  );

/** How the stage traces: what share of invocations X-Ray records. */
export const sampledShare = (tracing: 'active' | 'pass-through') =>
  tracing === 'active' ? LAMBDA_XRAY_SAMPLED_SHARE : 0;

/** One webhook's share of a run's usage. Receives that found nothing are left out: they are a cost per queue-hour. */
export function usagePerWebhook(
  run: RunUsage,
  webhooks: number,
  tracing: 'active' | 'pass-through',
): UsagePerWebhook & { readonly idleReceives: number } {
  const per = (value: number) => (webhooks > 0 ? value / webhooks : 0);
  const functions = Object.values(run.functions);
  const invocations = functions.reduce((total, fn) => total + fn.invocations, 0);
  // Lambda bills each invocation's run; here invocations overlap in one thread and wait on stand-ins slowed by the
  // machine's other work, so the run is priced as its CPU time, stretched to the share of a core the function's
  // memory buys, plus a wait per AWS call.
  const cpuGbSeconds = functions.reduce((total, fn) => total + cpuGbSecondsOf(fn.cpuMs, fn.memoryMb), 0);
  const waitGbSeconds = [
    ...Object.entries(run.calls.dynamodb),
    ...Object.entries(run.calls.s3),
    ...Object.entries(run.calls.sqs),
  ]
    .filter(([operation]) => operation in CALLER_OF || DYNAMODB_OPERATION.test(operation))
    .reduce((total, [operation, count]) => {
      const memoryMb = FUNCTION_MEMORY_MB[CALLER_OF[operation] ?? 'connector'];
      return total + count * (AWS_CALL_WAIT_MS / 1000) * (memoryMb / 1024);
    }, 0);
  const gbSeconds = cpuGbSeconds + waitGbSeconds;
  const functionLogBytes = functions.reduce((total, fn) => total + fn.logBytes, 0);
  const sqsCounted = (operation: string) => !SQS_SET_UP.test(operation);
  const dynamodbCounted = (operation: string) => operation === 'UpdateItem' || !DYNAMODB_SET_UP.test(operation);
  const idleReceives = sumOf(run.units.sqs, 'emptyReceives', sqsCounted);
  const s3 = run.calls.s3;
  return {
    httpApiRequests: webhooks > 0 ? 1 : 0,
    sqsRequests: per(sumOf(run.units.sqs, 'chunks', sqsCounted) - idleReceives),
    dynamodbWriteUnits: per(sumOf(run.units.dynamodb, 'writeUnits', dynamodbCounted)),
    dynamodbReadUnits: per(sumOf(run.units.dynamodb, 'readUnits', dynamodbCounted)),
    s3PutRequests: per((s3.PUT ?? 0) + (s3.POST ?? 0)),
    s3GetRequests: per((s3.GET ?? 0) + (s3.HEAD ?? 0)),
    lambdaRequests: per(invocations),
    lambdaGbSeconds: per(gbSeconds),
    logBytes: per(functionLogBytes + invocations * PLATFORM_BYTES_PER_INVOCATION) + ACCESS_LOG_BYTES_PER_REQUEST,
    xrayTraces: per(invocations) * sampledShare(tracing),
    idleReceives: per(idleReceives),
  };
}
