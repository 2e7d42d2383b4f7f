import type { Clock, StreamSource } from '../../src/index.js';

/**
 * Counts the timers something schedules and lets a test wait for the n-th. A test that moves a ManualClock
 * must know the timer it means to fire is already scheduled; the number of event-loop turns an SDK round trip
 * takes to get there is not fixed (the client's first call reads its shared config files, which is real I/O
 * and slower under load), so waiting a fixed number of turns made tests flaky. This waits for the event.
 */
export class ScheduleWatch {
  #count = 0;
  #waiters: { count: number; resolve: () => void }[] = [];

  /** Timers scheduled so far. */
  get count(): number {
    return this.#count;
  }

  /** Resolves once `count` timers have been scheduled (at once if they already have). */
  reached(count: number): Promise<void> {
    if (this.#count >= count) return Promise.resolve();
    return new Promise((resolve) => this.#waiters.push({ count, resolve }));
  }

  /** `clock`, with each schedule() counted (after the timer is registered, so it is there to be fired). */
  clock(clock: Clock): Clock {
    return {
      now: () => clock.now(),
      schedule: (atMs, callback) => {
        const timer = clock.schedule(atMs, callback);
        this.#scheduled();
        return timer;
      },
    };
  }

  /**
   * `source`, with each schedule() counted. The reader schedules on its source only to wait between empty
   * polls (sdkStreamSource's throttling backoff uses its own clock), so each count is the reader waiting.
   */
  source(source: StreamSource): StreamSource {
    const clock = this.clock({
      now: () => source.now(),
      schedule: (atMs, callback) => source.schedule(atMs, callback),
    });
    return { ...source, schedule: (atMs, callback) => clock.schedule(atMs, callback) };
  }

  #scheduled(): void {
    this.#count++;
    const due = this.#waiters.filter((waiter) => waiter.count <= this.#count);
    this.#waiters = this.#waiters.filter((waiter) => waiter.count > this.#count);
    for (const waiter of due) waiter.resolve();
  }
}
