import {
  AlarmStatusWidget,
  AlarmStatusWidgetSortBy,
  Dashboard,
  TextWidget,
  type IAlarm,
} from 'aws-cdk-lib/aws-cloudwatch';
import { Construct } from 'constructs';
import type { QueueWithDeadLetter } from '../queue-with-dead-letter';
import type { MonitoredCode } from './monitored-code';
import { runbookLink, RUNBOOK_SECTIONS } from './on-call-pager';
import { destinationRow, sourceRow } from './pipeline-widgets';
import { apiRow, functionWidgets } from './platform-widgets';

export interface OnCallDashboardProps {
  readonly dashboardName: string;
  readonly sources: ReadonlyMap<string, { readonly ingest: QueueWithDeadLetter }>;
  readonly destinations: ReadonlyMap<string, { readonly delivery: QueueWithDeadLetter }>;
  readonly code: MonitoredCode;
  readonly alarms: readonly IAlarm[];
  readonly runbookBaseUrl: string;
  /** Folder of the saved Logs Insights queries, named in the header. */
  readonly queryFolder: string;
  /** Attempts below which a destination's error rate reads 0, as in its alarm. */
  readonly deliveryErrorRateMinimumAttempts: number;
}

/** CloudWatch shows at most 100 alarms in one alarm status widget. */
const ALARMS_PER_WIDGET = 100;

/**
 * The one dashboard on-call opens: alarm states first, then the pipeline in the order an order travels it
 * (a row per source, a row per destination), then the API and the functions underneath.
 */
export class OnCallDashboard extends Construct {
  readonly dashboard: Dashboard;

  constructor(scope: Construct, id: string, props: OnCallDashboardProps) {
    super(scope, id);
    this.dashboard = new Dashboard(this, 'Dashboard', { dashboardName: props.dashboardName });
    const heading = (markdown: string) => new TextWidget({ markdown, width: 24, height: 1 });

    this.dashboard.addWidgets(
      new TextWidget({
        markdown: [
          '# Interchange on-call',
          `Which boundary failed: a red alarm below names it; its row shows since when. ` +
            `To follow one order, take its correlation id and run the saved query **${props.queryFolder}/Trace a correlation id** ` +
            `([runbook](${runbookLink(props.runbookBaseUrl, RUNBOOK_SECTIONS.traceAnOrder)})).`,
        ].join('\n\n'),
        width: 24,
        height: 2,
      }),
    );
    for (let start = 0; start < props.alarms.length; start += ALARMS_PER_WIDGET) {
      const alarms = props.alarms.slice(start, start + ALARMS_PER_WIDGET);
      this.dashboard.addWidgets(
        new AlarmStatusWidget({
          title: 'alarms (firing first, most recent change first)',
          alarms: [...alarms],
          sortBy: AlarmStatusWidgetSortBy.STATE_UPDATED_TIMESTAMP,
          width: 24,
          height: Math.min(12, 2 + Math.ceil(alarms.length / 6)),
        }),
      );
    }
    this.dashboard.addWidgets(heading('## Sources: webhook in, canonical events out'));
    for (const [source, { ingest }] of props.sources) this.dashboard.addWidgets(...sourceRow(source, ingest));
    this.dashboard.addWidgets(heading('## Destinations: canonical events delivered'));
    for (const [destination, { delivery }] of props.destinations) {
      this.dashboard.addWidgets(...destinationRow(destination, delivery, props.deliveryErrorRateMinimumAttempts));
    }
    this.dashboard.addWidgets(heading('## Webhook API'));
    this.dashboard.addWidgets(...apiRow(props.code));
    this.dashboard.addWidgets(heading('## Functions'));
    this.dashboard.addWidgets(...functionWidgets(props.code));
  }
}
