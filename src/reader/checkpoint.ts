/**
 * A reader's position, `{ shardId: position }`: a sequence number (resume after it), `SHARD_END` (finished,
 * kept while none of its children has started), `TRIM_HORIZON[:<n>]` or `LATEST` (started, nothing read, the
 * first n records not owed), or `{ '*': start }` alone before a first poll (docs/consuming.md, "Checkpoints").
 */
export type Checkpoint = Record<string, string>;

export const SHARD_END = 'SHARD_END';

/** The key of a checkpoint taken before the reader's first poll: its start position, for every shard. */
export const EVERY_SHARD = '*';

const TRIM_HORIZON_COUNTED = /^TRIM_HORIZON:(\d+)$/;

/** `TRIM_HORIZON`, or `TRIM_HORIZON:<n>` when the shard's first `n` records are not owed (see `Checkpoint`). */
export function trimHorizonPosition(notOwed: number | undefined): string {
  return notOwed === undefined || notOwed === 0 ? 'TRIM_HORIZON' : `TRIM_HORIZON:${notOwed}`;
}

/** For `TRIM_HORIZON` (0) or `TRIM_HORIZON:<n>` (n): how many of the shard's first records are not owed; otherwise undefined. */
export function parseTrimHorizon(position: string): number | undefined {
  if (position === 'TRIM_HORIZON') return 0;
  const match = TRIM_HORIZON_COUNTED.exec(position);
  return match === null ? undefined : Number(match[1]);
}

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
    if (
      typeof position !== 'string' ||
      !/^(\d{21,40}|SHARD_END|TRIM_HORIZON|TRIM_HORIZON:\d{1,15}|LATEST)$/.test(position)
    ) {
      throw new TypeError(`${where}: shard ${shardId} has an invalid position ${JSON.stringify(position)}`);
    }
  }
  if (Object.hasOwn(value, EVERY_SHARD)) {
    const start = (value as Checkpoint)[EVERY_SHARD];
    if (Object.keys(value).length > 1 || (start !== 'TRIM_HORIZON' && start !== 'LATEST')) {
      throw new TypeError(
        `${where}: '${EVERY_SHARD}' (a reader's start before its first poll) must be alone, with TRIM_HORIZON or LATEST`,
      );
    }
  }
}
