import { PRICES } from '../../../bench/cost/prices';
import { costPerMillion, designFloor, type UsagePerWebhook } from '../../../bench/cost/pricing';

const nothing: UsagePerWebhook = {
  httpApiRequests: 0,
  sqsRequests: 0,
  dynamodbWriteUnits: 0,
  dynamodbReadUnits: 0,
  s3PutRequests: 0,
  s3GetRequests: 0,
  lambdaRequests: 0,
  lambdaGbSeconds: 0,
  logBytes: 0,
  xrayTraces: 0,
};

describe('cost per million webhooks', () => {
  test('prices each quantity at its list price per million webhooks', () => {
    const cost = costPerMillion(
      {
        httpApiRequests: 1,
        sqsRequests: 2,
        dynamodbWriteUnits: 4,
        dynamodbReadUnits: 2,
        s3PutRequests: 0.001,
        s3GetRequests: 0.001,
        lambdaRequests: 1.5,
        lambdaGbSeconds: 0.01,
        logBytes: (1.2 * 2 ** 30) / 1_000_000,
        xrayTraces: 0.05,
      },
      PRICES,
    );
    expect(cost).toEqual({
      httpApi: 1,
      sqs: 0.8,
      // 4 write units at $0.625 a million, 2 read units at $0.125
      dynamodb: 2.75,
      // a thousand PUTs at $0.005 and a thousand GETs at $0.0004
      s3: 0.01,
      // 1.5 million requests at $0.20, 10,000 GB-s at $0.0000133334
      lambda: 0.43,
      logs: 0.6,
      xray: 0.25,
      total: 5.84,
    });
  });

  test('nothing used costs nothing, and the total is the sum before rounding', () => {
    expect(costPerMillion(nothing, PRICES).total).toBe(0);
    const third = costPerMillion({ ...nothing, sqsRequests: 1 / 3, dynamodbWriteUnits: 1 / 3 }, PRICES);
    expect(third.total).toBe(Math.round(((0.4 + 0.625) / 3) * 100) / 100);
  });

  test('every price names its source page and the date it was read', () => {
    for (const price of Object.values(PRICES)) {
      expect(price.source).toMatch(/^https:\/\/aws\.amazon\.com\/[a-z0-9-]+\/pricing\//);
      expect(price.checked).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(price.usd).toBeGreaterThan(0);
    }
  });
});

describe('the design floor', () => {
  test('is $5.00 at two destinations and moves $1.00 with each destination more or less', () => {
    expect(designFloor(2)).toBe(5);
    expect(designFloor(3.5)).toBe(6.5);
    expect(designFloor(1)).toBe(4);
  });
});
