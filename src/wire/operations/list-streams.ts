import type { ListStreamsInput } from '../../stream/types.js';
import { pick, type WireOperation } from '../operation.js';
import type { ValidationTable } from '../../validation/member-rules.js';

/** https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_streams_ListStreams.html */
export const listStreamsValidation: ValidationTable = [
  // DynamoDB Local does not validate the table name here (`TableName: "ab"` lists nothing).
  { member: 'TableName', type: 'String' },
  { member: 'Limit', type: 'Integer', min: 1 },
  { member: 'ExclusiveStartStreamArn', type: 'String' },
];

export const listStreams: WireOperation = {
  validation: listStreamsValidation,
  run: (db, input) => db.listStreams(pick(input, ['TableName', 'Limit', 'ExclusiveStartStreamArn']) as ListStreamsInput),
};
