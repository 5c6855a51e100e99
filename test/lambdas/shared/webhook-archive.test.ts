import * as fc from 'fast-check';
import { gzipSync } from 'node:zlib';
import { sqsEventFrom } from '../../helpers/lambda-events';
import {
  archivedWebhookIdentity,
  archivedWebhookOf,
  archiveHourPrefixes,
  archiveObjects,
  readArchiveObject,
  replayMessageOf,
  type ArchivedWebhook,
} from '../../../lambdas/shared/webhook-archive';

const webhook = (overrides: Partial<ArchivedWebhook> = {}): ArchivedWebhook => ({
  messageId: 'm-1',
  source: 'payments',
  eventType: 'charge.succeeded',
  correlationId: 'corr-1',
  receivedAt: '2026-11-30T23:59:59.999Z',
  body: '{"id":"evt_1"}',
  attributes: { correlationId: 'corr-1', source: 'payments', eventType: 'charge.succeeded' },
  ...overrides,
});

describe('webhook archive', () => {
  test('a batch becomes one object per hour of acceptance, keyed by day and hour', () => {
    const objects = archiveObjects([
      webhook({ messageId: 'a' }),
      webhook({ messageId: 'b', receivedAt: '2026-12-01T00:00:00.000Z' }),
      webhook({ messageId: 'c', receivedAt: '2026-11-30T23:00:00.000Z' }),
    ]);

    expect(objects.map((object) => [object.key.replace(/[0-9a-f]{32}/, '<digest>'), object.count])).toEqual([
      ['archive/payments/2026-11-30/23/<digest>.jsonl.gz', 2],
      ['archive/payments/2026-12-01/00/<digest>.jsonl.gz', 1],
    ]);
  });

  test('the same messages give the same key in any order; other messages another key', () => {
    const [first] = archiveObjects([webhook({ messageId: 'a' }), webhook({ messageId: 'b' })]);
    const [reordered] = archiveObjects([webhook({ messageId: 'b' }), webhook({ messageId: 'a' })]);
    const [other] = archiveObjects([webhook({ messageId: 'a' }), webhook({ messageId: 'c' })]);

    expect(reordered!.key).toBe(first!.key);
    expect(other!.key).not.toBe(first!.key);
  });

  test('the record the transform reads is archived with its raw body and every attribute', () => {
    const [record] = sqsEventFrom(
      [
        {
          MessageId: 'm-9',
          ReceiptHandle: 'r',
          Body: 'raw \u00e9 bytes',
          MD5OfBody: 'digest',
          Attributes: { SentTimestamp: '1764547200000', ApproximateReceiveCount: '1' },
          MessageAttributes: {
            correlationId: { DataType: 'String', StringValue: 'corr-9' },
            eventType: { DataType: 'String', StringValue: 'orders/create' },
            claimCheck: { DataType: 'String', StringValue: '{"bucket":"b"}' },
          },
        },
      ],
      'arn:aws:sqs:us-east-1:000000000000:ingest-storefront',
    ).Records;

    expect(archivedWebhookOf(record!, 'storefront')).toEqual({
      messageId: 'm-9',
      source: 'storefront',
      eventType: 'orders/create',
      correlationId: 'corr-9',
      // Without a receivedAt attribute, when SQS took the message.
      receivedAt: '2025-12-01T00:00:00.000Z',
      body: 'raw \u00e9 bytes',
      attributes: { correlationId: 'corr-9', eventType: 'orders/create', claimCheck: '{"bucket":"b"}' },
    });
  });

  test('lines that do not parse are counted, the rest read', () => {
    const text = `${JSON.stringify(webhook())}\nnot json\n{"messageId":"x"}\n\n`;

    const read = readArchiveObject(gzipSync(text));

    expect(read.webhooks).toEqual([webhook()]);
    expect(read.unreadable).toBe(2);
  });

  test('a replay reads every hour folder its window touches', () => {
    expect(
      archiveHourPrefixes('payments', Date.parse('2026-11-30T22:30:00Z'), Date.parse('2026-12-01T00:10:00Z')),
    ).toEqual([
      'archive/payments/2026-11-30/22/',
      'archive/payments/2026-11-30/23/',
      'archive/payments/2026-12-01/00/',
    ]);
  });

  test('one webhook archived twice is one identity; without a correlation id its message id', () => {
    expect(archivedWebhookIdentity(webhook({ messageId: 'a' }))).toBe(
      archivedWebhookIdentity(webhook({ messageId: 'b' })),
    );
    expect(archivedWebhookIdentity(webhook({ correlationId: '', messageId: 'm-7' }))).toBe('m-7');
  });

  test('any batch reads back exactly as archived, and replays as the same message', () => {
    const arbitraryWebhook = fc.record({
      messageId: fc.uuid(),
      source: fc.constantFrom('payments', 'storefront'),
      eventType: fc.string(),
      correlationId: fc.string(),
      receivedAt: fc
        .integer({ min: Date.parse('2020-01-01T00:00:00Z'), max: Date.parse('2035-01-01T00:00:00Z') })
        .map((ms) => new Date(ms).toISOString()),
      body: fc.string({ unit: 'binary' }),
      // Names as SQS allows them for message attributes.
      attributes: fc.dictionary(fc.stringMatching(/^[A-Za-z][A-Za-z0-9_.-]{0,30}$/), fc.string()),
    });
    fc.assert(
      fc.property(fc.array(arbitraryWebhook, { minLength: 1, maxLength: 12 }), (batch) => {
        const read = archiveObjects(batch).flatMap((object) => readArchiveObject(object.body).webhooks);
        expect(read).toHaveLength(batch.length);
        expect(read).toEqual(expect.arrayContaining(batch));
        for (const archived of read) {
          const message = replayMessageOf(archived);
          expect(message.body).toBe(archived.body);
          expect(Object.keys(message.attributes).sort()).toEqual(Object.keys(archived.attributes).sort());
        }
      }),
    );
  });
});
