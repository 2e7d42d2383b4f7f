import { DESCRIBE_STREAM_LIMIT } from '../../stream/stream-requests.js';
import type { DescribeStreamInput } from '../../stream/types.js';
import { pick, type WireOperation } from '../operation.js';
import type { ValidationTable } from '../../validation/member-rules.js';

/** https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_streams_DescribeStream.html */
export const describeStreamValidation: ValidationTable = [
  { member: 'StreamArn', type: 'String', required: true },
  DESCRIBE_STREAM_LIMIT,
  // Its length (28-65) is checked by the typed API, with the same words.
  { member: 'ExclusiveStartShardId', type: 'String' },
  {
    member: 'ShardFilter',
    type: 'Structure',
    members: [
      { member: 'Type', type: 'String' },
      { member: 'ShardId', type: 'String' },
    ],
  },
];

export const describeStream: WireOperation = {
  validation: describeStreamValidation,
  run: (db, input) =>
    db.describeStream(
      pick(input, ['StreamArn', 'Limit', 'ExclusiveStartShardId', 'ShardFilter']) as unknown as DescribeStreamInput & {
        StreamArn: string;
      },
    ),
};
