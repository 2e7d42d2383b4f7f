import type { CreateTableInput } from '../../table/table-definition.js';
import { BILLING_MODE, PROVISIONED_THROUGHPUT, STREAM_SPECIFICATION, TABLE_NAME } from '../common-members.js';
import { pick, type WireOperation } from '../operation.js';
import type { ValidationTable } from '../../validation/member-rules.js';

/** https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_CreateTable.html */
export const createTableValidation: ValidationTable = [
  TABLE_NAME,
  // Their contents are checked by the typed API, with DynamoDB Local's messages (the index lists' with AWS's, their
  // members' JSON types included: index-members.ts).
  { member: 'KeySchema', type: 'List' },
  { member: 'AttributeDefinitions', type: 'List' },
  STREAM_SPECIFICATION,
  BILLING_MODE,
  PROVISIONED_THROUGHPUT,
  { member: 'GlobalSecondaryIndexes', type: 'List' },
  { member: 'LocalSecondaryIndexes', type: 'List' },
];

export const createTable: WireOperation = {
  validation: createTableValidation,
  run: (db, input) => {
    // Only AWS's members: shardline's own `streamOptions` is not part of the wire protocol. Tags, SSE, table
    // class and the like are accepted and ignored.
    const request = pick(input, [
      'TableName',
      'KeySchema',
      'AttributeDefinitions',
      'StreamSpecification',
      'BillingMode',
      'ProvisionedThroughput',
      'GlobalSecondaryIndexes',
      'LocalSecondaryIndexes',
    ]);
    // On the wire BillingMode defaults to PROVISIONED, as AWS's does, so a request with neither BillingMode nor
    // ProvisionedThroughput is refused ('No provisioned throughput specified for the table', after the key
    // checks, as DynamoDB Local answers). The typed API keeps its own default, on-demand.
    if (request.BillingMode === undefined || request.BillingMode === null) request.BillingMode = 'PROVISIONED';
    const table = db.createTable(request as unknown as CreateTableInput);
    return { TableDescription: table.describe() };
  },
};
