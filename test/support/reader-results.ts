/** What a StreamReader delivered and reports, in forms a test compares: record ids, flat record lists, shard statuses. */
import {
  RecordsTrimmedError,
  type DynamoDBRecord,
  type InMemoryCheckpointStore,
  type ReaderBatch,
  type StreamReader,
} from '../../src/index.js';

/** `id` of each record, with `~` for a REMOVE (`a`, `a`, `~a` = insert, modify, remove). */
export function ids(records: readonly DynamoDBRecord[]): string[] {
  return records.map((record) => `${record.eventName === 'REMOVE' ? '~' : ''}${record.dynamodb.Keys.id!.S!}`);
}

export function flat(batches: readonly ReaderBatch[]): DynamoDBRecord[] {
  return batches.flatMap((batch) => batch.records);
}

export const seqOf = (record: DynamoDBRecord): string => record.dynamodb.SequenceNumber;

/** drainEach (with the store, if any), returning the ids handled, or the RecordsTrimmedError it threw. */
export function drainIds(reader: StreamReader, store?: InMemoryCheckpointStore): string[] | RecordsTrimmedError {
  const handled: string[] = [];
  try {
    reader.drainEach(
      (batch) => void handled.push(...ids(batch.records)),
      store === undefined ? {} : { checkpointStore: store },
    );
  } catch (error) {
    if (error instanceof RecordsTrimmedError) return error;
    throw error;
  }
  return handled;
}

/** Each shard's status, by id. */
export function statuses(reader: StreamReader): Record<string, string> {
  return Object.fromEntries(reader.metrics().map((shard) => [shard.shardId, shard.status]));
}
