import type { GetRecordsInput } from '../../stream/types.js';
import { pick, type WireOperation } from '../operation.js';
import type { ValidationTable } from '../../validation/member-rules.js';

/** https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_streams_GetRecords.html */
export const getRecordsValidation: ValidationTable = [
  { member: 'ShardIterator', type: 'String', required: true },
  // Above 1000 is DynamoDB Local's own text, from the typed API.
  { member: 'Limit', type: 'Integer', min: 1 },
];

export const getRecords: WireOperation = {
  validation: getRecordsValidation,
  run: (db, input) => db.getRecords(pick(input, ['ShardIterator', 'Limit']) as unknown as GetRecordsInput),
};
