import { deferralsPerHour, deferralUsage, outageCostPerThousandEventsHour } from '../../../bench/cost/outage';
import { PRICES } from '../../../bench/cost/prices';

describe('the cost of an outage', () => {
  test('a waiting event comes back once per cooldown and half a base delay', () => {
    expect(
      deferralsPerHour({ circuitBreaker: { failureThreshold: 5, cooldownSeconds: 30 }, retryBaseSeconds: 10 }),
    ).toBe(3600 / 35);
    expect(
      deferralsPerHour({ circuitBreaker: { failureThreshold: 5, cooldownSeconds: 300 }, retryBaseSeconds: 10 }),
    ).toBe(3600 / 305);
  });

  test('a deferral pays its share of the batch’s receive, visibility change and invocation, and writes nothing', () => {
    const usage = deferralUsage({
      batchSize: 10,
      invocationGbSeconds: 0.01,
      logBytesPerDeferral: 400,
      platformLogBytesPerInvocation: 300,
    });
    expect(usage).toEqual({
      sqsRequests: 0.2,
      dynamodbWriteUnits: 0,
      dynamodbReadUnits: 0.05,
      lambdaRequests: 0.1,
      lambdaGbSeconds: 0.001,
      logBytes: 430,
    });
  });

  test('an hour with a thousand events waiting is priced at their deferrals', () => {
    const usage = {
      sqsRequests: 0.2,
      dynamodbWriteUnits: 0,
      dynamodbReadUnits: 0.05,
      lambdaRequests: 0.1,
      lambdaGbSeconds: 0.001,
      logBytes: 430,
    };
    const deferrals = 100 * 1000;
    const expected =
      deferrals * (0.2 * 0.4e-6 + 0.05 * 0.125e-6 + 0.1 * 0.2e-6 + 0.001 * 0.0000133334 + (430 / 2 ** 30) * 0.5);
    expect(outageCostPerThousandEventsHour(usage, 100, PRICES)).toBeCloseTo(expected, 4);
  });
});
