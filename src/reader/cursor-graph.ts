import type { EventHub } from '../events/event-hub.js';
import { SHARD_END, type Checkpoint } from './checkpoint.js';
import type { LossReporter } from './loss-reporter.js';
import type { StreamReaderEvents } from './reader-types.js';
import type { RoundState } from './round-state.js';
import { ShardCursor, type ShardEnd, type StartPosition } from './shard-cursor.js';
import type { StreamSource } from './stream-source.js';

/** How often, in source time, the reader looks for finished shards it can forget (`releaseFinished`). */
const RELEASE_INTERVAL_MS = 60_000;

/**
 * The shards a reader holds and their order: a shard starts only when all its parents are finished (AWS: "an
 * application must always process a parent shard before it processes a child shard"). Tracks which shards
 * are read, which wait, which finished ones a checkpoint must name, and which still need their children found.
 */
export class CursorGraph {
  readonly #source: StreamSource;
  readonly #events: EventHub<StreamReaderEvents>;
  readonly #round: RoundState;
  readonly #losses: LossReporter;
  /**
   * Every shard the reader holds, in discovery order (parents before children): those it reads or waits for,
   * and finished ones until they expire and nothing can lead back to them (`releaseFinished`).
   */
  readonly #cursors = new Map<string, ShardCursor>();
  /** Shards being read, in start order. */
  #reading: ShardCursor[] = [];
  /** Shards waiting for parents. */
  readonly #waiting = new Set<ShardCursor>();
  /** Finished shards none of whose children has started: the only finished shards a checkpoint must name. */
  readonly #frontier = new Set<ShardCursor>();
  /**
   * Finished shards whose children have not been found yet: just ended, or their lookup failed (a network
   * error, throttling the source gave up on). No later read asks again, so each poll retries these first.
   */
  readonly #childrenPending = new Set<ShardCursor>();
  /** Expired shards found not to be owed (no shard this reader knows is an ancestor): a memo for one round's walks. */
  readonly #notOwedExpired = new Set<string>();
  /** Whether the reader holds a shard the source has forgotten (`lineageBroken`), worked out once a round. */
  #broken: boolean | undefined;
  /** Source time of the next look for finished shards to release. */
  #nextRelease = Number.NEGATIVE_INFINITY;

  constructor(source: StreamSource, events: EventHub<StreamReaderEvents>, round: RoundState, losses: LossReporter) {
    this.#source = source;
    this.#events = events;
    this.#round = round;
    this.#losses = losses;
  }

  get(shardId: string): ShardCursor | undefined {
    return this.#cursors.get(shardId);
  }

  /** Every shard held, in discovery order. */
  held(): IterableIterator<ShardCursor> {
    return this.#cursors.values();
  }

