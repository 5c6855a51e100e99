import { GetObjectCommand } from '@aws-sdk/client-s3';
import { CLAIM_CHECK_THRESHOLD_BYTES, claimCheckOf, isClaimedBody } from '../../../lambdas/shared/claim-check';
import { claimCheckWriter } from '../../../lambdas/shared/claim-check-store';
import { startAwsStandIns, type AwsStandIns } from '../../../local/aws-stand-ins';

/** The claim-check writer against the local S3 server (s3rver): what ingest and reconcile put on an ingest queue. */
let aws: AwsStandIns;

beforeAll(async () => {
  aws = await startAwsStandIns();
});

afterAll(() => aws.close());

const attributes = {
  correlationId: 'c0ffee00-0000-4000-8000-000000000001',
  source: 'storefront',
  eventType: 'orders/updated',
  receivedAt: '2026-12-01T23:10:00.000Z',
  deliveryId: 'reconciliation:orders:abc',
};

describe('claimCheckWriter', () => {
  test('a body that fits a queue message travels as it is, and nothing is stored', async () => {
    const checkIn = claimCheckWriter(aws.s3, aws.payloadBucket, 'storefront');
    const body = '{"id":1}';

    await expect(checkIn(body, attributes)).resolves.toEqual({ body, attribute: {} });
    expect(aws.calls().s3.PutObject ?? 0).toBe(0);
  });

  test("a larger body is stored under the source's claim-check folder and the message carries its pointer", async () => {
    const checkIn = claimCheckWriter(aws.s3, aws.payloadBucket, 'storefront');
    const body = `{"id":2,"note":"${'n'.repeat(CLAIM_CHECK_THRESHOLD_BYTES)}"}`;

    const message = await checkIn(body, attributes);

    const check = claimCheckOf({
      claimCheck: { dataType: 'String', stringValue: message.attribute.claimCheck!.StringValue! },
    });
    expect(check).toMatchObject({
      bucket: aws.payloadBucket,
      key: `claim-check/storefront/2026-12-01/${attributes.correlationId}.json`,
      bytes: Buffer.byteLength(body),
    });
    expect(JSON.parse(message.body)).toEqual({ claimCheck: check });
    const stored = await aws.s3.send(new GetObjectCommand({ Bucket: check!.bucket, Key: check!.key }));
    expect(isClaimedBody(check!, await stored.Body!.transformToString())).toBe(true);
  });

  test('a body the bucket refuses is an error, so nothing is queued without its body', async () => {
    const checkIn = claimCheckWriter(aws.s3, 'no-such-bucket', 'storefront');

    await expect(checkIn('x'.repeat(CLAIM_CHECK_THRESHOLD_BYTES + 1), attributes)).rejects.toThrow();
  });
});
