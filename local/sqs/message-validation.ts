/**
 * What SQS checks in a message before it accepts it: the characters of its body, the names, types and values of its
 * attributes, and its size (body plus attributes) against the queue's MaximumMessageSize.
 */
import type { MessageAttribute, MessageAttributes } from './message-attributes-md5';
import { invalidParameter, missingParameter, SqsError } from './sqs-error';

/** A message attribute value as it arrives in a JSON request: binary values are base64. */
export interface WireMessageAttribute {
  readonly DataType: string;
  readonly StringValue?: string | undefined;
  readonly BinaryValue?: string | undefined;
  readonly StringListValues?: readonly string[] | undefined;
  readonly BinaryListValues?: readonly string[] | undefined;
}

const MAX_ATTRIBUTES = 10;
const ATTRIBUTE_NAME = /^[A-Za-z0-9_\-.]{1,256}$/;
const RESERVED_PREFIX = /^(aws\.|amazon\.)/i;
const DATA_TYPE = /^(String|Number|Binary)(\.[^\s]+)?$/;
const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const ALLOWED_CHARACTERS = '#x9 | #xA | #xD | #x20 to #xD7FF | #xE000 to #xFFFD | #x10000 to #x10FFFF';

// XML 1.0's character set, which SQS enforces on bodies and string values.
function isAllowedCodePoint(codePoint: number): boolean {
  return (
    codePoint === 0x9 ||
    codePoint === 0xa ||
    codePoint === 0xd ||
    (codePoint >= 0x20 && codePoint <= 0xd7ff) ||
    (codePoint >= 0xe000 && codePoint <= 0xfffd) ||
    (codePoint >= 0x10000 && codePoint <= 0x10ffff)
  );
}

function forbiddenCodePoint(text: string): number | undefined {
  for (const character of text) {
    const codePoint = character.codePointAt(0) ?? 0;
    if (!isAllowedCodePoint(codePoint)) return codePoint;
  }
  return undefined;
}

/** Rejects a body SQS would reject: empty, or holding a character outside XML's set. */
export function validateMessageBody(body: string): void {
  if (body.length === 0) throw missingParameter('MessageBody');
  const codePoint = forbiddenCodePoint(body);
  if (codePoint !== undefined) {
    throw new SqsError(
      'InvalidMessageContents',
      `Invalid binary character '#x${codePoint.toString(16).toUpperCase()}' was found in the message body, ` +
        `the set of allowed characters is ${ALLOWED_CHARACTERS}`,
    );
  }
}

function validateName(name: string, kind: string): void {
  const valid =
    ATTRIBUTE_NAME.test(name) &&
    !RESERVED_PREFIX.test(name) &&
    !name.startsWith('.') &&
    !name.endsWith('.') &&
    !name.includes('..');
  if (!valid) {
    throw new SqsError(
      'InvalidParameterValue',
      `${kind} name '${name}' is invalid. A name may hold up to 256 alphanumeric characters, hyphens, underscores ` +
        `and periods, may not start with AWS. or Amazon., and may not begin, end or repeat a period.`,
    );
  }
}

function decodeAttribute(name: string, wire: WireMessageAttribute): MessageAttribute {
  const dataType = DATA_TYPE.exec(wire.DataType ?? '');
  if (!dataType || wire.DataType.length > 256) {
    throw invalidParameter(
      `MessageAttributes.${name}.DataType`,
      wire.DataType,
      'Must be String, Number or Binary, optionally with a .custom suffix.',
    );
  }
  if ((wire.StringListValues?.length ?? 0) > 0 || (wire.BinaryListValues?.length ?? 0) > 0) {
    throw new SqsError(
      'InvalidParameterValue',
      'Message attribute list values in SendMessage operation are not supported.',
    );
  }
  if (dataType[1] === 'Binary') {
    if (wire.BinaryValue === undefined || !BASE64.test(wire.BinaryValue) || wire.StringValue !== undefined) {
      throw invalidParameter(
        `MessageAttributes.${name}`,
        name,
        'A Binary attribute needs a BinaryValue and no StringValue.',
      );
    }
    return { dataType: wire.DataType, binaryValue: Buffer.from(wire.BinaryValue, 'base64') };
  }
  if (wire.StringValue === undefined || wire.BinaryValue !== undefined) {
    throw invalidParameter(
      `MessageAttributes.${name}`,
      name,
      `A ${dataType[1]} attribute needs a StringValue and no BinaryValue.`,
    );
  }
  if (dataType[1] === 'Number' && !NUMBER.test(wire.StringValue)) {
    throw invalidParameter(`MessageAttributes.${name}.StringValue`, wire.StringValue, 'Not a number.');
  }
  if (wire.StringValue.length === 0 || forbiddenCodePoint(wire.StringValue) !== undefined) {
    throw invalidParameter(
      `MessageAttributes.${name}.StringValue`,
      '(hidden)',
      'Empty, or holds a character SQS does not allow.',
    );
  }
  return { dataType: wire.DataType, stringValue: wire.StringValue };
}