  /** Shards being read, in start order (a copy: reading a shard may finish it). */
  reading(): ShardCursor[] {
    return [...this.#reading];
  }

  waiting(): ShardCursor[] {
    return [...this.#waiting];
  }

  /** Nothing is read or waits, and every finished shard's children are found: a disabled stream read to the end. */
  get exhausted(): boolean {
    return this.#reading.length === 0 && this.#waiting.size === 0 && this.#childrenPending.size === 0;
  }

  /** The position of every shard: those being read, and the finished ones none of whose children started. */
  checkpoint(): Checkpoint {
    const checkpoint: Checkpoint = {};
    for (const cursor of this.#frontier) checkpoint[cursor.shardId] = SHARD_END;
    for (const cursor of this.#reading) checkpoint[cursor.shardId] = cursor.checkpointPosition;
    return checkpoint;
  }

  /** Forgets the per-round memos: the source may have moved on since the last round. */
  newRound(): void {
    this.#notOwedExpired.clear();
    this.#broken = undefined;
  }

  /**
   * The cursor of a shard, added (waiting for its parents) when the reader does not hold it yet. Its parents
   * are the source's, where it knows more than DescribeStream's single `ParentShardId` (a merge's two).
   */
  cursorFor(shardId: string, parentShardId: string | undefined): ShardCursor {
    const known = this.#cursors.get(shardId);
    if (known !== undefined) return known;
    const parents =
      this.#source.shardParents?.(shardId)?.parents ?? (parentShardId === undefined ? [] : [parentShardId]);
    const cursor = new ShardCursor(shardId, [...parents]);
    this.#cursors.set(shardId, cursor);
    for (const parent of parents) this.#cursors.get(parent)?.addChild(shardId);
    // Children known before this shard (a merge child reached through its other parent, or the child of an
    // expired shard adopted late): CHILD_SHARDS will not list those that expire, so only this list starts them.
    for (const waiting of this.#waiting) {
      if (waiting.parents.includes(shardId)) cursor.addChild(waiting.shardId);
    }
    this.#waiting.add(cursor);
    return cursor;
  }

  /** A shard a checkpoint names that the stream no longer lists: held, with no known parent, to be read or ended. */
  addUnlisted(shardId: string): ShardCursor {
    const cursor = new ShardCursor(shardId, []);
    this.#cursors.set(shardId, cursor);
    return cursor;
  }

  /** Starts a waiting shard once every parent is finished (a parent the stream no longer has counts as finished). */
  startIfReady(cursor: ShardCursor): void {
    if (cursor.status !== 'waiting') return;
    let owed = false;
    for (const parent of cursor.parents) {
      const parentCursor = this.#cursors.get(parent) ?? this.#adoptExpired(parent);
      if (parentCursor !== undefined) {
        if (parentCursor.status !== 'done') return;
        owed = true;
        continue;
      }
      // Unknown to the reader: wait if the stream still has it (it will be discovered through its own parent).
      if (this.#source.shardParents?.(parent)?.exists === true) return;
    }
    // A child of shards this reader read owes every record it ever had, even those trimmed before it started.
    // Only a shard the reader starts from, with no known parent, excuses what was trimmed before it started.
    if (owed && this.isForgotten(cursor.shardId)) this.#endUnread(cursor);
    else this.begin(cursor, 'TRIM_HORIZON', owed ? 0 : undefined);
  }

  /** Whether a parent's loss was reported uncounted by this reader: "lost after it, how many unknown". */
  coveredByParent(cursor: ShardCursor): boolean {
    return cursor.parents.some((parent) => this.#cursors.get(parent)?.loss.uncountedReported === true);
  }

  /**
   * A shard whose turn came after the stream forgot it: nothing of it can be read. It ends now and its children
   * are looked up before the next read, so a chain of them is passed in one round. Its loss is reported once,
   * uncounted, unless a parent's report already covers what followed it.
   */
  #endUnread(cursor: ShardCursor): void {
    // Reported or covered, it covers its own children in turn.
    if (this.coveredByParent(cursor)) cursor.loss.cover();
    else if (!cursor.loss.uncountedReported) this.#losses.announce(cursor, undefined);
    this.finish(cursor, 'TRIMMED', false);
    this.#childrenPending.add(cursor);
  }

  /**
   * Forgets finished shards the stream no longer has, once nothing can lead back to them (their children are
   * found and all started), so a long-lived reader holds about one retention period of shards. Their counts
   * stay in the totals. Looked for at most once a minute of source time: a shard released late costs nothing.
   */
  releaseFinished(): void {
    const now = this.#source.now();
    if (now < this.#nextRelease) return;
    this.#nextRelease = now + RELEASE_INTERVAL_MS;
    for (const cursor of this.#cursors.values()) {
      if (cursor.status !== 'done' || this.#childrenPending.has(cursor)) continue;
      if (cursor.children.some((child) => this.#cursors.get(child)?.status === 'waiting')) continue;
      if (cursor.endedBy !== 'TRIMMED' && cursor.endedBy !== 'GONE' && !this.#expiredAtSource(cursor.shardId)) continue;
      this.#cursors.delete(cursor.shardId);
      // A finished shard with no child (the end of a disabled stream) leaves the checkpoint once expired: a
      // resumed reader no longer sees it, nor its ancestors (they expired first).
      this.#frontier.delete(cursor);
      this.#losses.release(cursor);
    }
  }

  /** Whether the source lists a shard as gone, or no longer knows it at all (it forgot it). */
  #expiredAtSource(shardId: string): boolean {
    const shardParents = this.#source.shardParents;
    if (shardParents === undefined) return false;
    return shardParents(shardId)?.exists !== true;
  }

  /**
   * Whether the stream has forgotten a shard (expired beyond the horizon it remembers: docs/stream.md, "A
   * stream that lives for months stays bounded"): nothing of it can be read, nor its loss counted.
   */
  isForgotten(shardId: string): boolean {
    return (
      this.#source.countTrimmedAfter !== undefined &&
      this.#source.shardParents !== undefined &&
      this.#source.shardParents(shardId) === undefined
    );
  }

  /**
   * The lineage is broken when the reader holds a shard the stream has forgotten: a walk up from a live shard
   * that reaches a forgotten one has then reached a descendant of the reader's position, which is owed.
   * Otherwise a forgotten ancestor is older than where the reader started. Worked out once a round.
   */
  #lineageBroken(): boolean {
    if (this.#broken === undefined) {
      this.#broken = false;
      for (const cursor of this.#cursors.values()) {
        if (!this.isForgotten(cursor.shardId)) continue;
        this.#broken = true;
        break;
      }
    }
    return this.#broken;
  }

  /**
   * A parent the reader never saw and the stream no longer has. When it descends from a shard this reader
   * knows, its records were owed: it waits like any shard, and, once started, reports them lost. Undefined
   * when the shard is live, unknown to the source, or older than where the reader started.
   */
  #adoptExpired(shardId: string): ShardCursor | undefined {
    if (this.#notOwedExpired.has(shardId)) return undefined;
    const known = this.#source.shardParents?.(shardId);
    if (known === undefined)
      return this.isForgotten(shardId) && this.#lineageBroken() ? this.#adoptForgotten(shardId) : undefined;
    if (known.exists) return undefined;
    const parents = known.parents.map((parent) => this.#cursors.get(parent) ?? this.#adoptExpired(parent));
    if (parents.every((parent) => parent === undefined)) {
      this.#notOwedExpired.add(shardId);
      return undefined;
    }
    const cursor = this.cursorFor(shardId, undefined);
    this.startIfReady(cursor);
    return cursor;
  }

  /**
   * A forgotten shard between a shard the reader holds and its descendants: owed, but neither its records nor
   * its parents can be known. It finishes with its loss reported once, uncounted (covering the forgotten
   * shards before it), so its children are owed from their first record.
   */
  #adoptForgotten(shardId: string): ShardCursor {
    const cursor = this.cursorFor(shardId, undefined);
    this.#losses.report(cursor, true);
    this.finish(cursor, 'TRIMMED', false);
    return cursor;
  }

  /**
   * Starts reading a shard. `notOwed`, for a TRIM_HORIZON start: how many of the shard's trimmed records the
   * reader does not owe (0 for a child of shards it read; a checkpoint's count); by default, those trimmed
   * before now (a shard the reader starts from excuses what was trimmed before it started).
   */
  begin(cursor: ShardCursor, start: StartPosition, notOwed?: number): void {
    cursor.begin(start);
    if (start === 'TRIM_HORIZON' && cursor.lastSequenceNumber === undefined) {
      // Taken now, not at the first GetShardIterator: a checkpoint in between must already say it.
      cursor.loss.restart(notOwed ?? cursor.loss.notOwed ?? this.#source.countTrimmedAfter?.(cursor.shardId));
    }
    this.#waiting.delete(cursor);
    this.#reading.push(cursor);
    for (const parent of cursor.parents) {
      const parentCursor = this.#cursors.get(parent);
      if (parentCursor !== undefined) this.#frontier.delete(parentCursor);
    }
    this.#round.noteChange();
    this.#events.emit('shardStarted', { shardId: cursor.shardId, parentShardIds: [...cursor.parents] });
  }

  /** Resumes reading a shard after a record read before (a checkpoint's position). */
  resume(cursor: ShardCursor, sequenceNumber: string): void {
    cursor.resumeAfter(sequenceNumber);
    this.begin(cursor, { afterSequenceNumber: sequenceNumber });
  }

  finish(cursor: ShardCursor, endedBy: ShardEnd, announce = true): void {
    if (cursor.status === 'done') return;
    const wasReading = cursor.status === 'reading';
    cursor.finish(endedBy);
    this.#waiting.delete(cursor);
    if (wasReading) this.#reading = this.#reading.filter((other) => other !== cursor);
    if (!cursor.children.some((child) => this.#cursors.get(child)?.status !== 'waiting')) this.#frontier.add(cursor);
    // A child finished without being read (skipped by a LATEST start) names its parents' end as starting
    // would, so the closed shards a LATEST reader skipped leave its checkpoint.
    for (const parent of cursor.parents) {
      const parentCursor = this.#cursors.get(parent);
      if (parentCursor !== undefined) this.#frontier.delete(parentCursor);
    }
    this.#round.noteChange();
    if (announce)
      this.#events.emit('shardFinished', { shardId: cursor.shardId, endedBy, recordsRead: cursor.recordsRead });
  }

  /**
   * A shard ended: finished, its children to be found once the batch read with its end (if any) is delivered.
   * Not here: a lookup that failed here would throw away that batch, whose records the cursor has passed.
   */
  endShard(cursor: ShardCursor, endedBy: ShardEnd): void {
    // A shard (or stream) that is gone took its unread records with it: a disabled stream expires a day after
    // its last write, so they were trimmed first. Counted where the source can, reported either way.
    if (endedBy === 'GONE') this.#losses.report(cursor, true);
    this.finish(cursor, endedBy);
    // Pending until the lookup succeeds: a failure leaves it for the next poll.
    this.#childrenPending.add(cursor);
  }

  /** A finished shard whose children are to be found (from a checkpoint: none of them had started). */
  awaitChildren(cursor: ShardCursor): void {
    this.#childrenPending.add(cursor);
  }

  childrenPending(cursor: ShardCursor): boolean {
    return this.#childrenPending.has(cursor);
  }

  /** The finished shards whose children are still to be found. */
  pendingChildren(): ShardCursor[] {
    return [...this.#childrenPending];
  }

  get anyChildrenPending(): boolean {
    return this.#childrenPending.size > 0;
  }

  childrenFound(cursor: ShardCursor): void {
    this.#childrenPending.delete(cursor);
  }

  /** A finished shard nothing can follow any more: the checkpoint no longer names it. */
  leaveCheckpoint(cursor: ShardCursor): void {
    this.#frontier.delete(cursor);
  }
}
