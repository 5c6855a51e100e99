import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { App, Duration, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { Alarm, Metric } from 'aws-cdk-lib/aws-cloudwatch';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { METRICS_NAMESPACE } from '../../lambdas/shared/metrics';
import { loadStageConfig, parseConfig } from '../../config/load';
import { STAGES } from '../../config/stages';
import {
  AlarmThresholdError,
  resolveAlarmThresholds,
  type AlarmThresholds,
} from '../../lib/constructs/monitoring/alarm-thresholds';
import {
  connectorMetric,
  ingestMetric,
  INTERCHANGE_NAMESPACE,
} from '../../lib/constructs/monitoring/interchange-metrics';
import { OnCallPager, PageDescriptionError, RUNBOOK_SECTIONS } from '../../lib/constructs/monitoring/on-call-pager';
import { MonitoringStack } from '../../lib/monitoring-stack';
import { StatefulStack } from '../../lib/stateful-stack';
import { StatelessStack } from '../../lib/stateless-stack';
import { synthesizeStage } from './helpers/synth';

type Resource = { Properties: Record<string, unknown> };
type Widget = { type: string; properties: { title?: string; metrics?: unknown[]; alarms?: unknown[] } };

const dev = synthesizeStage('dev');
const alarms = Object.values(dev.monitoring.findResources('AWS::CloudWatch::Alarm')) as Resource[];
const runbook = readFileSync(path.join(__dirname, '..', '..', 'docs', 'RUNBOOK.md'), 'utf8');

/** GitHub's anchor of a heading: lower case, punctuation dropped, spaces to dashes. */
function githubAnchor(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

/** The anchors of every heading of a markdown document; a line in fenced code is not a heading. */
function runbookAnchors(markdown: string): Set<string> {
  const anchors = new Set<string>();
  let inFence = false;
  for (const line of markdown.split('\n')) {
    if (line.startsWith('```')) inFence = !inFence;
    const heading = inFence ? null : /^#{1,6}\s+(.+)$/.exec(line);
    if (heading?.[1]) anchors.add(githubAnchor(heading[1]));
  }
  return anchors;
}

/** The dashboard body with every CloudFormation token replaced by its JSON, so it parses. */
function dashboardWidgets(template: Template): Widget[] {
  const [dashboard] = Object.values(template.findResources('AWS::CloudWatch::Dashboard')) as Resource[];
  const parts = (dashboard!.Properties.DashboardBody as { 'Fn::Join': [string, unknown[]] })['Fn::Join'][1];
  const body = parts
    .map((part) => (typeof part === 'string' ? part : JSON.stringify(part).replace(/"/g, "'")))
    .join('');
  return (JSON.parse(body) as { widgets: Widget[] }).widgets;
}

const widgets = dashboardWidgets(dev.monitoring);
function widgetTitled(title: string): string {
  const widget = widgets.find((candidate) => candidate.properties.title === title);
  if (!widget) throw new Error(`no dashboard widget titled "${title}"`);
  return JSON.stringify(widget.properties.metrics);
}

/** Logical ids of the stateless stack's function log groups, read from the functions' logging config. */
const functionLogGroups = Object.values(dev.stateless.findResources('AWS::Lambda::Function')).map(
  (fn) =>
    (fn as { Properties: { LoggingConfig: { LogGroup: { Ref: string } } } }).Properties.LoggingConfig.LogGroup.Ref,
);
const serviceNames = Object.values(dev.stateless.findResources('AWS::Lambda::Function')).map(
  (fn) =>
    (fn as { Properties: { Environment: { Variables: Record<string, string> } } }).Properties.Environment.Variables
      .POWERTOOLS_SERVICE_NAME!,
);

function queryNamed(name: string): { LogGroupNames: unknown[]; QueryString: string } {
  const found = dev.monitoring.findResources('AWS::Logs::QueryDefinition', {
    Properties: { Name: `Interchange-dev/${name}` },
  });
  const [query] = Object.values(found) as Resource[];
  if (!query) throw new Error(`no saved query ${name}`);
  return query.Properties as { LogGroupNames: unknown[]; QueryString: string };
}

describe('MonitoringStack', () => {
  test('every work queue has an oldest-message alarm and every dead-letter queue a not-empty alarm', () => {
    const queues = dev.stateful.findResources('AWS::SQS::Queue');
    // A queue and DLQ per source and destination, and the canonical state's.
    expect(Object.keys(queues)).toHaveLength((dev.config.sources.length + dev.config.destinations.length + 1) * 2);
    for (const [logicalId, queue] of Object.entries(queues)) {
      const isWorkQueue = (queue as Resource).Properties.RedrivePolicy !== undefined;
      const watching = alarms.filter((alarm) => JSON.stringify(alarm.Properties.Dimensions ?? []).includes(logicalId));
      expect(watching).toContainEqual(
        expect.objectContaining({
          Properties: expect.objectContaining(
            isWorkQueue
              ? { MetricName: 'ApproximateAgeOfOldestMessage', ComparisonOperator: 'GreaterThanThreshold' }
              : { MetricName: 'ApproximateNumberOfMessagesVisible', Threshold: 0, TreatMissingData: 'notBreaching' },
          ),
        }),
      );
    }
  });

  test('every alarm pages the on-call topic when it fires and again when it clears', () => {
    const [topicId] = Object.keys(dev.monitoring.findResources('AWS::SNS::Topic'));
    expect(alarms.length).toBeGreaterThan(0);
    for (const alarm of alarms) {
      expect(alarm.Properties.AlarmActions).toEqual([{ Ref: topicId }]);
      expect(alarm.Properties.OKActions).toEqual([{ Ref: topicId }]);
    }
  });

  test('every alarm description opens with a one-line meaning and ends with a link to an existing runbook section', () => {
    const anchors = runbookAnchors(runbook);
    for (const alarm of alarms) {
      const lines = String(alarm.Properties.AlarmDescription).split('\n');
      expect(lines).toHaveLength(2);
      expect(lines[0]).toMatch(/^[A-Za-z].{20,}[.]$/);
      const link = /^Runbook: docs\/RUNBOOK\.md#([a-z0-9-]+)$/.exec(lines[1]!);
      expect(link).not.toBeNull();
      expect(anchors).toContain(link![1]);
    }
  });

  test('every runbook section the code names and every link inside the runbook has a heading', () => {
    const anchors = runbookAnchors(runbook);
    for (const section of Object.values(RUNBOOK_SECTIONS)) expect(anchors).toContain(section);
    const inner = [...runbook.matchAll(/\]\(#([^)]+)\)/g)].map((match) => match[1]);
    expect(inner.length).toBeGreaterThan(5);
    for (const anchor of inner) expect(anchors).toContain(anchor);
  });

  test('the runbook explains a redrive with start-message-move-task and the reason attributes to read first', () => {
    expect(runbook).toMatch(/aws sqs start-message-move-task --source-arn .+ --destination-arn/);
    for (const attribute of [
      'quarantineReason',
      'quarantineIssues',
      'failureReason',
      'failureDetail',
      'correlationId',
    ]) {
      expect(runbook).toContain(attribute);
    }
  });

  test('alarms cover ingest 5xx, signature spikes, drift, open circuits, error rates and every function', () => {
    const names = alarms.map((alarm) => alarm.Properties.AlarmName);
    expect(names).toContain('interchange-dev-alarm-api-5xx');
    for (const { name } of dev.config.sources) {
      for (const kind of ['unavailable', 'signature-failures'])
        expect(names).toContain(`interchange-dev-alarm-ingest-${name}-${kind}`);
      expect(names).toContain(`interchange-dev-alarm-transform-${name}-format-drift`);
    }
    for (const { name } of dev.config.destinations) {
      for (const kind of ['circuit-open', 'error-rate'])
        expect(names).toContain(`interchange-dev-alarm-delivery-${name}-${kind}`);
    }
    for (const service of serviceNames) {
      expect(names).toContain(`interchange-dev-alarm-function-${service}-errors`);
      expect(names).toContain(`interchange-dev-alarm-function-${service}-throttles`);
    }
  });

  test('metric helpers use the namespace and dimension set Powertools publishes for each function', () => {
    expect(INTERCHANGE_NAMESPACE).toBe(METRICS_NAMESPACE);
    const emitted = new Metrics({ namespace: METRICS_NAMESPACE, serviceName: 'ingest-storefront' });
    emitted.setDefaultDimensions({ source: 'storefront' });
    emitted.addMetric('SignatureFailure', MetricUnit.Count, 1);
    const emf = emitted.serializeMetrics();
    const [published] = emf._aws.CloudWatchMetrics;
    const dimensions = Object.fromEntries(published!.Dimensions[0]!.map((name) => [name, String(emf[name])]));
    const helper = ingestMetric('storefront', 'SignatureFailure');
    expect(helper.namespace).toBe(published!.Namespace);
    expect(helper.dimensions).toEqual(dimensions);
    expect(connectorMetric('erp', 'Delivered').dimensions).toEqual({ service: 'connector-erp', destination: 'erp' });
    dev.monitoring.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: 'interchange-dev-alarm-ingest-storefront-signature-failures',
      Namespace: 'Interchange',
      MetricName: 'SignatureFailure',
      Dimensions: [
        { Name: 'service', Value: 'ingest-storefront' },
        { Name: 'source', Value: 'storefront' },
      ],
    });
  });

  test('missing data is treated deliberately: an open circuit that goes quiet is unknown, not closed', () => {
    for (const alarm of alarms) expect(alarm.Properties.TreatMissingData).toBeDefined();
    dev.monitoring.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: 'interchange-dev-alarm-delivery-erp-circuit-open',
      MetricName: 'CircuitOpen',
      Statistic: 'Minimum',
      EvaluationPeriods: 15,
      DatapointsToAlarm: 15,
      TreatMissingData: 'missing',
    });
  });

  test('the error rate divides failed attempts by all attempts, and drift sums every field of the source', () => {
    dev.monitoring.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: 'interchange-dev-alarm-delivery-crm-error-rate',
      Metrics: Match.arrayWith([
        Match.objectLike({
          Expression: Match.stringLikeRegexp(
            '100 \\* FILL\\(failed, 0\\) / \\(FILL\\(delivered, 0\\) \\+ FILL\\(failed, 0\\)\\)',
          ),
        }),
        Match.objectLike({
          Id: 'delivered',
          MetricStat: Match.objectLike({ Metric: Match.objectLike({ MetricName: 'Delivered' }) }),
        }),
        Match.objectLike({
          Id: 'failed',
          MetricStat: Match.objectLike({ Metric: Match.objectLike({ MetricName: 'DeliveryFailed' }) }),
        }),
      ]),
    });
    dev.monitoring.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: 'interchange-dev-alarm-transform-payments-format-drift',
      Metrics: [
        Match.objectLike({
          Expression: `SELECT SUM(FormatDrift) FROM SCHEMA("Interchange", field, service, source) WHERE service = 'transform-payments'`,
          Period: 300,
        }),
      ],
    });
  });

  test('the dashboard has a row for every source: webhooks, rejections by reason, signatures, drift, quarantine, queue', () => {
    for (const { name } of dev.config.sources) {
      const title = (what: string) => `source ${name}: ${what}`;
      expect(widgetTitled(title('webhooks'))).toMatch(/WebhookReceived.*WebhookAccepted/);
      expect(widgetTitled(title('rejected by reason'))).toContain(
        `MetricName=\\"WebhookRejected\\" service=\\"ingest-${name}\\"`,
      );
      expect(widgetTitled(title('signature failures'))).toContain('SignatureFailure');
      expect(widgetTitled(title('format drift by field'))).toContain(
        `MetricName=\\"FormatDrift\\" service=\\"transform-${name}\\"`,
      );
      expect(widgetTitled(title('quarantined'))).toMatch(/RecordsQuarantined.*ApproximateNumberOfMessagesVisible/);
      expect(widgetTitled(title('ingest queue'))).toMatch(
        /ApproximateNumberOfMessagesVisible.*ApproximateAgeOfOldestMessage/,
      );
    }
  });

  test('the dashboard has a row for every destination: outcomes, 429s, circuit, latency, queue, dead letters', () => {
    for (const { name } of dev.config.destinations) {
      const title = (what: string) => `destination ${name}: ${what}`;
      expect(widgetTitled(title('deliveries'))).toMatch(
        /Delivered.*DeliveryFailed.*DeliveryDeadLettered.*DuplicateSkipped/,
      );
      expect(widgetTitled(title('rate limits'))).toContain('Throttled429');
      expect(widgetTitled(title('circuit'))).toContain('CircuitOpen');
      expect(widgetTitled(title('end-to-end latency'))).toMatch(/EndToEndLatency.*p50.*EndToEndLatency.*p99/);
      expect(widgetTitled(title('delivery queue'))).toContain('ApproximateAgeOfOldestMessage');
      expect(widgetTitled(title('dead letters'))).toContain('ApproximateNumberOfMessagesVisible');
    }
  });

  test('the dashboard shows every function, the API and the state of every alarm', () => {
    for (const service of serviceNames) {
      expect(widgetTitled(`function ${service}`)).toMatch(/Invocations.*Errors.*Throttles.*Duration/);
    }
    expect(widgetTitled('webhook API: requests and errors')).toMatch(/4xx.*5xx/);
    expect(widgetTitled('webhook API: latency')).toMatch(/Latency.*p99/);
    const listed = widgets.filter((widget) => widget.type === 'alarm').flatMap((widget) => widget.properties.alarms);
    expect(listed).toHaveLength(alarms.length);
  });

  test("the trace query looks for one id in every function's log group, by every id field", () => {
    const trace = queryNamed('Trace an event');
    expect(trace.QueryString).toContain('filter correlationId = "PASTE-ID" or deliveryId = "PASTE-ID"');
    expect(trace.QueryString).toContain('entityName = "PASTE-ID"');
    // `interchange trace` searches the same log groups by these names.
    const names = Object.values(dev.stateless.findResources('AWS::Logs::LogGroup')).map(
      (group) => (group as Resource).Properties.LogGroupName,
    );
    expect(names).toEqual(expect.arrayContaining(serviceNames.map((service) => `/interchange/dev/${service}`)));
    expect(functionLogGroups).toHaveLength(serviceNames.length);
    for (const logGroup of functionLogGroups) expect(JSON.stringify(trace.LogGroupNames)).toContain(logGroup);
    expect(trace.LogGroupNames).toHaveLength(functionLogGroups.length);
  });

  test('saved queries group delivery failures by destination and quarantined records by source and reason', () => {
    const failures = queryNamed('Delivery failures by destination');
    expect(failures.QueryString).toMatch(/stats count\(\*\) as failures.* by destination/);
    expect(failures.LogGroupNames).toHaveLength(dev.config.destinations.length);
    expect(JSON.stringify(failures.LogGroupNames)).toMatch(/Connector/);
    const quarantined = queryNamed('Quarantined records by source and reason');
    expect(quarantined.QueryString).toMatch(/filter message = "record quarantined"[\s\S]* by source, reason/);
    expect(quarantined.LogGroupNames).toHaveLength(dev.config.sources.length);
    expect(JSON.stringify(quarantined.LogGroupNames)).not.toMatch(/Ingest|Connector/);
  });

  test('CloudWatch may use the on-call topic key, so encrypted alarm notifications are delivered', () => {
    dev.monitoring.hasResourceProperties('AWS::KMS::Key', {
      KeyPolicy: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
            Principal: { Service: 'cloudwatch.amazonaws.com' },
          }),
        ]),
      },
    });
    expect(Annotations.fromStack(dev.stacks.monitoring).findWarning('*', Match.anyValue())).toEqual([]);
  });

  test("a stage's runbook URL reaches every alarm, and the stage refuses one that is not absolute", () => {
    const runbookUrl = 'https://wiki.example.com/interchange/RUNBOOK.md';
    const base = loadStageConfig('dev');
    const config = { ...base, stage: { ...base.stage, runbookUrl } };
    const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
    const stateful = new StatefulStack(app, 'Stateful', { config });
    const stateless = new StatelessStack(app, 'Stateless', { config, stateful, logRetention: RetentionDays.TWO_WEEKS });
    const template = Template.fromStack(new MonitoringStack(app, 'Monitoring', { config, stateful, stateless }));
    const descriptions = Object.values(template.findResources('AWS::CloudWatch::Alarm')).map(
      (alarm) => (alarm as Resource).Properties.AlarmDescription as string,
    );
    expect(descriptions.length).toBeGreaterThan(0);
    for (const description of descriptions)
      expect(description).toMatch(new RegExp(`\nRunbook: ${runbookUrl}#[a-z0-9-]+$`));
    expect(() =>
      parseConfig({ ...STAGES.dev, stage: { ...STAGES.dev!.stage, runbookUrl: 'docs/RUNBOOK.md' } }),
    ).toThrow('stage.runbookUrl: must be an absolute https URL');
  });

  test('a configured runbook URL and thresholds reach the alarms', () => {
    const config = loadStageConfig('dev');
    const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
    const stateful = new StatefulStack(app, 'Stateful', { config });
    const stateless = new StatelessStack(app, 'Stateless', { config, stateful, logRetention: RetentionDays.TWO_WEEKS });
    const monitoring = new MonitoringStack(app, 'Monitoring', {
      config,
      stateful,
      stateless,
      runbookBaseUrl: 'https://github.com/acme/interchange/blob/main/docs/RUNBOOK.md',
      thresholds: { signatureFailures: 50, deliveryOldestMessageAge: Duration.hours(2) },
    });
    const template = Template.fromStack(monitoring);
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: 'interchange-dev-alarm-ingest-crm-signature-failures',
      Threshold: 50,
      AlarmDescription: Match.stringLikeRegexp(
        '\nRunbook: https://github.com/acme/interchange/blob/main/docs/RUNBOOK.md#signature-failure-spike$',
      ),
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: 'interchange-dev-alarm-delivery-erp-backlog',
      Threshold: 7200,
    });
  });

  test.each<[string, Partial<AlarmThresholds>, keyof AlarmThresholds]>([
    ['an ingest age under a minute', { ingestOldestMessageAge: Duration.seconds(30) }, 'ingestOldestMessageAge'],
    ['a circuit duration of part minutes', { circuitOpenFor: Duration.seconds(90) }, 'circuitOpenFor'],
    ['a circuit duration over a day', { circuitOpenFor: Duration.days(2) }, 'circuitOpenFor'],
    ['a negative count', { signatureFailures: -1 }, 'signatureFailures'],
    ['a fractional count', { functionErrors: 1.5 }, 'functionErrors'],
    ['an error rate of 0%', { deliveryErrorRatePercent: 0 }, 'deliveryErrorRatePercent'],
    ['an error rate above 100%', { deliveryErrorRatePercent: 150 }, 'deliveryErrorRatePercent'],
  ])('%s fails synth with an error naming the threshold', (_case, overrides, field) => {
    expect(() => resolveAlarmThresholds(overrides)).toThrow(
      expect.objectContaining({ name: 'AlarmThresholdError', field, message: expect.stringContaining(field) }),
    );
    expect(() => resolveAlarmThresholds(overrides)).toThrow(AlarmThresholdError);
  });

  test.each(['', 'first line\nsecond line'])('an alarm whose meaning is not one line is refused (%j)', (meaning) => {
    const stack = new Stack(new App(), 'Pager');
    const pager = new OnCallPager({
      action: { bind: () => ({ alarmActionArn: 'arn' }) },
      runbookBaseUrl: 'x',
      namePrefix: 'p',
    });
    const metric = new Metric({ namespace: 'N', metricName: 'M' });
    expect(() =>
      pager.page(stack, 'A', {
        meaning,
        runbook: 'format-drift',
        name: 'a',
        metric,
        threshold: 0,
        evaluationPeriods: 1,
      }),
    ).toThrow(PageDescriptionError);
    expect(pager.alarms).toHaveLength(0);
    expect(
      pager.page(stack, 'B', {
        meaning: 'One line.',
        runbook: 'format-drift',
        name: 'b',
        metric,
        threshold: 0,
        evaluationPeriods: 1,
      }),
    ).toBeInstanceOf(Alarm);
  });
});
