import { SendMessageCommand } from '@aws-sdk/client-sqs';
import { replayQuarantine } from '../../scripts/replay-quarantine';
import { startLocalAws, type LocalAws } from '../helpers/local-aws';

let aws: LocalAws;
let ingest: string;
let quarantine: string;

beforeAll(async () => {
  aws = await startLocalAws();
  quarantine = await aws.createQueue('interchange-dev-ingest-payments-quarantine');
  const { Attributes } = await aws.sqs.send(
    new (await import('@aws-sdk/client-sqs')).GetQueueAttributesCommand({
      QueueUrl: quarantine,
      AttributeNames: ['QueueArn'],
    }),
  );
  ingest = await aws.createQueue('interchange-dev-ingest-payments', {
    RedrivePolicy: JSON.stringify({ deadLetterTargetArn: Attributes!.QueueArn, maxReceiveCount: 5 }),
  });
});
afterAll(() => aws.close());

describe('replayQuarantine', () => {
  test("moves every quarantined record of a source back to that source's ingest queue", async () => {
    for (const body of ['{"id":"evt_1"}', '{"id":"evt_2"}']) {
      await aws.sqs.send(new SendMessageCommand({ QueueUrl: quarantine, MessageBody: body }));
    }

    const started = await replayQuarantine(aws.sqs, 'dev', 'payments');

    expect(started.quarantined).toBe(2);
    expect((await aws.peek(ingest)).map((message) => message.Body).sort()).toEqual([
      '{"id":"evt_1"}',
      '{"id":"evt_2"}',
    ]);
    expect(await aws.peek(quarantine)).toEqual([]);
  });

  test('an unknown source is refused with the known ones named', async () => {
    await expect(replayQuarantine(aws.sqs, 'dev', 'billing')).rejects.toThrow(
      'unknown source "billing"; sources of stage dev: storefront, payments, erp, logistics, crm',
    );
  });
});
