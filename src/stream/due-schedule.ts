import type { Clock, TimerHandle } from '../clock/clock.js';
import { DueQueue } from './due-queue.js';

/**
 * Actions queued by due time and replayed in order up to now, whenever the stream is touched (`sweep`) or the
 * one clock timer at the next due time fires: a clock that jumps 25 hours sees each action at its own time.
 */
export class DueSchedule<T> {
  readonly #queue = new DueQueue<T>();
  readonly #clock: Clock;
  /** Runs one due action at its due time; false stops the sweep (the schedule was cleared and disposed). */
  readonly #run: (action: T, at: number) => boolean;
  #timer: TimerHandle | undefined;
  #timerAt = Number.POSITIVE_INFINITY;

  constructor(clock: Clock, run: (action: T, at: number) => boolean) {
    this.#clock = clock;
    this.#run = run;
  }

  /** Actions waiting. */
  get size(): number {
    return this.#queue.size;
  }

  /** Queues an action; the timer follows at the next `arm` or `sweep`. */
  push(at: number, action: T): void {
    this.#queue.push(at, action);
  }

  /** Replays every action due up to `now`, in time order. Cheap when nothing is due. */
  sweep(now = this.#clock.now()): void {
    if (now < this.#queue.nextAt) return;
    for (let due = this.#queue.popDue(now); due !== undefined; due = this.#queue.popDue(now)) {
      if (!this.#run(due.value, due.at)) return;
    }
    this.arm();
  }

  /** Keeps one clock timer at the next due time, so actions run on time even when nobody touches the stream. */
  arm(): void {
    const at = this.#queue.nextAt;
    if (at === this.#timerAt) return;
    this.#timer?.cancel();
    this.#timerAt = at;
    this.#timer = Number.isFinite(at)
      ? this.#clock.schedule(at, () => {
          this.#timerAt = Number.POSITIVE_INFINITY;
          this.#timer = undefined;
          this.sweep();
        })
      : undefined;
  }

  /** Drops every queued action. */
  clear(): void {
    this.#queue.clear();
  }

  /** Stops the clock timer. */
  dispose(): void {
    this.#timer?.cancel();
    this.#timer = undefined;
    this.#timerAt = Number.POSITIVE_INFINITY;
  }
}
