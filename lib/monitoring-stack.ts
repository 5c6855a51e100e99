import { Stack, type StackProps } from 'aws-cdk-lib';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { Construct } from 'constructs';
import type { InterchangeConfig } from '../config/schema';
import { resolveAlarmThresholds, type AlarmThresholds } from './constructs/monitoring/alarm-thresholds';
import { DestinationAlarms } from './constructs/monitoring/destination-alarms';
import type { MonitoredCode } from './constructs/monitoring/monitored-code';
import { OnCallDashboard } from './constructs/monitoring/on-call-dashboard';
import { DEFAULT_RUNBOOK_BASE_URL, OnCallPager, RUNBOOK_SECTIONS } from './constructs/monitoring/on-call-pager';
import { PlatformAlarms } from './constructs/monitoring/platform-alarms';
import { pageWhenMessagesAge, pageWhenNotEmpty } from './constructs/monitoring/queue-alarms';
import { SavedQueries } from './constructs/monitoring/saved-queries';
import { ReconciliationAlarms } from './constructs/monitoring/reconciliation-alarms';
import { SourceAlarms } from './constructs/monitoring/source-alarms';
import { resourceName } from './naming';
import type { StatefulStack } from './stateful-stack';

export interface MonitoringStackProps extends StackProps {
  readonly config: InterchangeConfig;
  readonly stateful: StatefulStack;
  /** The API and functions of the stateless stack. */
  readonly stateless: MonitoredCode;
  /** Overrides of the default paging thresholds. */
  readonly thresholds?: Partial<AlarmThresholds>;
  /**
   * Where alarm descriptions link to the runbook, such as the file's URL in the repository browser.
   * @default the stage's `runbookUrl`, else 'docs/RUNBOOK.md'
   */
  readonly runbookBaseUrl?: string;
}

/**
 * What on-call works with: one SNS topic every alarm pages through, the alarms of every source, destination,
 * function and the API, one dashboard laid out along the pipeline, and saved Logs Insights queries.
 */
export class MonitoringStack extends Stack {
  readonly onCallTopic: Topic;
  readonly pager: OnCallPager;
  readonly dashboard: OnCallDashboard;

  constructor(scope: Construct, id: string, props: MonitoringStackProps) {
    super(scope, id, props);
    const { config, stateful, stateless } = props;
    const stage = config.stage.name;
    const thresholds = resolveAlarmThresholds(props.thresholds);
    const runbookBaseUrl = props.runbookBaseUrl ?? config.stage.runbookUrl ?? DEFAULT_RUNBOOK_BASE_URL;

    const topicKey = new Key(this, 'OnCallTopicKey', {
      description: 'Encrypts Interchange on-call notifications',
      enableKeyRotation: true,
    });
    // CloudWatch publishes alarm notifications itself, so it needs the key to write to the encrypted topic.
    topicKey.grant(new ServicePrincipal('cloudwatch.amazonaws.com'), 'kms:Decrypt', 'kms:GenerateDataKey*');
    this.onCallTopic = new Topic(this, 'OnCallTopic', {
      topicName: resourceName(stage, 'on-call'),
      masterKey: topicKey,
      enforceSSL: true,
    });
    if (config.stage.alarmEmail) this.onCallTopic.addSubscription(new EmailSubscription(config.stage.alarmEmail));

    this.pager = new OnCallPager({
      action: new SnsAction(this.onCallTopic),
      runbookBaseUrl,
      namePrefix: resourceName(stage, 'alarm'),
    });
    for (const [source, { ingest }] of stateful.sources) {
      new SourceAlarms(this, `Source-${source}`, { pager: this.pager, source, ingest, thresholds });
    }
    for (const [destination, { delivery }] of stateful.destinations) {
      new DestinationAlarms(this, `Destination-${destination}`, {
        pager: this.pager,
        destination,
        delivery,
        thresholds,
      });
    }
    const canonicalState = stateful.canonicalStateQueue;
    pageWhenNotEmpty(this, 'CanonicalStateDeadLetters', {
      pager: this.pager,
      queue: canonicalState.deadLetterQueue,
      meaning:
        'Canonical events could not be written to the canonical state: the read API and reconciliation see an older version until they are redriven.',
      runbook: RUNBOOK_SECTIONS.deadLettersNotEmpty,
      name: 'canonical-state-dead-letters',
    });
    pageWhenMessagesAge(this, 'CanonicalStateBacklog', {
      pager: this.pager,
      queue: canonicalState.queue,
      maxAge: thresholds.deliveryOldestMessageAge,
      meaning: `Canonical events wait more than ${thresholds.deliveryOldestMessageAge.toHumanString()} to be written to the canonical state: the state writer fails or the table throttles.`,
      runbook: RUNBOOK_SECTIONS.deliveryBacklog,
      name: 'canonical-state-backlog',
    });
    for (const source of config.sources) {
      if (!source.reconciliation && !source.subscriptions) continue;
      new ReconciliationAlarms(this, `Reconciliation-${source.name}`, {
        pager: this.pager,
        source: source.name,
        polled: source.reconciliation !== undefined,
        subscriptions: source.subscriptions !== undefined,
        thresholds,
      });
    }
    new PlatformAlarms(this, 'Platform', { pager: this.pager, code: stateless, thresholds });

    const queryFolder = `Interchange-${stage}`;
    new SavedQueries(this, 'Queries', { folder: queryFolder, code: stateless });
    this.dashboard = new OnCallDashboard(this, 'OnCall', {
      dashboardName: resourceName(stage, 'on-call'),
      sources: stateful.sources,
      destinations: stateful.destinations,
      code: stateless,
      alarms: this.pager.alarms,
      runbookBaseUrl,
      queryFolder,
      deliveryErrorRateMinimumAttempts: thresholds.deliveryErrorRateMinimumAttempts,
    });
  }
}
