import {
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  SQSClient,
  StartMessageMoveTaskCommand,
} from '@aws-sdk/client-sqs';
import { loadStageConfig } from '../config/load';
import { resourceName } from '../lib/naming';

/** What a replay started: how many quarantined records go back through the source's transform. */
export interface ReplayStarted {
  readonly taskHandle: string;
  readonly quarantined: number;
  readonly from: string;
  readonly to: string;
}

/**
 * Sends every record in a source's quarantine back to its ingest queue, so a fixed mapper maps them again;
 * idempotency makes a replay safe for what was already delivered. The destination is named explicitly: records
 * the transform put in quarantine itself have no queue SQS would return them to.
 */
export async function replayQuarantine(sqs: SQSClient, stage: string, source: string): Promise<ReplayStarted> {
  const config = loadStageConfig(stage);
  if (!config.sources.some((candidate) => candidate.name === source)) {
    throw new Error(
      `unknown source "${source}"; sources of stage ${stage}: ${config.sources.map((s) => s.name).join(', ')}`,
    );
  }
  const ingestName = resourceName(config.stage.name, `ingest-${source}`);
  const [ingest, quarantine] = await Promise.all([
    queueArn(sqs, ingestName),
    queueArn(sqs, `${ingestName}-quarantine`),
  ]);
  const { TaskHandle } = await sqs.send(
    new StartMessageMoveTaskCommand({ SourceArn: quarantine.arn, DestinationArn: ingest.arn }),
  );
  return { taskHandle: TaskHandle ?? '', quarantined: quarantine.messages, from: quarantine.arn, to: ingest.arn };
}

async function queueArn(sqs: SQSClient, name: string): Promise<{ arn: string; messages: number }> {
  const { QueueUrl } = await sqs.send(new GetQueueUrlCommand({ QueueName: name }));
  const { Attributes } = await sqs.send(
    new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn', 'ApproximateNumberOfMessages'] }),
  );
  return { arn: Attributes!.QueueArn!, messages: Number(Attributes?.ApproximateNumberOfMessages ?? 0) };
}

async function main(): Promise<void> {
  const [source, stage = 'dev'] = process.argv.slice(2);
  if (!source) {
    console.error('usage: npm run replay -- <source> [stage]   e.g. npm run replay -- payments prod');
    process.exit(2);
  }
  const started = await replayQuarantine(new SQSClient({}), stage, source);
  console.log(
    `Replaying ${started.quarantined} quarantined records of ${source} (${stage}): task ${started.taskHandle}`,
  );
  console.log(`  from ${started.from}\n  to   ${started.to}`);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
