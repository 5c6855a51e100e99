import * as z from 'zod';
import {
  CANONICAL_STATE_DESTINATION,
  completionSchema,
  destinationSchema,
  reconciliationSchema,
  subscriptionsSchema,
  ROUTABLE_EVENT_TYPES,
  additionalSchemesSchema,
  signatureSchemeSchema,
  type DestinationConfig,
  type InterchangeConfig,
  type SourceConfig,
} from './schema';

/**
 * What each function reads from its INTERCHANGE_SETTINGS variable. The stacks build these from the
 * deployment's configuration and local mode builds the same, so a function never learns where it runs.
 */

/** One source's ingest function: how to verify, what to accept, where to enqueue. */
export const ingestSettingsSchema = z.object({
  source: z.string(),
  scheme: signatureSchemeSchema,
  additionalSchemes: additionalSchemesSchema.optional(),
  /** Name or ARN of the signing secret `{"current": "...", "previous": "..."}`. */
  secretId: z.string(),
  queueUrl: z.string(),
  /** Bucket for bodies too large for a queue message (claim check). */
  payloadBucket: z.string(),
  eventTypeHeader: z.string().optional(),
  eventTypeField: z.string().optional(),
  deliveryIdHeader: z.string().optional(),
  eventIdHeader: z.string().optional(),
  eventTimeHeader: z.string().optional(),
  maxBodyBytes: z.number().int().positive(),
});
export type IngestSettings = z.infer<typeof ingestSettingsSchema>;

/** A delivery queue of one destination. */
export const deliveryTargetSchema = z.object({ destination: z.string(), queueUrl: z.string() });
export type DeliveryTarget = z.infer<typeof deliveryTargetSchema>;

/** One source's transform function: where each canonical type goes and where misfits are kept. */
export const transformSettingsSchema = z.object({
  source: z.string(),
  routes: z.partialRecord(z.enum(ROUTABLE_EVENT_TYPES), z.array(deliveryTargetSchema)),
  /**
   * The ingest queue's dead-letter queue. Misfits are sent there with their reason, beside records whose
   * attempts ran out, so one redrive (StartMessageMoveTask) replays both once the mapper is fixed.
   */
  quarantineQueueUrl: z.string(),
  /** The payload bucket: claim-checked bodies are read from it and every accepted webhook is archived in it. */
  payloadBucket: z.string(),
  /** Receives after which a partial record stops waiting for its missing fields and is quarantined. */
  maxPartialAttempts: z.number().int().min(1),
  completion: completionSchema.optional(),
  /** The deployed secret holding the source API's credentials, when its auth needs one. */
  completionSecretId: z.string().optional(),
});
export type TransformSettings = z.infer<typeof transformSettingsSchema>;

/** One destination's connector function. */
export const connectorSettingsSchema = z.object({
  destination: destinationSchema,
  functionTimeoutSeconds: z.number().int().positive(),
  /** The delivery queue the connector consumes, to hand records back with a delay. */
  queueUrl: z.string(),
  /** Where permanent failures go at once, with their reason. */
  deadLetterQueueUrl: z.string(),
  idempotencyTable: z.string(),
  stateTable: z.string(),
  /** Secret with the destination's credentials, when its auth needs one. */
  credentialsSecretId: z.string().optional(),
});
export type ConnectorSettings = z.infer<typeof connectorSettingsSchema>;

/**
 * One source's reconcile function: the list API it polls, the subscriptions it keeps alive, and where missed
 * changes go (the source's own ingest queue, so they take the path every webhook takes).
 */
export const reconcileSettingsSchema = z.object({
  source: z.string(),
  queueUrl: z.string(),
  /** Holds each stream's cursor. */
  stateTable: z.string(),
  /** Where a listed record too large for a queue message is claim-checked, as ingest does for a webhook. */
  payloadBucket: z.string(),
  reconciliation: reconciliationSchema.optional(),
  subscriptions: subscriptionsSchema.optional(),
  /** Completes a listed record that maps partial (a Shopify level without SKU), as the transform would. */
  completion: completionSchema.optional(),
  /** The deployed secret with the credentials of the source's APIs, when their auth needs one. */
  apiSecretId: z.string().optional(),
  /** The signing secret: Business Central sends its current value back as `clientState` in each notification. */
  signingSecretId: z.string(),
  /** The URL the vendor posts webhooks to, as a subscription names it. */
  notificationUrl: z.string(),
});
export type ReconcileSettings = z.infer<typeof reconcileSettingsSchema>;

/** The scheduled jobs of a reconcile function, named in the schedule's input. */
export const RECONCILE_JOBS = ['poll', 'renew-subscriptions'] as const;
export type ReconcileJob = (typeof RECONCILE_JOBS)[number];

