import type { MessageAttributeValue } from '@aws-sdk/client-sqs';
import type { SQSRecord } from 'aws-lambda';
import { createHash } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import * as z from 'zod';
import { ARCHIVE_PREFIX } from '../../config/function-settings';

/**
 * The archive of accepted webhooks: every ingest-queue message as the transform first reads it (raw body, or the
 * claim-check pointer of a large one, and every message attribute), kept in the payload bucket for the stage's
 * archive days, so `interchange replay` can send any of them through the pipeline again.
 *
 * Objects are gzipped JSON Lines under `archive/<source>/<YYYY-MM-DD>/<HH>/`, by the hour each webhook was
 * accepted (its `receivedAt`), so a replay reads only the hours it asks for, and Athena or `aws s3 cp` read them as
 * they are. A batch writes one object per hour it spans (almost always one); the object's name is a digest of its
 * message ids, so a batch the transform retries overwrites its own object instead of adding a copy.
 */

/** One archived webhook: one line of an archive object. */
export const archivedWebhookSchema = z.object({
  /** The ingest-queue message id. */
  messageId: z.string().min(1),
  source: z.string().min(1),
  eventType: z.string(),
  correlationId: z.string(),
  receivedAt: z.string().min(1),
  /** The message body as ingest queued it: the vendor's raw body, or the claim-check pointer to it. */
  body: z.string(),
  /** Every message attribute, by name, as ingest set them (string values). */
  attributes: z.record(z.string(), z.string()),
});
export type ArchivedWebhook = z.infer<typeof archivedWebhookSchema>;

/** One object to put: its key and gzipped JSON Lines body. */
export interface ArchiveObject {
  readonly key: string;
  readonly body: Buffer;
  readonly count: number;
}

/** The folder of one source's webhooks accepted in one hour. */
export function archiveHourPrefix(source: string, hourMs: number): string {
  const iso = new Date(hourMs).toISOString();
  return `${ARCHIVE_PREFIX}/${source}/${iso.slice(0, 10)}/${iso.slice(11, 13)}/`;
}

/** The webhook as archived, from the ingest-queue record the transform received. */
export function archivedWebhookOf(record: SQSRecord, source: string): ArchivedWebhook {
  const attributes: Record<string, string> = {};
  for (const [name, value] of Object.entries(record.messageAttributes)) {
    if (value.stringValue !== undefined) attributes[name] = value.stringValue;
  }
  const receivedAt = attributes.receivedAt || new Date(Number(record.attributes.SentTimestamp)).toISOString();
  return {
    messageId: record.messageId,
    source,
    eventType: attributes.eventType ?? '',
    correlationId: attributes.correlationId ?? '',
    receivedAt,
    body: record.body,
    attributes,
  };
}

/** The objects that archive one batch: one per hour of acceptance, named by a digest of their message ids. */
export function archiveObjects(webhooks: readonly ArchivedWebhook[]): ArchiveObject[] {
  const byHour = new Map<string, ArchivedWebhook[]>();
  for (const webhook of webhooks) {
    const receivedMs = Date.parse(webhook.receivedAt);
    const hourMs = Number.isNaN(receivedMs) ? 0 : receivedMs - (receivedMs % 3_600_000);
    const prefix = archiveHourPrefix(webhook.source, hourMs);
    const list = byHour.get(prefix) ?? [];
    list.push(webhook);
    byHour.set(prefix, list);
  }
  return [...byHour].map(([prefix, list]) => {
    const digest = createHash('sha256')
      .update(
        list
          .map((webhook) => webhook.messageId)
          .sort()
          .join('\n'),
      )
      .digest('hex')
      .slice(0, 32);
    const lines = list.map((webhook) => JSON.stringify(webhook)).join('\n');
    return { key: `${prefix}${digest}.jsonl.gz`, body: gzipSync(`${lines}\n`), count: list.length };
  });
}

/** Reads an archive object back; a line that does not parse is reported, not skipped silently. */
export function readArchiveObject(body: Uint8Array): { webhooks: ArchivedWebhook[]; unreadable: number } {
  const text = gunzipSync(body).toString('utf8');
  const webhooks: ArchivedWebhook[] = [];
  let unreadable = 0;
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      unreadable += 1;
      continue;
    }
    const parsed = archivedWebhookSchema.safeParse(json);
    if (parsed.success) webhooks.push(parsed.data);
    else unreadable += 1;
  }
  return { webhooks, unreadable };
}

/**
 * What makes two archived lines one webhook: its correlation id, which a transform retry, a quarantine replay and
 * an earlier replay all keep (each archives the webhook again), while a vendor's own retry is a webhook of its own.
 */
export function archivedWebhookIdentity(webhook: ArchivedWebhook): string {
  return webhook.correlationId || webhook.messageId;
}

/** The hour folders a replay between two times must read, oldest first. */
export function archiveHourPrefixes(source: string, sinceMs: number, untilMs: number): string[] {
  const prefixes: string[] = [];
  for (let hour = sinceMs - (sinceMs % 3_600_000); hour <= untilMs; hour += 3_600_000) {
    prefixes.push(archiveHourPrefix(source, hour));
  }
  return prefixes;
}

/** The ingest-queue message that sends an archived webhook through the pipeline again, exactly as it was queued. */
export function replayMessageOf(webhook: ArchivedWebhook): {
  body: string;
  attributes: Record<string, MessageAttributeValue>;
} {
  return {
    body: webhook.body,
    attributes: Object.fromEntries(
      Object.entries(webhook.attributes).map(([name, value]) => [name, { DataType: 'String', StringValue: value }]),
    ),
  };
}
