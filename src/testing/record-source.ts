import type { Stream } from '../stream/stream.js';
import type { DynamoDBRecord } from '../stream/types.js';
import type { Table } from '../table/table.js';
import { retainedRecords } from './retained-records.js';
import { isRecorder, isStream, type StreamRecorder } from './stream-recorder.js';

/**
 * What `expect(x)` of a record matcher was given, resolved: a recorder's records (which a match consumes), or a
 * stream's retained records (a table's stream's), which must all be expected.
 */
export interface RecordSource {
  /** For messages: "the recorder", "the stream of table 'orders'". */
  name: string;
  records: DynamoDBRecord[];
  /** The recorder, when the records are a recorder's. */
  recorder?: StreamRecorder;
}

export function recordSourceOf(received: unknown): RecordSource {
  if (isRecorder(received)) return { name: 'the recorder', records: [...received.records], recorder: received };
  if (isStream(received))
    return { name: `the stream of table '${received.tableName}'`, records: retainedRecords(received) };
  const table = received as Partial<Table> | null | undefined;
  if (typeof table === 'object' && table !== null && typeof table.name === 'string' && 'stream' in table) {
    const stream = table.stream as Stream | undefined;
    if (stream === undefined) throw new TypeError(`Table '${table.name}' has no enabled stream`);
    return { name: `the stream of table '${table.name}'`, records: retainedRecords(stream) };
  }
  throw new TypeError('The record matchers take a recorder (recordStream(table)), a table with a stream, or a stream');
}
