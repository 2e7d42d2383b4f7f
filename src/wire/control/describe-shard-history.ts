import type { Database } from '../../database.js';
import { ResourceNotFoundException, ValidationException } from '../../errors.js';
import type { Stream } from '../../stream/stream.js';
import type { ControlOperation } from './control-operation.js';

/**
 * `DescribeShardHistory { TableName | StreamArn }`: the stream's shard history (docs/shard-picture.md), the model
 * `shardline shards` draws. Plain JSON already (hash ranges as decimal strings, times as epoch ms). It reads and
 * changes nothing, so it is allowed on any clock.
 */
export const describeShardHistory: ControlOperation = {
  name: 'DescribeShardHistory',
  needsManualClock: false,
  run(db: Database, input: Record<string, unknown>) {
    return targetStream(db, input).shardHistory();
  },
};

/** The stream named by `StreamArn`, or the latest stream of `TableName` (enabled, or disabled within retention). */
function targetStream(db: Database, input: Record<string, unknown>): Stream {
  const { TableName: tableName, StreamArn: streamArn } = input;
  if ((tableName === undefined) === (streamArn === undefined))
    throw new ValidationException('DescribeShardHistory takes one of TableName and StreamArn');
  if (streamArn !== undefined) {
    if (typeof streamArn !== 'string' || streamArn === '')
      throw new ValidationException('StreamArn must be a non-empty string');
    return db.stream(streamArn);
  }
  if (typeof tableName !== 'string' || tableName === '')
    throw new ValidationException('TableName must be a non-empty string');
  const latest = db.describeTable({ TableName: tableName }).Table.LatestStreamArn;
  if (latest === undefined) throw new ResourceNotFoundException(`Table ${tableName} has no stream`);
  return db.stream(latest);
}
