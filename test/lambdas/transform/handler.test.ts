import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import { SendMessageCommand } from '@aws-sdk/client-sqs';
import type { SQSBatchResponse } from 'aws-lambda';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { TransformSettings } from '../../../config/function-settings';
import { claimCheckFor, claimCheckMessage } from '../../../lambdas/shared/claim-check';
import { toMessageAttributes } from '../../../lambdas/shared/message-attributes';
import { readArchiveObject } from '../../../lambdas/shared/webhook-archive';
import { startFakeSourceApi, type FakeSourceApi } from '../../../local/source-api';
import { lambdaContext, sqsEventFrom } from '../../helpers/lambda-events';
import { largeShopifyOrder } from '../../helpers/large-shopify-order';
import { startLocalAws, type LocalAws } from '../../helpers/local-aws';

type TransformHandler = (event: unknown, context: unknown) => Promise<SQSBatchResponse>;

const fixture = (file: string) => readFileSync(path.resolve(__dirname, '../../fixtures', file), 'utf8');
let aws: LocalAws;
let sourceApi: FakeSourceApi;
let handler: TransformHandler;
let settingsJson: string;
const queues: Record<'ingest' | 'quarantine' | 'erp' | 'storefront', string> = {
  ingest: '',
  quarantine: '',
  erp: '',
  storefront: '',
};

async function ingestBatch(
  records: { body: string; eventType: string }[],
  receivedAt = '2026-11-24T12:00:00.000Z',
  correlationPrefix = 'corr-transform',
) {
  for (const [index, record] of records.entries()) {
    await aws.sqs.send(
      new SendMessageCommand({
        QueueUrl: queues.ingest,
        MessageBody: record.body,
        MessageAttributes: toMessageAttributes({
          correlationId: `${correlationPrefix}-${index}`,
          source: 'storefront',
          eventType: record.eventType,
          receivedAt,
        }),
      }),
    );
  }
  return sqsEventFrom(await aws.peek(queues.ingest), 'arn:aws:sqs:us-east-1:000000000000:ingest-storefront');
}

beforeAll(async () => {
  aws = await startLocalAws();
  sourceApi = await startFakeSourceApi('storefront');
  for (const name of Object.keys(queues) as (keyof typeof queues)[]) queues[name] = await aws.createQueue(`t-${name}`);
  const settings: TransformSettings = {
    source: 'storefront',
    routes: {
      'interchange.order.v1': [{ destination: 'erp', queueUrl: queues.erp }],
      'interchange.inventory-level.v1': [{ destination: 'storefront', queueUrl: queues.storefront }],
    },
    quarantineQueueUrl: queues.quarantine,
    payloadBucket: aws.payloadBucket,
    maxPartialAttempts: 3,
    completion: {
      baseUrl: sourceApi.url,
      entities: { inventory_items: { path: '/inventory_items/{id}.json', unwrap: 'inventory_item' } },
      requestTimeoutMs: 1000,
      auth: { kind: 'none' },
    },
  };
  settingsJson = JSON.stringify(settings);
  process.env.INTERCHANGE_SETTINGS = settingsJson;
  ({ handler } = (await import('../../../lambdas/transform/handler')) as unknown as { handler: TransformHandler });
});

afterAll(async () => {
  await sourceApi.close();
  await aws.close();
});

