/**
 * A reader's position: for each shard it has a say about, the sequence number of the last record it
 * delivered, or a sentinel. Shards missing from a checkpoint are derived on resume: ancestors of a listed
 * shard are finished, descendants start at TRIM_HORIZON once their parents finish.
 *
 * - a sequence number: resume AFTER_SEQUENCE_NUMBER it;
 * - `SHARD_END`: the shard is finished (kept only while none of its children has started);
 * - `TRIM_HORIZON` / `LATEST`: the shard was started there and nothing was read from it yet (as the KCL
 *   does, a reader resumed from `LATEST` starts at the then-latest record).
 */
export type Checkpoint = Record<string, string>;

export const SHARD_END = 'SHARD_END';

/** Where checkpoints are kept between runs. Synchronous stores keep `drain()` synchronous. */
export interface CheckpointStore {
  load(): Checkpoint | undefined | Promise<Checkpoint | undefined>;
  save(checkpoint: Checkpoint): void | Promise<void>;
}

/** Keeps the last saved checkpoint in memory (a copy, so later changes to the object do not leak in). */
export class InMemoryCheckpointStore implements CheckpointStore {
  #saved: Checkpoint | undefined;
  #saves = 0;

  constructor(initial?: Checkpoint) {
    if (initial !== undefined) this.#saved = { ...initial };
  }

  load(): Checkpoint | undefined {
    return this.#saved === undefined ? undefined : { ...this.#saved };
  }

  save(checkpoint: Checkpoint): void {
    this.#saved = { ...checkpoint };
    this.#saves++;
  }

  /** How many times `save` was called. */
  get saves(): number {
    return this.#saves;
  }
}

/** Checks that a value read back from storage is a checkpoint. */
export function assertCheckpoint(value: unknown, where: string): asserts value is Checkpoint {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new TypeError(`${where} does not hold a checkpoint object`);
  }
  for (const [shardId, position] of Object.entries(value)) {
    if (typeof position !== 'string' || !/^(\d{21,40}|SHARD_END|TRIM_HORIZON|LATEST)$/.test(position)) {
      throw new TypeError(`${where}: shard ${shardId} has an invalid position ${JSON.stringify(position)}`);
    }
  }
}
