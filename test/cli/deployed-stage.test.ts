import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { GetQueueUrlCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { loadStageConfig } from '../../config/load';
import { circuitItem } from '../../lambdas/connector/circuit-breaker/circuit-record';
import { startAwsStandIns, type AwsStandIns } from '../../local/aws-stand-ins';
import { provisionLocalTopology } from '../../local/topology';
import type { ParkedMessage } from '../../cli/parked-messages';
import type { PipelineStatus } from '../../cli/status';
import type { AwsClients } from '../../cli/target';
import type { Trace } from '../../cli/trace';
import { cliRunner, jsonOf } from './helpers';

/**
 * The command line against a deployed stage (`--stage dev`). SQS and DynamoDB are the local stand-ins, holding the
 * queues and tables the stateful stack makes, under their AWS names. Nothing local speaks CloudWatch Logs or
 * CloudWatch metrics, so those two clients are stubbed at `send`: the tests record the requests the command line
 * makes (their shapes are what AWS receives) and answer with the documented response shapes.
 */
let aws: AwsStandIns;
const sent: { client: string; command: string; input: Record<string, unknown> }[] = [];
let logLines: string[] = [];

function recording<T extends { send: unknown }>(
  client: T,
  name: string,
  answer: (command: string, input: Record<string, unknown>) => unknown,
): T {
  (client as { send: unknown }).send = async (command: {
    constructor: { name: string };
    input: Record<string, unknown>;
  }) => {
    sent.push({ client: name, command: command.constructor.name, input: command.input });
    return answer(command.constructor.name, command.input);
  };
  return client;
}

function awsClients(): AwsClients {
  const logs = recording(new CloudWatchLogsClient({ region: 'us-east-1' }), 'logs', (command) =>
    command === 'StartQueryCommand'
      ? { queryId: `q-${sent.length}` }
      : {
          status: 'Complete',
          results: logLines.map((line) => [
            { field: '@timestamp', value: '' },
            { field: '@message', value: line },
          ]),
        },
  );
  const cloudwatch = recording(new CloudWatchClient({ region: 'us-east-1' }), 'cloudwatch', (_command, input) => ({
    MetricDataResults: (input.MetricDataQueries as { Id: string }[]).map((query) => ({ Id: query.Id, Values: [42] })),
  }));
  // A fresh client each run, as the command line makes, pointed at the stand-ins.
  const client = { region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } };
  return {
    sqs: new SQSClient({ ...client, endpoint: aws.environment.AWS_ENDPOINT_URL_SQS }),
    dynamodb: new DynamoDBClient({
      ...client,
      endpoint: aws.environment.AWS_ENDPOINT_URL_DYNAMODB,
    }),
    logs,
    cloudwatch,
  };
}

const cli = cliRunner({ awsClients, endpointsFile: '/nonexistent/endpoints.json' });

beforeAll(async () => {
  aws = await startAwsStandIns({ tablePrefix: 'interchange-dev-' });
  await provisionLocalTopology(
    loadStageConfig('dev'),
    aws.sqs,
    aws.secrets,
    {
      idempotencyTable: aws.tables.Idempotency!,
      stateTable: aws.tables.IntegrationState!,
      canonicalStateTable: aws.tables.CanonicalState!,
      payloadBucket: aws.payloadBucket,
    },
    { ingestSeconds: 10, deliverySeconds: 5 },
  );
});
afterAll(() => aws.close());
beforeEach(() => {
  sent.length = 0;
  logLines = [];
});

