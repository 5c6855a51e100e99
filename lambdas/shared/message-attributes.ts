import type { MessageAttributeValue } from '@aws-sdk/client-sqs';
import type { SQSMessageAttributes } from 'aws-lambda';

/** The attributes every queued message carries, so each hop can log and trace without parsing the body. */
export interface EventAttributes {
  readonly correlationId: string;
  readonly source: string;
  readonly eventType: string;
  /** When the webhook was accepted (ISO 8601), for end-to-end latency. */
  readonly receivedAt: string;
  /** The vendor's delivery id, when it sends one. */
  readonly deliveryId?: string;
  /** The vendor's id of the change (Shopify's `X-Shopify-Event-Id`), when it sends one in a header. */
  readonly vendorEventId?: string;
  /** The vendor's precise time of the change (Shopify's `X-Shopify-Triggered-At`), when it sends one. */
  readonly triggeredAt?: string;
}

const NAMES = [
  'correlationId',
  'source',
  'eventType',
  'receivedAt',
  'deliveryId',
  'vendorEventId',
  'triggeredAt',
] as const;
const OPTIONAL = ['deliveryId', 'vendorEventId', 'triggeredAt'] as const;

/** Encodes the attributes for SendMessage; empty values are left out because SQS refuses them. */
export function toMessageAttributes(attributes: EventAttributes): Record<string, MessageAttributeValue> {
  const encoded: Record<string, MessageAttributeValue> = {};
  for (const name of NAMES) {
    const value = attributes[name];
    if (value) encoded[name] = { DataType: 'String', StringValue: value };
  }
  return encoded;
}

/** Reads the attributes of a received record; a missing one reads as empty rather than failing the record. */
export function fromMessageAttributes(attributes: SQSMessageAttributes): EventAttributes {
  const read = (name: (typeof NAMES)[number]): string => attributes[name]?.stringValue ?? '';
  const optional = Object.fromEntries(OPTIONAL.map((name) => [name, read(name)]).filter(([, value]) => value !== ''));
  return {
    correlationId: read('correlationId'),
    source: read('source'),
    eventType: read('eventType'),
    receivedAt: read('receivedAt'),
    ...optional,
  };
}
