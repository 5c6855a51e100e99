import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { MessageAttributeValue } from '@aws-sdk/client-sqs';
import { claimCheckFor, claimCheckKey, claimCheckMessage, needsClaimCheck } from './claim-check';
import type { EventAttributes } from './message-attributes';

/** A message for a source's ingest queue: the body itself, or a claim check and the attribute that carries it. */
export interface IngestMessage {
  readonly body: string;
  readonly attribute: Record<string, MessageAttributeValue>;
}

/**
 * Makes a vendor body fit a queue message: as it is when small enough, else stored in the payload bucket under the
 * source's claim-check folder with a pointer in its place. Webhooks (ingest) and changes a poll found missed
 * (reconcile) both go to the ingest queue this way, so the transform reads either alike.
 */
export function claimCheckWriter(
  s3: Pick<S3Client, 'send'>,
  bucket: string,
  source: string,
): (body: string, attributes: EventAttributes) => Promise<IngestMessage> {
  return async (body, attributes) => {
    if (!needsClaimCheck(body)) return { body, attribute: {} };
    const key = claimCheckKey(source, attributes.receivedAt, attributes.correlationId);
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ContentType: 'application/json' }));
    return claimCheckMessage(claimCheckFor(bucket, key, body));
  };
}
