import type { APIGatewayProxyEventV2, Context, SQSEvent } from 'aws-lambda';
import type { Message } from '@aws-sdk/client-sqs';
import { createLambdaContext, toSqsRecord } from '../../local/event-source-mapping';
import { randomUUID } from 'node:crypto';

/** A Lambda context as local mode builds it, with 30 seconds left so nothing times out in a test. */
export function lambdaContext(functionName = 'test-function'): Context {
  return createLambdaContext({ functionName, region: 'us-east-1', accountId: '000000000000', timeoutMs: 30_000 });
}

/** An HTTP API (payload 2.0) event as API Gateway builds it, body base64-encoded as it does for binary types. */
export function httpApiEvent(options: {
  method?: string;
  path: string;
  headers: Record<string, string | undefined>;
  body?: string | Buffer;
}): APIGatewayProxyEventV2 {
  const body = options.body === undefined ? undefined : Buffer.from(options.body).toString('base64');
  return {
    version: '2.0',
    routeKey: `ANY ${options.path}`,
    rawPath: options.path,
    rawQueryString: '',
    headers: options.headers,
    isBase64Encoded: body !== undefined,
    ...(body !== undefined ? { body } : {}),
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      domainName: '127.0.0.1',
      domainPrefix: 'local',
      http: {
        method: options.method ?? 'POST',
        path: options.path,
        protocol: 'HTTP/1.1',
        sourceIp: '127.0.0.1',
        userAgent: 'test',
      },
      requestId: randomUUID(),
      routeKey: `ANY ${options.path}`,
      stage: '$default',
      time: new Date().toUTCString(),
      timeEpoch: Date.now(),
    },
  };
}

/** The SQS event Lambda's event source mapping would build from received messages, built by local mode's own mapping. */
export function sqsEventFrom(messages: readonly Message[], queueArn: string): SQSEvent {
  return { Records: messages.map((message) => toSqsRecord(message, queueArn)) };
}
