import type { ControlOperation } from './control-operation.js';
import { clockReading } from './clock-reading.js';

/** GetClock {} -> { Now, EpochMillis, Manual }: allowed on any clock, so a client can tell which it has. */
export const getClock: ControlOperation = {
  name: 'GetClock',
  needsManualClock: false,
  run: (db) => clockReading(db),
};
