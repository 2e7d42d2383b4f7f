import type { EventHub } from '../events/event-hub.js';
import type { StreamReaderEvents } from './reader-types.js';
import type { RoundState } from './round-state.js';
import type { ShardCursor } from './shard-cursor.js';
import type { StreamSource } from './stream-source.js';

/**
 * The reader's losses: counts what a shard lost to trimming (exactly, where the source can), reports each loss
 * once (`trimmed` event, and raised under onTrimmed 'throw'), and keeps the totals of shards already released.
 */
export class LossReporter {
  readonly #source: StreamSource;
  readonly #events: EventHub<StreamReaderEvents>;
  readonly #round: RoundState;
  readonly #raise: boolean;
  /** Records lost in the shards released so far (undefined once some loss could not be counted). */
  #releasedLost: number | undefined = 0;
  /** Losses reported whose size the source could not count (each a `trimmed` event with `lostRecords` undefined). */
  #uncounted = 0;

  constructor(
    source: StreamSource,
    events: EventHub<StreamReaderEvents>,
    round: RoundState,
    onTrimmed: 'skip' | 'throw',
  ) {
    this.#source = source;
    this.#events = events;
    this.#round = round;
    this.#raise = onTrimmed === 'throw';
  }

  get uncounted(): number {
    return this.#uncounted;
  }

  /** Records lost in all shards: those released and `held` (undefined when some loss could not be counted). */
  total(held: Iterable<ShardCursor>): number | undefined {
    let total = this.#releasedLost;
    if (total === undefined) return undefined;
    for (const cursor of held) {
      const lost = cursor.loss.lost;
      if (lost === undefined) return undefined;
      total += lost;
    }
    return total;
  }

  /** A shard the reader no longer holds: its loss stays in the total. */
  release(cursor: ShardCursor): void {
    const lost = cursor.loss.lost;
    this.#releasedLost = this.#releasedLost === undefined || lost === undefined ? undefined : this.#releasedLost + lost;
  }

  /**
   * Counts the records trimmed after the shard's position and not reported yet, and reports them. `knownTrim`:
   * the stream said the position was trimmed (or is gone), so even a loss this source cannot count is
   * reported; otherwise only a counted loss is.
   */
  report(cursor: ShardCursor, knownTrim: boolean): void {
    let lost: number | undefined;
    let trimmed: number | undefined;
    const count = this.#source.countTrimmedAfter;
    if (count !== undefined) {
      if (cursor.lastSequenceNumber !== undefined) trimmed = count(cursor.shardId, cursor.lastSequenceNumber);
      else {
        // Undefined once the stream has forgotten the shard: a loss not known, never a loss of none.
        const all = count(cursor.shardId);
        trimmed = all === undefined ? undefined : all - (cursor.loss.notOwed ?? 0);
      }
      lost = trimmed === undefined ? undefined : Math.max(0, trimmed - cursor.loss.reported);
    }
    if (!knownTrim && !(lost !== undefined && lost > 0)) return;
    // An uncounted loss refused again before the shard is read (AFTER_SEQUENCE_NUMBER, then TRIM_HORIZON, of a
    // whole expired shard) is the same loss: reported once. A counting source finds 0 more records lost.
    if (lost === undefined && cursor.loss.uncountedReported) return;
    if (trimmed !== undefined) cursor.loss.noteReported(trimmed);
    if (lost === 0) return;
    this.announce(cursor, lost);
  }

  /** Reports a loss (`lost` undefined: of unknown size) in the shard: counted, event, and raised under 'throw'. */
  announce(cursor: ShardCursor, lost: number | undefined): void {
    cursor.loss.record(lost);
    if (lost === undefined) this.#uncounted++;
    // The position is past the loss: a consumer with a store saves it at once, so no restart reports it again,
    // and a drain goes one more round to hand it over.
    this.#round.positionMoved();
    this.#round.noteChange();
    this.#events.emit('trimmed', { shardId: cursor.shardId, lostRecords: lost, after: cursor.lastSequenceNumber });
    if (this.#raise) this.#round.raiseLoss(cursor.shardId, lost);
  }
}
