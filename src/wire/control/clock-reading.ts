import { ManualClock } from '../../clock/manual-clock.js';
import { formatIsoTime } from '../../clock/iso-time.js';
import type { Database } from '../../database.js';

/** What GetClock, AdvanceClock and SetClock answer: the database's time, and whether it is a manual clock. */
export interface ClockReading {
  /** ISO-8601, UTC, to the millisecond. */
  Now: string;
  EpochMillis: number;
  Manual: boolean;
}

export function clockReading(db: Database): ClockReading {
  const now = db.clock.now();
  return { Now: formatIsoTime(now), EpochMillis: now, Manual: db.clock instanceof ManualClock };
}
