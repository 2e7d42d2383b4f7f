import type { ListTablesInput } from '../../database.js';
import { pick, type WireOperation } from '../operation.js';
import type { ValidationTable } from '../../validation/member-rules.js';

/** https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_ListTables.html */
export const listTablesValidation: ValidationTable = [
  { member: 'ExclusiveStartTableName', type: 'String' },
  // 1-100, with DynamoDB Local's own texts, in the typed API.
  { member: 'Limit', type: 'Integer' },
];

export const listTables: WireOperation = {
  validation: listTablesValidation,
  run: (db, input) => db.listTables(pick(input, ['ExclusiveStartTableName', 'Limit']) as ListTablesInput),
};
