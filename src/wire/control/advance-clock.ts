import { readDurationText, DURATION_EXAMPLES } from '../../clock/duration-text.js';
import { ValidationException } from '../../errors.js';
import type { ControlOperation } from './control-operation.js';
import { clockReading } from './clock-reading.js';
import { manualClockOf } from './control-input.js';

/**
 * AdvanceClock { By } -> { Now, EpochMillis, Manual }: moves the manual clock forward, firing on the way every
 * rollover, expiry and TTL deletion that falls due, each at its own time (ManualClock.advance).
 */
export const advanceClock: ControlOperation = {
  name: 'AdvanceClock',
  needsManualClock: true,
  run: (db, input) => {
    const clock = manualClockOf(db, 'AdvanceClock');
    if (input.By === undefined || input.By === null)
      throw new ValidationException(`AdvanceClock needs By: a duration such as ${DURATION_EXAMPLES}`);
    const reading = readDurationText(input.By);
    if (!('ms' in reading)) throw new ValidationException(`AdvanceClock: By: ${reading.problem}`);
    clock.advance(reading.ms);
    return clockReading(db);
  },
};
