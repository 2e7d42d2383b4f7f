import type { StreamShard } from './shard.js';
import type { ResolvedStreamOptions } from './stream-options.js';

/** Whether any write policy (split on write rate, records or bytes per shard) is on: if not, a write skips them. */
export function hasWritePolicies(options: ResolvedStreamOptions): boolean {
  const { splitWritesPerWindow, maxRecordsPerShard, maxBytesPerShard } = options;
  return splitWritesPerWindow !== undefined || maxRecordsPerShard !== undefined || maxBytesPerShard !== undefined;
}

/**
 * Counts a write to `shard` in its write-rate window and says whether the shard must now be replaced: it had
 * more writes in the window than `splitWritesPerWindow`, or holds `maxRecordsPerShard` records or
 * `maxBytesPerShard` bytes.
 */
export function needsReshard(shard: StreamShard, options: ResolvedStreamOptions, now: number): boolean {
  const { splitWritesPerWindow, splitWindowMs, maxRecordsPerShard, maxBytesPerShard } = options;
  let reshard = false;
  if (splitWritesPerWindow !== undefined) {
    if (now >= shard.windowStart + splitWindowMs) {
      shard.windowStart = now;
      shard.windowWrites = 0;
    }
    shard.windowWrites++;
    if (shard.windowWrites > splitWritesPerWindow) reshard = true;
  }
  if (maxRecordsPerShard !== undefined && shard.totalRecords >= maxRecordsPerShard) reshard = true;
  if (maxBytesPerShard !== undefined && shard.totalBytes >= maxBytesPerShard) reshard = true;
  return reshard;
}
