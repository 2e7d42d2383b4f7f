import { LIST_STREAMS_LIMIT } from '../../stream/stream-requests.js';
import type { ListStreamsInput } from '../../stream/types.js';
import { pick, type WireOperation } from '../operation.js';
import type { ValidationTable } from '../../validation/member-rules.js';

/** https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_streams_ListStreams.html */
export const listStreamsValidation: ValidationTable = [
  // DynamoDB Local does not validate the table name here (`TableName: "ab"` lists nothing).
  { member: 'TableName', type: 'String' },
  LIST_STREAMS_LIMIT,
  { member: 'ExclusiveStartStreamArn', type: 'String' },
];

export const listStreams: WireOperation = {
  validation: listStreamsValidation,
  run: (db, input) =>
    db.listStreams(pick(input, ['TableName', 'Limit', 'ExclusiveStartStreamArn']) as ListStreamsInput),
};
