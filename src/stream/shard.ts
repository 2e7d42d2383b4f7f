import type { AttributeMap } from '../model/attribute-value.js';
import { ShardLog, type EventKind } from './shard-log.js';
import { formatSequenceNumber } from './sequence-number.js';
import type { HashRange } from './hash-range.js';
import type { ShardInfo, ShardOrigin } from './types.js';

export { INSERT, MODIFY, REMOVE, type EventKind } from './shard-log.js';

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

  /** The records, by column (see shard-log.ts). */
  readonly log = new ShardLog();
  /** Sequence counters of the trimmed records (in order), kept so losses can be counted exactly. */
  #trimmedSeqs: number[] = [];

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
    return this.log.retained;
  }

  append(seq: number, at: number, kind: EventKind, size: number, keySource: AttributeMap, newImage: AttributeMap | undefined, oldImage: AttributeMap | undefined): void {
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
   * Drops every record written before `cutoff` (epoch ms; callers pass now - retention), so a record is
   * trimmed once its age is more than the retention period. AWS: "Data older than 24 hours is susceptible
   * to trimming"; a record exactly 24 h old is not older, and the shard and stream expiries (retention + 1
   * ms in stream.ts) use the same boundary.
   */
  trim(cutoff: number): void {
    const log = this.log;
    const first = log.head;
    const end = log.end;
    let head = first;
    while (head < end && log.atAt(head) < cutoff) head++;
    if (head === first) return;
    for (let i = first; i < head; i++) this.#trimmedSeqs.push(log.seqAt(i));
    this.trimmedThrough = log.seqAt(head - 1);
    log.dropBefore(head);
  }

  /** Records trimmed with a counter greater than `after`. */
  trimmedAfter(after: number): number {
    const seqs = this.#trimmedSeqs;
    let lo = 0;
    let hi = seqs.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((seqs[mid] as number) <= after) lo = mid + 1;
      else hi = mid;
    }
    return seqs.length - lo;
  }

  /** Drops the whole log (the shard expired): every record counts as trimmed. */
  releaseLog(): void {
    for (let i = this.log.head; i < this.log.end; i++) this.#trimmedSeqs.push(this.log.seqAt(i));
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
