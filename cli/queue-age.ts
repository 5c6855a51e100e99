import { GetMetricDataCommand, type CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { GetQueueAttributesCommand, type SQSClient } from '@aws-sdk/client-sqs';

/** A queue as status reports it. */
export interface NamedQueue {
  readonly name: string;
  readonly url: string;
}

/** The age in seconds of each queue's oldest message; undefined where nothing says. */
export interface QueueAge {
  oldestSeconds(queues: readonly NamedQueue[]): Promise<Map<string, number | undefined>>;
}

/** Local mode's SQS answers the age as a queue attribute. */
export class LocalQueueAge implements QueueAge {
  constructor(private readonly sqs: SQSClient) {}

  async oldestSeconds(queues: readonly NamedQueue[]): Promise<Map<string, number | undefined>> {
    const ages = await Promise.all(
      queues.map(async (queue) => {
        const { Attributes } = await this.sqs.send(
          // `All` includes the age attribute local mode adds to the AWS names.
          new GetQueueAttributesCommand({ QueueUrl: queue.url, AttributeNames: ['All'] }),
        );
        const age = (Attributes as Record<string, string> | undefined)?.ApproximateAgeOfOldestMessage;
        return [queue.name, age === undefined ? undefined : Number(age)] as const;
      }),
    );
    return new Map(ages);
  }
}

/** How far back the age metric is read; SQS publishes it every minute. */
const METRIC_LOOKBACK_MS = 10 * 60_000;

/** In AWS the age is the CloudWatch metric `AWS/SQS ApproximateAgeOfOldestMessage`, read in one call. */
export class CloudWatchQueueAge implements QueueAge {
  constructor(
    private readonly cloudwatch: CloudWatchClient,
    private readonly nowMs: () => number = Date.now,
  ) {}

  async oldestSeconds(queues: readonly NamedQueue[]): Promise<Map<string, number | undefined>> {
    const ages = new Map<string, number | undefined>(queues.map((queue) => [queue.name, undefined]));
    if (queues.length === 0) return ages;
    const now = this.nowMs();
    const { MetricDataResults } = await this.cloudwatch.send(
      new GetMetricDataCommand({
        StartTime: new Date(now - METRIC_LOOKBACK_MS),
        EndTime: new Date(now),
        ScanBy: 'TimestampDescending',
        MetricDataQueries: queues.map((queue, index) => ({
          Id: `q${index}`,
          MetricStat: {
            Metric: {
              Namespace: 'AWS/SQS',
              MetricName: 'ApproximateAgeOfOldestMessage',
              Dimensions: [{ Name: 'QueueName', Value: queue.name }],
            },
            Period: 60,
            Stat: 'Maximum',
          },
        })),
      }),
    );
    for (const result of MetricDataResults ?? []) {
      const queue = queues[Number(result.Id?.slice(1))];
      if (queue && result.Values?.length) ages.set(queue.name, result.Values[0]);
    }
    return ages;
  }
}
