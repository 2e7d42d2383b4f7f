import type { Stream } from '../stream/stream.js';
import { describeGlobalIndex, describeLocalIndex } from './index-description.js';
import { tableArnFor } from '../stream/stream-arn.js';
import type { TableDescription } from '../table/table-definition.js';
import type { Table } from '../table/table.js';

/** What a table keeps about its streams: the enabled one, and the latest (named on the table after it is disabled). */
export interface TableStreams {
  current: Stream | undefined;
  latest: Stream | undefined;
}

/** https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_TableDescription.html */
export function describeTable(
  table: Table,
  streams: TableStreams | undefined,
  region: string,
  accountId: string,
): TableDescription {
  const created = new Date(table.createdAt);
  const provisioned = table.definition.provisioned;
  const description: TableDescription = {
    AttributeDefinitions: table.definition.attributeDefinitions.map((definition) => ({ ...definition })),
    TableName: table.name,
    KeySchema: table.definition.keySchemaElements.map((element) => ({ ...element })),
    TableStatus: 'ACTIVE',
    CreationDateTime: created,
    ProvisionedThroughput: {
      NumberOfDecreasesToday: 0,
      ReadCapacityUnits: provisioned?.ReadCapacityUnits ?? 0,
      WriteCapacityUnits: provisioned?.WriteCapacityUnits ?? 0,
    },
    TableSizeBytes: table.sizeBytes,
    ItemCount: table.itemCount,
    TableArn: tableArnFor(region, accountId, table.name),
  } as TableDescription;
  if (provisioned === undefined)
    description.BillingModeSummary = { BillingMode: 'PAY_PER_REQUEST', LastUpdateToPayPerRequestDateTime: created };
  // The indexes come after the billing summary and before the stream members, as AWS and DynamoDB Local send them.
  const indexes = table.indexes.all();
  const locals = indexes.filter((index) => index.definition.kind === 'LOCAL');
  const globals = indexes.filter((index) => index.definition.kind === 'GLOBAL');
  if (locals.length > 0)
    description.LocalSecondaryIndexes = locals.map((index) => describeLocalIndex(index, description.TableArn));
  if (globals.length > 0)
    description.GlobalSecondaryIndexes = globals.map((index) => describeGlobalIndex(index, description.TableArn));
  if (streams?.current !== undefined)
    description.StreamSpecification = { StreamEnabled: true, StreamViewType: streams.current.viewType };
  // As AWS and DynamoDB Local: the latest stream stays named after it is disabled.
  if (streams?.latest !== undefined) {
    description.LatestStreamLabel = streams.latest.label;
    description.LatestStreamArn = streams.latest.arn;
  }
  description.DeletionProtectionEnabled = false;
  return description;
}
