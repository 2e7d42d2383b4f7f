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
export type Duration = number | { hours?: number; minutes?: number; seconds?: number; ms?: number };

export function durationToMs(duration: Duration): number {
  const ms =
    typeof duration === 'number'
      ? duration
      : (duration.hours ?? 0) * 3_600_000 +
        (duration.minutes ?? 0) * 60_000 +
        (duration.seconds ?? 0) * 1_000 +
        (duration.ms ?? 0);
  if (!Number.isFinite(ms) || ms < 0) {
    throw new RangeError(`A duration must be a finite number of milliseconds >= 0, got ${String(ms)}`);
  }
  return ms;
}
