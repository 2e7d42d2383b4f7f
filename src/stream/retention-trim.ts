import type { StreamShard } from './shard.js';

/**
 * Applies retention to every shard now, where reads and writes otherwise trim a shard lazily when they touch it
 * (the control interface's TrimStream). Returns how many records it dropped.
 */
export function trimShardsNow(shards: Iterable<StreamShard>, now: number, retentionMs: number): number {
  let trimmed = 0;
  for (const shard of shards) {
    const before = shard.retained;
    shard.trimToRetention(now, retentionMs);
    trimmed += before - shard.retained;
  }
  return trimmed;
}
