import { createLambdaContext } from '../../../local/event-source-mapping';

describe('createLambdaContext', () => {
  it('names the function as Lambda does and counts the remaining time down from the timeout', () => {
    let now = 1_000;
    const context = createLambdaContext({
      functionName: 'transform',
      region: 'eu-west-1',
      accountId: '123456789012',
      timeoutMs: 3_000,
      now: () => now,
    });

    const atStart = context.getRemainingTimeInMillis();
    now += 2_500;
    const later = context.getRemainingTimeInMillis();
    now += 1_000;
    const pastDeadline = context.getRemainingTimeInMillis();

    expect(context).toMatchObject({
      functionName: 'transform',
      functionVersion: '$LATEST',
      invokedFunctionArn: 'arn:aws:lambda:eu-west-1:123456789012:function:transform',
      logGroupName: '/aws/lambda/transform',
      awsRequestId: expect.stringMatching(/^[0-9a-f-]{36}$/),
    });
    expect([atStart, later, pastDeadline]).toEqual([3_000, 500, 0]);
  });

  it('gives each invocation its own request id', () => {
    const options = { functionName: 'f', region: 'us-east-1', accountId: '000000000000', timeoutMs: 1_000 };

    expect(createLambdaContext(options).awsRequestId).not.toBe(createLambdaContext(options).awsRequestId);
  });

  it('refuses callback-style completion', () => {
    const context = createLambdaContext({ functionName: 'f', region: 'us-east-1', accountId: '0', timeoutMs: 1 });

    expect(() => context.succeed('done')).toThrow(/return a promise/);
  });
});
