import type { Shard } from '../stream/types.js';
import { EVERY_SHARD, SHARD_END, parseTrimHorizon, type Checkpoint } from './checkpoint.js';
import type { CursorGraph } from './cursor-graph.js';
import type { RoundState } from './round-state.js';
import type { ShardCursor } from './shard-cursor.js';
import { isStreamsError } from './sdk-errors.js';
import type { ShardDiscovery } from './shard-discovery.js';
import type { ShardReading } from './shard-reading.js';
import type { Step } from './source-calls.js';

/**
 * Where a reader starts, taken at its first poll: every shard at a checkpoint's position, or, without one, at
 * `startAt` (TRIM_HORIZON: the oldest shards first; LATEST: the open shards where the stream is now).
 */
export class ReaderStart {
  readonly #checkpoint: Checkpoint | undefined;
  readonly #startAt: 'TRIM_HORIZON' | 'LATEST';
  #taken = false;

  /** Refuses a checkpoint taken before a first poll (`EVERY_SHARD`) that is not alone, or names another start. */
  constructor(checkpoint: Checkpoint | undefined, startAt: 'TRIM_HORIZON' | 'LATEST') {
    let copy = checkpoint === undefined ? undefined : { ...checkpoint };
    if (copy !== undefined && Object.hasOwn(copy, EVERY_SHARD)) {
      // A checkpoint taken before the first poll: a fresh start at that position.
      const start = copy[EVERY_SHARD];
      if (Object.keys(copy).length > 1 || (start !== 'TRIM_HORIZON' && start !== 'LATEST')) {
        throw new TypeError(
          `checkpoint['${EVERY_SHARD}'] (a reader's start before its first poll) must be alone, with TRIM_HORIZON or LATEST`,
        );
      }
      startAt = start;
      copy = undefined;
    }
    this.#checkpoint = copy;
    this.#startAt = startAt;
  }

  get taken(): boolean {
    return this.#taken;
  }

  /**
   * The position before the first poll, when the reader knows no shard: the start for every shard (LATEST is
   * then taken when the resumed reader first polls, as it would have been by this one).
   */
  checkpoint(): Checkpoint {
    return this.#checkpoint === undefined ? { [EVERY_SHARD]: this.#startAt } : { ...this.#checkpoint };
  }

  *take(parts: {
    graph: CursorGraph;
    discovery: ShardDiscovery;
    reading: ShardReading;
    round: RoundState;
  }): Step<void> {
    const { graph } = parts;
    let shards: Shard[];
    try {
      shards = yield* parts.discovery.listAll();
    } catch (error) {
      // The stream is gone (disabled, then expired). A fresh reader owes nothing of it, so the error stands; a
      // resumed one reads its shards from the checkpoint alone, finds them gone, and counts their loss.
      if (!isStreamsError(error, 'ResourceNotFoundException') || this.#checkpoint === undefined) throw error;
      shards = [];
    }
    for (const shard of shards) graph.cursorFor(shard.ShardId, shard.ParentShardId);
    if (this.#checkpoint !== undefined) {
      this.#resume(graph, this.#checkpoint, shards);
    } else if (this.#startAt === 'LATEST') {
      for (const shard of shards) {
        const cursor = graph.get(shard.ShardId) as ShardCursor;
        if (shard.SequenceNumberRange.EndingSequenceNumber !== undefined) graph.finish(cursor, 'SKIPPED', false);
        else graph.begin(cursor, 'LATEST');
      }
    }
    this.#taken = true;
    parts.round.positionMoved();
    for (const cursor of graph.waiting()) graph.startIfReady(cursor);
    // LATEST is where the stream is at the reader's start: taken now, before a batch is handed over (its
    // handler may write to the stream), so the start the position names is this instant for every shard.
    for (const cursor of graph.reading()) {
      if (cursor.start !== 'LATEST' || cursor.iterator !== undefined) continue;
      const unreadable = yield* parts.reading.acquire(cursor);
      if (unreadable !== undefined) graph.endShard(cursor, unreadable);
    }
  }

  #resume(graph: CursorGraph, checkpoint: Checkpoint, shards: readonly Shard[]): void {
    // Ancestors of any shard the checkpoint names are finished.
    const finished = new Set<string>();
    const visit = (shardId: string): void => {
      for (const parent of graph.get(shardId)?.parents ?? []) {
        if (finished.has(parent)) continue;
        finished.add(parent);
        visit(parent);
      }
    };
    for (const shardId of Object.keys(checkpoint)) visit(shardId);
    for (const [shardId, position] of Object.entries(checkpoint)) {
      let cursor = graph.get(shardId);
      if (cursor === undefined) {
        // A shard the stream no longer lists (expired while the reader was away). Reading it finds what was
        // lost; a finished one's children are looked up.
        if (finished.has(shardId)) continue;
        cursor = graph.addUnlisted(shardId);
      }
      const notOwed = parseTrimHorizon(position);
      if (position === SHARD_END || finished.has(shardId)) {
        graph.finish(cursor, 'SHARD_END', false);
        // None of its children had started: found as at a shard's end, since the listing lacks those that
        // expired while the reader was away (CHILD_SHARDS, or the source, still names them).
        if (!finished.has(shardId)) graph.awaitChildren(cursor);
      } else if (notOwed !== undefined) graph.begin(cursor, 'TRIM_HORIZON', notOwed);
      else if (position === 'LATEST') graph.begin(cursor, position);
      else graph.resume(cursor, position);
    }
    for (const shard of shards) {
      if (!finished.has(shard.ShardId)) continue;
      const cursor = graph.get(shard.ShardId) as ShardCursor;
      if (cursor.status !== 'done') graph.finish(cursor, 'SHARD_END', false);
    }
  }
}