describe('interchange --stage dev', () => {
  test('status reads queues by their stage names, circuits from the state table and ages from CloudWatch', async () => {
    await aws.dynamodb.send(
      new PutItemCommand({
        TableName: 'interchange-dev-IntegrationState',
        Item: circuitItem('crm', { kind: 'open', openUntilMs: Date.now() + 60_000, cooldownMs: 60_000 }, 1, Date.now()),
      }),
    );
    const status = jsonOf<PipelineStatus>(await cli('--stage', 'dev', '--json', 'status'));
    expect(status.target).toBe('aws');
    expect(status.destinations.find((d) => d.destination === 'crm')!.circuit).toBe('open');
    expect(status.sources.every((s) => s.oldestSeconds === 42)).toBe(true);
    const metricRequest = sent.find((request) => request.command === 'GetMetricDataCommand')!;
    expect((metricRequest.input.MetricDataQueries as unknown[])[0]).toEqual({
      Id: 'q0',
      MetricStat: {
        Metric: {
          Namespace: 'AWS/SQS',
          MetricName: 'ApproximateAgeOfOldestMessage',
          Dimensions: [{ Name: 'QueueName', Value: 'interchange-dev-ingest-storefront' }],
        },
        Period: 60,
        Stat: 'Maximum',
      },
    });
  });

  test('dlq redrive moves the filtered dead letters of interchange-dev-delivery-<destination>-dlq', async () => {
    const { QueueUrl: dlq } = await aws.sqs.send(
      new GetQueueUrlCommand({ QueueName: 'interchange-dev-delivery-erp-dlq' }),
    );
    for (const [correlationId, reason] of [
      ['corr-aws-1', 'refused-422'],
      ['corr-aws-2', 'invalid-event'],
    ]) {
      await aws.sqs.send(
        new SendMessageCommand({
          QueueUrl: dlq,
          MessageBody: '{}',
          MessageAttributes: {
            correlationId: { DataType: 'String', StringValue: correlationId! },
            eventType: { DataType: 'String', StringValue: 'interchange.order.v1' },
            failureReason: { DataType: 'String', StringValue: reason! },
          },
        }),
      );
    }
    const moved = jsonOf<{ moved: number; messages: ParkedMessage[] }>(
      await cli('--stage', 'dev', '--json', 'dlq', 'redrive', 'erp', '--reason', 'refused'),
    );
    expect(moved.messages.map((message) => message.correlationId)).toEqual(['corr-aws-1']);
    const left = jsonOf<ParkedMessage[]>(await cli('--stage', 'dev', '--json', 'dlq', 'list', 'erp'));
    expect(left.map((message) => message.correlationId)).toEqual(['corr-aws-2']);
  });

  test('trace runs Logs Insights over every function log group and widens by the ids it finds', async () => {
    logLines = [
      JSON.stringify({
        timestamp: '2026-12-01T10:00:00.000Z',
        service: 'ingest-storefront',
        level: 'INFO',
        message: 'webhook accepted',
        correlationId: 'corr-1',
        deliveryId: 'd-1',
        source: 'storefront',
      }),
      JSON.stringify({
        timestamp: '2026-12-01T10:00:01.000Z',
        service: 'transform-storefront',
        level: 'INFO',
        message: 'record mapped',
        correlationId: 'corr-1',
        deliveryId: 'd-1',
        entity: 'storefront:1',
        entityName: '#1001',
        eventId: 'e-1',
      }),
    ];
    const trace = jsonOf<Trace>(
      await cli(
        '--stage',
        'dev',
        '--json',
        'trace',
        '1001',
        '--since',
        '2026-12-01T00:00:00Z',
        '--until',
        '2026-12-02T00:00:00Z',
      ),
    );
    expect(trace.steps.map((step) => step.message)).toEqual(['webhook accepted', 'record mapped']);
    const queries = sent.filter((request) => request.command === 'StartQueryCommand').map((request) => request.input);
    expect(queries.length).toBeGreaterThanOrEqual(2);
    expect(queries[0]).toMatchObject({
      startTime: Date.parse('2026-12-01T00:00:00Z') / 1000,
      endTime: Date.parse('2026-12-02T00:00:00Z') / 1000,
      limit: 10_000,
    });
    const config = loadStageConfig('dev');
    expect(queries[0]!.logGroupNames).toEqual(
      expect.arrayContaining([
        '/interchange/dev/ingest-storefront',
        '/interchange/dev/transform-storefront',
        '/interchange/dev/connector-erp',
      ]),
    );
    expect((queries[0]!.logGroupNames as string[]).length).toBe(config.sources.length * 2 + config.destinations.length);
    expect(queries[0]!.queryString).toContain('entityName = "#1001"');
    expect(queries[1]!.queryString).toContain('correlationId = "corr-1"');
    expect(queries[1]!.queryString).toContain('deliveryId = "d-1"');
  });

  test('an unknown stage, a stage not deployed and missing credentials each say what is missing', async () => {
    const unknown = await cli('--stage', 'qa', 'status');
    expect(unknown.err).toContain('Unknown stage "qa"; known stages: dev, prod');
    const notDeployed = await cli('--stage', 'prod', 'dlq', 'list', 'erp');
    expect(notDeployed.code).toBe(1);
    expect(notDeployed.err).toContain(
      'stage prod is not deployed in this account and region: queue interchange-prod-delivery-erp not found',
    );
    const noCredentials = await cliRunner({
      awsClients: () => ({
        ...awsClients(),
        sqs: new SQSClient({
          region: 'us-east-1',
          endpoint: aws.environment.AWS_ENDPOINT_URL_SQS,
          credentials: async () => {
            throw Object.assign(new Error('Could not load credentials from any providers'), {
              name: 'CredentialsProviderError',
            });
          },
        }),
      }),
    })('--stage', 'dev', 'dlq', 'list', 'erp');
    expect(noCredentials.err).toContain('no AWS credentials');
  });
});
