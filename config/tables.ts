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
  /** Indexes listing the items another way; their keys are strings too, and they hold keys only. */
  readonly globalSecondaryIndexes?: readonly {
    readonly indexName: string;
    readonly partitionKey: string;
    readonly sortKey: string;
  }[];
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

/**
 * The latest canonical version of every entity (lambdas/shared/canonical-state-record.ts names its attributes):
 * written by the state writer under newer-wins, read by the read API and the reconciliation pollers. No TTL: an
 * entity's state is kept until a newer version replaces it. The index lists one entity by when it was written; it
 * holds keys only, so each state write costs at most two small index writes beside the item's own.
 */
/** The canonical state table's index of one entity's items by when they were written. */
export const CANONICAL_STATE_UPDATED_INDEX = {
  indexName: 'by-entity-updated',
  partitionKey: 'entity',
  sortKey: 'updatedAt',
};

/**
 * Inventory levels by SKU alone, across locations (`GET /v1/inventory-levels/<sku>`). Sparse: only inventory levels
 * carry `sku`, and keys only, so an item is written to it once (its keys never change), not on every new level.
 */
export const CANONICAL_STATE_SKU_INDEX = {
  indexName: 'by-sku',
  partitionKey: 'sku',
  sortKey: 'pk',
};

export const CANONICAL_STATE_TABLE = {
  name: 'CanonicalState',
  partitionKey: 'pk',
  globalSecondaryIndexes: [CANONICAL_STATE_UPDATED_INDEX, CANONICAL_STATE_SKU_INDEX],
} as const satisfies TableLayout;

/** Every table the deployment owns. */
export const TABLE_LAYOUTS: readonly TableLayout[] = [IDEMPOTENCY_TABLE, STATE_TABLE, CANONICAL_STATE_TABLE];
