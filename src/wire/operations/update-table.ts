import { ValidationException } from '../../errors.js';
import type { UpdateTableInput } from '../../table/table-definition.js';
import { BILLING_MODE, PROVISIONED_THROUGHPUT, STREAM_SPECIFICATION, TABLE_NAME } from '../common-members.js';
import { pick, type WireOperation } from '../operation.js';
import type { ValidationTable } from '../../validation/member-rules.js';

/** https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_UpdateTable.html (streams and GSIs; not billing or throughput). */
export const updateTableValidation: ValidationTable = [
  TABLE_NAME,
  STREAM_SPECIFICATION,
  BILLING_MODE,
  PROVISIONED_THROUGHPUT,
  { member: 'AttributeDefinitions', type: 'List' },
  { member: 'GlobalSecondaryIndexUpdates', type: 'List' },
];

export const updateTable: WireOperation = {
  validation: updateTableValidation,
  run: (db, input) => {
    // A billing-mode or throughput change would be ignored: say what is missing instead.
    if (
      input.StreamSpecification === undefined &&
      (input.BillingMode !== undefined || input.ProvisionedThroughput !== undefined)
    ) {
      throw new ValidationException(
        'UpdateTable of BillingMode or ProvisionedThroughput is not supported by shardline yet: only StreamSpecification and GlobalSecondaryIndexUpdates',
      );
    }
    return db.updateTable(
      pick(input, [
        'TableName',
        'StreamSpecification',
        'AttributeDefinitions',
        'GlobalSecondaryIndexUpdates',
      ]) as unknown as UpdateTableInput,
    );
  },
};
