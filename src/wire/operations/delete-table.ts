import { TABLE_NAME } from '../common-members.js';
import type { WireOperation } from '../operation.js';
import type { ValidationTable } from '../../validation/member-rules.js';

/** https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_DeleteTable.html */
export const deleteTableValidation: ValidationTable = [TABLE_NAME];

export const deleteTable: WireOperation = {
  validation: deleteTableValidation,
  run: (db, input) => db.deleteTable({ TableName: input.TableName as string }),
};
