/** A Lambda context for code that runs outside Lambda, with as much time left as a real invocation would have. */
import type { Context } from 'aws-lambda';

/** A context for `functionName` with 30 seconds remaining. */
export const lambdaContext = (functionName = 'interchange-test'): Context => ({
  callbackWaitsForEmptyEventLoop: false,
  functionName,
  functionVersion: '$LATEST',
  invokedFunctionArn: `arn:aws:lambda:us-east-1:000000000000:function:${functionName}`,
  memoryLimitInMB: '256',
  awsRequestId: 'local-request',
  logGroupName: `/aws/lambda/${functionName}`,
  logStreamName: 'local',
  getRemainingTimeInMillis: () => 30_000,
  done: () => undefined,
  fail: () => undefined,
  succeed: () => undefined,
});