describe('transform handler', () => {
  test('a batch mixing good, drifted and partial records fails none and sets each aside as it should', async () => {
    const order = fixture('storefront/orders-create.json');
    const drifted = order.replace('"currency": "USD"', '"currency": 840');
    const level = fixture('storefront/inventory_levels-update.json');
    const batch = await ingestBatch([
      { body: order, eventType: 'orders/create' },
      { body: drifted, eventType: 'orders/create' },
      { body: level, eventType: 'inventory_levels/update' },
    ]);

    const response = await handler(batch, lambdaContext('transform-storefront'));

    expect(response.batchItemFailures.map((failure) => failure.itemIdentifier)).toEqual([batch.Records[2]!.messageId]);
    const [delivered] = await aws.peek(queues.erp);
    expect(JSON.parse(delivered!.Body!)).toMatchObject({
      type: 'interchange.order.v1',
      correlationid: 'corr-transform-0',
    });
    expect(delivered!.MessageAttributes?.eventType?.StringValue).toBe('interchange.order.v1');
    const [quarantined] = await aws.peek(queues.quarantine);
    expect(quarantined!.Body).toBe(drifted);
    expect(quarantined!.MessageAttributes?.quarantineReason?.StringValue).toBe('drift');
    expect(JSON.parse(quarantined!.MessageAttributes!.quarantineIssues!.StringValue!)).toEqual(
      expect.arrayContaining([expect.objectContaining({ path: expect.stringContaining('currency') })]),
    );
  });

  test('a partial inventory level is completed from the source API and delivered with its SKU', async () => {
    sourceApi.setRecord(
      '/inventory_items/271878346596884015.json',
      `{"inventory_item":${fixture('storefront/inventory-item.json')}}`,
    );
    const batch = await ingestBatch([
      { body: fixture('storefront/inventory_levels-update.json'), eventType: 'inventory_levels/update' },
    ]);
    const record = batch.Records.find((candidate) => candidate.body.includes('inventory_item_id'))!;

    const response = await handler({ Records: [record] }, lambdaContext('transform-storefront'));

    expect(response.batchItemFailures).toEqual([]);
    const [level] = await aws.peek(queues.storefront);
    expect(JSON.parse(level!.Body!).data).toMatchObject({ sku: 'SKU2006-001' });
  });

  test('claim-checked records are read whole from the bucket; quarantine keeps the pointer; a missing body is retried', async () => {
    const { body: order, lineItems } = largeShopifyOrder(1_200_000, 820982911946160001n);
    const drifted = order.replace('"currency":"USD"', '"currency":840');
    const pointerTo = async (key: string, body?: string) => {
      if (body !== undefined) {
        await aws.s3.send(new PutObjectCommand({ Bucket: aws.payloadBucket, Key: key, Body: body }));
      }
      return claimCheckMessage(claimCheckFor(aws.payloadBucket, key, body ?? order));
    };
    const messages = [
      await pointerTo('claim-check/storefront/2026-11-24/large-order.json', order),
      await pointerTo('claim-check/storefront/2026-11-24/large-drifted.json', drifted),
      await pointerTo('claim-check/storefront/2026-11-24/never-stored.json'),
    ];
    for (const [index, message] of messages.entries()) {
      await aws.sqs.send(
        new SendMessageCommand({
          QueueUrl: queues.ingest,
          MessageBody: message.body,
          MessageAttributes: {
            ...toMessageAttributes({
              correlationId: `corr-claim-${index}`,
              source: 'storefront',
              eventType: 'orders/create',
              receivedAt: '2026-11-24T12:00:00.000Z',
            }),
            ...message.attribute,
          },
        }),
      );
    }
    const all = sqsEventFrom(await aws.peek(queues.ingest), 'arn:aws:sqs:us-east-1:000000000000:ingest-storefront');
    const records = all.Records.filter((record) => record.messageAttributes.claimCheck !== undefined);
    expect(records).toHaveLength(3);
    const byCorrelation = (id: string) => records.find((r) => r.messageAttributes.correlationId?.stringValue === id)!;

    const response = await handler({ Records: records }, lambdaContext('transform-storefront'));

    expect(response.batchItemFailures).toEqual([{ itemIdentifier: byCorrelation('corr-claim-2').messageId }]);
    const delivered = (await aws.peek(queues.erp)).find((m) => m.Body!.includes('corr-claim-0'))!;
    expect(JSON.parse(delivered.Body!).data.lines).toHaveLength(lineItems);
    expect(delivered.MessageAttributes?.claimCheck).toBeUndefined();
    const quarantined = (await aws.peek(queues.quarantine)).find(
      (m) => m.MessageAttributes?.correlationId?.StringValue === 'corr-claim-1',
    )!;
    expect(quarantined.Body).toBe(byCorrelation('corr-claim-1').body);
    expect(quarantined.MessageAttributes?.claimCheck?.StringValue).toBe(messages[1]!.attribute.claimCheck!.StringValue);
    expect(quarantined.MessageAttributes?.quarantineReason?.StringValue).toBe('drift');
  });

  test('every record of a batch is archived, raw, under the hour it was accepted, whatever becomes of it', async () => {
    const order = fixture('storefront/orders-create.json');
    const drifted = order.replace('"currency": "USD"', '"currency": 840');
    const batch = await ingestBatch(
      [
        { body: order, eventType: 'orders/create' },
        { body: drifted, eventType: 'orders/create' },
      ],
      '2026-11-25T07:59:59.000Z',
      'corr-archive',
    );
    const records = batch.Records.filter((r) =>
      r.messageAttributes.correlationId?.stringValue?.startsWith('corr-archive'),
    );

    await handler({ Records: records }, lambdaContext('transform-storefront'));
    // A retry of the same batch overwrites its own object instead of archiving the webhooks twice.
    await handler({ Records: records }, lambdaContext('transform-storefront'));

    const listed = await aws.s3.send(
      new ListObjectsV2Command({ Bucket: aws.payloadBucket, Prefix: 'archive/storefront/2026-11-25/07/' }),
    );
    expect(listed.Contents).toHaveLength(1);
    const object = await aws.s3.send(
      new GetObjectCommand({ Bucket: aws.payloadBucket, Key: listed.Contents![0]!.Key! }),
    );
    const { webhooks, unreadable } = readArchiveObject(await object.Body!.transformToByteArray());
    expect(unreadable).toBe(0);
    expect(webhooks.map((webhook) => [webhook.correlationId, webhook.body])).toEqual(
      expect.arrayContaining([
        ['corr-archive-0', order],
        ['corr-archive-1', drifted],
      ]),
    );
    expect(webhooks[0]).toMatchObject({
      source: 'storefront',
      eventType: 'orders/create',
      receivedAt: '2026-11-25T07:59:59.000Z',
      attributes: { source: 'storefront', eventType: 'orders/create' },
    });
  });

  test('a batch that cannot be archived is handed back whole and delivers nothing', async () => {
    const settings = { ...(JSON.parse(settingsJson) as TransformSettings), payloadBucket: 'no-such-bucket' };
    process.env.INTERCHANGE_SETTINGS = JSON.stringify(settings);
    let unarchived: TransformHandler | undefined;
    await jest.isolateModulesAsync(async () => {
      ({ handler: unarchived } = (await import('../../../lambdas/transform/handler')) as unknown as {
        handler: TransformHandler;
      });
    });
    process.env.INTERCHANGE_SETTINGS = settingsJson;
    const batch = await ingestBatch(
      [{ body: fixture('storefront/orders-create.json'), eventType: 'orders/create' }],
      '2026-11-26T10:00:00.000Z',
      'corr-unarchived',
    );
    const records = batch.Records.filter((r) => r.messageAttributes.correlationId?.stringValue === 'corr-unarchived-0');
    const before = (await aws.peek(queues.erp)).length;

    const response = await unarchived!({ Records: records }, lambdaContext('transform-storefront'));

    expect(response.batchItemFailures).toEqual([{ itemIdentifier: records[0]!.messageId }]);
    expect(await aws.peek(queues.erp)).toHaveLength(before);
  });
});
