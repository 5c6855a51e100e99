import {
  CANONICAL_STATE_TABLE_VARIABLE,
  connectorSettingsFor,
  READ_API_CALLERS_SECRET,
  readApiSettingsFor,
  readAuthorizerSettingsFor,
  stateWriterSettingsFor,
  ingestSettingsFor,
  needsReconcileFunction,
  reconcileSettingsFor,
  transformSettingsFor,
  type ResolvedTopology,
} from '../../config/function-settings';
import type { InterchangeConfig } from '../../config/schema';
import type { FunctionKind } from '../../local/lambda-runtime';

const REGION = 'us-east-1';
const ACCOUNT = '000000000000';
const queueUrl = (name: string) => `https://sqs.${REGION}.amazonaws.com/${ACCOUNT}/${name}`;

/** Queue URLs, secret ids and table names shaped like a deployment's, so settings validate; nothing is called. */
export function placeholderTopology(config: InterchangeConfig): ResolvedTopology {
  const stage = config.stage.name;
  return {
    sources: new Map(
      config.sources.map((source) => [
        source.name,
        {
          queueUrl: queueUrl(`interchange-${stage}-ingest-${source.name}`),
          quarantineQueueUrl: queueUrl(`interchange-${stage}-ingest-${source.name}-quarantine`),
          secretId: `${stage}/${source.secretName}`,
        },
      ]),
    ),
    destinations: new Map(
      config.destinations.map((destination) => [
        destination.name,
        {
          queueUrl: queueUrl(`interchange-${stage}-delivery-${destination.name}`),
          deadLetterQueueUrl: queueUrl(`interchange-${stage}-delivery-${destination.name}-dlq`),
        },
      ]),
    ),
    idempotencyTable: `interchange-${stage}-idempotency`,
    stateTable: `interchange-${stage}-state`,
    payloadBucket: `interchange-${stage}-payloads`,
    canonicalState: {
      queueUrl: queueUrl(`interchange-${stage}-canonical-state`),
      tableName: `interchange-${stage}-CanonicalState`,
    },
    readApiCallersSecretId: `${stage}/${READ_API_CALLERS_SECRET}`,
  };
}

/** The settings the stacks would hand a function of this kind, for the first source or destination. */
export function settingsFor(kind: FunctionKind, config: InterchangeConfig): object {
  const topology = placeholderTopology(config);
  const source = config.sources[0]!;
  switch (kind) {
    case 'ingest':
      return ingestSettingsFor(source, topology);
    case 'transform':
      return transformSettingsFor(config, source, topology);
    case 'connector':
      return connectorSettingsFor(config.destinations[0]!, topology);
    case 'reconcile': {
      const reconciled = config.sources.find(needsReconcileFunction) ?? source;
      return reconcileSettingsFor(reconciled, topology, `https://api.example.com/webhooks/${reconciled.name}`);
    }
    case 'state-writer':
      return stateWriterSettingsFor(topology);
    case 'read-api':
      return readApiSettingsFor(topology);
    case 'read-authorizer':
      return readAuthorizerSettingsFor(topology);
  }
}

/**
 * The environment a function's module initialises in: the variables the stateless stack sets, plus what Lambda
 * itself provides (region, credentials, function name). Module init reads settings and builds clients; it
 * makes no call, so placeholder credentials are enough.
 */
export function functionEnvironment(kind: FunctionKind, config: InterchangeConfig): Record<string, string> {
  return {
    AWS_REGION: REGION,
    AWS_DEFAULT_REGION: REGION,
    AWS_ACCESS_KEY_ID: 'bench',
    AWS_SECRET_ACCESS_KEY: 'bench',
    AWS_LAMBDA_FUNCTION_NAME: `interchange-${config.stage.name}-${kind}`,
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '256',
    INTERCHANGE_SETTINGS: JSON.stringify(settingsFor(kind, config)),
    [CANONICAL_STATE_TABLE_VARIABLE]: placeholderTopology(config).canonicalState.tableName,
    POWERTOOLS_SERVICE_NAME: `${kind}-bench`,
    POWERTOOLS_LOG_LEVEL: 'INFO',
    POWERTOOLS_LOGGER_SAMPLE_RATE: '0.01',
    // Lambda runs Node.js 24; an older local Node would make the SDK print its upgrade notice during init.
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  };
}
