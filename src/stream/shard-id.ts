import type { SeededRandom } from '../model/seeded-random.js';

/**
 * AWS shard IDs look like `shardId-00000001573689847184-864758bb`: the shard's creation time in epoch
 * milliseconds, zero-padded to 20 digits, and 8 hex digits (here from the Database's seeded generator).
 */
export function newShardId(createdAtMs: number, random: SeededRandom, taken: (id: string) => boolean): string {
  for (;;) {
    const id = `shardId-${String(createdAtMs).padStart(20, '0')}-${random.hex(4)}`;
    if (!taken(id)) return id;
  }
}
