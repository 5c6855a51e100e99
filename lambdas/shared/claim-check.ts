import type { MessageAttributeValue } from '@aws-sdk/client-sqs';
import type { SQSMessageAttributes } from 'aws-lambda';
import { createHash } from 'node:crypto';
import { CLAIM_CHECK_PREFIX } from '../../config/function-settings';

/**
 * The claim check: a webhook body too large for a queue message is stored in the payload bucket and the message
 * carries this pointer instead, in its body (for people) and in an attribute (for code). Every hop that keeps the
 * message (transform retries, quarantine, dead-letter redrive, replay) keeps the pointer, never a cut body.
 */
export interface ClaimCheck {
  readonly bucket: string;
  readonly key: string;
  /** UTF-8 bytes of the stored body and their SHA-256 (hex), so a reader knows it got the whole of it. */
  readonly bytes: number;
  readonly sha256: string;
}

/** The message attribute holding the pointer. */
export const CLAIM_CHECK_ATTRIBUTE = 'claimCheck';

/**
 * Bodies above this go to the bucket. SQS takes 1 MiB per message, attributes included; the margin leaves room for
 * the event attributes and for the quarantine's diagnosis (up to 8 KiB) added to the same body later.
 */
export const CLAIM_CHECK_THRESHOLD_BYTES = 1_048_576 - 16_384;

/** Whether a body must travel by claim check. */
export function needsClaimCheck(body: string): boolean {
  return Buffer.byteLength(body, 'utf8') > CLAIM_CHECK_THRESHOLD_BYTES;
}

/** Where a source's body is stored: by source and day (for lifecycle and for people), unique by correlation id. */
export function claimCheckKey(source: string, receivedAt: string, correlationId: string): string {
  return `${CLAIM_CHECK_PREFIX}/${source}/${receivedAt.slice(0, 10)}/${correlationId}.json`;
}

/** The pointer to a body stored at `bucket`/`key`. */
export function claimCheckFor(bucket: string, key: string, body: string): ClaimCheck {
  const bytes = Buffer.from(body, 'utf8');
  return { bucket, key, bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') };
}

/** The message that carries a pointer: its body and the attribute to add to the event's own. */
export function claimCheckMessage(check: ClaimCheck): {
  readonly body: string;
  readonly attribute: Record<string, MessageAttributeValue>;
} {
  const text = JSON.stringify(check);
  return {
    body: JSON.stringify({ claimCheck: check }),
    attribute: { [CLAIM_CHECK_ATTRIBUTE]: { DataType: 'String', StringValue: text } },
  };
}

/** The pointer a received message carries, or undefined when its body is the payload itself. */
export function claimCheckOf(attributes: SQSMessageAttributes): ClaimCheck | undefined {
  const text = attributes[CLAIM_CHECK_ATTRIBUTE]?.stringValue;
  return text ? parseClaimCheck(text) : undefined;
}

/** A pointer written as JSON (a message attribute, a canonical state item), or undefined when it is not one. */
export function parseClaimCheck(text: string): ClaimCheck | undefined {
  try {
    const value = JSON.parse(text) as Partial<ClaimCheck>;
    const { bucket, key, bytes, sha256 } = value;
    if (typeof bucket !== 'string' || typeof key !== 'string') return undefined;
    if (typeof bytes !== 'number' || typeof sha256 !== 'string') return undefined;
    return { bucket, key, bytes, sha256 };
  } catch {
    return undefined;
  }
}

/** Whether a body read back is exactly the one the pointer was made for. */
export function isClaimedBody(check: ClaimCheck, body: string): boolean {
  const bytes = Buffer.from(body, 'utf8');
  return bytes.length === check.bytes && createHash('sha256').update(bytes).digest('hex') === check.sha256;
}
