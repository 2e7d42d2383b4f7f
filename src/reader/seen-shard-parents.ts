import type { Shard } from '../stream/types.js';

/**
 * How long a shard that complete listings no longer have is still remembered: DynamoDB's retention, so a
 * reader that polls learns of the expiry, and can walk to an expired parent, before it is forgotten.
 */
const FORGET_UNLISTED_AFTER_MS = 24 * 3_600_000;

interface KnownShard {
  parentShardId: string | undefined;
  /** Parents beyond ParentShardId, learned from CHILD_SHARDS answers (the second parent of a merge). */
  extraParents: string[] | undefined;
  closed: boolean;
  /** Known to have a child (by either link). */
  hasChildren: boolean;
  /** Its CHILD_SHARDS were already asked by `unprobedChildless`. */
  probed: boolean;
  /** When a complete listing first lacked it (it expired); undefined while listed. */
  unlistedAt: number | undefined;
}

/**
 * Each shard's parents, as a source reading over the wire learns them from DescribeStream. `Shard` names one
 * `ParentShardId`; a merge's second parent shows only in CHILD_SHARDS of that parent (AWS never merges stream
 * shards). Bounded: one entry a shard, for the live ones and those that left the listings within a day.
 */
export class SeenShardParents {
  readonly #shards = new Map<string, KnownShard>();

  has(shardId: string): boolean {
    return this.#shards.has(shardId);
  }

  /** Shards it holds an entry for (tests check that it stays bounded over a long run). */
  get size(): number {
    return this.#shards.size;
  }

  /**
   * Shards from a complete, unfiltered DescribeStream listing, at `now` (ms): a known shard it lacks has
   * expired, and one that expired over a day ago is forgotten.
   */
  recordListing(shards: readonly Shard[], now: number): void {
    const listed = new Set<string>();
    for (const shard of shards) {
      listed.add(shard.ShardId);
      this.#see(shard);
    }
    // Parents after every shard is seen, so the order of the listing does not matter.
    for (const shard of shards) this.#markParent(shard.ParentShardId);
    for (const [shardId, known] of this.#shards) {
      if (listed.has(shardId)) continue;
      known.unlistedAt ??= now;
      if (now - known.unlistedAt >= FORGET_UNLISTED_AFTER_MS) this.#shards.delete(shardId);
    }
  }

  /** A CHILD_SHARDS answer for `parentId`: a child naming another ParentShardId has `parentId` as a further parent. */
  recordChildren(parentId: string, children: readonly Shard[]): void {
    for (const child of children) {
      const known = this.#see(child);
      this.#markParent(parentId);
      this.#markParent(child.ParentShardId);
      if (child.ParentShardId === parentId) continue;
      const extra = known.extraParents ?? [];
      if (!extra.includes(parentId)) known.extraParents = [...extra, parentId];
    }
  }

  /**
   * Live closed shards no known shard descends from, not asked about yet: the only shards that can be the
   * second parent of a merge. Each is returned once (a closed shard's children do not change); on AWS they are
   * the leaves of a disabled stream, or a closed leaf whose child is not listed yet.
   */
  unprobedChildless(): string[] {
    const found: string[] = [];
    for (const [shardId, known] of this.#shards) {
      if (known.unlistedAt !== undefined || !known.closed || known.hasChildren || known.probed) continue;
      known.probed = true;
      found.push(shardId);
    }
    return found;
  }

  /** Every parent of a shard this source has seen (undefined otherwise, or once forgotten), and whether it is still listed. */
  parentsOf(shardId: string): { parents: string[]; exists: boolean } | undefined {
    const known = this.#shards.get(shardId);
    if (known === undefined) return undefined;
    const parents = known.parentShardId === undefined ? [] : [known.parentShardId];
    for (const extra of known.extraParents ?? []) if (!parents.includes(extra)) parents.push(extra);
    return { parents, exists: known.unlistedAt === undefined };
  }

  #see(shard: Shard): KnownShard {
    const closed = shard.SequenceNumberRange.EndingSequenceNumber !== undefined;
    let known = this.#shards.get(shard.ShardId);
    if (known === undefined) {
      known = {
        parentShardId: shard.ParentShardId,
        extraParents: undefined,
        closed,
        hasChildren: false,
        probed: false,
        unlistedAt: undefined,
      };
      this.#shards.set(shard.ShardId, known);
    } else {
      known.closed ||= closed;
      known.unlistedAt = undefined;
    }
    return known;
  }

  /** A shard named as a parent has a child. A parent not held (expired before it was seen) needs no mark. */
  #markParent(parentId: string | undefined): void {
    if (parentId === undefined) return;
    const parent = this.#shards.get(parentId);
    if (parent !== undefined) parent.hasChildren = true;
  }
}
