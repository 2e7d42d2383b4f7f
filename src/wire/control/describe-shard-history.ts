import type { Database } from '../../database.js';
import { DynamoDBError } from '../../errors.js';
import type { Stream } from '../../stream/stream.js';
import type { ControlOperation } from './control-operation.js';
import { streamFor } from './control-input.js';

const NAME = 'DescribeShardHistory';

/**
 * `DescribeShardHistory { TableName | StreamArn }`: the stream's shard history (docs/shard-picture.md), the model
 * `shardline shards` draws. Plain JSON already (hash ranges as decimal strings, times as epoch ms). It reads and
 * changes nothing, so it is allowed on any clock.
 */
export const describeShardHistory: ControlOperation = {
  name: NAME,
  needsManualClock: false,
  run(db: Database, input: Record<string, unknown>) {
    return (disabledStreamOf(db, input) ?? streamFor(db, input, NAME)).shardHistory();
  },
};

/**
 * By table name, the table's latest stream even once disabled: it is drawable for its retention, where the
 * operations that change a stream (streamFor) take only an enabled one. Undefined: streamFor decides, and says why.
 */
function disabledStreamOf(db: Database, input: Record<string, unknown>): Stream | undefined {
  const tableName = input.TableName;
  if (typeof tableName !== 'string' || input.StreamArn !== undefined) return undefined;
  try {
    const latest = db.describeTable({ TableName: tableName }).Table.LatestStreamArn;
    return latest === undefined ? undefined : db.stream(latest);
  } catch (error) {
    if (error instanceof DynamoDBError) return undefined;
    throw error;
  }
}
