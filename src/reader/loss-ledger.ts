/**
 * One shard's loss bookkeeping: what was lost to trimming before it was read, and what of it was already
 * reported, so no loss is counted twice and a loss nobody can count is reported once.
 */
export class LossLedger {
  #lost: number | undefined = 0;
  #reported = 0;
  #uncountedReported = false;

  /** Records known lost (undefined once some loss could not be counted). */
  get lost(): number | undefined {
    return this.#lost;
  }

  /** Trimmed records after the current position already reported (so a checkpoint carries them along). */
  get reported(): number {
    return this.#reported;
  }

  /**
   * A loss the source could not count was reported and the shard has not been read since (no iterator acquired
   * after it): "records after this position were lost, how many unknown" already covers whatever else the
   * stream refuses before the next read, such as TRIM_HORIZON once the whole shard has expired.
   */
  get uncountedReported(): boolean {
    return this.#uncountedReported;
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

  /** The position moved past what was reported (a record read, a new start): nothing after it reported yet. */
  positionMoved(): void {
    this.#reported = 0;
  }

  /** The stream accepted the position again: a refusal from here on is a new loss, to be reported. */
  positionAccepted(): void {
    this.#uncountedReported = false;
  }
}
