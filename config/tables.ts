/**
 * DynamoDB table layouts, as plain data so the CDK stacks and local mode build the very same tables.
 * Keys are strings everywhere: the domain keys (destination + event id, source + quarantine id) are strings.
 */
export interface TableLayout {
  /** Logical name, used for the CloudFormation id and the local table name. */
  readonly name: string;
  readonly partitionKey: string;
  readonly sortKey?: string;
  /** Attribute holding an epoch-seconds expiry; DynamoDB's TTL deletes the item after it. */
  readonly timeToLiveAttribute?: string;
}

/** Powertools idempotency records: its default attribute names, so no persistence-layer options are needed. */
export const IDEMPOTENCY_TABLE: TableLayout = {
  name: 'Idempotency',
  partitionKey: 'id',
  timeToLiveAttribute: 'expiration',
};

/** Integration state shared by concurrent functions: last applied versions, circuit and rate-limit state. */
export const STATE_TABLE: TableLayout = {
  name: 'IntegrationState',
  partitionKey: 'pk',
  sortKey: 'sk',
  timeToLiveAttribute: 'expiresAt',
};

/** The latest canonical version of every entity, keyed `<entity>#<subject>`. */
export const CANONICAL_STATE_TABLE: TableLayout = {
  name: 'CanonicalState',
  partitionKey: 'pk',
};

/** Every table the deployment owns. */
export const TABLE_LAYOUTS: readonly TableLayout[] = [IDEMPOTENCY_TABLE, STATE_TABLE, CANONICAL_STATE_TABLE];