/**
 * The state writer: canonical events from its queue to the canonical state table (named by the
 * CANONICAL_STATE_TABLE_NAME variable, which the pollers read too), large data to the payload bucket.
 */
export const stateWriterSettingsSchema = z.object({ payloadBucket: z.string() });
export type StateWriterSettings = z.infer<typeof stateWriterSettingsSchema>;

/** The read API: canonical state by entity and id, and the state table holding each caller's request count. */
export const readApiSettingsSchema = z.object({
  payloadBucket: z.string(),
  stateTable: z.string(),
  /** Items a list answers when the caller names no `limit`, and the most it may ask for. */
  listLimit: z.object({ default: z.int().min(1), max: z.int().min(1) }),
});
export type ReadApiSettings = z.infer<typeof readApiSettingsSchema>;

/** The read API's authorizer: where the callers and their hashed API keys are kept. */
export const readAuthorizerSettingsSchema = z.object({ callersSecretId: z.string() });
export type ReadAuthorizerSettings = z.infer<typeof readAuthorizerSettingsSchema>;

/** Name of the secret listing the read API's callers and their hashed keys (under the stage's prefix). */
export const READ_API_CALLERS_SECRET = 'interchange/read-api/callers';

/** The variable through which functions that read or write canonical state get its table's name. */
export const CANONICAL_STATE_TABLE_VARIABLE = 'CANONICAL_STATE_TABLE_NAME';

/** Where one deployment put a source's or destination's parts: queue URLs and secret ids, real or local. */
export interface ResolvedSource {
  readonly queueUrl: string;
  readonly quarantineQueueUrl: string;
  readonly secretId: string;
  /** Secret with the credentials of the source's read API, when its auth needs one. */
  readonly completionSecretId?: string;
}
export interface ResolvedDestination {
  readonly queueUrl: string;
  readonly deadLetterQueueUrl: string;
  readonly credentialsSecretId?: string;
}
export interface ResolvedTopology {
  readonly sources: ReadonlyMap<string, ResolvedSource>;
  readonly destinations: ReadonlyMap<string, ResolvedDestination>;
  readonly idempotencyTable: string;
  readonly stateTable: string;
  /** Where bodies too large for a queue message are kept (claim check). */
  readonly payloadBucket: string;
  /** The queue of the internal destination every canonical event goes to, and the table it writes. */
  readonly canonicalState: { readonly queueUrl: string; readonly tableName: string };
  /** The secret listing the read API's callers and their hashed keys. */
  readonly readApiCallersSecretId: string;
}

/**
 * Each function's Lambda timeout. Queues' visibility is six times their consumer's; the connector's version
 * leases last as long as one of its invocations.
 */
export const FUNCTION_TIMEOUT_SECONDS = {
  ingest: 10,
  transform: 30,
  connector: 60,
  stateWriter: 30,
  readApi: 10,
  readAuthorizer: 5,
  reconcile: 300,
} as const;

/** A batch of the state writer: its records are written in parallel, one conditional write each. */
export const STATE_WRITER_BATCHING = { batchSize: 25, maxBatchingWindowSeconds: 1, maxReceiveCount: 10 } as const;

/** What a list of the read API answers by default, and at most. */
export const READ_API_LIST_LIMIT = { default: 25, max: 100 } as const;

/**
 * Receives after which SQS itself moves a delivery to the DLQ: a safety net only (the most SQS allows). The
 * connector dead-letters with a reason when the destination's retry horizon or attempt budget runs out, and
 * waiting (no rate token, an open circuit) defers to the end of the wait rather than receiving again and again.
 */
export const DELIVERY_MAX_RECEIVE_COUNT = 1000;

/** How long a delivery queue keeps a message: a day past the retry horizon, within SQS's 14 days. */
export function deliveryRetentionSeconds(destination: Pick<DestinationConfig, 'retryHorizonSeconds'>): number {
  return Math.min(14 * 24 * 3600, destination.retryHorizonSeconds + 24 * 3600);
}

/**
 * The payload bucket's folder for bodies too large for a queue message (claim check): functions write and read
 * under it, and the stack scopes grants and expiry to it.
 */
export const CLAIM_CHECK_PREFIX = 'claim-check';

/** The payload bucket's folder for the archive of accepted webhooks, which `interchange replay` reads. */
export const ARCHIVE_PREFIX = 'archive';

/**
 * The payload bucket's folder for canonical data too large for a state item: kept while the item points at it (no
 * expiry), deleted by the state writer once a newer version replaces it.
 */
export const CANONICAL_STATE_PREFIX = 'canonical-state';

/** Receives a partial record waits for its missing fields before it is quarantined. */
export const MAX_PARTIAL_ATTEMPTS = 3;

function resolved<T>(map: ReadonlyMap<string, T>, name: string): T {
  const value = map.get(name);
  if (value === undefined) throw new Error(`no resources resolved for "${name}"`);
  return value;
}

