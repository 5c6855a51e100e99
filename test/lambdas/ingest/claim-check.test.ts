import { GetObjectCommand } from '@aws-sdk/client-s3';
import { DeleteMessageCommand, type Message } from '@aws-sdk/client-sqs';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import fc from 'fast-check';
import { sizedBody } from '../../../bench/ingest/sized-body';
import { storefrontSettings } from './helpers/factories';
import {
  CLAIM_CHECK_ATTRIBUTE,
  CLAIM_CHECK_THRESHOLD_BYTES,
  type ClaimCheck,
} from '../../../lambdas/shared/claim-check';
import { signedHeadersFor } from '../../../local/signers';
import { httpApiEvent, lambdaContext } from '../../helpers/lambda-events';
import { startLocalAws, type LocalAws } from '../../helpers/local-aws';

/**
 * The ingest handler against real local SQS and S3 (s3rver): a body that fits a queue message travels in it, a
 * larger one goes to the payload bucket with a pointer in the message, and either way the body comes back whole.
 */
type IngestHandler = (event: unknown, context: unknown) => Promise<APIGatewayProxyStructuredResultV2>;

const SECRET = 'storefront-signing-secret';
const MAX_BODY_BYTES = 5_000_000;
let aws: LocalAws;
let queueUrl: string;
let handler: IngestHandler;

beforeAll(async () => {
  aws = await startLocalAws();
  queueUrl = await aws.createQueue('ingest-storefront-large');
  aws.secrets.putSecret('dev/webhooks/storefront', JSON.stringify({ current: SECRET, previous: '' }));
  const settings = storefrontSettings({
    secretId: 'dev/webhooks/storefront',
    queueUrl,
    payloadBucket: aws.payloadBucket,
    maxBodyBytes: MAX_BODY_BYTES,
  });
  process.env.INTERCHANGE_SETTINGS = JSON.stringify(settings);
  ({ handler } = (await import('../../../lambdas/ingest/handler')) as unknown as { handler: IngestHandler });
});

afterAll(() => aws.close());

function post(body: string) {
  const headers = signedHeadersFor({ kind: 'shopify' }, body, SECRET, Math.floor(Date.now() / 1000));
  return handler(
    httpApiEvent({ path: '/webhooks/storefront', headers: { ...headers, 'x-shopify-topic': 'orders/create' }, body }),
    lambdaContext(),
  );
}

/** Takes the one message the ingest queued and returns the body it stands for, read from the bucket if need be. */
async function takeQueuedBody(): Promise<{ body: string; claimChecked: boolean }> {
  const messages: Message[] = await aws.peek(queueUrl);
  expect(messages).toHaveLength(1);
  const [message] = messages;
  await aws.sqs.send(new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: message!.ReceiptHandle! }));
  const pointer = message!.MessageAttributes?.[CLAIM_CHECK_ATTRIBUTE]?.StringValue;
  if (!pointer) return { body: message!.Body!, claimChecked: false };
  const check = JSON.parse(pointer) as ClaimCheck;
  expect(JSON.parse(message!.Body!)).toEqual({ claimCheck: check });
  const object = await aws.s3.send(new GetObjectCommand({ Bucket: check.bucket, Key: check.key }));
  return { body: await object.Body!.transformToString('utf-8'), claimChecked: true };
}

describe('claim check at ingest', () => {
  test('property: bodies around the threshold are enqueued or claim-checked, and always come back whole', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: -2048, max: 2048 }), async (offset) => {
        const bytes = CLAIM_CHECK_THRESHOLD_BYTES + offset;
        const body = sizedBody(bytes, { id: offset });

        const response = await post(body);

        expect(response.statusCode).toBe(202);
        const queued = await takeQueuedBody();
        expect(queued.claimChecked).toBe(bytes > CLAIM_CHECK_THRESHOLD_BYTES);
        expect(queued.body.length).toBe(body.length);
        expect(queued.body).toBe(body);
      }),
      { numRuns: 12, examples: [[0], [1], [-1]] },
    );
  });

  test('a body at the configured maximum is accepted and one byte more is 413 with nothing stored or queued', async () => {
    expect((await post(sizedBody(MAX_BODY_BYTES, {}))).statusCode).toBe(202);
    expect((await takeQueuedBody()).body).toHaveLength(MAX_BODY_BYTES);

    expect((await post(sizedBody(MAX_BODY_BYTES + 1, {}))).statusCode).toBe(413);
    expect(await aws.peek(queueUrl)).toHaveLength(0);
  });
});
