import {
  Alarm,
  ComparisonOperator,
  TreatMissingData,
  type AlarmProps,
  type IAlarmAction,
} from 'aws-cdk-lib/aws-cloudwatch';
import type { Construct } from 'constructs';

/**
 * The runbook section of each kind of alarm, as the anchor of its heading in docs/RUNBOOK.md. A test parses the
 * runbook's headings, so renaming a heading without renaming its anchor here fails the build.
 */
export const RUNBOOK_SECTIONS = {
  quarantineNotEmpty: 'quarantine-not-empty',
  deadLettersNotEmpty: 'dead-letters-not-empty',
  ingestBacklog: 'ingest-queue-backlog',
  deliveryBacklog: 'delivery-queue-backlog',
  apiServerErrors: 'webhook-api-5xx',
  webhooksUnavailable: 'webhooks-not-enqueued',
  signatureFailures: 'signature-failure-spike',
  formatDrift: 'format-drift',
  circuitOpen: 'circuit-open-too-long',
  deliveryErrorRate: 'delivery-error-rate',
  functionErrors: 'function-errors',
  functionThrottles: 'function-throttles',
  traceAnOrder: 'trace-an-order-by-correlation-id',
  missedWebhooks: 'missed-webhooks',
  reconciliationFailing: 'reconciliation-poll-failing',
  subscriptionRenewalFailed: 'subscription-renewal-failed',
} as const;
export type RunbookSection = (typeof RUNBOOK_SECTIONS)[keyof typeof RUNBOOK_SECTIONS];

/** Where the runbook is read when no URL is configured: its path in the repository. */
export const DEFAULT_RUNBOOK_BASE_URL = 'docs/RUNBOOK.md';

/** A link to one section of the runbook. */
export function runbookLink(baseUrl: string, section: RunbookSection): string {
  return `${baseUrl}#${section}`;
}

/** What every paging alarm states beyond its metric: what it means and where to read what to do. */
export interface PageProps extends Omit<AlarmProps, 'alarmDescription' | 'actionsEnabled' | 'alarmName'> {
  /** One line saying which boundary is failing and what that means for orders in flight. */
  readonly meaning: string;
  readonly runbook: RunbookSection;
  /** Physical name stem, prefixed with the stage so an account can hold several stages. */
  readonly name: string;
}

/**
 * An alarm on a count of events that are published only when they happen (errors, throttles, missed webhooks): any
 * count above the threshold in one period pages, and a period without data is a good one.
 */
export const EVENT_COUNT_ALARM = {
  comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
  evaluationPeriods: 1,
  treatMissingData: TreatMissingData.NOT_BREACHING,
} as const;

/** What the pager needs to know about the deployment. */
export interface OnCallPagerProps {
  /** Notified when an alarm fires and again when it clears. */
  readonly action: IAlarmAction;
  readonly runbookBaseUrl: string;
  /** Physical alarm names start with it. */
  readonly namePrefix: string;
}

/** Raised when an alarm would page without telling the reader what it means. */
export class PageDescriptionError extends Error {
  override readonly name = 'PageDescriptionError';
}

/**
 * Creates every paging alarm the same way: it notifies on-call when it fires and when it clears, and its
 * description opens with what it means and ends with the link to its runbook section, so the notification
 * alone tells the reader where to start.
 */
export class OnCallPager {
  private readonly paged: Alarm[] = [];

  constructor(private readonly props: OnCallPagerProps) {}

  /** Every alarm created so far, for the dashboard's alarm status widget. */
  get alarms(): readonly Alarm[] {
    return this.paged;
  }

  page(scope: Construct, id: string, props: PageProps): Alarm {
    const { meaning, runbook, name, ...alarmProps } = props;
    if (meaning.trim() === '' || /[\r\n]/.test(meaning)) {
      throw new PageDescriptionError(`${id}: an alarm's meaning must be one non-empty line, got "${meaning}"`);
    }
    const alarm = new Alarm(scope, id, {
      ...alarmProps,
      alarmName: `${this.props.namePrefix}-${name}`,
      alarmDescription: `${meaning}\nRunbook: ${runbookLink(this.props.runbookBaseUrl, runbook)}`,
    });
    alarm.addAlarmAction(this.props.action);
    alarm.addOkAction(this.props.action);
    this.paged.push(alarm);
    return alarm;
  }
}
