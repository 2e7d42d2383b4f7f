import { ManualClock } from '../../clock/manual-clock.js';
import type { Database } from '../../database.js';
import { ResourceNotFoundException, ValidationException } from '../../errors.js';
import type { Stream } from '../../stream/stream.js';

/**
 * The members the control operations share, read with the words a person needs to fix the request: which stream
 * (by table or ARN) and which shard. The operations' own errors (a closed shard, a bad split point) are the
 * stream's.
 */

/** A string member, or undefined when absent; anything else is refused by name. */
export function optionalString(input: Record<string, unknown>, operation: string, member: string): string | undefined {
  const value = input[member];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string' || value === '')
    throw new ValidationException(`${operation}: ${member} must be a non-empty string, got ${JSON.stringify(value)}`);
  return value;
}

export function requiredString(input: Record<string, unknown>, operation: string, member: string): string {
  const value = optionalString(input, operation, member);
  if (value === undefined) throw new ValidationException(`${operation} needs ${member}`);
  return value;
}

/** The stream a request names: `TableName` (the table's enabled stream) or `StreamArn`, exactly one of them. */
export function streamFor(db: Database, input: Record<string, unknown>, operation: string): Stream {
  const tableName = optionalString(input, operation, 'TableName');
  const streamArn = optionalString(input, operation, 'StreamArn');
  if ((tableName === undefined) === (streamArn === undefined))
    throw new ValidationException(`${operation} needs either TableName or StreamArn (one of them, not both)`);
  if (streamArn !== undefined) {
    try {
      return db.stream(streamArn);
    } catch (error) {
      if (!(error instanceof ResourceNotFoundException)) throw error;
      throw new ValidationException(`${operation}: no stream ${streamArn} (ListStreams lists the streams)`);
    }
  }
  let table;
  try {
    table = db.table(tableName as string);
  } catch (error) {
    if (!(error instanceof ResourceNotFoundException)) throw error;
    throw new ValidationException(`${operation}: no table ${tableName} (ListTables lists the tables)`);
  }
  const stream = table.stream;
  if (stream === undefined)
    throw new ValidationException(
      `${operation}: table ${tableName} has no stream enabled (turn one on with StreamSpecification)`,
    );
  return stream;
}

/** A shard id member that names a shard the stream has now (the stream checks that it is open). */
export function shardIdOf(stream: Stream, input: Record<string, unknown>, operation: string, member: string): string {
  const shardId = requiredString(input, operation, member);
  const info = stream.shardInfo(shardId);
  if (info === undefined || info.expired)
    throw new ValidationException(
      `${operation}: ${member} ${shardId} is no shard of stream ${stream.arn} (DescribeStream lists its shards)`,
    );
  return shardId;
}

/** The database's clock, for an operation that moves it: a ManualClock, or a refusal that says how to get one. */
export function manualClockOf(db: Database, operation: string): ManualClock {
  if (db.clock instanceof ManualClock) return db.clock;
  throw new ValidationException(
    `${operation} needs a manual clock, and this database runs on the system clock: start the server with ` +
      '`shardline serve --clock manual` (or create the Database with a ManualClock)',
  );
}
