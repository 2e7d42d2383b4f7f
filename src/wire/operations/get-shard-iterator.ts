import type { GetShardIteratorInput } from '../../stream/types.js';
import { pick, type WireOperation } from '../operation.js';
import type { ValidationTable } from '../../validation/member-rules.js';

/** https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_streams_GetShardIterator.html */
export const getShardIteratorValidation: ValidationTable = [
  { member: 'StreamArn', type: 'String', required: true },
  // DynamoDB Local answers "Shard does not exist" for any bad ShardId, and "Invalid ShardIteratorType." for a
  // value outside the enum: the typed API does both.
  { member: 'ShardId', type: 'String', required: true },
  { member: 'ShardIteratorType', type: 'String', required: true },
  { member: 'SequenceNumber', type: 'String' },
];

export const getShardIterator: WireOperation = {
  validation: getShardIteratorValidation,
  run: (db, input) =>
    db.getShardIterator(
      pick(input, [
        'StreamArn',
        'ShardId',
        'ShardIteratorType',
        'SequenceNumber',
      ]) as unknown as GetShardIteratorInput & { StreamArn: string },
    ),
};
