import { ValidationException } from '../../errors.js';
import type { UpdateTableInput } from '../../table/table-definition.js';
import { BILLING_MODE, PROVISIONED_THROUGHPUT, STREAM_SPECIFICATION, TABLE_NAME } from '../common-members.js';
import { pick, type WireOperation } from '../operation.js';
import type { ValidationTable } from '../../validation/member-rules.js';

/** https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_UpdateTable.html (streams only, for now). */
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
    if (input.GlobalSecondaryIndexUpdates !== undefined)
      throw new ValidationException('GlobalSecondaryIndexUpdates are not supported by shardline yet');
    // A billing-mode or throughput change alone would be "Nothing to update": say what is missing instead.
    if (
      input.StreamSpecification === undefined &&
      (input.BillingMode !== undefined || input.ProvisionedThroughput !== undefined)
    ) {
      throw new ValidationException(
        'UpdateTable of BillingMode or ProvisionedThroughput is not supported by shardline yet: only StreamSpecification',
      );
    }
    return db.updateTable(pick(input, ['TableName', 'StreamSpecification']) as unknown as UpdateTableInput);
  },
};
