import type { Database, ManualClock, Stream, StreamOptions, Table } from '../../src/index.js';
import { makeDb } from './database.js';
import { makeTable, streamOf } from './tables.js';

export interface ReaderFixture {
  clock: ManualClock;
  db: Database;
  table: Table;
  stream: Stream;
}

/**
 * A table `items` keyed by `id` with a NEW_AND_OLD_IMAGES stream. No automatic rollover unless asked for, so
 * shard ids only change when a test says so.
 */
export async function setup(streamOptions: StreamOptions = {}): Promise<ReaderFixture> {
  const { clock, db } = await makeDb();
  const table = makeTable(db, { streamOptions: { rolloverAfter: false, ...streamOptions } });
  return { clock, db, table, stream: streamOf(table) };
}