/** Validates and decodes the MessageAttributes of a send request. */
export function decodeMessageAttributes(
  wire: Readonly<Record<string, WireMessageAttribute>> | undefined,
): MessageAttributes {
  const entries = Object.entries(wire ?? {});
  if (entries.length > MAX_ATTRIBUTES) {
    throw new SqsError(
      'InvalidParameterValue',
      `Number of message attributes [${entries.length}] exceeds the allowed maximum [${MAX_ATTRIBUTES}].`,
    );
  }
  const decoded: Record<string, MessageAttribute> = {};
  for (const [name, value] of entries) {
    validateName(name, 'Message (user) attribute');
    decoded[name] = decodeAttribute(name, value);
  }
  return decoded;
}

/** Validates the MessageSystemAttributes of a send request: SQS accepts only AWSTraceHeader, a String. */
export function decodeSystemAttributes(
  wire: Readonly<Record<string, WireMessageAttribute>> | undefined,
): MessageAttributes {
  const decoded: Record<string, MessageAttribute> = {};
  for (const [name, value] of Object.entries(wire ?? {})) {
    if (name !== 'AWSTraceHeader' || value.DataType !== 'String' || value.StringValue === undefined) {
      throw invalidParameter(`MessageSystemAttributes.${name}`, name, 'Only AWSTraceHeader, a String, may be sent.');
    }
    decoded[name] = { dataType: 'String', stringValue: value.StringValue };
  }
  return decoded;
}

/** The size SQS counts against MaximumMessageSize: the body and every attribute's name, type and value, in bytes. */
export function messageSize(body: string, attributes: MessageAttributes): number {
  let size = Buffer.byteLength(body, 'utf8');
  for (const [name, attribute] of Object.entries(attributes)) {
    size += Buffer.byteLength(name, 'utf8') + Buffer.byteLength(attribute.dataType, 'utf8');
    size += attribute.binaryValue?.length ?? Buffer.byteLength(attribute.stringValue ?? '', 'utf8');
  }
  return size;
}

/** The size of a message still in its wire form, for checking a whole batch before any entry is decoded. */
export function wireMessageSize(
  body: string,
  wire: Readonly<Record<string, WireMessageAttribute>> | undefined,
): number {
  let size = Buffer.byteLength(body, 'utf8');
  for (const [name, value] of Object.entries(wire ?? {})) {
    size += Buffer.byteLength(name, 'utf8') + Buffer.byteLength(value.DataType, 'utf8');
    size +=
      value.BinaryValue === undefined
        ? Buffer.byteLength(value.StringValue ?? '', 'utf8')
        : Buffer.from(value.BinaryValue, 'base64').length;
  }
  return size;
}

/** Rejects a message larger than the queue allows, with the reason SQS gives. */
export function validateMessageSize(body: string, attributes: MessageAttributes, maximumMessageSize: number): void {
  if (messageSize(body, attributes) > maximumMessageSize) {
    throw new SqsError(
      'InvalidParameterValue',
      `One or more parameters are invalid. Reason: Message must be shorter than ${maximumMessageSize} bytes.`,
    );
  }
}
