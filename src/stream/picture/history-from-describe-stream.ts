import type { ShardCloseReason, ShardOrigin } from '../types.js';
import type { ShardHistory, ShardHistoryEntry } from './shard-history.js';

/** A shard as DescribeStream lists it (the AWS SDK's shape, or its JSON). */
export interface DescribedShard {
  ShardId?: string;
  ParentShardId?: string;
  SequenceNumberRange?: { StartingSequenceNumber?: string; EndingSequenceNumber?: string };
}

export interface DescribedStream {
  /** The stream's description; `Shards` holds the shards of every page. */
  description: { StreamArn?: string; TableName?: string; StreamStatus?: string; Shards?: DescribedShard[] };
  /** When the description was taken (epoch ms). */
  now: number;
  /** Default 24 hours, as AWS. */
  retentionMs?: number;
  /** Records each shard holds, where counted (GetRecords from TRIM_HORIZON). */
  recordCounts?: ReadonlyMap<string, number>;
}

const DAY_MS = 24 * 3_600_000;
/** The creation time in an AWS shard id: `shardId-00000001414562045508-2bac9cd2`. */
const SHARD_ID_TIME = /^shardId-(\d{1,20})-/;

/**
 * A shard history from what the AWS API tells (any endpoint: AWS, DynamoDB Local, shardline): DescribeStream's
 * shards, a creation time read from each id, a close time from its children's creation, how it ended from how
 * many children it has (AWS names one parent, so a merge reads as a rollover of that parent). There are no hash
 * ranges in the API, so the history is laid out by lineage; nor expired shards, nor trimmed counts.
 */
export function historyFromDescribeStream(input: DescribedStream): ShardHistory {
  const { description, now } = input;
  const retentionMs = input.retentionMs ?? DAY_MS;
  const listed = (description.Shards ?? []).filter((shard) => typeof shard.ShardId === 'string');
  const createdAt = (shard: DescribedShard): number => {
    const time = SHARD_ID_TIME.exec(shard.ShardId as string)?.[1];
    return time === undefined ? now : Number(time);
  };
  const ordered = listed
    .map((shard, index) => ({ shard, index, createdAt: createdAt(shard) }))
    .sort((a, b) => a.createdAt - b.createdAt || a.index - b.index);
  const children = new Map<string, number[]>();
  for (const { shard, createdAt: at } of ordered) {
    const parent = shard.ParentShardId;
    if (parent === undefined) continue;
    const list = children.get(parent);
    if (list === undefined) children.set(parent, [at]);
    else list.push(at);
  }
  const known = new Set(listed.map((shard) => shard.ShardId as string));
  const disabled = description.StreamStatus === 'DISABLED';
  const shards = ordered.map(({ shard, createdAt: at }): ShardHistoryEntry => {
    const id = shard.ShardId as string;
    const closed = shard.SequenceNumberRange?.EndingSequenceNumber !== undefined;
    const kids = children.get(id) ?? [];
    const entry: ShardHistoryEntry = {
      shardId: id,
      parentShardIds: shard.ParentShardId === undefined ? [] : [shard.ParentShardId],
      state: closed ? 'CLOSED' : 'OPEN',
      createdAt: at,
    };
    const origin = originOf(shard.ParentShardId, known, children);
    if (origin !== undefined) entry.origin = origin;
    if (closed && kids.length > 0) entry.closedAt = Math.min(...kids);
    const endedBy = endOf(closed, kids.length, disabled);
    if (endedBy !== undefined) entry.endedBy = endedBy;
    const count = input.recordCounts?.get(id);
    if (count !== undefined) entry.retainedRecords = count;
    return entry;
  });
  return {
    streamArn: description.StreamArn ?? '',
    tableName: description.TableName ?? '',
    status: description.StreamStatus ?? '',
    now,
    retentionMs,
    trimHorizon: now - retentionMs,
    layout: 'lineage',
    shards,
  };
}

function originOf(
  parent: string | undefined,
  known: ReadonlySet<string>,
  children: ReadonlyMap<string, number[]>,
): ShardOrigin | undefined {
  if (parent === undefined) return 'stream-created';
  if (!known.has(parent)) return undefined;
  return (children.get(parent)?.length ?? 0) > 1 ? 'split' : 'rollover';
}

function endOf(closed: boolean, children: number, disabled: boolean): ShardCloseReason | undefined {
  if (!closed) return undefined;
  if (children > 1) return 'split';
  if (children === 1) return 'rollover';
  return disabled ? 'stream-disabled' : undefined;
}
