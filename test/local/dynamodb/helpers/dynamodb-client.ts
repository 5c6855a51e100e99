/** The real DynamoDB SDK client, pointed at a local dynalite with dummy credentials. */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';

/** A client for `endpoint`; one attempt, so a refused request fails the test at once. */
export const dynamoDbClientFor = (endpoint: string): DynamoDBClient =>
  new DynamoDBClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
  });
