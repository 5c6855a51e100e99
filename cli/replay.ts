import { GetObjectCommand, ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import type { SQSClient } from '@aws-sdk/client-sqs';
import { sendInBatches } from '../lambdas/shared/queue-writer';
import {
  archivedWebhookIdentity,
  archiveHourPrefixes,
  readArchiveObject,
  replayMessageOf,
  type ArchivedWebhook,
} from '../lambdas/shared/webhook-archive';

/** Where the archive of accepted webhooks is read from: the stage's payload bucket. */
export interface ArchiveBucket {
  readonly s3: S3Client;
  readonly bucket: string;
}

/** Which archived webhooks a replay sends: one source, optionally one vendor event type, accepted in a window. */
export interface ReplayFilter {
  readonly source: string;
  readonly type?: string;
  readonly sinceMs: number;
  readonly untilMs: number;
}

/** What the archive holds for a filter: each webhook once, oldest first. */
export interface ArchiveSelection {
  readonly webhooks: readonly ArchivedWebhook[];
  /** Archive objects read. */
  readonly objects: number;
  /** Lines that could not be read (counted, so a damaged object is not passed over in silence). */
  readonly unreadable: number;
}

/**
 * Reads the hour folders of the window and keeps the webhooks accepted in it (and of the type, if given), each
 * once: a webhook archived again by a transform retry, a quarantine replay or an earlier replay is one webhook.
 */
export async function selectArchived(archive: ArchiveBucket, filter: ReplayFilter): Promise<ArchiveSelection> {
  const keys: string[] = [];
  for (const prefix of archiveHourPrefixes(filter.source, filter.sinceMs, filter.untilMs)) {
    let token: string | undefined;
    do {
      const page = await archive.s3.send(
        new ListObjectsV2Command({ Bucket: archive.bucket, Prefix: prefix, ContinuationToken: token }),
      );
      keys.push(...(page.Contents ?? []).flatMap((object) => (object.Key ? [object.Key] : [])));
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
  }
  const byIdentity = new Map<string, ArchivedWebhook>();
  let unreadable = 0;
  for (const key of keys) {
    const object = await archive.s3.send(new GetObjectCommand({ Bucket: archive.bucket, Key: key }));
    const read = readArchiveObject(await object.Body!.transformToByteArray());
    unreadable += read.unreadable;
    for (const webhook of read.webhooks) {
      const receivedMs = Date.parse(webhook.receivedAt);
      if (receivedMs < filter.sinceMs || receivedMs > filter.untilMs) continue;
      if (filter.type !== undefined && webhook.eventType !== filter.type) continue;
      const identity = archivedWebhookIdentity(webhook);
      if (!byIdentity.has(identity)) byIdentity.set(identity, webhook);
    }
  }
  const webhooks = [...byIdentity.values()].sort(
    (a, b) => a.receivedAt.localeCompare(b.receivedAt) || a.messageId.localeCompare(b.messageId),
  );
  return { webhooks, objects: keys.length, unreadable };
}

/** What a replay sent, and what it could not. */
export interface ReplayResult {
  readonly sent: readonly ArchivedWebhook[];
  readonly failed: readonly ArchivedWebhook[];
}

/**
 * Sends archived webhooks to the source's ingest queue exactly as ingest queued them: same body, same attributes,
 * same correlation id. Their canonical events get the ids they got the first time, so whatever was delivered then
 * is recognised as a duplicate or as stale at every destination and not written again.
 */
export async function replayArchived(
  sqs: SQSClient,
  queueUrl: string,
  webhooks: readonly ArchivedWebhook[],
): Promise<ReplayResult> {
  const failedKeys = await sendInBatches(
    sqs,
    queueUrl,
    webhooks.map((webhook, index) => ({ key: String(index), ...replayMessageOf(webhook) })),
  );
  return {
    sent: webhooks.filter((_webhook, index) => !failedKeys.has(String(index))),
    failed: webhooks.filter((_webhook, index) => failedKeys.has(String(index))),
  };
}
