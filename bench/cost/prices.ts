/**
 * AWS list prices, us-east-1, that the cost benchmark multiplies its measured usage by. Each price names the page
 * it was read from and when; check them again before quoting a figure from a later year.
 */
export interface Price {
  /** US dollars per `per` units. */
  readonly usd: number;
  readonly per: number;
  readonly unit: string;
  readonly source: string;
  readonly checked: string;
}

export const PRICES = {
  httpApiRequest: {
    usd: 1.0,
    per: 1_000_000,
    unit: 'HTTP API requests (first 300 million a month; each 512 KB of a request is one)',
    source: 'https://aws.amazon.com/api-gateway/pricing/',
    checked: '2026-12-01',
  },
  sqsRequest: {
    usd: 0.4,
    per: 1_000_000,
    unit: 'SQS standard-queue requests (each 64 KB chunk of a payload is one; first million a month free)',
    source: 'https://aws.amazon.com/sqs/pricing/',
    checked: '2026-12-01',
  },
  dynamodbWriteUnit: {
    usd: 0.625,
    per: 1_000_000,
    unit: 'DynamoDB on-demand write request units (1 KB each)',
    source: 'https://aws.amazon.com/dynamodb/pricing/on-demand/',
    checked: '2026-12-01',
  },
  dynamodbReadUnit: {
    usd: 0.125,
    per: 1_000_000,
    unit: 'DynamoDB on-demand read request units (4 KB strongly consistent, 8 KB eventually consistent)',
    source: 'https://aws.amazon.com/dynamodb/pricing/on-demand/',
    checked: '2026-12-01',
  },
  s3PutRequest: {
    usd: 0.005,
    per: 1_000,
    unit: 'S3 Standard PUT, COPY, POST, LIST requests',
    source: 'https://aws.amazon.com/s3/pricing/',
    checked: '2026-12-01',
  },
  s3GetRequest: {
    usd: 0.0004,
    per: 1_000,
    unit: 'S3 Standard GET, SELECT and other requests',
    source: 'https://aws.amazon.com/s3/pricing/',
    checked: '2026-12-01',
  },
  lambdaRequest: {
    usd: 0.2,
    per: 1_000_000,
    unit: 'Lambda requests (invocations)',
    source: 'https://aws.amazon.com/lambda/pricing/',
    checked: '2026-12-01',
  },
  lambdaGbSecond: {
    usd: 0.0000133334,
    per: 1,
    unit: 'Lambda duration, Arm, GB-seconds (first 7.5 billion a month)',
    source: 'https://aws.amazon.com/lambda/pricing/',
    checked: '2026-12-01',
  },
  logGbIngested: {
    usd: 0.5,
    per: 1,
    unit: 'CloudWatch Logs Standard ingestion, GB',
    source: 'https://aws.amazon.com/cloudwatch/pricing/',
    checked: '2026-12-01',
  },
  xrayTraceRecorded: {
    usd: 5.0,
    per: 1_000_000,
    unit: 'X-Ray traces recorded (first 100,000 a month free)',
    source: 'https://aws.amazon.com/xray/pricing/',
    checked: '2026-12-01',
  },
} as const satisfies Record<string, Price>;

export type Prices = Readonly<Record<keyof typeof PRICES, Price>>;
