import { showAsJson } from '../model/show-value.js';

/**
 * The only source of time in shardline. Everything that depends on time (retention, iterator expiry,
 * shard rollover, write-rate windows) reads `now()` and schedules on this interface, so a test can
 * drive 25 hours of stream life with a `ManualClock` in microseconds.
 */
export interface Clock {
  /** Milliseconds since the Unix epoch. */
  now(): number;
  /**
   * Runs `callback` once the clock reaches `atMs` (immediately on the next turn if it already has).
   * On a `ManualClock` callbacks fire inside `advance()`/`set()`, in time order; never on their own.
   */
  schedule(atMs: number, callback: () => void): TimerHandle;
}

export interface TimerHandle {
  /** Stops the callback from running. Calling it again, or after the callback ran, does nothing. */
  cancel(): void;
}

/** A duration as milliseconds, or as parts that add up. */
export type Duration = number | { days?: number; hours?: number; minutes?: number; seconds?: number; ms?: number };

const UNIT_MS = { days: 86_400_000, hours: 3_600_000, minutes: 60_000, seconds: 1_000, ms: 1 } as const;
const UNITS = Object.keys(UNIT_MS).join(', ');

/** A duration read from a caller: its milliseconds, or why it is not one (`type`: not a duration at all). */
export type DurationReading = { ms: number } | { problem: string; type: boolean };

/**
 * Reads a duration without throwing, so each caller can raise its own error (a stream option is a
 * ValidationException, a clock call a TypeError or RangeError). Unknown units are refused, not ignored:
 * `{ days: 1 }` once added nothing, silently, from JavaScript.
 */
export function readDuration(duration: unknown): DurationReading {
  if (typeof duration === 'number') {
    return Number.isFinite(duration) && duration >= 0
      ? { ms: duration }
      : { problem: `a duration must be a finite number of milliseconds >= 0, got ${String(duration)}`, type: false };
  }
  if (typeof duration !== 'object' || duration === null || Array.isArray(duration)) {
    return {
      problem: `a duration is a number of milliseconds or { ${UNITS} }, got ${showAsJson(duration)}`,
      type: true,
    };
  }
  let ms = 0;
  for (const [unit, value] of Object.entries(duration)) {
    if (!Object.hasOwn(UNIT_MS, unit))
      return { problem: `unknown duration unit '${unit}': the units are ${UNITS}`, type: true };
    if (value === undefined) continue;
    if (typeof value !== 'number')
      return { problem: `a duration's ${unit} must be a number, got ${showAsJson(value)}`, type: true };
    if (!Number.isFinite(value) || value < 0)
      return { problem: `a duration's ${unit} must be a finite number >= 0, got ${String(value)}`, type: false };
    ms += value * UNIT_MS[unit as keyof typeof UNIT_MS];
  }
  return Number.isFinite(ms)
    ? { ms }
    : { problem: `a duration must be a finite number of milliseconds, got ${String(ms)}`, type: false };
}

/** A duration's milliseconds; a TypeError for what is not a duration, a RangeError for a negative or infinite one. */
export function durationToMs(duration: Duration): number {
  const reading = readDuration(duration);
  if ('ms' in reading) return reading.ms;
  const message = reading.problem[0]!.toUpperCase() + reading.problem.slice(1);
  throw reading.type ? new TypeError(message) : new RangeError(message);
}
