import type { BenchResults } from '../../../bench/results';

/** A plausible full run, for tests of the results shape and the report; the figures mean nothing. */
export function sampleResults(): BenchResults {
  const coldStart = (name: 'ingest' | 'transform' | 'connector', bundleBytes: number, bundleRatio: number) => ({
    name,
    bundleBytes,
    initMs: 120,
    bundleRatio,
    initRatio: 1.4,
    baseline: { sdkClients: ['@aws-sdk/client-sqs'], bundleBytes: 368_640, initMs: 60 },
    withoutSourceMaps: { initMs: 100, baselineInitMs: 50 },
    withoutTracer: { bundleBytes: bundleBytes - 124_000, initMs: 100 },
    largestPackages: [{ name: 'zod', bytes: 454_000 }],
  });
  return {
    startedAt: '2026-01-01T00:00:00.000Z',
    durationSeconds: 400,
    machine: { cpuModel: 'test cpu', cpus: 2, memoryGb: 24, node: 'v20.0.0', os: 'linux' },
    ingest: [1024, 16_384, 262_144].map((bodyBytes) => ({
      scheme: 'shopify',
      bodyBytes,
      ratio: 1.2,
      handlerMicros: 15,
      baselineMicros: 12.5,
    })),
    functions: [coldStart('ingest', 966_000, 1.4), coldStart('connector', 1_096_704, 2.975)],
    local: {
      events: 10_000,
      concurrency: 16,
      logLevel: 'WARN',
      eventsPerSecond: 120,
      ackP50Ms: 110,
      ackP99Ms: 250,
      deliveryP50Ms: 9000,
      deliveryP99Ms: 15000,
      deliveredEventsPerSecond: 60,
      peakRssMb: 1300,
      accepted: 10_000,
      delivered: 10_000,
      downstreamEventsExpected: 22_300,
      downstreamEventsArrived: 22_300,
      answeredByStatus: { '202': 10_000 },
      functionWarnings: 3,
      functionWarningsByMessage: {
        'transform-crm: partial record held back': 2,
        'transform-crm: record quarantined': 1,
      },
      metrics: {
        webhookAccepted: 10_000,
        webhookRejected: 0,
        eventsMapped: 25_300,
        recordsQuarantined: 0,
        partialHeldBack: 0,
        delivered: 22_300,
        notApplicable: 3_000,
        staleDropped: 0,
        canonicalState: 0,
        deliveryDeadLettered: 0,
        duplicateSkipped: 0,
        deferred: 0,
        unsettled: 0,
      },
      awsCalls: {
        dynamodbWritesPerEvent: 1.9,
        dynamodbReadsPerEvent: 0.4,
        sqsRequestsPerEvent: 2.6,
        byOperation: { sqs: { SendMessageBatch: 100 }, dynamodb: { UpdateItem: 200 } },
      },
    },
    transform: [{ source: 'storefront', recordsPerSecond: 3000, fixtures: 7 }],
  };
}
