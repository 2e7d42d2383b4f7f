import { durationToMs, type Clock, type Duration, type TimerHandle } from './clock.js';

interface PendingTimer {
  readonly atMs: number;
  readonly order: number;
  readonly callback: () => void;
  cancelled: boolean;
}

/** The start of a ManualClock when none is given: 2026-01-01T00:00:00.000Z. */
export const DEFAULT_MANUAL_CLOCK_START_MS = Date.UTC(2026, 0, 1);

/**
 * A clock that moves only when told to. `advance()` and `set()` fire due timers in time order (ties in
 * the order they were scheduled), each one seeing `now()` equal to its own due time, so a 25-hour jump
 * replays every rollover and expiry at the moment it would really have happened.
 */
export class ManualClock implements Clock {
  #now: number;
  #order = 0;
  #timers: PendingTimer[] = [];
  #firing = false;

  constructor(startMs: number = DEFAULT_MANUAL_CLOCK_START_MS) {
    this.#now = instant('new ManualClock(startMs)', startMs);
  }

  now(): number {
    return this.#now;
  }

  schedule(atMs: number, callback: () => void): TimerHandle {
    instant('ManualClock.schedule(atMs, callback)', atMs);
    if (typeof callback !== 'function')
      throw new TypeError(`ManualClock.schedule(atMs, callback) needs a function as callback, got ${typeof callback}`);
    const timer: PendingTimer = { atMs, order: this.#order++, callback, cancelled: false };
    // Keep the queue sorted by (atMs, order); insertion is rare next to reads of now().
    let lo = 0;
    let hi = this.#timers.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const other = this.#timers[mid]!;
      if (other.atMs < atMs || (other.atMs === atMs && other.order < timer.order)) lo = mid + 1;
      else hi = mid;
    }
    this.#timers.splice(lo, 0, timer);
    return {
      cancel: () => {
        timer.cancelled = true;
      },
    };
  }

  /** Moves time forward by `duration`, firing every timer due on the way. Returns the new time. */
  advance(duration: Duration): number {
    if (duration === undefined)
      throw new TypeError(
        'ManualClock.advance(duration) needs a duration: a number of milliseconds or { days, hours, minutes, seconds, ms }',
      );
    return this.set(this.#now + durationToMs(duration));
  }

  /**
   * Moves time to `ms`, firing every timer due on the way. Time never goes backwards: stream sequence
   * numbers, retention and iterator ages all assume it, as AWS does.
   */
  set(ms: number): number {
    instant('ManualClock.set(ms)', ms);
    if (ms < this.#now) {
      throw new RangeError(`ManualClock cannot go backwards: now ${this.#now}, asked for ${ms}`);
    }
    if (this.#firing) {
      // A timer callback that moves the clock would reorder the queue under our feet.
      throw new Error('ManualClock cannot be moved from inside one of its own timer callbacks');
    }
    this.#firing = true;
    try {
      for (;;) {
        const next = this.#timers[0];
        if (next === undefined || next.atMs > ms) break;
        this.#timers.shift();
        if (next.cancelled) continue;
        this.#now = Math.max(this.#now, next.atMs);
        next.callback();
      }
      this.#now = ms;
    } finally {
      this.#firing = false;
    }
    return this.#now;
  }

  /** Timers scheduled and not yet fired or cancelled (for tests and diagnostics). */
  get pendingTimers(): number {
    return this.#timers.filter((timer) => !timer.cancelled).length;
  }
}

/** An instant a caller gave: epoch milliseconds, a finite number (a Date is refused by name, not silently). */
function instant(call: string, ms: unknown): number {
  if (typeof ms !== 'number') {
    const hint = ms instanceof Date ? ' (for a Date, pass date.getTime())' : '';
    throw new TypeError(`${call} needs epoch milliseconds (a number), got ${ms === null ? 'null' : typeof ms}${hint}`);
  }
  if (!Number.isFinite(ms))
    throw new RangeError(`${call} needs a finite number of epoch milliseconds, got ${String(ms)}`);
  return ms;
}
