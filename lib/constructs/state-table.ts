import { RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, Billing, ProjectionType, TableEncryptionV2, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import type { Construct } from 'constructs';
import type { TableLayout } from '../../config/tables';

export interface StateTableProps {
  /** Keys and TTL, shared with local mode so both build the same table. */
  readonly layout: TableLayout;
  readonly tableName: string;
  readonly removalPolicy: RemovalPolicy;
}

/**
 * A DynamoDB table fixed to on-demand billing, AWS-managed encryption and point-in-time recovery, with the TTL and
 * keys-only indexes its layout names.
 */
export class StateTable extends TableV2 {
  constructor(scope: Construct, id: string, props: StateTableProps) {
    const { layout } = props;
    super(scope, id, {
      tableName: props.tableName,
      partitionKey: { name: layout.partitionKey, type: AttributeType.STRING },
      ...(layout.sortKey ? { sortKey: { name: layout.sortKey, type: AttributeType.STRING } } : {}),
      ...(layout.timeToLiveAttribute ? { timeToLiveAttribute: layout.timeToLiveAttribute } : {}),
      globalSecondaryIndexes: (layout.globalSecondaryIndexes ?? []).map((index) => ({
        indexName: index.indexName,
        partitionKey: { name: index.partitionKey, type: AttributeType.STRING },
        sortKey: { name: index.sortKey, type: AttributeType.STRING },
        projectionType: ProjectionType.KEYS_ONLY,
      })),
      billing: Billing.onDemand(),
      encryption: TableEncryptionV2.awsManagedKey(),
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      removalPolicy: props.removalPolicy,
    });
  }
}