/** The ingest settings of one source; the CDK app and local mode both call this, so they cannot drift. */
export function ingestSettingsFor(source: SourceConfig, topology: ResolvedTopology): IngestSettings {
  const parts = resolved(topology.sources, source.name);
  return {
    source: source.name,
    scheme: source.scheme,
    secretId: parts.secretId,
    queueUrl: parts.queueUrl,
    payloadBucket: topology.payloadBucket,
    maxBodyBytes: source.maxBodyBytes,
    ...(source.additionalSchemes ? { additionalSchemes: source.additionalSchemes } : {}),
    ...(source.eventTypeHeader ? { eventTypeHeader: source.eventTypeHeader } : {}),
    ...(source.eventTypeField ? { eventTypeField: source.eventTypeField } : {}),
    ...(source.deliveryIdHeader ? { deliveryIdHeader: source.deliveryIdHeader } : {}),
    ...(source.eventIdHeader ? { eventIdHeader: source.eventIdHeader } : {}),
    ...(source.eventTimeHeader ? { eventTimeHeader: source.eventTimeHeader } : {}),
  };
}

/**
 * The transform settings of one source: the routing table resolved to delivery queues. Every canonical type also
 * goes to the canonical state, whether or not a destination takes it: the one place that routing is decided.
 */
export function transformSettingsFor(
  config: InterchangeConfig,
  source: SourceConfig,
  topology: ResolvedTopology,
): TransformSettings {
  const sourceParts = resolved(topology.sources, source.name);
  const routes: TransformSettings['routes'] = {};
  const canonicalState = { destination: CANONICAL_STATE_DESTINATION, queueUrl: topology.canonicalState.queueUrl };
  for (const type of ROUTABLE_EVENT_TYPES) {
    const destinations: readonly string[] = config.routes[type] ?? [];
    routes[type] = [
      ...destinations.map((destination) => ({
        destination,
        queueUrl: resolved(topology.destinations, destination).queueUrl,
      })),
      canonicalState,
    ];
  }
  return {
    source: source.name,
    routes,
    quarantineQueueUrl: sourceParts.quarantineQueueUrl,
    payloadBucket: topology.payloadBucket,
    maxPartialAttempts: MAX_PARTIAL_ATTEMPTS,
    ...(source.completion ? { completion: source.completion } : {}),
    ...(sourceParts.completionSecretId ? { completionSecretId: sourceParts.completionSecretId } : {}),
  };
}

/** Whether a source has anything for a reconcile function to do. */
export function needsReconcileFunction(source: SourceConfig): boolean {
  return source.reconciliation !== undefined || source.subscriptions !== undefined;
}

/** The reconcile settings of one source; `notificationUrl` is where the deployment receives its webhooks. */
export function reconcileSettingsFor(
  source: SourceConfig,
  topology: ResolvedTopology,
  notificationUrl: string,
): ReconcileSettings {
  const parts = resolved(topology.sources, source.name);
  return {
    source: source.name,
    queueUrl: parts.queueUrl,
    stateTable: topology.stateTable,
    payloadBucket: topology.payloadBucket,
    signingSecretId: parts.secretId,
    notificationUrl,
    ...(source.reconciliation ? { reconciliation: source.reconciliation } : {}),
    ...(source.subscriptions ? { subscriptions: source.subscriptions } : {}),
    ...(source.completion ? { completion: source.completion } : {}),
    ...(parts.completionSecretId ? { apiSecretId: parts.completionSecretId } : {}),
  };
}

/** The state writer's settings. */
export function stateWriterSettingsFor(topology: ResolvedTopology): StateWriterSettings {
  return { payloadBucket: topology.payloadBucket };
}

/** The read API's settings. */
export function readApiSettingsFor(topology: ResolvedTopology): ReadApiSettings {
  return { payloadBucket: topology.payloadBucket, stateTable: topology.stateTable, listLimit: READ_API_LIST_LIMIT };
}

/** The read API authorizer's settings. */
export function readAuthorizerSettingsFor(topology: ResolvedTopology): ReadAuthorizerSettings {
  return { callersSecretId: topology.readApiCallersSecretId };
}

/** The connector settings of one destination. */
export function connectorSettingsFor(destination: DestinationConfig, topology: ResolvedTopology): ConnectorSettings {
  const parts = resolved(topology.destinations, destination.name);
  return {
    destination,
    functionTimeoutSeconds: FUNCTION_TIMEOUT_SECONDS.connector,
    queueUrl: parts.queueUrl,
    deadLetterQueueUrl: parts.deadLetterQueueUrl,
    idempotencyTable: topology.idempotencyTable,
    stateTable: topology.stateTable,
    ...(parts.credentialsSecretId ? { credentialsSecretId: parts.credentialsSecretId } : {}),
  };
}
