import { type Database, type ManualClock, type Table } from '../../src/index.js';
import { DEFAULT_MANUAL_CLOCK_START_MS } from '../../src/clock/index.js';
import type { DynamoDBStreamEvent } from '../../src/lambda/index.js';
import { makeDb } from './database.js';
import { makeTable } from './tables.js';

/** A database on a ManualClock (its default start) with one table `items` keyed by `id` (string), stream NEW_AND_OLD_IMAGES. */
export async function setup(
  options: { initialShards?: number; seed?: number; retentionHours?: number } = {},
): Promise<{ clock: ManualClock; db: Database; table: Table }> {
  const { clock, db } = await makeDb({ start: DEFAULT_MANUAL_CLOCK_START_MS, seed: options.seed ?? 7 });
  const table = makeTable(db, {
    streamOptions: {
      initialShards: options.initialShards ?? 1,
      splitOnWriteRate: false,
      rolloverAfter: false,
      ...(options.retentionHours === undefined ? {} : { retention: { hours: options.retentionHours } }),
    },
  });
  return { clock, db, table };
}

/** The `id` of each record of an event. */
export function ids(event: DynamoDBStreamEvent): string[] {
  return event.Records.map((record) => record.dynamodb?.Keys?.id?.S as string);
}

/** Puts `count` items `prefix0`, `prefix1`, ... with a `v` attribute. */
export function putMany(table: Table, count: number, prefix = 'k', v = 1): void {
  for (let i = 0; i < count; i++) table.put({ id: `${prefix}${i}`, v });
}
