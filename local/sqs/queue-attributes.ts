/**
 * Queue attributes: the settings a caller may give to CreateQueue and SetQueueAttributes, checked against the ranges
 * SQS enforces, and the attribute map GetQueueAttributes answers.
 *
 * Besides the AWS names, GetQueueAttributes answers `ApproximateAgeOfOldestMessage` (seconds since the oldest stored
 * message was sent). AWS publishes that figure only as a CloudWatch metric; locally it is an attribute, returned for
 * `All` and when named.
 */
import { invalidParameter, SqsError } from './sqs-error';

/** Where a queue's repeatedly failing messages go, and after how many receives. */
export interface RedrivePolicy {
  readonly deadLetterTargetArn: string;
  readonly maxReceiveCount: number;
}

/** A queue's configuration, decoded from its string attributes. */
export interface QueueSettings {
  readonly fifoQueue: boolean;
  readonly visibilityTimeout: number;
  readonly messageRetentionPeriod: number;
  readonly delaySeconds: number;
  readonly receiveMessageWaitTimeSeconds: number;
  readonly maximumMessageSize: number;
  readonly redrivePolicy: RedrivePolicy | undefined;
  readonly contentBasedDeduplication: boolean;
  readonly deduplicationScope: 'queue' | 'messageGroup';
  /** Attributes that change nothing locally (policies, encryption, throughput) kept as given so they read back. */
  readonly opaque: Readonly<Record<string, string>>;
}

/** Attributes computed from the queue's state rather than set by a caller. */
export interface QueueStateAttributes {
  readonly QueueArn: string;
  readonly ApproximateNumberOfMessages: number;
  readonly ApproximateNumberOfMessagesNotVisible: number;
  readonly ApproximateNumberOfMessagesDelayed: number;
  readonly ApproximateAgeOfOldestMessage: number;
  readonly CreatedTimestamp: number;
  readonly LastModifiedTimestamp: number;
}

const INTEGER_RANGES = {
  VisibilityTimeout: [0, 43_200, 'visibilityTimeout'],
  MessageRetentionPeriod: [60, 1_209_600, 'messageRetentionPeriod'],
  DelaySeconds: [0, 900, 'delaySeconds'],
  ReceiveMessageWaitTimeSeconds: [0, 20, 'receiveMessageWaitTimeSeconds'],
  MaximumMessageSize: [1_024, 1_048_576, 'maximumMessageSize'],
} as const;
const OPAQUE = [
  'Policy',
  'KmsMasterKeyId',
  'KmsDataKeyReusePeriodSeconds',
  'SqsManagedSseEnabled',
  'RedriveAllowPolicy',
];
const FIFO_ONLY = ['ContentBasedDeduplication', 'DeduplicationScope', 'FifoThroughputLimit'];
const SETTABLE_NAMES = [...Object.keys(INTEGER_RANGES), ...OPAQUE, ...FIFO_ONLY, 'RedrivePolicy', 'FifoQueue'];
const STATE_NAMES: readonly (keyof QueueStateAttributes)[] = [
  'QueueArn',
  'ApproximateNumberOfMessages',
  'ApproximateNumberOfMessagesNotVisible',
  'ApproximateNumberOfMessagesDelayed',
  'ApproximateAgeOfOldestMessage',
  'CreatedTimestamp',
  'LastModifiedTimestamp',
];

/** The settings of a queue created without attributes. */
export function defaultSettings(fifoQueue: boolean): QueueSettings {
  return {
    fifoQueue,
    visibilityTimeout: 30,
    messageRetentionPeriod: 345_600,
    delaySeconds: 0,
    receiveMessageWaitTimeSeconds: 0,
    maximumMessageSize: 1_048_576,
    redrivePolicy: undefined,
    contentBasedDeduplication: false,
    deduplicationScope: 'queue',
    opaque: { SqsManagedSseEnabled: 'true' },
  };
}

const unknownAttribute = (name: string): SqsError => new SqsError('InvalidAttributeName', `Unknown Attribute ${name}.`);
const invalidValue = (name: string): SqsError =>
  new SqsError('InvalidAttributeValue', `Invalid value for the parameter ${name}.`);

