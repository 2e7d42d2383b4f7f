import type { StreamShard } from './shard.js';
import { ShardListing } from './shard-listing.js';

/**
 * Expired shards a stream remembers (for late readers: TrimmedDataAccessException with an exact count of what
 * they lost, and the lineage that leads them to it). Beyond this many, the oldest are forgotten once they
 * expired more than one retention period ago, so a stream that lives for months stays bounded.
 */
const REMEMBERED_EXPIRED_SHARDS = 1024;

/** The creation time in a shard ID (`shardId-<20-digit epoch ms>-<8 hex>`, see shard-id.ts). */
const SHARD_ID_TIME = /^shardId-(\d{20})-[0-9a-f]{8}$/;

export interface RegistryFootprint {
  liveShards: number;
  expiredShards: number;
  trimmedSequenceNumbers: number;
  childLists: number;
  listing: number;
}

/** A stream's shards: live ones, expired ones it still remembers, the children of each, and the listing. */
export class ShardRegistry {
  /** Live shards, in creation order (Map keeps insertion order). */
  readonly live = new Map<string, StreamShard>();
  /** Expired shards (gone from DescribeStream, their records released), in expiry order. */
  readonly expired = new Map<string, StreamShard>();
  /** Parent id -> its children, so DescribeStream's CHILD_SHARDS filter costs the children, not the stream. */
  readonly #children = new Map<string, StreamShard[]>();
  readonly listing = new ShardListing({
    isLive: (shard) => this.live.get(shard.id) === shard,
    orderOf: (shardId) => this.find(shardId)?.order,
  });
  /** How many expired shards are kept beyond one retention period (tests lower it). */
  #remembered = REMEMBERED_EXPIRED_SHARDS;
  /**
   * The newest creation time of a forgotten shard: an unknown ID created between the stream's creation and
   * this time may be a forgotten shard, and reading it is TrimmedDataAccessException, as for an expired one.
   */
  #forgottenUpTo = Number.NEGATIVE_INFINITY;
  /** Shards opened so far: the next shard's place in creation order. */
  #opened = 0;
  readonly #createdAt: number;
  readonly #retentionMs: number;

  constructor(createdAt: number, retentionMs: number) {
    this.#createdAt = createdAt;
    this.#retentionMs = retentionMs;
  }

  /** The sizes of what the registry holds beside records, for tests that check it stays bounded. */
  footprint(): RegistryFootprint {
    let trimmedSequenceNumbers = 0;
    for (const shard of this.live.values()) trimmedSequenceNumbers += shard.trimmedHeld;
    for (const shard of this.expired.values()) trimmedSequenceNumbers += shard.trimmedHeld;
    return {
      liveShards: this.live.size,
      expiredShards: this.expired.size,
      trimmedSequenceNumbers,
      childLists: this.#children.size,
      listing: this.listing.length,
    };
  }

  /** The place in creation order of the next shard to open. */
  nextOrder(): number {
    return this.#opened++;
  }

  /** Whether an ID is taken by a live or remembered expired shard. */
  has(shardId: string): boolean {
    return this.live.has(shardId) || this.expired.has(shardId);
  }

  /** A live or remembered expired shard. */
  find(shardId: string): StreamShard | undefined {
    return this.live.get(shardId) ?? this.expired.get(shardId);
  }

  add(shard: StreamShard): void {
    this.live.set(shard.id, shard);
    for (const parent of shard.parentIds) {
      const siblings = this.#children.get(parent);
      if (siblings === undefined) this.#children.set(parent, [shard]);
      else siblings.push(shard);
    }
    this.listing.add(shard);
  }

  /** Moves a live shard to the expired ones, and forgets the oldest of those if there are too many. */
  expire(shard: StreamShard, at: number): void {
    this.live.delete(shard.id);
    shard.expire(at);
    this.expired.set(shard.id, shard);
    this.#forgetExpired(at);
    this.listing.noteExpired();
  }

  /** Whether a shard ID names a shard that expired: one remembered, or possibly one forgotten since. */
  isExpired(shardId: string): boolean {
    if (this.expired.has(shardId)) return true;
    // Not a Set of forgotten IDs, which would grow for as long as the stream lives: an ID this stream could
    // have made in the time its forgotten shards were made is taken for one of them.
    const time = typeof shardId === 'string' ? SHARD_ID_TIME.exec(shardId)?.[1] : undefined;
    return time !== undefined && Number(time) >= this.#createdAt && Number(time) <= this.#forgottenUpTo;
  }

  /** The children a shard had that are still remembered, or undefined if it has none. */
  children(shardId: string): readonly StreamShard[] | undefined {
    return this.#children.get(shardId);
  }

  /** DescribeStream's CHILD_SHARDS page: a shard's live children after `start`, at most `limit`, in creation order. */
  livePageOfChildren(
    parentId: string,
    start: string | undefined,
    limit: number,
  ): { page: StreamShard[]; more: boolean } {
    let shards = (this.#children.get(parentId) ?? []).filter((shard) => this.live.get(shard.id) === shard);
    if (start !== undefined) shards = shards.filter(this.listing.isAfter(start));
    const page = shards.slice(0, limit);
    return { page, more: shards.length > page.length };
  }

  /** How many expired shards are kept once they expired over a retention period ago; takes effect at the next expiry. */
  rememberExpired(count: number): void {
    this.#remembered = count;
  }

  /** Forgets the oldest expired shards while there are too many and they expired over a retention period ago. */
  #forgetExpired(now: number): void {
    for (const shard of this.expired.values()) {
      if (this.expired.size <= this.#remembered || (shard.expiredAt as number) + this.#retentionMs > now) return;
      this.#forget(shard);
    }
  }

  /** Drops everything about an expired shard but its creation time, so reading it is still TrimmedDataAccessException. */
  #forget(shard: StreamShard): void {
    this.expired.delete(shard.id);
    this.#forgottenUpTo = Math.max(this.#forgottenUpTo, shard.createdAt);
    for (const parent of shard.parentIds) {
      const siblings = this.#children.get(parent);
      if (siblings === undefined) continue;
      const left = siblings.filter((child) => child !== shard);
      if (left.length === 0) this.#children.delete(parent);
      else this.#children.set(parent, left);
    }
  }
}
