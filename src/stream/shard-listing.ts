import { formatSequenceNumber } from './sequence-number.js';
import type { StreamShard } from './shard.js';
import type { Shard as ShardShape } from './types.js';

/** What the listing asks its stream: whether a shard is live, and a known shard's place in creation order. */
export interface ShardLookup {
  isLive(shard: StreamShard): boolean;
  orderOf(shardId: string): number | undefined;
}

/**
 * Shards in creation order, for DescribeStream's pages: a page starts by binary search on creation order and
 * reads only its own shards. Expired shards are left in place and skipped, and compacted away once they are
 * half the array.
 */
export class ShardListing {
  #shards: StreamShard[] = [];
  #expired = 0;
  readonly #lookup: ShardLookup;

  constructor(lookup: ShardLookup) {
    this.#lookup = lookup;
  }

  get length(): number {
    return this.#shards.length;
  }

  add(shard: StreamShard): void {
    this.#shards.push(shard);
  }

  /** One more expired shard in the listing: compact it once expired shards are half of it (amortised O(1) a shard). */
  noteExpired(): void {
    this.#expired++;
    if (this.#expired * 2 <= this.#shards.length) return;
    this.#shards = this.#shards.filter((shard) => this.#lookup.isLive(shard));
    this.#expired = 0;
  }

  /** One page of live shards in creation order, after `start`: costs the page (plus expired shards skipped), not the stream. */
  page(start: string | undefined, limit: number): { page: StreamShard[]; more: boolean } {
    const shards = this.#shards;
    let from = 0;
    // An id this stream never had is a position in shard-id order, which is not quite creation order (split
    // siblings share a millisecond): every shard is tested (a rare request).
    let isAfter: ((shard: StreamShard) => boolean) | undefined;
    if (start !== undefined) {
      const after = this.#lookup.orderOf(start);
      if (after === undefined) {
        isAfter = this.isAfter(start);
      } else {
        let hi = shards.length;
        while (from < hi) {
          const mid = (from + hi) >>> 1;
          if ((shards[mid] as StreamShard).order <= after) from = mid + 1;
          else hi = mid;
        }
      }
    }
    const page: StreamShard[] = [];
    for (let i = from; i < shards.length; i++) {
      const shard = shards[i] as StreamShard;
      if (!this.#lookup.isLive(shard) || (isAfter !== undefined && !isAfter(shard))) continue;
      if (page.length === limit) return { page, more: true };
      page.push(shard);
    }
    return { page, more: false };
  }

  /** Whether a shard comes after `start` in DescribeStream's page order. */
  isAfter(start: string): (shard: StreamShard) => boolean {
    // Pages follow creation order. A start shard that expired since the previous page is still a position in
    // that order (shard-id order would skip a split sibling made in the same millisecond). An id this stream
    // never had is, as in DynamoDB Local, a position in shard-id order (ids begin with the creation time).
    const after = this.#lookup.orderOf(start);
    return after !== undefined ? (shard) => shard.order > after : (shard) => shard.id > start;
  }
}

/** A shard as DescribeStream lists it. */
export function toShardShape(shard: StreamShard): ShardShape {
  const shape: ShardShape = {
    ShardId: shard.id,
    SequenceNumberRange: { StartingSequenceNumber: formatSequenceNumber(shard.startSeq) },
  };
  if (shard.endSeq !== undefined) shape.SequenceNumberRange.EndingSequenceNumber = formatSequenceNumber(shard.endSeq);
  if (shard.parentIds[0] !== undefined) shape.ParentShardId = shard.parentIds[0];
  return shape;
}
