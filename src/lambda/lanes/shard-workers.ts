import { ShardWorker } from './shard-worker.js';

/**
 * The shards a mapping knows, in discovery order (parents before children), each with its worker. A shard
 * is processed only once every parent it has (both, after a merge) is read to its end and every one of its
 * records is handled, so each key's records are handled in write order across splits and merges.
 */
export class ShardWorkers {
  readonly #lanes: number;
  readonly #workers = new Map<string, ShardWorker>();
  #order: ShardWorker[] = [];

  /** `lanes`: the mapping's ParallelizationFactor, the lanes of each shard. */
  constructor(lanes: number) {
    this.#lanes = lanes;
  }

  /** Every shard still tracked, parents before children. */
  get workers(): readonly ShardWorker[] {
    return this.#order;
  }

  /** The shard's worker, created on first sight. */
  worker(shardId: string, parentShardIds: readonly string[]): ShardWorker {
    let worker = this.#workers.get(shardId);
    if (worker === undefined) {
      worker = new ShardWorker(shardId, [...parentShardIds], this.#lanes);
      this.#workers.set(shardId, worker);
      this.#order.push(worker);
    }
    return worker;
  }

  get(shardId: string): ShardWorker | undefined {
    return this.#workers.get(shardId);
  }

  /** Whether every parent the shard has is processed to its end (a parent never seen, or forgotten, is). */
  parentsDone(worker: ShardWorker): boolean {
    for (const parent of worker.parentShardIds) {
      const parentWorker = this.#workers.get(parent);
      if (parentWorker !== undefined && !parentWorker.done) return false;
    }
    return true;
  }

  /** Drops finished shards whose children are all finished too, so they stay bounded on a long run. */
  forgetFinished(): void {
    if (this.#order.length < 256) return;
    const needed = new Set<string>();
    for (const worker of this.#order) if (!worker.done) for (const parent of worker.parentShardIds) needed.add(parent);
    const kept: ShardWorker[] = [];
    for (const worker of this.#order) {
      if (!worker.done || needed.has(worker.shardId)) kept.push(worker);
      else this.#workers.delete(worker.shardId);
    }
    this.#order = kept;
  }
}
