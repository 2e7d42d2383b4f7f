/**
 * One shard's loss bookkeeping: which of its first records the reader does not owe, what was lost to trimming
 * before it was read, and what of that was already reported, so no loss is counted twice and a loss nobody
 * can count is reported once.
 */
export class LossLedger {
  #lost: number | undefined = 0;
  #reported = 0;
  #uncountedReported = false;
  #notOwed: number | undefined;
  #passOver = 0;

  /** Records known lost (undefined once some loss could not be counted). */
  get lost(): number | undefined {
    return this.#lost;
  }

  /** Trimmed records after the current position already reported (so a checkpoint carries them along). */
  get reported(): number {
    return this.#reported;
  }

  /**
   * A loss the source could not count was reported and the shard has not been read since: "records after this
   * position were lost, how many unknown" already covers what else the stream refuses before the next read.
   */
  get uncountedReported(): boolean {
    return this.#uncountedReported;
  }

  /**
   * With nothing read yet: the shard's first `notOwed` records are not owed (trimmed before the reader started
   * the shard, reported lost, or, for a LATEST start, held when LATEST was taken). Undefined where uncounted.
   */
  get notOwed(): number | undefined {
    return this.#notOwed;
  }

  /** Records still to pass over from the trim horizon, as `notOwed` says (counted when the iterator is acquired). */
  get passOver(): number {
    return this.#passOver;
  }

  /**
   * How many of the shard's first records are accounted for (not owed, or reported lost): what a position
   * with nothing read carries, so a reader resumed from it reports only what was trimmed since.
   */
  get accountedFor(): number | undefined {
    return this.#notOwed === undefined ? undefined : this.#notOwed + this.#reported;
  }

  /** A loss reported: `lost` records, or (undefined) a loss of unknown size. */
  record(lost: number | undefined): void {
    this.#lost = lost === undefined || this.#lost === undefined ? undefined : this.#lost + lost;
    if (lost === undefined) this.#uncountedReported = true;
  }

  /** A loss not known, covered by a report already made elsewhere (a parent's): none of its own. */
  cover(): void {
    this.#lost = undefined;
    this.#uncountedReported = true;
  }

  /** `trimmed` records after the position are now accounted for as reported. */
  noteReported(trimmed: number): void {
    this.#reported = Math.max(this.#reported, trimmed);
  }

  /** The first `notOwed` records are not owed, as counted before anything is read (nothing reported yet). */
  excuseFirst(notOwed: number | undefined): void {
    this.#notOwed = notOwed;
  }

  /** A new start with nothing read, its first `notOwed` records not owed: nothing after it reported yet. */
  restart(notOwed: number | undefined): void {
    this.#notOwed = notOwed;
    this.#reported = 0;
  }

  /** The position moved past a record (read, or passed over): what was excused or reported is behind it. */
  movedPast(): void {
    this.#notOwed = undefined;
    this.#reported = 0;
  }

  /** The stream accepted the position again: a refusal from here on is a new loss, to be reported. */
  positionAccepted(): void {
    this.#uncountedReported = false;
  }

  /**
   * A TRIM_HORIZON iterator was acquired with `trimmed` records trimmed so far: the records not owed that
   * are still retained are to be passed over.
   */
  iteratorAtTrimHorizon(trimmed: number | undefined): void {
    this.#passOver = trimmed === undefined ? 0 : Math.max(0, (this.#notOwed as number) - trimmed);
  }

  /** How many of a page's `available` leading records to pass over (and no longer owes passing over). */
  takePassOver(available: number): number {
    const skip = Math.min(this.#passOver, available);
    this.#passOver -= skip;
    return skip;
  }
}
