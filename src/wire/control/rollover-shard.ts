import type { ControlOperation } from './control-operation.js';
import { shardIdOf, streamFor } from './control-input.js';
import { toShardInfoJson } from './shard-info-json.js';

/** RolloverShard { TableName | StreamArn, ShardId } -> { Shard }: the open shard closes; one child takes its range. */
export const rolloverShard: ControlOperation = {
  name: 'RolloverShard',
  needsManualClock: true,
  run: (db, input) => {
    const stream = streamFor(db, input, 'RolloverShard');
    const shardId = shardIdOf(stream, input, 'RolloverShard', 'ShardId');
    return { Shard: toShardInfoJson(stream.rolloverShard(shardId)) };
  },
};
