import type { AttributeMap } from '../model/attribute-value.js';
import { formatSequenceNumber } from './sequence-number.js';
import type { HashRange } from './hash-range.js';
import type { ShardInfo, ShardOrigin } from './types.js';

export const INSERT = 0;
export const MODIFY = 1;
export const REMOVE = 2;
export type EventKind = typeof INSERT | typeof MODIFY | typeof REMOVE;

/**
 * One record as the log keeps it: small, and sharing the frozen item images with the table and with
 * neighbouring records. The AWS-shaped record (eventID, the 21-digit SequenceNumber, Keys, the Date) is
 * built when read (see record-view.ts), so writes pay for none of it.
 */
export interface LogEntry {
  /** Sequence counter. */
  readonly seq: number;
  /** Write time, epoch ms. */
  readonly at: number;
  readonly kind: EventKind;
  /** The image the record's `Keys` come from (the new item, or the old one for REMOVE). */
  readonly keySource: AttributeMap;
  /** NewImage, when the view type includes it. */
  readonly newImage: AttributeMap | undefined;
  /** OldImage, when the view type includes it. */
  readonly oldImage: AttributeMap | undefined;
  readonly size: number;
}

/**
 * A shard: a hash range, its lineage, and an append-only log. Trimmed records are dropped from the front
 * (`#head` moves, the array is compacted now and then), and `trimmedThrough` remembers the last trimmed
 * sequence counter so a read that reaches below it raises TrimmedDataAccessException.
 */
export class Shard {
  readonly id: string;
  readonly parentIds: readonly string[];
  readonly range: HashRange;
  readonly createdAt: number;
  readonly origin: ShardOrigin;
  /** Counter at creation: every record of this shard has a counter >= it. */
  readonly startSeq: number;
  endSeq: number | undefined;
  closedAt: number | undefined;
  /** Counter of the last trimmed record, or -1. */
  trimmedThrough = -1;
  /** Time and counter of the newest record ever appended (trimmed or not). */
  lastRecordAt: number | undefined;
  lastSeq: number | undefined;
  /** Writes in the current write-rate window. */
  windowStart = 0;
  windowWrites = 0;
  /** Totals over the shard's life (for the size policies). */
  totalRecords = 0;
  totalBytes = 0;

  #entries: LogEntry[] = [];
  #head = 0;
  /** Sequence counters of every record ever appended, kept after trimming so losses can be counted exactly. */
  #seqs: number[] = [];
  #trimmedCount = 0;

  constructor(init: {
    id: string;
    parentIds: readonly string[];
    range: HashRange;
    createdAt: number;
    origin: ShardOrigin;
    startSeq: number;
  }) {
    this.id = init.id;
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
    return this.#entries.length - this.#head;
  }

  append(entry: LogEntry): void {
    this.#entries.push(entry);
    this.#seqs.push(entry.seq);
    this.lastRecordAt = entry.at;
    this.lastSeq = entry.seq;
    this.totalRecords++;
    this.totalBytes += entry.size;
  }

  /** Closes the shard: its EndingSequenceNumber is its last record's, or `emptyEnd` if it never had one. */
  close(at: number, emptyEnd: number | undefined): void {
    this.endSeq = this.lastSeq ?? emptyEnd ?? this.startSeq;
    this.closedAt = at;
  }

  /**
   * Drops every record written before `cutoff` (epoch ms; callers pass now - retention), so a record is
   * trimmed once its age is more than the retention period. AWS: "Data older than 24 hours is susceptible
   * to trimming"; a record exactly 24 h old is not older, and the shard and stream expiries (retention + 1
   * ms in stream.ts) use the same boundary.
   */
  trim(cutoff: number): void {
    const entries = this.#entries;
    let head = this.#head;
    while (head < entries.length && (entries[head] as LogEntry).at < cutoff) head++;
    if (head === this.#head) return;
    this.#trimmedCount += head - this.#head;
    this.trimmedThrough = (entries[head - 1] as LogEntry).seq;
    // Compact once the dead prefix is large, so trimming stays amortised O(1) per record.
    if (head > 1024 && head * 2 > entries.length) {
      this.#entries = entries.slice(head);
      this.#head = 0;
    } else {
      this.#head = head;
    }
  }

  /** Records trimmed with a counter greater than `after`. */
  trimmedAfter(after: number): number {
    const seqs = this.#seqs;
    let lo = 0;
    let hi = seqs.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((seqs[mid] as number) <= after) lo = mid + 1;
      else hi = mid;
    }
    return Math.max(0, this.#trimmedCount - lo);
  }

  /** Drops the whole log (the shard expired): every record counts as trimmed. */
  releaseLog(): void {
    this.#trimmedCount = this.#seqs.length;
    this.#entries = [];
    this.#head = 0;
    if (this.lastSeq !== undefined) this.trimmedThrough = this.lastSeq;
  }

  /** Index (for `entryAt`) of the first retained record with counter >= position. */
  indexOf(position: number): number {
    const entries = this.#entries;
    let lo = this.#head;
    let hi = entries.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((entries[mid] as LogEntry).seq < position) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  get end(): number {
    return this.#entries.length;
  }

  entryAt(index: number): LogEntry {
    return this.#entries[index] as LogEntry;
  }

  get firstRetained(): LogEntry | undefined {
    return this.#entries[this.#head];
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
