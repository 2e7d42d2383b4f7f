import type { AttributeMap } from '../model/attribute-value.js';
import { ShardLog, type EventKind } from './shard-log.js';
import { formatSequenceNumber } from './sequence-number.js';
import type { HashRange } from './hash-range.js';
import { TrimmedSequences } from './trimmed-sequences.js';
import type { ShardCloseReason, ShardInfo, ShardOrigin } from './types.js';

/**
 * Sequence numbers of trimmed records a shard keeps beyond twice the retention, for exact loss counts: more
 * than this many of those are forgotten, oldest first, so a shard that lives for months (or one of 300,000
 * records after it expired) holds a bounded amount. Younger ones are all kept.
 */
const TRIMMED_KEPT_BEYOND_WINDOW = 256;

export { INSERT, MODIFY, REMOVE, SERVICE_REMOVE, type EventKind } from './shard-log.js';

/**
 * A shard: a hash range, its lineage, and an append-only log. Trimmed records are dropped from the front
 * (`#head` moves, the array is compacted now and then), and `trimmedThrough` remembers the last trimmed
 * sequence counter so a read that reaches below it raises TrimmedDataAccessException. DescribeStream shows it
 * as AWS's `Shard` (types.ts).
 */
export class StreamShard {
  readonly id: string;
  /** Place in the stream's creation order (DescribeStream pages in this order). */
  readonly order: number;
  readonly parentIds: readonly string[];
  readonly range: HashRange;
  readonly createdAt: number;
  readonly origin: ShardOrigin;
  /** Counter at creation: every record of this shard has a counter >= it. */
  readonly startSeq: number;
  endSeq: number | undefined;
  closedAt: number | undefined;
  /** Why it closed, and when it expires (is due to, or did): set when it closes, for the shard history. */
  closeReason: ShardCloseReason | undefined;
  expiresAt: number | undefined;
  /** Counter of the last trimmed record, or -1. */
  trimmedThrough = -1;
  /** When the shard expired (gone from DescribeStream), or undefined. */
  expiredAt: number | undefined;
  /** Time and counter of the newest record ever appended (trimmed or not). */
  lastRecordAt: number | undefined;
  lastSeq: number | undefined;
  /** Writes in the current write-rate window. */
  windowStart = 0;
  windowWrites = 0;
  /** Totals over the shard's life (for the size policies). */
  totalRecords = 0;
  totalBytes = 0;

  /** The records, by column (see shard-log.ts). */
  readonly log = new ShardLog();
  /** Sequence counters of the trimmed records, kept for a while so losses can be counted exactly. */
  readonly #trimmed = new TrimmedSequences();

  constructor(init: {
    id: string;
    order: number;
    parentIds: readonly string[];
    range: HashRange;
    createdAt: number;
    origin: ShardOrigin;
    startSeq: number;
  }) {
    this.id = init.id;
    this.order = init.order;
    this.parentIds = Object.freeze([...init.parentIds]);
    this.range = Object.freeze({ ...init.range });
    this.createdAt = init.createdAt;
    this.origin = init.origin;
    this.startSeq = init.startSeq;
    this.windowStart = init.createdAt;
  }

  get isOpen(): boolean {
    return this.endSeq === undefined;
  }

  get retained(): number {
    return this.log.retained;
  }

  append(
    seq: number,
    at: number,
    kind: EventKind,
    size: number,
    keySource: AttributeMap,
    newImage: AttributeMap | undefined,
    oldImage: AttributeMap | undefined,
  ): void {
    this.log.append(seq, at, kind, size, keySource, newImage, oldImage);
    this.lastRecordAt = at;
    this.lastSeq = seq;
    this.totalRecords++;
    this.totalBytes += size;
  }

  /** Closes the shard: its EndingSequenceNumber is its last record's, or `emptyEnd` if it never had one. */
  close(at: number, emptyEnd: number | undefined): void {
    this.endSeq = this.lastSeq ?? emptyEnd ?? this.startSeq;
    this.closedAt = at;
  }

  /**
   * Drops every record more than `retentionMs` old at `now`. AWS: "Data older than 24 hours is susceptible to
   * trimming": a record exactly 24 h old stays (the expiries in shard-layout.ts use retention + 1 ms too).
   */
  trimToRetention(now: number, retentionMs: number): void {
    const cutoff = now - retentionMs;
    const log = this.log;
    const first = log.head;
    const end = log.end;
    let head = first;
    while (head < end && log.timeAt(head) < cutoff) head++;
    if (head === first) return;
    for (let i = first; i < head; i++) this.#trimmed.add(log.seqAt(i), log.timeAt(i));
    this.trimmedThrough = log.seqAt(head - 1);
    log.dropBefore(head);
    // Only a trim adds numbers, so forgetting those over twice the retention old here keeps them bounded.
    this.forgetTrimmedBefore(now - 2 * retentionMs);
  }

  /** Forgets the numbers of trimmed records written before `cutoff`, but the newest few of them. */
  forgetTrimmedBefore(cutoff: number): void {
    this.#trimmed.forget(cutoff, TRIMMED_KEPT_BEYOND_WINDOW);
  }

  /**
   * Records trimmed with a counter greater than `after`: every one when `after` is before the shard's first
   * record; undefined when `after` is among records whose numbers are forgotten.
   */
  trimmedAfter(after: number): number | undefined {
    return this.#trimmed.countAfter(after);
  }

  /** Sequence numbers of trimmed records still held (for tests of boundedness). */
  get trimmedHeld(): number {
    return this.#trimmed.remembered;
  }

  /** Drops the whole log (the shard expired at `at`): every record counts as trimmed. */
  expire(at: number): void {
    this.expiredAt = at;
    for (let i = this.log.head; i < this.log.end; i++) this.#trimmed.add(this.log.seqAt(i), this.log.timeAt(i));
    this.log.clear();
    if (this.lastSeq !== undefined) this.trimmedThrough = this.lastSeq;
  }

  info(): ShardInfo {
    const info: ShardInfo = {
      shardId: this.id,
      parentShardIds: [...this.parentIds],
      hashKeyRange: { start: this.range.start, end: this.range.end },
      status: this.isOpen ? 'OPEN' : 'CLOSED',
      startingSequenceNumber: formatSequenceNumber(this.startSeq),
      createdAt: this.createdAt,
      origin: this.origin,
      retainedRecords: this.retained,
    };
    if (this.endSeq !== undefined) info.endingSequenceNumber = formatSequenceNumber(this.endSeq);
    if (this.closedAt !== undefined) info.closedAt = this.closedAt;
    return info;
  }
}
