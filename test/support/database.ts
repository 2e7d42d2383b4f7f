import { Database, ManualClock, type DatabaseOptions } from '../../src/index.js';
import { T0 } from './time.js';

export interface Fixture {
  clock: ManualClock;
  db: Database;
}

/** A deterministic database: a ManualClock at `start` (default T0), seed 42 unless told. */
export async function makeDb(options: Omit<DatabaseOptions, 'clock'> & { start?: number } = {}): Promise<Fixture> {
  const { start, ...rest } = options;
  const clock = new ManualClock(start ?? T0);
  const db = await Database.create({ seed: 42, ...rest, clock });
  return { clock, db };
}
