/**
 * The operations on single messages: send, receive (with long polling), delete and change visibility. Each takes the
 * raw JSON input and answers the JSON output shape of the SQS API.
 */
import { queueNameOf, type OperationContext, type OperationHandler } from './operation-context';
import { parseOperationInput } from './operation-inputs';
import { renderReceivedMessage, validateSystemAttributeNames } from './received-message';
import { receiveWithLongPolling } from './receive-waiters';
import { invalidParameter } from './sqs-error';

const EMPTY = {};

const sendMessage: OperationHandler = (raw, context) => {
  const input = parseOperationInput('SendMessage', raw);
  return context.engine.send(queueNameOf(input.QueueUrl), input, context.senderId);
};

function checkRange(parameter: string, value: number | undefined, min: number, max: number, reason: string): void {
  if (value !== undefined && (value < min || value > max)) throw invalidParameter(parameter, value, reason);
}

const receiveMessage: OperationHandler = async (raw, context: OperationContext) => {
  const input = parseOperationInput('ReceiveMessage', raw);
  const queueName = queueNameOf(input.QueueUrl);
  checkRange('MaxNumberOfMessages', input.MaxNumberOfMessages, 1, 10, 'Must be between 1 and 10, if provided.');
  checkRange('WaitTimeSeconds', input.WaitTimeSeconds, 0, 20, 'Must be >= 0 and <= 20, if provided.');
  checkRange('VisibilityTimeout', input.VisibilityTimeout, 0, 43_200, 'Must be >= 0 and <= 43200, if provided.');
  const systemNames = [...(input.AttributeNames ?? []), ...(input.MessageSystemAttributeNames ?? [])];
  validateSystemAttributeNames(systemNames);
  const queue = context.engine.queue(queueName);
  const received = await receiveWithLongPolling(
    context.engine,
    context.waiters,
    {
      queueName,
      maxNumberOfMessages: input.MaxNumberOfMessages ?? 1,
      visibilityTimeoutSeconds: input.VisibilityTimeout,
      waitTimeSeconds: input.WaitTimeSeconds ?? queue.settings.receiveMessageWaitTimeSeconds,
    },
    context.signal,
  );
  if (received.length === 0) return EMPTY;
  const selection = { systemNames, messageAttributeNames: input.MessageAttributeNames ?? [] };
  return { Messages: received.map((message) => renderReceivedMessage(message, selection)) };
};

const deleteMessage: OperationHandler = (raw, context) => {
  const input = parseOperationInput('DeleteMessage', raw);
  context.engine.deleteMessage(queueNameOf(input.QueueUrl), input.ReceiptHandle);
  return EMPTY;
};

const changeMessageVisibility: OperationHandler = (raw, context) => {
  const input = parseOperationInput('ChangeMessageVisibility', raw);
  context.engine.changeVisibility(queueNameOf(input.QueueUrl), input.ReceiptHandle, input.VisibilityTimeout);
  return EMPTY;
};

/** Handlers of the single-message operations, by operation name. */
export const messageOperations: Readonly<Record<string, OperationHandler>> = {
  SendMessage: sendMessage,
  ReceiveMessage: receiveMessage,
  DeleteMessage: deleteMessage,
  ChangeMessageVisibility: changeMessageVisibility,
};
