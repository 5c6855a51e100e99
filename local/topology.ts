import { CreateQueueCommand, GetQueueAttributesCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { randomBytes } from 'node:crypto';
import {
  DELIVERY_MAX_RECEIVE_COUNT,
  READ_API_CALLERS_SECRET,
  STATE_WRITER_BATCHING,
  type ResolvedTopology,
} from '../config/function-settings';
import { CANONICAL_STATE_DESTINATION, type InterchangeConfig, type SourceConfig } from '../config/schema';
import { resourceName } from '../lib/naming';
import type { LocalSecretsManager } from './secrets-manager';
import { generateStandardWebhookSecret } from './signers';
import { issueApiKey, keySha256 } from '../lambdas/read-authorizer/api-keys';

/** The read API's one local caller, whose key local mode prints and writes to the endpoints file. */
export const LOCAL_READ_API_CALLER = 'local';
/** The local caller's requests per second: enough for a person and the tests, low enough to see a 429. */
export const LOCAL_READ_API_RATE = 50;

/** A queue local mode made, with what the event source mappings and the live view need to know of it. */
export interface LocalQueue {
  readonly name: string;
  readonly url: string;
  readonly arn: string;
  readonly deadLetter: { readonly name: string; readonly url: string; readonly arn: string };
}

/** What provisioning made: the topology handed to functions, plus the queues and the secrets a person needs. */
export interface LocalTopology {
  readonly resolved: ResolvedTopology;
  readonly ingestQueues: ReadonlyMap<string, LocalQueue>;
  readonly deliveryQueues: ReadonlyMap<string, LocalQueue>;
  /** The queue of the internal destination every canonical event goes to, which the state writer consumes. */
  readonly canonicalStateQueue: LocalQueue;
  /** The signing secret of each source, for signing local webhooks. */
  readonly signingSecrets: ReadonlyMap<string, string>;
  /** The local caller's read API key (`Authorization: Bearer <key>`); the callers secret holds only its hash. */
  readonly readApiKey: string;
}

/**
 * Visibility timeouts of the local queues: short so a failed record comes back within seconds, yet longer than
 * a batch takes (the ingest queue's includes the transform's batching window), so nothing is redelivered while
 * it is still being processed.
 */
export interface LocalVisibility {
  readonly ingestSeconds: number;
  readonly deliverySeconds: number;
}

/** Receives before an ingest record is quarantined by redrive; the same as the stateful stack's. */
const INGEST_MAX_RECEIVE_COUNT = 5;

/**
 * Creates from the deployment's config what the stateful stack creates in AWS: a queue and dead-letter queue
 * per source and per destination with the same names and redrive, and a signing secret per source.
 */
export async function provisionLocalTopology(
  config: InterchangeConfig,
  sqs: SQSClient,
  secrets: LocalSecretsManager,
  tables: { idempotencyTable: string; stateTable: string; canonicalStateTable: string; payloadBucket: string },
  visibility: LocalVisibility,
  /** Secrets to keep from an earlier run, by source; a source without one gets a fresh secret. */
  keptSecrets: ReadonlyMap<string, string> = new Map(),
  /** The read API key to keep from an earlier run; a fresh one is issued without it. */
  keptReadApiKey?: string,
): Promise<LocalTopology> {
  const stage = config.stage.name;
  const queue = (name: string, suffix: string, maxReceiveCount: number, visibilitySeconds: number) =>
    createQueueWithDeadLetter(sqs, resourceName(stage, name), suffix, maxReceiveCount, visibilitySeconds);

  const ingestQueues = new Map<string, LocalQueue>();
  const signingSecrets = new Map<string, string>();
  for (const source of config.sources) {
    ingestQueues.set(
      source.name,
      await queue(`ingest-${source.name}`, '-quarantine', INGEST_MAX_RECEIVE_COUNT, visibility.ingestSeconds),
    );
    const secret = keptSecrets.get(source.name) ?? localSigningSecret(source);
    secrets.putSecret(`${stage}/${source.secretName}`, JSON.stringify({ current: secret, previous: '' }));
    signingSecrets.set(source.name, secret);
  }
  const deliveryQueues = new Map<string, LocalQueue>();
  for (const destination of config.destinations) {
    deliveryQueues.set(
      destination.name,
      await queue(`delivery-${destination.name}`, '-dlq', DELIVERY_MAX_RECEIVE_COUNT, visibility.deliverySeconds),
    );
  }

  const readApiKey = keptReadApiKey?.startsWith(`${LOCAL_READ_API_CALLER}.`)
    ? keptReadApiKey
    : issueApiKey(LOCAL_READ_API_CALLER).key;
  secrets.putSecret(
    `${stage}/${READ_API_CALLERS_SECRET}`,
    JSON.stringify({
      callers: {
        [LOCAL_READ_API_CALLER]: { keySha256: keySha256(readApiKey), requestsPerSecond: LOCAL_READ_API_RATE },
      },
    }),
  );
  const canonicalStateQueue = await queue(
    CANONICAL_STATE_DESTINATION,
    '-dlq',
    STATE_WRITER_BATCHING.maxReceiveCount,
    visibility.deliverySeconds,
  );

  return {
    ingestQueues,
    deliveryQueues,
    canonicalStateQueue,
    signingSecrets,
    readApiKey,
    resolved: {
      sources: new Map(
        config.sources.map((source) => {
          const parts = ingestQueues.get(source.name)!;
          return [
            source.name,
            {
              queueUrl: parts.url,
              quarantineQueueUrl: parts.deadLetter.url,
              secretId: `${stage}/${source.secretName}`,
            },
          ];
        }),
      ),
      destinations: new Map(
        [...deliveryQueues].map(([name, parts]) => [
          name,
          { queueUrl: parts.url, deadLetterQueueUrl: parts.deadLetter.url },
        ]),
      ),
      idempotencyTable: tables.idempotencyTable,
      stateTable: tables.stateTable,
      payloadBucket: tables.payloadBucket,
      canonicalState: { queueUrl: canonicalStateQueue.url, tableName: tables.canonicalStateTable },
      readApiCallersSecretId: `${stage}/${READ_API_CALLERS_SECRET}`,
    },
  };
}

/** Whether any of a source's schemes is Standard Webhooks, whose keys are `whsec_` + base64. */
export function needsStandardWebhookSecret(source: SourceConfig): boolean {
  return [source.scheme, ...(source.additionalSchemes ?? [])].some((scheme) => scheme.kind === 'standard-webhooks');
}

/**
 * A fresh secret in the form the source's schemes expect: Standard Webhooks keys are `whsec_` + base64, and the
 * other schemes of a source that has one sign with that same string.
 */
export function localSigningSecret(source: SourceConfig): string {
  return needsStandardWebhookSecret(source)
    ? generateStandardWebhookSecret()
    : `local_${source.name}_${randomBytes(16).toString('hex')}`;
}

async function createQueueWithDeadLetter(
  sqs: SQSClient,
  name: string,
  suffix: string,
  maxReceiveCount: number,
  visibilityTimeoutSeconds: number,
): Promise<LocalQueue> {
  const deadLetter = await createQueue(sqs, `${name}${suffix}`, {});
  const main = await createQueue(sqs, name, {
    VisibilityTimeout: String(visibilityTimeoutSeconds),
    RedrivePolicy: JSON.stringify({ deadLetterTargetArn: deadLetter.arn, maxReceiveCount }),
  });
  return { ...main, deadLetter };
}

async function createQueue(sqs: SQSClient, name: string, attributes: Record<string, string>) {
  const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: name, Attributes: attributes }));
  const { Attributes } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }));
  return { name, url: QueueUrl!, arn: Attributes!.QueueArn! };
}
