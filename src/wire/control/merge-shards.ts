import type { ControlOperation } from './control-operation.js';
import { shardIdOf, streamFor } from './control-input.js';
import { toShardInfoJson } from './shard-info-json.js';

/** MergeShards { TableName | StreamArn, ShardId, AdjacentShardId } -> { Shard }: two adjacent open shards become one. */
export const mergeShards: ControlOperation = {
  name: 'MergeShards',
  needsManualClock: true,
  run: (db, input) => {
    const stream = streamFor(db, input, 'MergeShards');
    const shardId = shardIdOf(stream, input, 'MergeShards', 'ShardId');
    const adjacentShardId = shardIdOf(stream, input, 'MergeShards', 'AdjacentShardId');
    return { Shard: toShardInfoJson(stream.mergeShards(shardId, adjacentShardId)) };
  },
};
