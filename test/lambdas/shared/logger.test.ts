import { Logger } from '@aws-lambda-powertools/logger';
import type { Context } from 'aws-lambda';
import { EventLogFormatter } from '../../../lambdas/shared/logger';

const context = (coldStart: boolean) =>
  ({
    functionName: 'interchange-prod-connector-erp',
    functionVersion: '$LATEST',
    invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:interchange-prod-connector-erp',
    memoryLimitInMB: '256',
    awsRequestId: 'c6af9ac6-7b61-11e6-9a41-93e812345678',
    logGroupName: '/interchange/prod/connector-erp',
    logStreamName: 'stream',
    callbackWaitsForEmptyEventLoop: true,
    coldStart,
    getRemainingTimeInMillis: () => 1000,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  }) as Context & { coldStart: boolean };

/** The lines a logger writes, parsed, while `write` runs. */
function printed(traceHeader: string | undefined, write: (logger: Logger) => void): Record<string, unknown>[] {
  const lines: string[] = [];
  const capture = (chunk: string | Uint8Array) => {
    lines.push(String(chunk));
    return true;
  };
  const spies = [
    jest.spyOn(process.stdout, 'write').mockImplementation(capture),
    jest.spyOn(process.stderr, 'write').mockImplementation(capture),
  ];
  const previous = process.env._X_AMZN_TRACE_ID;
  if (traceHeader) process.env._X_AMZN_TRACE_ID = traceHeader;
  else delete process.env._X_AMZN_TRACE_ID;
  try {
    write(new Logger({ serviceName: 'connector-erp', logFormatter: new EventLogFormatter() }));
  } finally {
    for (const spy of spies) spy.mockRestore();
    if (previous === undefined) delete process.env._X_AMZN_TRACE_ID;
    else process.env._X_AMZN_TRACE_ID = previous;
  }
  return lines
    .flatMap((chunk) => chunk.split('\n').filter(Boolean))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe('the log line format', () => {
  test('keeps level, message, time, service, request id and the line’s own fields, and no other Lambda context', () => {
    const [line] = printed('Root=1-5759e988-bd862e3fe1be46a994272793;Parent=557abcec3ee5a047;Sampled=0', (logger) => {
      logger.addContext(context(false));
      logger.appendKeys({ correlationId: 'corr-1' });
      logger.info('delivered', { destination: 'erp', status: 200 });
    });
    expect(line).toEqual({
      level: 'INFO',
      message: 'delivered',
      timestamp: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
      service: 'connector-erp',
      function_request_id: 'c6af9ac6-7b61-11e6-9a41-93e812345678',
      correlationId: 'corr-1',
      destination: 'erp',
      status: 200,
    });
  });

  test('names the trace when the invocation is traced', () => {
    const [line] = printed('Root=1-5759e988-bd862e3fe1be46a994272793;Parent=557abcec3ee5a047;Sampled=1', (logger) => {
      logger.addContext(context(true));
      logger.warn('delivery attempt');
    });
    expect(line).toMatchObject({ xray_trace_id: '1-5759e988-bd862e3fe1be46a994272793' });
    expect(line).not.toHaveProperty('function_arn');
    expect(line).not.toHaveProperty('sampling_rate');
  });
});
