import type { Exchange } from './call-tally';

/**
 * What AWS bills a request in, worked out from the request as a stand-in sees it: DynamoDB's capacity units
 * (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/CapacityUnitCalculations.html) and SQS's 64 KB
 * request chunks (https://aws.amazon.com/sqs/pricing/).
 */

/** An attribute value in DynamoDB's JSON wire form (`{"S": "..."}`, `{"M": {...}}`). */
type AttributeValue = Readonly<Record<string, unknown>>;
type Item = Readonly<Record<string, AttributeValue>>;

const WRITE_UNIT_BYTES = 1024;
const READ_UNIT_BYTES = 4096;
/** SQS bills each 64 KB chunk of a request's payload as one request. */
export const SQS_CHUNK_BYTES = 65_536;

const utf8 = (text: string) => Buffer.byteLength(text, 'utf8');

/** A number's size: one byte per two significant digits, plus one. */
function numberBytes(text: string): number {
  const digits = text
    .replace(/^[-+]/, '')
    .replace(/[eE].*$/, '')
    .replace('.', '')
    .replace(/^0+/, '')
    .replace(/0+$/, '');
  return Math.ceil(Math.max(1, digits.length) / 2) + 1;
}

/** The size DynamoDB counts for one attribute value (its name not included). */
export function attributeValueBytes(value: AttributeValue): number {
  const [type, content] = Object.entries(value)[0] ?? ['NULL', true];
  switch (type) {
    case 'S':
      return utf8(String(content));
    case 'N':
      return numberBytes(String(content));
    case 'B':
      return Buffer.from(String(content), 'base64').length;
    case 'SS':
      return (content as string[]).reduce((total, member) => total + utf8(member), 0);
    case 'NS':
      return (content as string[]).reduce((total, member) => total + numberBytes(member), 0);
    case 'BS':
      return (content as string[]).reduce((total, member) => total + Buffer.from(member, 'base64').length, 0);
    case 'L':
      // A list or map costs 3 bytes, and each element 1 byte beside its own size.
      return 3 + (content as AttributeValue[]).reduce((total, member) => total + 1 + attributeValueBytes(member), 0);
    case 'M':
      return 3 + itemBytes(content as Item) + Object.keys(content as Item).length;
    default:
      // BOOL and NULL
      return 1;
  }
}

/** An item's size: each attribute's name and value. */
export function itemBytes(item: Item): number {
  return Object.entries(item).reduce((total, [name, value]) => total + utf8(name) + attributeValueBytes(value), 0);
}

const writeUnits = (bytes: number) => Math.max(1, Math.ceil(bytes / WRITE_UNIT_BYTES));
const readUnits = (bytes: number, consistent: boolean) =>
  Math.max(1, Math.ceil(bytes / READ_UNIT_BYTES)) * (consistent ? 1 : 0.5);

interface WriteRequest {
  readonly Item?: Item;
  readonly Key?: Item;
  readonly ExpressionAttributeValues?: Item;
  readonly ExpressionAttributeNames?: Readonly<Record<string, string>>;
}

/**
 * What an update writes, as far as its request tells: the key and every value and name it sets. DynamoDB bills the
 * larger of the item before and after; for Interchange's items, whose updates set every attribute but the key, that
 * is the item.
 */
function updateBytes(request: WriteRequest): number {
  const values = Object.values(request.ExpressionAttributeValues ?? {}).reduce(
    (total, value) => total + attributeValueBytes(value),
    0,
  );
  const names = Object.values(request.ExpressionAttributeNames ?? {}).reduce((total, name) => total + utf8(name), 0);
  return itemBytes(request.Key ?? {}) + values + names;
}

function parse(body: string | undefined): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(body ?? '');
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/**
 * The capacity units one DynamoDB request consumes, on-demand. Writes are sized from the request's items (a
 * conditional write that fails still costs its units); reads from the answer's length, an upper bound of the items
 * it carries (the JSON wire form is a little larger than DynamoDB's count), which matters only past 4 KB.
 */
export function dynamodbCapacity(exchange: Exchange): { writeUnits?: number; readUnits?: number } {
  const request = parse(exchange.requestBody);
  const consistent = request.ConsistentRead === true;
  switch (exchange.operation) {
    case 'PutItem':
      return { writeUnits: writeUnits(itemBytes((request as WriteRequest).Item ?? {})) };
    case 'UpdateItem':
      return { writeUnits: writeUnits(updateBytes(request as WriteRequest)) };
    case 'DeleteItem':
      return { writeUnits: writeUnits(itemBytes((request as WriteRequest).Key ?? {})) };
    case 'BatchWriteItem': {
      const tables = Object.values((request.RequestItems ?? {}) as Record<string, WriteRequestEntry[]>);
      const units = tables
        .flat()
        .reduce(
          (total, entry) => total + writeUnits(itemBytes(entry.PutRequest?.Item ?? entry.DeleteRequest?.Key ?? {})),
          0,
        );
      return { writeUnits: units };
    }
    case 'TransactWriteItems': {
      const items = (request.TransactItems ?? []) as Record<string, WriteRequest>[];
      // A transaction costs twice what the same writes would alone.
      const units = items.reduce((total, entry) => {
        const action = Object.values(entry)[0] ?? {};
        return total + 2 * writeUnits(action.Item ? itemBytes(action.Item) : updateBytes(action));
      }, 0);
      return { writeUnits: units };
    }
    case 'GetItem':
    case 'Query':
    case 'Scan':
      return { readUnits: readUnits(exchange.responseBytes, consistent) };
    case 'BatchGetItem': {
      const tables = Object.values(
        (request.RequestItems ?? {}) as Record<string, { Keys?: unknown[]; ConsistentRead?: boolean }>,
      );
      const units = tables.reduce(
        (total, table) => total + (table.Keys?.length ?? 0) * (table.ConsistentRead ? 1 : 0.5),
        0,
      );
      return { readUnits: Math.max(units, readUnits(exchange.responseBytes, false)) };
    }
    case 'TransactGetItems':
      return { readUnits: 2 * ((request.TransactItems ?? []) as unknown[]).length };
    default:
      return {};
  }
}

interface WriteRequestEntry {
  readonly PutRequest?: { readonly Item: Item };
  readonly DeleteRequest?: { readonly Key: Item };
}

/** An answer this short holds no message: a message alone carries an id, a receipt handle and an MD5. */
const EMPTY_RECEIVE_MAX_BYTES = 100;

/**
 * The requests SQS bills for one call: one per 64 KB of its payload, sent or received. A receive that found nothing
 * is also counted as `emptyReceives`: Lambda's pollers make those whether or not webhooks come, a cost per queue and
 * hour rather than per webhook.
 */
export function sqsRequestChunks(exchange: Exchange): { chunks: number; emptyReceives?: number } {
  const chunks = Math.max(1, Math.ceil(Math.max(exchange.requestBytes, exchange.responseBytes) / SQS_CHUNK_BYTES));
  const empty = exchange.operation === 'ReceiveMessage' && exchange.responseBytes <= EMPTY_RECEIVE_MAX_BYTES;
  return empty ? { chunks, emptyReceives: 1 } : { chunks };
}
