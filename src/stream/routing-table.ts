import type { AttributeMap } from '../model/attribute-value.js';
import { partitionKeyHashInput, type KeySchema } from '../model/key-schema.js';
import type { Hasher } from './hasher.js';
import type { StreamShard } from './shard.js';

/** The open shards sorted by hash range, and their range starts: which shard a partition key's record goes to. */
export class RoutingTable {
  #shards: StreamShard[] = [];
  #starts: bigint[] = [];
  readonly #keySchema: KeySchema;
  readonly #hasher: Hasher;

  constructor(keySchema: KeySchema, hasher: Hasher) {
    this.#keySchema = keySchema;
    this.#hasher = hasher;
  }

  /** The open shards, in hash order. */
  get shards(): readonly StreamShard[] {
    return this.#shards;
  }

  /** Sets the open shards, which must be in hash order and cover the whole hash space. */
  reset(shards: StreamShard[]): void {
    this.#shards = shards;
    this.#starts = shards.map((shard) => shard.range.start);
  }

  /** The open shard whose range holds the item's partition key hash. */
  route(item: AttributeMap): StreamShard {
    const shards = this.#shards;
    // One open shard (the default): no need to read the key or hash it.
    if (shards.length === 1) return shards[0] as StreamShard;
    const hashInput = partitionKeyHashInput(this.#keySchema, item);
    const hash = typeof hashInput === 'string' ? this.#hasher.h64(hashInput) : this.#hasher.h64Raw(hashInput);
    const starts = this.#starts;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if ((starts[mid] as bigint) <= hash) lo = mid;
      else hi = mid - 1;
    }
    return shards[lo] as StreamShard;
  }

  /**
   * A topology change: `count` open shards from `first` on (in hash order: a merge's two parents are adjacent)
   * are replaced by `opened` (in hash order), which cover the same range. A binary search and one splice.
   */
  replace(first: StreamShard, count: number, opened: readonly StreamShard[]): void {
    const starts = this.#starts;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((starts[mid] as bigint) < first.range.start) lo = mid + 1;
      else hi = mid;
    }
    this.#shards.splice(lo, count, ...opened);
    starts.splice(lo, count, ...opened.map((shard) => shard.range.start));
  }
}
