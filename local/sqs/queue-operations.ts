/**
 * The operations on queues themselves: create, find, list, delete, attributes, purge, and dead-letter redrive tasks.
 * Each takes the raw JSON input and answers the JSON output shape of the SQS API.
 *
 * PurgeQueue and DeleteQueue do not enforce AWS's 60-second cool-downs (PurgeQueueInProgress, QueueDeletedRecently):
 * tests reset queues between cases far more often than that.
 */
import { queueNameOf, queueUrlOf, type OperationHandler } from './operation-context';
import { parseOperationInput } from './operation-inputs';
import { invalidParameter, queueDoesNotExist } from './sqs-error';

const EMPTY = {};

const createQueue: OperationHandler = (raw, context) => {
  const input = parseOperationInput('CreateQueue', raw);
  context.engine.createQueue(input.QueueName, input.Attributes ?? {});
  return { QueueUrl: queueUrlOf(context, input.QueueName) };
};

const getQueueUrl: OperationHandler = (raw, context) => {
  const input = parseOperationInput('GetQueueUrl', raw);
  if (!context.engine.queueNames().includes(input.QueueName)) throw queueDoesNotExist();
  return { QueueUrl: queueUrlOf(context, input.QueueName) };
};

const listQueues: OperationHandler = (raw, context) => {
  const input = parseOperationInput('ListQueues', raw);
  const max = input.MaxResults;
  if (max !== undefined && (max < 1 || max > 1000))
    throw invalidParameter('MaxResults', max, 'Must be between 1 and 1000.');
  const after = input.NextToken === undefined ? '' : Buffer.from(input.NextToken, 'base64url').toString('utf8');
  const names = context.engine.queueNames(input.QueueNamePrefix).filter((name) => name > after);
  const page = names.slice(0, max ?? 1000);
  const lastName = page[page.length - 1];
  const more = max !== undefined && names.length > page.length && lastName !== undefined;
  if (page.length === 0) return EMPTY;
  return {
    QueueUrls: page.map((name) => queueUrlOf(context, name)),
    ...(more ? { NextToken: Buffer.from(lastName, 'utf8').toString('base64url') } : {}),
  };
};

const deleteQueue: OperationHandler = (raw, context) => {
  const input = parseOperationInput('DeleteQueue', raw);
  context.engine.deleteQueue(queueNameOf(input.QueueUrl));
  return EMPTY;
};

const purgeQueue: OperationHandler = (raw, context) => {
  const input = parseOperationInput('PurgeQueue', raw);
  context.engine.purge(queueNameOf(input.QueueUrl));
  return EMPTY;
};

const getQueueAttributes: OperationHandler = (raw, context) => {
  const input = parseOperationInput('GetQueueAttributes', raw);
  const attributes = context.engine.getAttributes(queueNameOf(input.QueueUrl), input.AttributeNames ?? []);
  return Object.keys(attributes).length === 0 ? EMPTY : { Attributes: attributes };
};

const setQueueAttributes: OperationHandler = (raw, context) => {
  const input = parseOperationInput('SetQueueAttributes', raw);
  context.engine.setAttributes(queueNameOf(input.QueueUrl), input.Attributes);
  return EMPTY;
};

const startMessageMoveTask: OperationHandler = (raw, context) => {
  const input = parseOperationInput('StartMessageMoveTask', raw);
  return {
    TaskHandle: context.moveTasks.start(input.SourceArn, input.DestinationArn, input.MaxNumberOfMessagesPerSecond),
  };
};

const listMessageMoveTasks: OperationHandler = (raw, context) => {
  const input = parseOperationInput('ListMessageMoveTasks', raw);
  return { Results: context.moveTasks.list(input.SourceArn, input.MaxResults) };
};

/** Handlers of the queue-level operations, by operation name. */
export const queueOperations: Readonly<Record<string, OperationHandler>> = {
  CreateQueue: createQueue,
  GetQueueUrl: getQueueUrl,
  ListQueues: listQueues,
  DeleteQueue: deleteQueue,
  PurgeQueue: purgeQueue,
  GetQueueAttributes: getQueueAttributes,
  SetQueueAttributes: setQueueAttributes,
  StartMessageMoveTask: startMessageMoveTask,
  ListMessageMoveTasks: listMessageMoveTasks,
};
