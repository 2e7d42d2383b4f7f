import type { StreamShard } from '../shard.js';
import type { ShardCloseReason, ShardOrigin } from '../types.js';

/**
 * A stream's shards over time, the model the pictures draw (docs/shard-picture.md). Plain JSON: hash ranges are
 * decimal strings, times epoch milliseconds, so the same object is what the DescribeShardHistory control operation
 * sends and what a user can build from another source (the CLI builds one from DescribeStream answers).
 */
export interface ShardHistory {
  streamArn: string;
  tableName: string;
  /** ENABLED or DISABLED (any string a source reports). */
  status: string;
  /** The time the history was taken at: open shards run to it. */
  now: number;
  retentionMs: number;
  /** now - retention: records older than this are trimmed. */
  trimHorizon: number;
  /**
   * `hash`: every shard has its true hash range. `lineage`: the source had no hash ranges (the AWS API shows
   * none), so the pictures lay shards out by lineage, children sharing their parent's band, and say so.
   */
  layout: 'hash' | 'lineage';
  /** Every shard the source knows, in creation order. */
  shards: ShardHistoryEntry[];
}

export type ShardState = 'OPEN' | 'CLOSED' | 'EXPIRED';

/** One shard of a history. Members a source does not know are absent. */
export interface ShardHistoryEntry {
  shardId: string;
  /** One after a split or rollover, two after a merge, none for the stream's first shards. */
  parentShardIds: string[];
  /** Inclusive range of the 64-bit hash of the partition key, as decimal strings. */
  hashKeyRange?: { start: string; end: string };
  state: ShardState;
  createdAt: number;
  origin?: ShardOrigin;
  closedAt?: number;
  /** How it ended: split, merge, rollover, stream-disabled. */
  endedBy?: ShardCloseReason;
  /** When a closed shard expires (is due to, or did). */
  expiresAt?: number;
  /** Records still readable. */
  retainedRecords?: number;
  /** Records trimmed (or expired with the shard). */
  trimmedRecords?: number;
}

/** What the history reads of a stream (a Stream is one). */
export interface HistorySource {
  readonly arn: string;
  readonly tableName: string;
  readonly status: string;
  readonly options: { readonly retentionMs: number };
}

/** The shards it draws: live ones and remembered expired ones (a ShardRegistry is one). */
export interface HistoryShards {
  readonly live: ReadonlyMap<string, StreamShard>;
  readonly expired: ReadonlyMap<string, StreamShard>;
}

/**
 * The history of a stream's live and remembered expired shards at `now` (the registry is bounded: a stream
 * forgets the oldest expired shards, see shard-registry.ts, and so does its history). Trims live shards to `now`
 * first, as `listShards` does, so the counts are of what is readable.
 */
export function buildShardHistory(source: HistorySource, now: number, shards: HistoryShards): ShardHistory {
  const retentionMs = source.options.retentionMs;
  const ordered = [...shards.live.values(), ...shards.expired.values()].sort((a, b) => a.order - b.order);
  return {
    streamArn: source.arn,
    tableName: source.tableName,
    status: source.status,
    now,
    retentionMs,
    trimHorizon: now - retentionMs,
    layout: 'hash',
    shards: ordered.map((shard) => toEntry(shard, now, retentionMs)),
  };
}

function toEntry(shard: StreamShard, now: number, retentionMs: number): ShardHistoryEntry {
  const expired = shard.expiredAt !== undefined;
  if (!expired) shard.trimToRetention(now, retentionMs);
  const entry: ShardHistoryEntry = {
    shardId: shard.id,
    parentShardIds: [...shard.parentIds],
    hashKeyRange: { start: shard.range.start.toString(), end: shard.range.end.toString() },
    state: expired ? 'EXPIRED' : shard.isOpen ? 'OPEN' : 'CLOSED',
    createdAt: shard.createdAt,
    origin: shard.origin,
  };
  if (shard.closedAt !== undefined) entry.closedAt = shard.closedAt;
  if (shard.closeReason !== undefined) entry.endedBy = shard.closeReason;
  const expiresAt = shard.expiredAt ?? shard.expiresAt;
  if (expiresAt !== undefined) entry.expiresAt = expiresAt;
  entry.retainedRecords = shard.retained;
  entry.trimmedRecords = shard.totalRecords - shard.retained;
  return entry;
}
