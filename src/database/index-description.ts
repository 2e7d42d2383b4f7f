import type {
  GlobalSecondaryIndexDescription,
  IndexStatus,
  LocalSecondaryIndexDescription,
  Projection,
} from '../table/index-definition.js';
import type { SecondaryIndex } from '../table/secondary-index.js';

/**
 * DescribeTable's `LocalSecondaryIndexes` and `GlobalSecondaryIndexes`, members in the order AWS and DynamoDB Local
 * send them. A GSI of an on-demand table shows a throughput of 0 and 0, as both do.
 * https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_GlobalSecondaryIndexDescription.html
 */
export function describeLocalIndex(index: SecondaryIndex, tableArn: string): LocalSecondaryIndexDescription {
  return {
    IndexName: index.name,
    KeySchema: index.definition.keySchemaElements.map((element) => ({ ...element })),
    Projection: projectionOf(index),
    IndexSizeBytes: index.bytes,
    ItemCount: index.count,
    IndexArn: `${tableArn}/index/${index.name}`,
  };
}

/** `status` overrides the index's own: UpdateTable's Delete answers with the index it removed, DELETING. */
export function describeGlobalIndex(
  index: SecondaryIndex,
  tableArn: string,
  status: IndexStatus = index.status,
): GlobalSecondaryIndexDescription {
  const description: GlobalSecondaryIndexDescription = {
    IndexName: index.name,
    KeySchema: index.definition.keySchemaElements.map((element) => ({ ...element })),
    Projection: projectionOf(index),
    IndexStatus: status,
  } as GlobalSecondaryIndexDescription;
  // While CREATING, as the UpdateTable that adds it answers (AWS and DynamoDB Local): not yet backfilling.
  if (status === 'CREATING') description.Backfilling = false;
  description.ProvisionedThroughput = {
    NumberOfDecreasesToday: 0,
    ReadCapacityUnits: index.definition.provisioned?.ReadCapacityUnits ?? 0,
    WriteCapacityUnits: index.definition.provisioned?.WriteCapacityUnits ?? 0,
  };
  description.IndexSizeBytes = index.bytes;
  description.ItemCount = index.count;
  description.IndexArn = `${tableArn}/index/${index.name}`;
  return description;
}

function projectionOf(index: SecondaryIndex): Projection {
  const { projectionType, nonKeyAttributes } = index.definition;
  return projectionType === 'INCLUDE'
    ? { ProjectionType: projectionType, NonKeyAttributes: [...nonKeyAttributes] }
    : { ProjectionType: projectionType };
}
