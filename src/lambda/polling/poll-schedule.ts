import type { Clock, TimerHandle } from '../../clock/clock.js';
import type { StreamSource } from '../../reader/stream-source.js';

/** AWS: "Lambda polls shards in your DynamoDB stream for records at a base rate of 4 times per second." */
export const POLL_INTERVAL_MS = 250;
/** While idle, the mapping still polls this often, so its iterators (15-minute lifetime) never expire. */
export const IDLE_REFRESH_MS = 10 * 60_000;

/**
 * When a mapping polls: on a 250 ms grid from the moment it was created, with one timer at a time. A mapping
 * with work polls at the next grid time; an idle one on a source that reports appends (`onRecords`) listens
 * for the next record and keeps only a refresh poll, 10 minutes out; an idle one on a source that cannot
 * report them (an AWS SDK source) keeps polling 4 times a second.
 */
export class PollSchedule {
  readonly #clock: Clock;
  readonly #origin: number;
  readonly #onPoll: () => void;
  #timer: TimerHandle | undefined;
  #timerAt = Number.POSITIVE_INFINITY;
  #lastPollAt = Number.NEGATIVE_INFINITY;
  #unsubscribe: (() => void) | undefined;

  constructor(clock: Clock, onPoll: () => void) {
    this.#clock = clock;
    this.#origin = clock.now();
    this.#onPoll = onPoll;
  }

  /** A poll runs now (grid times up to now are used). */
  polled(): void {
    this.#lastPollAt = this.#clock.now();
  }

  /** Where `runUntilIdle()` and `drain()` move the clock next: the timer if one is set, else the next grid time. */
  nextStep(): number {
    const now = this.#clock.now();
    if (this.#timer !== undefined && this.#timerAt >= now) return this.#timerAt;
    return this.#nextGridTime(now);
  }

  /**
   * Sets the next poll. `busy`: there is work (or an answer pending), poll at the next grid time. Otherwise
   * idle: wait for a record (calling `onRecord` once when one arrives) and refresh in 10 minutes, or, on a
   * source that cannot report records, poll at the next grid time.
   */
  arm(busy: boolean, source: StreamSource, onRecord: () => void): void {
    const now = this.#clock.now();
    if (busy) {
      this.#stopListening();
      this.#pollAt(this.#nextGridTime(now));
      return;
    }
    // Idle: nothing to do until a record arrives. A listener on the stream is cheap while idle, and the
    // refresh poll keeps the iterators from expiring (and notices shards closed by rollovers).
    if (source.onRecords === undefined) {
      this.#pollAt(this.#nextGridTime(now));
      return;
    }
    if (this.#unsubscribe === undefined) {
      this.#unsubscribe = source.onRecords(() => {
        this.#stopListening();
        onRecord();
      });
    }
    this.#pollAt(this.#nextGridTime(now + IDLE_REFRESH_MS));
  }

  /** No more polls (disabled or deleted) until `arm()` again. */
  stop(): void {
    this.#timer?.cancel();
    this.#timer = undefined;
    this.#timerAt = Number.POSITIVE_INFINITY;
    this.#stopListening();
  }

  /** The first poll time (on the 250 ms grid from the mapping's creation) not yet polled and not before now. */
  #nextGridTime(now: number): number {
    let at = this.#origin + Math.ceil((now - this.#origin) / POLL_INTERVAL_MS) * POLL_INTERVAL_MS;
    if (at <= this.#lastPollAt) at = this.#lastPollAt + POLL_INTERVAL_MS;
    return at;
  }

  #pollAt(at: number): void {
    if (this.#timer !== undefined && this.#timerAt === at) return;
    this.#timer?.cancel();
    this.#timerAt = at;
    this.#timer = this.#clock.schedule(at, () => {
      this.#timer = undefined;
      this.#timerAt = Number.POSITIVE_INFINITY;
      this.#onPoll();
    });
  }

  #stopListening(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
  }
}
