/**
 * The console's view of dead-letter and quarantine queues, through the SQS API as any client would see them: a look
 * at their messages, and moving them back to be processed again.
 */
import {
  ListMessageMoveTasksCommand,
  ReceiveMessageCommand,
  StartMessageMoveTaskCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import type { LocalQueue } from '../topology';

/** One parked message as a person reads it. */
export interface ParkedMessage {
  readonly messageId: string;
  readonly body: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly sentAt?: string;
}

/**
 * Up to ten messages of a queue, left where they are: a receive that makes them visible again at once
 * (visibility timeout 0), as the AWS console's "poll for messages" does. Nothing consumes a DLQ, so its
 * receive counts, which this raises, matter to no one.
 */
export async function peekMessages(sqs: SQSClient, queueUrl: string): Promise<ParkedMessage[]> {
  const { Messages = [] } = await sqs.send(
    new ReceiveMessageCommand({
      QueueUrl: queueUrl,
      MaxNumberOfMessages: 10,
      VisibilityTimeout: 0,
      WaitTimeSeconds: 0,
      MessageAttributeNames: ['All'],
      MessageSystemAttributeNames: ['SentTimestamp'],
    }),
  );
  return Messages.map((message) => {
    const attributes: Record<string, string> = {};
    for (const [name, value] of Object.entries(message.MessageAttributes ?? {})) {
      attributes[name] = value.StringValue ?? `(${value.DataType})`;
    }
    const sent = Number(message.Attributes?.SentTimestamp);
    return {
      messageId: message.MessageId ?? '',
      body: message.Body ?? '',
      attributes,
      ...(Number.isFinite(sent) ? { sentAt: new Date(sent).toISOString() } : {}),
    };
  });
}

/**
 * Moves every parked message back to the queue it was parked from: a destination's DLQ into its delivery queue
 * (a redrive, the connector tries again) or a source's quarantine into its ingest queue (a replay, the transform
 * maps again, as `npm run replay` does in AWS). The target is named because records the transform quarantined
 * itself have no source queue SQS would know of; idempotency keeps what was delivered single.
 */
export async function moveParkedMessagesBack(sqs: SQSClient, queue: LocalQueue): Promise<number> {
  await sqs.send(new StartMessageMoveTaskCommand({ SourceArn: queue.deadLetter.arn, DestinationArn: queue.arn }));
  const { Results } = await sqs.send(
    new ListMessageMoveTasksCommand({ SourceArn: queue.deadLetter.arn, MaxResults: 1 }),
  );
  return Results?.[0]?.ApproximateNumberOfMessagesMoved ?? 0;
}
