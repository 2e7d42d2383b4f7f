import { ValidationException } from '../../errors.js';
import type { ControlOperation } from './control-operation.js';
import { shardIdOf, streamFor } from './control-input.js';
import { toShardInfoJson } from './shard-info-json.js';

/**
 * SplitShard { TableName | StreamArn, ShardId, At? } -> { Shards: [low, high] }: the open shard closes and two
 * children cover [start, At-1] and [At, end]; At (a 64-bit hash, as a decimal string) defaults to the middle.
 */
export const splitShard: ControlOperation = {
  name: 'SplitShard',
  needsManualClock: true,
  run: (db, input) => {
    const stream = streamFor(db, input, 'SplitShard');
    const shardId = shardIdOf(stream, input, 'SplitShard', 'ShardId');
    return { Shards: stream.splitShard(shardId, splitPoint(input.At)).map(toShardInfoJson) };
  },
};

function splitPoint(at: unknown): bigint | undefined {
  if (at === undefined || at === null) return undefined;
  // A string, since a JSON number loses the low digits of a 64-bit hash.
  if (typeof at !== 'string' || !/^\d{1,20}$/.test(at))
    throw new ValidationException(
      `SplitShard: At must be a hash key as a decimal string (such as "9223372036854775808"), got ${JSON.stringify(at)}`,
    );
  return BigInt(at);
}
