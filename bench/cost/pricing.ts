import type { Prices } from './prices';

/**
 * What one webhook uses of each billed AWS quantity, averaged over a run: the pricing function's input. Free tiers
 * are left out: a deployment large enough to care about a cost per million has used them up.
 */
export interface UsagePerWebhook {
  readonly httpApiRequests: number;
  /** In SQS's billed requests: one per 64 KB chunk of each call's payload. */
  readonly sqsRequests: number;
  readonly dynamodbWriteUnits: number;
  readonly dynamodbReadUnits: number;
  readonly s3PutRequests: number;
  readonly s3GetRequests: number;
  readonly lambdaRequests: number;
  readonly lambdaGbSeconds: number;
  /** Bytes ingested into CloudWatch Logs: the functions' lines, EMF included, Lambda's own lines and the API's access log. */
  readonly logBytes: number;
  readonly xrayTraces: number;
}

/** Dollars per million webhooks, by service and in total. */
export interface CostPerMillion {
  readonly httpApi: number;
  readonly sqs: number;
  readonly dynamodb: number;
  readonly s3: number;
  readonly lambda: number;
  readonly logs: number;
  readonly xray: number;
  readonly total: number;
}

const GB = 2 ** 30;
const cents = (usd: number) => Math.round(usd * 100) / 100;

/** Dollars for `count` times the usage, by service, unrounded. */
export function dollarsFor(usage: UsagePerWebhook, prices: Prices, count: number): Omit<CostPerMillion, 'total'> {
  const at = (quantity: number, price: Prices[keyof Prices]) => (quantity * count * price.usd) / price.per;
  const parts = {
    httpApi: at(usage.httpApiRequests, prices.httpApiRequest),
    sqs: at(usage.sqsRequests, prices.sqsRequest),
    dynamodb:
      at(usage.dynamodbWriteUnits, prices.dynamodbWriteUnit) + at(usage.dynamodbReadUnits, prices.dynamodbReadUnit),
    s3: at(usage.s3PutRequests, prices.s3PutRequest) + at(usage.s3GetRequests, prices.s3GetRequest),
    lambda: at(usage.lambdaRequests, prices.lambdaRequest) + at(usage.lambdaGbSeconds, prices.lambdaGbSecond),
    logs: at(usage.logBytes / GB, prices.logGbIngested),
    xray: at(usage.xrayTraces, prices.xrayTraceRecorded),
  };
  return parts;
}

/** Prices a webhook's usage at a million webhooks, rounded to the cent. */
export function costPerMillion(usage: UsagePerWebhook, prices: Prices): CostPerMillion {
  const parts = dollarsFor(usage, prices, 1_000_000);
  const total = Object.values(parts).reduce((sum, part) => sum + part, 0);
  return {
    httpApi: cents(parts.httpApi),
    sqs: cents(parts.sqs),
    dynamodb: cents(parts.dynamodb),
    s3: cents(parts.s3),
    lambda: cents(parts.lambda),
    logs: cents(parts.logs),
    xray: cents(parts.xray),
    total: cents(total),
  };
}

/** DESIGN.md's cost target: $5.00 per million webhooks at two destinations, $1.00 for each further one. */
export const FLOOR_AT_TWO_DESTINATIONS = 5.0;
export const FLOOR_PER_EXTRA_DESTINATION = 1.0;

/** The target for a mix whose webhooks reach `destinationsPerWebhook` destinations on average (fewer lowers it). */
export function designFloor(destinationsPerWebhook: number): number {
  return cents(FLOOR_AT_TWO_DESTINATIONS + FLOOR_PER_EXTRA_DESTINATION * (destinationsPerWebhook - 2));
}
