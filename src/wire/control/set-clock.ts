import { formatIsoTime, parseIsoTime } from '../../clock/iso-time.js';
import { ValidationException } from '../../errors.js';
import type { ControlOperation } from './control-operation.js';
import { clockReading } from './clock-reading.js';
import { manualClockOf } from './control-input.js';

/**
 * SetClock { Time: ISO-8601 } or { EpochMillis } -> { Now, EpochMillis, Manual }: moves the manual clock to a
 * time, never backwards (sequence numbers, retention and iterator ages all assume time only goes forward).
 */
export const setClock: ControlOperation = {
  name: 'SetClock',
  needsManualClock: true,
  run: (db, input) => {
    const clock = manualClockOf(db, 'SetClock');
    const target = targetTime(input);
    if (target < clock.now())
      throw new ValidationException(
        `SetClock cannot move the clock backwards: it is ${formatIsoTime(clock.now())}, asked for ${formatIsoTime(target)}`,
      );
    clock.set(target);
    return clockReading(db);
  },
};

function targetTime(input: Record<string, unknown>): number {
  const { Time: time, EpochMillis: epochMillis } = input;
  const given = (time !== undefined && time !== null) === (epochMillis !== undefined && epochMillis !== null);
  if (given)
    throw new ValidationException(
      'SetClock needs either Time (ISO-8601, such as 2026-01-02T00:00:00Z) or EpochMillis (one of them, not both)',
    );
  if (epochMillis !== undefined && epochMillis !== null) {
    if (typeof epochMillis !== 'number' || !Number.isSafeInteger(epochMillis) || epochMillis < 0)
      throw new ValidationException(
        `SetClock: EpochMillis must be a whole number of milliseconds >= 0, got ${JSON.stringify(epochMillis)}`,
      );
    return epochMillis;
  }
  const ms = typeof time === 'string' ? parseIsoTime(time) : undefined;
  if (ms === undefined)
    throw new ValidationException(
      `SetClock: Time must be an ISO-8601 time with a zone, such as 2026-01-02T00:00:00Z, got ${JSON.stringify(time)}`,
    );
  return ms;
}
