/**
 * The Lambda context a locally driven handler receives: the fields Powertools and handlers read (function name and
 * ARN, request id, log group), and a remaining-time clock that counts down from the function timeout.
 */
import { randomUUID } from 'node:crypto';
import type { Context } from 'aws-lambda';

/** What a context is built from. */
export interface LambdaContextOptions {
  readonly functionName: string;
  readonly region: string;
  readonly accountId: string;
  readonly timeoutMs: number;
  readonly now?: () => number;
}

const callbackStyleUnsupported = (): never => {
  throw new Error('Callback-style completion (done/fail/succeed) is not supported: return a promise from the handler.');
};

/** A fresh context for one invocation, its deadline `timeoutMs` from now. */
export function createLambdaContext(options: LambdaContextOptions): Context {
  const now = options.now ?? Date.now;
  const deadline = now() + options.timeoutMs;
  const awsRequestId = randomUUID();
  const date = new Date(now()).toISOString().slice(0, 10).replaceAll('-', '/');
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: options.functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:${options.region}:${options.accountId}:function:${options.functionName}`,
    memoryLimitInMB: '128',
    awsRequestId,
    logGroupName: `/aws/lambda/${options.functionName}`,
    logStreamName: `${date}/[$LATEST]${awsRequestId.replaceAll('-', '')}`,
    getRemainingTimeInMillis: () => Math.max(0, deadline - now()),
    done: callbackStyleUnsupported,
    fail: callbackStyleUnsupported,
    succeed: callbackStyleUnsupported,
  };
}
