import type { ControlOperation } from './control-operation.js';
import { streamFor } from './control-input.js';

/**
 * TrimStream { TableName | StreamArn } -> { TrimmedRecords }: applies retention to every shard now. A read trims
 * the shard it reads anyway; this makes what a listing counts (DescribeShardHistory, retainedRecords) current.
 */
export const trimStream: ControlOperation = {
  name: 'TrimStream',
  needsManualClock: true,
  run: (db, input) => {
    return { TrimmedRecords: streamFor(db, input, 'TrimStream').trimNow() };
  },
};
