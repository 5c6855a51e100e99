import { baselineHandlerSource, UnknownSdkClientError } from '../../../bench/cold-start/baseline-handler';

describe('baselineHandlerSource', () => {
  it('imports and builds each client at module scope, and nothing else', () => {
    expect(baselineHandlerSource(['@aws-sdk/client-dynamodb', '@aws-sdk/client-sqs'])).toBe(
      [
        "import { DynamoDBClient as Client0 } from '@aws-sdk/client-dynamodb';",
        "import { SQSClient as Client1 } from '@aws-sdk/client-sqs';",
        'const clients = [new Client0({}), new Client1({})];',
        'export const handler = async () => ({ statusCode: 200, body: String(clients.length) });',
        '',
      ].join('\n'),
    );
  });

  it('says when a package does not export exactly one client class', () => {
    expect(() => baselineHandlerSource(['@aws-sdk/util-dynamodb'])).toThrow(UnknownSdkClientError);
    expect(() => baselineHandlerSource(['@aws-sdk/util-dynamodb'])).toThrow(/exports 0 client classes/);
  });
});
