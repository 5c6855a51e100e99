/**
 * The JSON input shape of each supported operation (member names as in the SQS API reference), and the check that
 * turns a malformed request into the error SQS answers: MissingParameter for an absent required member,
 * InvalidParameterValue for a member of the wrong type.
 */
import * as z from 'zod';
import { invalidParameter, missingParameter, SqsError } from './sqs-error';

const integer = z.number().int();
const stringMap = z.record(z.string(), z.string());
const names = z.array(z.string());
const wireAttribute = z.object({
  DataType: z.string(),
  StringValue: z.string().optional(),
  BinaryValue: z.string().optional(),
  StringListValues: z.array(z.string()).optional(),
  BinaryListValues: z.array(z.string()).optional(),
});
const attributeMap = z.record(z.string(), wireAttribute);
const queueUrl = { QueueUrl: z.string() };
const sendFields = {
  MessageBody: z.string(),
  DelaySeconds: integer.optional(),
  MessageAttributes: attributeMap.optional(),
  MessageSystemAttributes: attributeMap.optional(),
  MessageDeduplicationId: z.string().optional(),
  MessageGroupId: z.string().optional(),
};
const batch = <Shape extends z.ZodRawShape>(entry: Shape) =>
  z.object({ ...queueUrl, Entries: z.array(z.object({ Id: z.string(), ...entry })) });

/** Input schemas by operation name. */
export const operationInputs = {
  CreateQueue: z.object({ QueueName: z.string(), Attributes: stringMap.optional(), tags: stringMap.optional() }),
  GetQueueUrl: z.object({ QueueName: z.string(), QueueOwnerAWSAccountId: z.string().optional() }),
  ListQueues: z.object({
    QueueNamePrefix: z.string().optional(),
    NextToken: z.string().optional(),
    MaxResults: integer.optional(),
  }),
  DeleteQueue: z.object(queueUrl),
  PurgeQueue: z.object(queueUrl),
  GetQueueAttributes: z.object({ ...queueUrl, AttributeNames: names.optional() }),
  SetQueueAttributes: z.object({ ...queueUrl, Attributes: stringMap }),
  SendMessage: z.object({ ...queueUrl, ...sendFields }),
  SendMessageBatch: batch(sendFields),
  ReceiveMessage: z.object({
    ...queueUrl,
    AttributeNames: names.optional(),
    MessageSystemAttributeNames: names.optional(),
    MessageAttributeNames: names.optional(),
    MaxNumberOfMessages: integer.optional(),
    VisibilityTimeout: integer.optional(),
    WaitTimeSeconds: integer.optional(),
    ReceiveRequestAttemptId: z.string().optional(),
  }),
  DeleteMessage: z.object({ ...queueUrl, ReceiptHandle: z.string() }),
  DeleteMessageBatch: batch({ ReceiptHandle: z.string() }),
  ChangeMessageVisibility: z.object({ ...queueUrl, ReceiptHandle: z.string(), VisibilityTimeout: integer }),
  ChangeMessageVisibilityBatch: batch({ ReceiptHandle: z.string(), VisibilityTimeout: integer.optional() }),
  StartMessageMoveTask: z.object({
    SourceArn: z.string(),
    DestinationArn: z.string().optional(),
    MaxNumberOfMessagesPerSecond: integer.optional(),
  }),
  ListMessageMoveTasks: z.object({ SourceArn: z.string(), MaxResults: integer.optional() }),
};

/** The name of an operation this endpoint serves. */
export type OperationName = keyof typeof operationInputs;

/** The parsed input of an operation. */
export type OperationInput<Name extends OperationName> = z.infer<(typeof operationInputs)[Name]>;

function valueAt(raw: unknown, path: readonly PropertyKey[]): unknown {
  let value = raw;
  for (const key of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

/** Parses an operation's JSON input, answering the first problem as SQS would. */
export function parseOperationInput<Name extends OperationName>(name: Name, raw: unknown): OperationInput<Name> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new SqsError('SerializationException', 'The request body must be a JSON object.');
  }
  const parsed = operationInputs[name].safeParse(raw);
  if (parsed.success) return parsed.data as OperationInput<Name>;
  const issue = parsed.error.issues[0];
  const path = issue?.path ?? [];
  const member = path.map(String).join('.');
  const value = valueAt(raw, path);
  if (value === undefined) throw missingParameter(member);
  throw invalidParameter(member, JSON.stringify(value), issue?.message ?? 'Malformed value.');
}
