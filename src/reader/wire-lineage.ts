import type { Shard } from '../stream/types.js';

interface KnownShard {
  parentShardId: string | undefined;
  closed: boolean;
  /** False once a complete listing no longer had it (it expired). */
  live: boolean;
}

/**
 * What a source reading over the wire learns of the shard lineage from DescribeStream answers. AWS's `Shard`
 * has one `ParentShardId`; shardline's merges have two parents, and only CHILD_SHARDS of the second parent
 * shows the second link (it lists the merged child, whose `ParentShardId` is the first parent). DynamoDB
 * itself never merges stream shards (they split and roll over), so on AWS every extra-parent set stays empty.
 */
export class WireLineage {
  readonly #shards = new Map<string, KnownShard>();
  /** child -> parents beyond its ParentShardId, learned from CHILD_SHARDS answers. */
  readonly #extraParents = new Map<string, string[]>();
  /** Shards known to have a child (by either link). */
  readonly #hasChildren = new Set<string>();
  /** Shards whose CHILD_SHARDS were already asked by `unprobedChildless`. */
  readonly #probed = new Set<string>();

  has(shardId: string): boolean {
    return this.#shards.has(shardId);
  }

  /** Shards from a complete, unfiltered DescribeStream listing: a known shard it lacks has expired. */
  recordListing(shards: readonly Shard[]): void {
    const listed = new Set<string>();
    for (const shard of shards) {
      listed.add(shard.ShardId);
      this.#see(shard);
    }
    for (const [shardId, known] of this.#shards) if (!listed.has(shardId)) known.live = false;
  }

  /** A CHILD_SHARDS answer for `parentId`: a child naming another ParentShardId has `parentId` as a further parent. */
  recordChildren(parentId: string, children: readonly Shard[]): void {
    for (const child of children) {
      this.#see(child);
      this.#hasChildren.add(parentId);
      if (child.ParentShardId === parentId) continue;
      const extra = this.#extraParents.get(child.ShardId) ?? [];
      if (!extra.includes(parentId)) this.#extraParents.set(child.ShardId, [...extra, parentId]);
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
      if (!known.live || !known.closed || this.#hasChildren.has(shardId) || this.#probed.has(shardId)) continue;
      this.#probed.add(shardId);
      found.push(shardId);
    }
    return found;
  }

  /** Every parent of a shard this source has seen (undefined otherwise), and whether it is still listed. */
  lineage(shardId: string): { parents: string[]; exists: boolean } | undefined {
    const known = this.#shards.get(shardId);
    if (known === undefined) return undefined;
    const parents = known.parentShardId === undefined ? [] : [known.parentShardId];
    for (const extra of this.#extraParents.get(shardId) ?? []) if (!parents.includes(extra)) parents.push(extra);
    return { parents, exists: known.live };
  }

  #see(shard: Shard): void {
    const known = this.#shards.get(shard.ShardId);
    const closed = shard.SequenceNumberRange.EndingSequenceNumber !== undefined;
    if (known === undefined) {
      this.#shards.set(shard.ShardId, { parentShardId: shard.ParentShardId, closed, live: true });
    } else {
      known.closed ||= closed;
      known.live = true;
    }
    if (shard.ParentShardId !== undefined) this.#hasChildren.add(shard.ParentShardId);
  }
}
