import { TABLE_NAME } from '../common-members.js';
import type { WireOperation } from '../operation.js';
import type { ValidationTable } from '../../validation/member-rules.js';

/** https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_DescribeTable.html */
export const describeTableValidation: ValidationTable = [TABLE_NAME];

export const describeTable: WireOperation = {
  validation: describeTableValidation,
  run: (db, input) => db.describeTable({ TableName: input.TableName as string }),
};
