import { GET_RECORDS_LIMIT } from '../../stream/stream-requests.js';
import type { GetRecordsInput } from '../../stream/types.js';
import { pick, type WireOperation } from '../operation.js';
import type { ValidationTable } from '../../validation/member-rules.js';

/** https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_streams_GetRecords.html */
export const getRecordsValidation: ValidationTable = [
  { member: 'ShardIterator', type: 'String', required: true },
  GET_RECORDS_LIMIT,
];

export const getRecords: WireOperation = {
  validation: getRecordsValidation,
  run: (db, input) => db.getRecords(pick(input, ['ShardIterator', 'Limit']) as unknown as GetRecordsInput),
};
