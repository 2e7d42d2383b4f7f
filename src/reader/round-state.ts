import { RecordsTrimmedError } from './records-trimmed-error.js';
import { deliver, type Step } from './source-calls.js';

/**
 * Handed to the driver's `deliver` instead of a batch: the position moved without one (the reader's start was
 * taken, a loss was reported), so a consumer with a checkpoint store saves `checkpoint()` now. Without it, a
 * reader resumed from the store would take a new start, or report the same loss again.
 */
export const POSITION_MOVED = Symbol('position moved');

/**
 * What a round did besides reading batches, and what must reach the consumer before the reader reads on: a
 * position that moved without a batch, an error kept back from an earlier call, a loss to raise.
 */
export class RoundState {
  #changed = false;
  #positionUnsaved = false;
  #lossToRaise: RecordsTrimmedError | undefined;
  #deferredError: { error: unknown } | undefined;

  /** Whether a shard started or finished, records were passed over or a loss was found since `newRound`. */
  get changed(): boolean {
    return this.#changed;
  }

  /** Progress without a batch: a drain must not take this round for "caught up". */
  noteChange(): void {
    this.#changed = true;
  }

  newRound(): void {
    this.#changed = false;
  }

  /** The position moved without a batch: the consumer is handed it at the next `settle`. */
  positionMoved(): void {
    this.#positionUnsaved = true;
  }

  positionSaved(): void {
    this.#positionUnsaved = false;
  }

  /** Under onTrimmed 'throw': a loss of `lost` records (undefined: uncounted), raised at the next `settle`. */
  raiseLoss(shardId: string, lost: number | undefined): void {
    const pending = this.#lossToRaise;
    const total =
      pending === undefined
        ? lost
        : pending.lostRecords === undefined || lost === undefined
          ? undefined
          : pending.lostRecords + lost;
    this.#lossToRaise = new RecordsTrimmedError(shardId, total);
  }

  /** An error a collecting call (poll, drain) kept back to return the batches it had read: raised at the next `settle`. */
  deferError(error: unknown): void {
    this.#deferredError = { error };
  }

  /**
   * Hands the consumer a position that moved without a batch (a store saves it), then raises what was kept
   * back: the loss is counted and passed once, so the next poll goes on after it.
   */
  *settle(): Step<void> {
    if (this.#positionUnsaved) yield* deliver(POSITION_MOVED);
    const deferred = this.#deferredError;
    if (deferred !== undefined) {
      this.#deferredError = undefined;
      throw deferred.error;
    }
    const loss = this.#lossToRaise;
    if (loss === undefined) return;
    this.#lossToRaise = undefined;
    throw loss;
  }
}
