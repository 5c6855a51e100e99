import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { LOCAL_ENDPOINTS_FILE, localEndpointsSchema, type LocalEndpoints } from '../cli/local-endpoints';
import type { LocalPipeline } from './pipeline';

/** What the running pipeline tells a command line: everything `interchange` and the AWS SDK need to reach it. */
export function localEndpointsOf(pipeline: LocalPipeline, logsDir: string, pid = process.pid): LocalEndpoints {
  const { awsEnvironment: aws, topology, config } = pipeline;
  return localEndpointsSchema.parse({
    pid,
    startedAt: new Date().toISOString(),
    stage: config.stage.name,
    region: aws.AWS_REGION,
    credentials: { accessKeyId: aws.AWS_ACCESS_KEY_ID, secretAccessKey: aws.AWS_SECRET_ACCESS_KEY },
    apiUrl: pipeline.apiUrl,
    readApi: pipeline.readApi,
    endpoints: {
      sqs: aws.AWS_ENDPOINT_URL_SQS,
      dynamodb: aws.AWS_ENDPOINT_URL_DYNAMODB,
      secretsManager: aws.AWS_ENDPOINT_URL_SECRETS_MANAGER,
    },
    tables: { idempotency: topology.resolved.idempotencyTable, state: topology.resolved.stateTable },
    sources: Object.fromEntries(
      [...topology.ingestQueues].map(([name, queue]) => [
        name,
        { webhookUrl: pipeline.webhookUrl(name), queueUrl: queue.url, quarantineQueueUrl: queue.deadLetter.url },
      ]),
    ),
    destinations: Object.fromEntries(
      [...topology.deliveryQueues].map(([name, queue]) => [
        name,
        {
          queueUrl: queue.url,
          deadLetterQueueUrl: queue.deadLetter.url,
          downstreamUrl: pipeline.downstreams.get(name)!.url,
        },
      ]),
    ),
    logsDir: path.resolve(logsDir),
  });
}

/** Writes the endpoints file atomically enough for a reader: the whole document in one write. */
export function writeEndpointsFile(endpoints: LocalEndpoints, file = LOCAL_ENDPOINTS_FILE): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(endpoints, null, 2)}\n`, { mode: 0o600 });
}

/** Removes the file on a clean stop, so nothing points at ports that are closed. */
export function removeEndpointsFile(file = LOCAL_ENDPOINTS_FILE): void {
  rmSync(file, { force: true });
}
