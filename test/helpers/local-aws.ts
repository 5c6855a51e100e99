import { CreateQueueCommand, ReceiveMessageCommand, type Message } from '@aws-sdk/client-sqs';
import { startAwsStandIns, type AwsStandIns } from '../../local/aws-stand-ins';

/** Local stand-ins for SQS, DynamoDB and Secrets Manager on 127.0.0.1, found by handlers through the SDK's variables. */
export interface LocalAws extends AwsStandIns {
  createQueue(name: string, attributes?: Record<string, string>): Promise<string>;
  /** Every message waiting in a queue, received with attributes and made visible again at once. */
  peek(queueUrl: string): Promise<Message[]>;
}

/**
 * Starts the three local endpoints and points this process's AWS SDK at them, as local mode does for the
 * functions, so a handler module imported afterwards runs unchanged. Logs and metrics are silenced unless a
 * test asks for them, to keep test output readable.
 */
export async function startLocalAws(): Promise<LocalAws> {
  const aws = await startAwsStandIns();
  Object.assign(process.env, aws.environment, {
    POWERTOOLS_LOG_LEVEL: process.env.POWERTOOLS_LOG_LEVEL ?? 'SILENT',
    POWERTOOLS_METRICS_DISABLED: process.env.POWERTOOLS_METRICS_DISABLED ?? 'true',
  });
  return {
    ...aws,
    async createQueue(name, attributes) {
      const { QueueUrl } = await aws.sqs.send(new CreateQueueCommand({ QueueName: name, Attributes: attributes }));
      return QueueUrl!;
    },
    async peek(queueUrl) {
      const { Messages } = await aws.sqs.send(
        new ReceiveMessageCommand({
          QueueUrl: queueUrl,
          MaxNumberOfMessages: 10,
          VisibilityTimeout: 0,
          MessageAttributeNames: ['All'],
          MessageSystemAttributeNames: ['All'],
        }),
      );
      return Messages ?? [];
    },
  };
}
