import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { SQSClient } from '@aws-sdk/client-sqs';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { randomUUID } from 'node:crypto';
import * as z from 'zod';
import {
  CANONICAL_STATE_TABLE_VARIABLE,
  RECONCILE_JOBS,
  reconcileSettingsSchema,
} from '../../config/function-settings';
import type { ApiAuthConfig } from '../../config/schema';
import { claimCheckWriter } from '../shared/claim-check-store';
import { deployedApiAuth } from '../shared/deployed-api-auth';
import { sendHttp, type HttpRequest } from '../shared/http-client';
import { logger } from '../shared/logger';
import { metrics } from '../shared/metrics';
import { sendInBatches } from '../shared/queue-writer';
import { readSecretString, signingSecretsFrom } from '../shared/secrets';
import { readSettings } from '../shared/settings';
import { tracer } from '../shared/tracer';
import { fullRecordFetcher } from '../transform/fetch-full-record';
import { dynamoKnownVersions } from './canonical-state';
import { dynamoCursorStore } from './cursor-store';
import { listApiClient } from './list-client';
import { pollSource } from './poll-source';
import { recordMissed, recordPoll, recordRenewal } from './record-outcome';
import { reconcileRecord } from './reconcile-record';
import { renewSubscriptions } from './subscriptions/renew-subscriptions';

const settings = readSettings(reconcileSettingsSchema);
const dynamodb = tracer.captureAWSv3Client(new DynamoDBClient({}));
const sqs = tracer.captureAWSv3Client(new SQSClient({}));
const checkIn = claimCheckWriter(tracer.captureAWSv3Client(new S3Client({})), settings.payloadBucket, settings.source);
/**
 * The credentials of the source's APIs, made once like the clients above: an OAuth2 token is then fetched once per
 * its lifetime rather than once per scheduled run.
 */
const apiAuth = (config: { auth: ApiAuthConfig; requestTimeoutMs: number }) =>
  deployedApiAuth(config.auth, {
    timeoutMs: config.requestTimeoutMs,
    ...(settings.apiSecretId ? { secretId: settings.apiSecretId } : {}),
  });
const pollAuth = settings.reconciliation && apiAuth(settings.reconciliation);
const subscriptionAuth = settings.subscriptions && apiAuth(settings.subscriptions);
metrics.setDefaultDimensions({ source: settings.source });
logger.appendPersistentKeys({ source: settings.source });
tracer.putAnnotation('source', settings.source);

/** The time a page needs after its last request: mapping, the canonical state read, the sends and the cursor. */
const PAGE_MARGIN_MS = 15_000;

/** What a schedule hands the function: which job to run. */
const scheduledJobSchema = z.object({ job: z.enum(RECONCILE_JOBS) });

/** The canonical state table, named by the stack in the environment (the canonical state writer's contract). */
function canonicalStateTable(): string {
  const name = process.env[CANONICAL_STATE_TABLE_VARIABLE];
  if (!name) throw new Error(`${CANONICAL_STATE_TABLE_VARIABLE} is not set`);
  return name;
}

/** Polls every stream of the source; throws when one failed, so the schedule retries and resumes at its cursor. */
async function poll(context: Context): Promise<void> {
  const reconciliation = settings.reconciliation;
  const auth = pollAuth;
  if (!reconciliation || !auth) throw new Error(`source "${settings.source}" has no reconciliation configured`);
  const deadline = () => Date.now() + context.getRemainingTimeInMillis() - PAGE_MARGIN_MS;
  const send = (request: HttpRequest) => sendHttp(request, reconciliation.requestTimeoutMs);
  const fetchFullRecord = settings.completion
    ? fullRecordFetcher(
        settings.completion,
        (request) => sendHttp(request, settings.completion!.requestTimeoutMs),
        auth,
      )
    : undefined;
  const outcome = await pollSource(
    settings.source,
    reconciliation,
    {
      readPage: listApiClient({
        send,
        auth,
        requestsPerSecond: reconciliation.requestsPerSecond,
        requestTimeoutMs: reconciliation.requestTimeoutMs,
        deadlineMs: deadline,
      }),
      cursors: dynamoCursorStore(dynamodb, settings.stateTable, settings.source),
      reconcile: (record, recordContext) => reconcileRecord(settings.source, record, recordContext, fetchFullRecord),
      knownVersions: dynamoKnownVersions(dynamodb, canonicalStateTable()),
      enqueue: (messages) => sendInBatches(sqs, settings.queueUrl, messages),
      checkIn,
      now: Date.now,
      newId: randomUUID,
      hasTimeForPage: () => Date.now() < deadline(),
      countMissed: recordMissed,
    },
    logger,
  );
  recordPoll(outcome);
}

/** Checks the source's webhook subscriptions and keeps them alive. */
async function renew(): Promise<void> {
  const subscriptions = settings.subscriptions;
  const auth = subscriptionAuth;
  if (!subscriptions || !auth) throw new Error(`source "${settings.source}" has no subscriptions configured`);
  const outcome = await renewSubscriptions(subscriptions, settings.notificationUrl, {
    send: async (request) =>
      sendHttp(
        { ...request, headers: { ...request.headers, ...(await auth.headers()) } },
        subscriptions.requestTimeoutMs,
      ),
    now: Date.now,
    clientState: async () => {
      const current = signingSecretsFrom(await readSecretString(settings.signingSecretId))[0];
      if (current === undefined) throw new Error('the signing secret holds no current value to send as clientState');
      return current;
    },
  });
  recordRenewal(outcome);
}

/** A schedule's invocation: `{"job": "poll"}` reads the list API, `{"job": "renew-subscriptions"}` keeps subscriptions alive. */
export const handler = middy(async (event: unknown, context: Context): Promise<void> => {
  const scheduled = scheduledJobSchema.safeParse(event);
  if (!scheduled.success) {
    logger.error('scheduled job not understood', { issues: scheduled.error.issues.map((issue) => issue.message) });
    return;
  }
  if (scheduled.data.job === 'poll') await poll(context);
  else await renew();
})
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .use(captureLambdaHandler(tracer))
  .use(logMetrics(metrics));
