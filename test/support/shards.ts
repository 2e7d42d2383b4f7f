import { expect } from 'vitest';
import { HASH_MAX, type Stream } from '../../src/index.js';
import { loadHasher, type Hasher } from '../../src/stream/hasher.js';

/** The open shards, in hash-range order. */
export function openShardsInHashOrder(stream: Stream) {
  return stream
    .listShards()
    .filter((shard) => shard.status === 'OPEN')
    .sort((a, b) => (a.hashKeyRange.start < b.hashKeyRange.start ? -1 : 1));
}

/** The ids of the open shards, in hash-range order. */
export function openShardIds(stream: Stream): string[] {
  return openShardsInHashOrder(stream).map((shard) => shard.shardId);
}

/** The id of the stream's one shard (asserting there is only one). */
export function onlyShardId(stream: Stream): string {
  const shards = stream.listShards();
  expect(shards).toHaveLength(1);
  return shards[0]!.shardId;
}

export function trimHorizon(stream: Stream, shardId: string): string {
  return stream.getShardIterator({ ShardId: shardId, ShardIteratorType: 'TRIM_HORIZON' }).ShardIterator;
}

let hasher: Hasher | undefined;

/** The first key `${prefix}0`, `${prefix}1`, ... whose hash falls in the shard's range (so a put lands in it). */
export async function keyIn(stream: Stream, shardId: string, prefix = 'k'): Promise<string> {
  hasher ??= await loadHasher();
  const shard = stream.listShards().find((candidate) => candidate.shardId === shardId);
  if (shard === undefined) throw new Error(`no shard ${shardId}`);
  for (let i = 0; ; i++) {
    const key = `${prefix}${i}`;
    const hash = hasher.h64(key);
    if (hash >= shard.hashKeyRange.start && hash <= shard.hashKeyRange.end) return key;
  }
}

/** The open shards' hash ranges, in order, cover [0, 2^64-1] exactly: no gap, no overlap (ARCHITECTURE invariant 4). */
export function activeRangesPartition(stream: Stream): boolean {
  const ranges = stream
    .listShards()
    .filter((shard) => shard.status === 'OPEN')
    .map((shard) => shard.hashKeyRange)
    .sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
  if (ranges.length === 0) return false;
  let expected = 0n;
  for (const range of ranges) {
    if (range.start !== expected || range.end < range.start) return false;
    expected = range.end + 1n;
  }
  return expected === HASH_MAX + 1n;
}
