import fc from 'fast-check';
import { attributeValueBytes, dynamodbCapacity, itemBytes, sqsRequestChunks } from '../../../local/observe/aws-units';

const exchange = (operation: string, request: object, responseBytes = 0) => ({
  operation,
  requestBytes: JSON.stringify(request).length,
  responseBytes,
  requestBody: JSON.stringify(request),
});

describe('DynamoDB item sizes', () => {
  test('count names and values as DynamoDB documents them', () => {
    // "pk" 2 + "rate#erp" 8; "tokens" 6 + 12345 (5 digits: 3 + 1); "open" 4 + BOOL 1
    expect(itemBytes({ pk: { S: 'rate#erp' }, tokens: { N: '12345' }, open: { BOOL: true } })).toBe(10 + 10 + 5);
    // a map: 3 bytes, its entries' names and values, 1 byte each
    expect(attributeValueBytes({ M: { a: { S: 'xy' } } })).toBe(3 + 1 + 2 + 1);
    expect(attributeValueBytes({ L: [{ S: 'ab' }, { N: '7' }] })).toBe(3 + (1 + 2) + (1 + 2));
    expect(attributeValueBytes({ B: Buffer.from('hello').toString('base64') })).toBe(5);
  });

  test('a multi-byte character counts its UTF-8 bytes', () => {
    expect(attributeValueBytes({ S: 'ü' })).toBe(2);
  });
});

describe('DynamoDB capacity units', () => {
  test('a write of up to 1 KB is one unit, and each KB more one more', () => {
    expect(dynamodbCapacity(exchange('PutItem', { Item: { pk: { S: 'x' } } }))).toEqual({ writeUnits: 1 });
    const big = { Item: { pk: { S: 'x' }, body: { S: 'a'.repeat(2100) } } };
    expect(dynamodbCapacity(exchange('PutItem', big))).toEqual({ writeUnits: 3 });
  });

  test('an update is sized by its key and the values and names it sets', () => {
    const update = {
      Key: { pk: { S: 'guard#erp#order-1' } },
      UpdateExpression: 'SET #v = :v, #b = :b',
      ExpressionAttributeNames: { '#v': 'version', '#b': 'body' },
      ExpressionAttributeValues: { ':v': { N: '3' }, ':b': { S: 'a'.repeat(1100) } },
    };
    expect(dynamodbCapacity(exchange('UpdateItem', update))).toEqual({ writeUnits: 2 });
  });

  test('a transaction costs twice its writes; a batch the sum of its items', () => {
    const put = { Put: { Item: { pk: { S: 'a' } } } };
    expect(dynamodbCapacity(exchange('TransactWriteItems', { TransactItems: [put, put] }))).toEqual({ writeUnits: 4 });
    const batch = {
      RequestItems: {
        t: [{ PutRequest: { Item: { pk: { S: 'a' } } } }, { DeleteRequest: { Key: { pk: { S: 'b' } } } }],
      },
    };
    expect(dynamodbCapacity(exchange('BatchWriteItem', batch))).toEqual({ writeUnits: 2 });
  });

  test('a read is half a unit per 4 KB, a whole one when strongly consistent', () => {
    expect(dynamodbCapacity(exchange('GetItem', { Key: {} }, 300))).toEqual({ readUnits: 0.5 });
    expect(dynamodbCapacity(exchange('GetItem', { Key: {}, ConsistentRead: true }, 300))).toEqual({ readUnits: 1 });
    expect(dynamodbCapacity(exchange('GetItem', { Key: {}, ConsistentRead: true }, 9000))).toEqual({ readUnits: 3 });
    expect(dynamodbCapacity(exchange('DescribeTable', { TableName: 't' }, 900))).toEqual({});
  });

  test('a body that is not JSON still counts the least a write costs', () => {
    expect(dynamodbCapacity({ operation: 'PutItem', requestBytes: 3, responseBytes: 0, requestBody: 'nope' })).toEqual({
      writeUnits: 1,
    });
  });

  test('never less than one unit per write, whatever the item', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string({ minLength: 1 }), fc.string()), (attributes) => {
        const item = Object.fromEntries(Object.entries(attributes).map(([name, value]) => [name, { S: value }]));
        const { writeUnits } = dynamodbCapacity(exchange('PutItem', { Item: item }));
        expect(writeUnits).toBe(Math.max(1, Math.ceil(itemBytes(item) / 1024)));
      }),
    );
  });
});

describe('SQS requests', () => {
  test('one per 64 KB of the larger of request and answer', () => {
    expect(sqsRequestChunks({ operation: 'SendMessageBatch', requestBytes: 65_536, responseBytes: 200 })).toEqual({
      chunks: 1,
    });
    expect(sqsRequestChunks({ operation: 'SendMessageBatch', requestBytes: 65_537, responseBytes: 200 })).toEqual({
      chunks: 2,
    });
    expect(sqsRequestChunks({ operation: 'ReceiveMessage', requestBytes: 120, responseBytes: 140_000 })).toEqual({
      chunks: 3,
    });
  });

  test('a receive that found nothing is marked, as idle polling', () => {
    expect(sqsRequestChunks({ operation: 'ReceiveMessage', requestBytes: 120, responseBytes: 15 })).toEqual({
      chunks: 1,
      emptyReceives: 1,
    });
    expect(sqsRequestChunks({ operation: 'DeleteMessageBatch', requestBytes: 120, responseBytes: 15 })).toEqual({
      chunks: 1,
    });
  });
});
