import { QueryDefinition, QueryString } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { monitoredFunctions, type MonitoredCode } from './monitored-code';

export interface SavedQueriesProps {
  /** Folder the queries appear under in the Logs Insights console. */
  readonly folder: string;
  readonly code: MonitoredCode;
}

/** Placeholder the trace query filters on; on-call replaces it with the id being traced. */
export const TRACE_ID_PLACEHOLDER = 'PASTE-ID';

type Role = 'ingest' | 'transform' | 'connector';

/** One saved query as data: what it reads, so a test can hold it against the lines the functions print. */
export interface SavedQuery {
  /** Its name inside the folder, as the runbook cites it. */
  readonly name: string;
  /** The functions whose log groups it searches; all when absent. */
  readonly role?: Role;
  /** The log message it filters on, when it reads one kind of line. */
  readonly message?: string;
  /** Every log field it reads (docs/LOGGING.md), each printed on the lines it filters. */
  readonly fields: readonly string[];
  readonly query: {
    readonly fields?: string[];
    readonly filterStatements?: string[];
    readonly statsStatements?: string[];
    readonly sort?: string;
    readonly limit?: number;
  };
}

/**
 * Logs Insights queries saved with their log groups, so at night nobody has to remember field names or pick
 * fifteen log groups by hand. They read the fields every hop's line names (lambdas/shared/log-fields.ts) and the
 * ones each line adds; `interchange trace` runs the first one's search from a terminal.
 */
export const SAVED_QUERIES = {
  trace: {
    name: 'Trace an event',
    fields: [
      'correlationId',
      'deliveryId',
      'source',
      'destination',
      'eventType',
      'eventId',
      'entity',
      'entityName',
      'status',
      'latencyMs',
      'outcome',
      'reason',
    ],
    query: {
      fields: [
        '@timestamp',
        'service',
        'level',
        'message',
        'correlationId',
        'deliveryId',
        'source',
        'eventType',
        'eventId',
        'entity',
        'entityName',
        'destination',
        'status',
        'latencyMs',
        'outcome',
        'reason',
        'xray_trace_id',
      ],
      filterStatements: [
        ['correlationId', 'deliveryId', 'eventId', 'entity', 'entityName']
          .map((field) => `${field} = "${TRACE_ID_PLACEHOLDER}"`)
          .join(' or '),
      ],
      sort: '@timestamp asc',
      limit: 1000,
    },
  },
  deliveryAttempts: {
    name: 'Delivery attempts by destination and answer',
    role: 'connector',
    message: 'delivery attempt',
    fields: ['destination', 'status', 'outcome', 'latencyMs', 'correlationId'],
    query: {
      filterStatements: ['message = "delivery attempt"'],
      statsStatements: [
        'count(*) as attempts, avg(latencyMs) as avgLatencyMs, pct(latencyMs, 95) as p95LatencyMs, ' +
          'latest(correlationId) as lastCorrelationId by destination, status, outcome',
      ],
      sort: 'attempts desc',
    },
  },
  deliveryFailures: {
    name: 'Delivery failures by destination',
    role: 'connector',
    fields: ['destination', 'reason', 'correlationId'],
    query: {
      filterStatements: ['level in ["WARN", "ERROR"] and message != "delivery attempt"'],
      statsStatements: [
        'count(*) as failures, latest(correlationId) as lastCorrelationId, latest(error.message) as lastError ' +
          'by destination, message, reason',
      ],
      sort: 'failures desc',
    },
  },
  quarantined: {
    name: 'Quarantined records by source and reason',
    role: 'transform',
    message: 'record quarantined',
    fields: ['source', 'reason', 'eventType', 'correlationId', 'deliveryId'],
    query: {
      filterStatements: ['message = "record quarantined"'],
      statsStatements: [
        'count(*) as records, latest(correlationId) as lastCorrelationId, latest(deliveryId) as lastDeliveryId ' +
          'by source, reason, eventType',
      ],
      sort: 'records desc',
    },
  },
  rejected: {
    name: 'Rejected webhooks by source and reason',
    role: 'ingest',
    message: 'webhook rejected',
    fields: ['source', 'reason', 'status', 'correlationId'],
    query: {
      filterStatements: ['message = "webhook rejected"'],
      statsStatements: ['count(*) as webhooks, latest(correlationId) as lastCorrelationId by source, reason, status'],
      sort: 'webhooks desc',
    },
  },
} as const satisfies Record<string, SavedQuery>;

/** Names of the saved queries inside their folder, as the runbook cites them. */
export const SAVED_QUERY_NAMES = Object.fromEntries(
  Object.entries(SAVED_QUERIES).map(([key, query]) => [key, query.name]),
) as { readonly [K in keyof typeof SAVED_QUERIES]: (typeof SAVED_QUERIES)[K]['name'] };

const CONSTRUCT_IDS: Record<keyof typeof SAVED_QUERIES, string> = {
  trace: 'TraceCorrelationId',
  deliveryAttempts: 'DeliveryAttempts',
  deliveryFailures: 'DeliveryFailures',
  quarantined: 'QuarantinedRecords',
  rejected: 'RejectedWebhooks',
};

export class SavedQueries extends Construct {
  constructor(scope: Construct, id: string, props: SavedQueriesProps) {
    super(scope, id);
    const functions = monitoredFunctions(props.code);
    for (const [key, saved] of Object.entries(SAVED_QUERIES) as [keyof typeof SAVED_QUERIES, SavedQuery][]) {
      new QueryDefinition(this, CONSTRUCT_IDS[key], {
        queryDefinitionName: `${props.folder}/${saved.name}`,
        queryString: new QueryString(saved.query),
        logGroups: functions
          .filter((fn) => saved.role === undefined || fn.role === saved.role)
          .map(({ fn }) => fn.logGroup),
      });
    }
  }
}