function parseRedrivePolicy(raw: string): RedrivePolicy | undefined {
  if (raw === '') return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw invalidParameter('RedrivePolicy', raw, 'Redrive policy is not a valid JSON map.');
  }
  const { deadLetterTargetArn, maxReceiveCount } = (parsed ?? {}) as Record<string, unknown>;
  const count = Number(maxReceiveCount);
  if (typeof deadLetterTargetArn !== 'string' || !deadLetterTargetArn.startsWith('arn:')) {
    throw invalidParameter('RedrivePolicy', raw, 'Value for deadLetterTargetArn must be a queue ARN.');
  }
  if (!Number.isInteger(count) || count < 1 || count > 1000) {
    throw invalidParameter(
      'RedrivePolicy',
      raw,
      `Invalid value for maxReceiveCount: ${String(maxReceiveCount)}, valid values are from 1 to 1000 both inclusive.`,
    );
  }
  return { deadLetterTargetArn, maxReceiveCount: count };
}

function parseBoolean(name: string, value: string): boolean {
  if (value !== 'true' && value !== 'false') throw invalidValue(name);
  return value === 'true';
}

/** Applies caller-given attributes over `base`, rejecting unknown names and out-of-range values as SQS does. */
export function applyAttributes(
  base: QueueSettings,
  attributes: Readonly<Record<string, string>>,
  operation: 'CreateQueue' | 'SetQueueAttributes',
): QueueSettings {
  let settings: QueueSettings = base;
  const opaque: Record<string, string> = { ...base.opaque };
  for (const [name, value] of Object.entries(attributes)) {
    if (FIFO_ONLY.includes(name) && !base.fifoQueue) throw unknownAttribute(name);
    if (name in INTEGER_RANGES) {
      const [min, max, key] = INTEGER_RANGES[name as keyof typeof INTEGER_RANGES];
      const parsed = /^\d+$/.test(value) ? Number(value) : NaN;
      if (!(parsed >= min && parsed <= max)) throw invalidValue(name);
      settings = { ...settings, [key]: parsed };
    } else if (name === 'RedrivePolicy') {
      settings = { ...settings, redrivePolicy: parseRedrivePolicy(value) };
    } else if (name === 'FifoQueue') {
      if (operation === 'SetQueueAttributes' || parseBoolean(name, value) !== base.fifoQueue) throw invalidValue(name);
    } else if (name === 'ContentBasedDeduplication') {
      settings = { ...settings, contentBasedDeduplication: parseBoolean(name, value) };
    } else if (name === 'DeduplicationScope') {
      if (value !== 'queue' && value !== 'messageGroup') throw invalidValue(name);
      settings = { ...settings, deduplicationScope: value };
    } else if (OPAQUE.includes(name) || name === 'FifoThroughputLimit') {
      opaque[name] = value;
    } else {
      throw unknownAttribute(name);
    }
  }
  return { ...settings, opaque };
}

function configuredAttributes(settings: QueueSettings): Record<string, string> {
  const attributes: Record<string, string> = {
    VisibilityTimeout: String(settings.visibilityTimeout),
    MessageRetentionPeriod: String(settings.messageRetentionPeriod),
    DelaySeconds: String(settings.delaySeconds),
    ReceiveMessageWaitTimeSeconds: String(settings.receiveMessageWaitTimeSeconds),
    MaximumMessageSize: String(settings.maximumMessageSize),
    ...settings.opaque,
  };
  if (settings.redrivePolicy) attributes.RedrivePolicy = JSON.stringify(settings.redrivePolicy);
  if (settings.fifoQueue) {
    attributes.FifoQueue = 'true';
    attributes.ContentBasedDeduplication = String(settings.contentBasedDeduplication);
    attributes.DeduplicationScope = settings.deduplicationScope;
  }
  return attributes;
}

/** The attribute map GetQueueAttributes answers for the requested names (`All` for every one). */
export function renderAttributes(
  settings: QueueSettings,
  state: QueueStateAttributes,
  requested: readonly string[],
): Record<string, string> {
  const all: Record<string, string> = { ...configuredAttributes(settings) };
  for (const name of STATE_NAMES) all[name] = String(state[name]);
  if (requested.includes('All')) return all;
  const selected: Record<string, string> = {};
  for (const name of requested) {
    const value = all[name];
    if (value !== undefined) selected[name] = value;
    else if (!SETTABLE_NAMES.includes(name)) throw unknownAttribute(name);
  }
  return selected;
}

/** The first of `names` whose value reads back differently, to tell whether CreateQueue repeats an existing queue. */
export function firstDifferingAttribute(
  a: QueueSettings,
  b: QueueSettings,
  names: readonly string[],
): string | undefined {
  const left = configuredAttributes(a);
  const right = configuredAttributes(b);
  return names.find((name) => left[name] !== right[name]);
}
