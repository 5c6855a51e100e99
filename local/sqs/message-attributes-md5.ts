/**
 * The digests SQS returns with every message. Clients compare them with their own (the JavaScript SDK checks the body
 * digest, the Java SDK the attribute digest as well), so they must be computed byte for byte as SQS computes them:
 * https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-message-metadata.html
 */
import { createHash, type Hash } from 'node:crypto';

/** A message attribute as the queue stores it: binary values decoded from the wire's base64. */
export interface MessageAttribute {
  readonly dataType: string;
  readonly stringValue?: string;
  readonly binaryValue?: Buffer;
}

/** Attributes by name, the shape of both MessageAttributes and MessageSystemAttributes. */
export type MessageAttributes = Readonly<Record<string, MessageAttribute>>;

const STRING_TRANSPORT = 1;
const BINARY_TRANSPORT = 2;

/** Hex MD5 of a message body's UTF-8 bytes, as MD5OfBody and MD5OfMessageBody. */
export function md5OfBody(body: string): string {
  return createHash('md5').update(body, 'utf8').digest('hex');
}

function updateLengthPrefixed(hash: Hash, bytes: Buffer): void {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(bytes.length);
  hash.update(length).update(bytes);
}

/**
 * Hex MD5 over the attributes sorted by name: each contributes its name, data type, a transport byte (1 string,
 * 2 binary) and its value, each length-prefixed with a 4-byte big-endian count. Undefined when there are none, as
 * SQS then omits the digest.
 */
export function md5OfMessageAttributes(attributes: MessageAttributes): string | undefined {
  const names = Object.keys(attributes).sort();
  if (names.length === 0) return undefined;
  const hash = createHash('md5');
  for (const name of names) {
    const attribute = attributes[name];
    if (attribute === undefined) continue;
    updateLengthPrefixed(hash, Buffer.from(name, 'utf8'));
    updateLengthPrefixed(hash, Buffer.from(attribute.dataType, 'utf8'));
    if (attribute.binaryValue !== undefined) {
      hash.update(Buffer.of(BINARY_TRANSPORT));
      updateLengthPrefixed(hash, attribute.binaryValue);
    } else {
      hash.update(Buffer.of(STRING_TRANSPORT));
      updateLengthPrefixed(hash, Buffer.from(attribute.stringValue ?? '', 'utf8'));
    }
  }
  return hash.digest('hex');
}
