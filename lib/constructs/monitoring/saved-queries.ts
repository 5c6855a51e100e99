import { QueryDefinition, QueryString } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { monitoredFunctions, type MonitoredCode } from './monitored-code';

export interface SavedQueriesProps {
  /** Folder the queries appear under in the Logs Insights console. */
  readonly folder: string;
  readonly code: MonitoredCode;
}

/** Placeholder the trace query filters on; on-call replaces it with the correlation id being traced. */
export const CORRELATION_ID_PLACEHOLDER = 'PASTE-CORRELATION-ID';

/** Names of the saved queries inside their folder, as the runbook cites them. */
export const SAVED_QUERY_NAMES = {
  trace: 'Trace a correlation id',
  deliveryFailures: 'Delivery failures by destination',
  quarantined: 'Quarantined records by source and reason',
  rejected: 'Rejected webhooks by source and reason',
} as const;

/**
 * Logs Insights queries saved with their log groups, so at night nobody has to remember field names or pick
 * fifteen log groups by hand. They read the JSON keys the functions' Powertools logger writes: `service`,
 * `level`, `message`, and the keys each hop appends (`correlationId`, `destination`, `reason`, ...).
 */
export class SavedQueries extends Construct {
  constructor(scope: Construct, id: string, props: SavedQueriesProps) {
    super(scope, id);
    const functions = monitoredFunctions(props.code);
    const logGroupsOf = (role?: 'ingest' | 'transform' | 'connector') =>
      functions.filter((fn) => role === undefined || fn.role === role).map(({ fn }) => fn.logGroup);
    const name = (title: string) => `${props.folder}/${title}`;

    new QueryDefinition(this, 'TraceCorrelationId', {
      queryDefinitionName: name(SAVED_QUERY_NAMES.trace),
      queryString: new QueryString({
        fields: ['@timestamp', 'service', 'level', 'message', 'eventType', 'reason', 'status', 'xray_trace_id'],
        filterStatements: [`correlationId = "${CORRELATION_ID_PLACEHOLDER}"`],
        sort: '@timestamp asc',
        limit: 1000,
      }),
      logGroups: logGroupsOf(),
    });
    new QueryDefinition(this, 'DeliveryFailures', {
      queryDefinitionName: name(SAVED_QUERY_NAMES.deliveryFailures),
      queryString: new QueryString({
        filterStatements: ['level in ["WARN", "ERROR"]'],
        statsStatements: [
          'count(*) as failures, latest(correlationId) as lastCorrelationId, latest(detail) as lastDetail, ' +
            'latest(error.message) as lastError by destination, message, reason',
        ],
        sort: 'failures desc',
      }),
      logGroups: logGroupsOf('connector'),
    });
    new QueryDefinition(this, 'QuarantinedRecords', {
      queryDefinitionName: name(SAVED_QUERY_NAMES.quarantined),
      queryString: new QueryString({
        fields: ['replace(service, "transform-", "") as source'],
        filterStatements: ['message = "record quarantined"'],
        statsStatements: [
          'count(*) as records, latest(correlationId) as lastCorrelationId by source, reason, eventType',
        ],
        sort: 'records desc',
      }),
      logGroups: logGroupsOf('transform'),
    });
    new QueryDefinition(this, 'RejectedWebhooks', {
      queryDefinitionName: name(SAVED_QUERY_NAMES.rejected),
      queryString: new QueryString({
        fields: ['replace(service, "ingest-", "") as source'],
        filterStatements: ['message = "webhook rejected"'],
        statsStatements: ['count(*) as webhooks, latest(correlationId) as lastCorrelationId by source, reason, status'],
        sort: 'webhooks desc',
      }),
      logGroups: logGroupsOf('ingest'),
    });
  }
}
