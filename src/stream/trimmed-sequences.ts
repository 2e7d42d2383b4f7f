/**
 * A shard's trimmed records as (counter, write time) pairs, so a reader learns exactly what it lost
 * (`Stream.countTrimmedAfter`). `forget` drops the oldest once old enough, keeping only their count: a
 * position among forgotten records cannot be placed, and counting after one answers `undefined`.
 */
export class TrimmedSequences {
  #pairs = new Float64Array(2 * 16);
  /** Indexes in pairs: the first remembered, and one past the last. */
  #head = 0;
  #end = 0;
  /** The first pair at or after the last cutoff passed to `forget`. */
  #boundary = 0;
  /** Counter of the first record ever added (everything after a position before it counts), or -1. */
  #first = -1;
  #forgotten = 0;
  /** Counter of the newest forgotten record, or -1. */
  #forgottenThrough = -1;

  /** Every record ever added, forgotten ones included. */
  get total(): number {
    return this.#forgotten + this.#end - this.#head;
  }

  /** Counters still held (for tests of boundedness). */
  get remembered(): number {
    return this.#end - this.#head;
  }

  /** Adds a trimmed record; counters arrive in increasing order. */
  add(counter: number, at: number): void {
    if (this.#first < 0) this.#first = counter;
    let pairs = this.#pairs;
    if (2 * this.#end + 2 > pairs.length) {
      if (this.#head * 2 >= this.#end) {
        // Half or more of the array is forgotten: slide the rest to the front rather than grow.
        pairs.copyWithin(0, 2 * this.#head, 2 * this.#end);
        this.#end -= this.#head;
        this.#boundary -= this.#head;
        this.#head = 0;
      } else {
        const grown = new Float64Array(pairs.length * 2);
        grown.set(pairs.subarray(2 * this.#head, 2 * this.#end));
        this.#end -= this.#head;
        this.#boundary -= this.#head;
        this.#head = 0;
        this.#pairs = pairs = grown;
      }
    }
    pairs[2 * this.#end] = counter;
    pairs[2 * this.#end + 1] = at;
    this.#end++;
  }

  /**
   * Forgets the counters of records written before `cutoff` (epoch ms), oldest first, while more than `keep`
   * of those are held; their count stays. Records written since `cutoff` are all kept.
   */
  forget(cutoff: number, keep: number): void {
    const pairs = this.#pairs;
    // Cutoffs only grow: the first record at or after the cutoff only moves forward (amortised O(1) a call).
    let boundary = this.#boundary;
    while (boundary < this.#end && (pairs[2 * boundary + 1] as number) < cutoff) boundary++;
    this.#boundary = boundary;
    const head = boundary - keep;
    if (head <= this.#head) return;
    this.#forgotten += head - this.#head;
    this.#forgottenThrough = pairs[2 * (head - 1)] as number;
    this.#head = head;
    if (head === this.#end) {
      // Nothing remembered: give the array back.
      this.#pairs = new Float64Array(2 * 16);
      this.#head = this.#end = this.#boundary = 0;
    }
  }

  /**
   * How many records have a counter greater than `after`; undefined when `after` falls among forgotten records
   * (it is after the first of them and before the last), where the answer is no longer known.
   */
  countAfter(after: number): number | undefined {
    if (after < this.#first) return this.total;
    if (after < this.#forgottenThrough) return undefined;
    const pairs = this.#pairs;
    let lo = this.#head;
    let hi = this.#end;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((pairs[2 * mid] as number) <= after) lo = mid + 1;
      else hi = mid;
    }
    return this.#end - lo;
  }
}
