/**
 * A reader's position: for each shard it has a say about, the sequence number of the last record it
 * delivered, or a sentinel. Shards missing from a checkpoint are derived on resume: ancestors of a listed
 * shard are finished, descendants start at TRIM_HORIZON once their parents finish.
 *
 * - a sequence number: resume AFTER_SEQUENCE_NUMBER it;
 * - `SHARD_END`: the shard is finished (kept only while none of its children has started);
 * - `TRIM_HORIZON`: the shard was started at its trim horizon and nothing was read from it yet. Where the
 *   source counts records (the embedded stream does), every record the shard ever had is then owed: a
 *   resumed reader delivers those still there and reports the others lost. `TRIM_HORIZON:<n>` says that the
 *   shard's first `n` records were not owed (trimmed before the reader started it, already reported lost, or,
 *   for a LATEST start, every record the shard had when LATEST was taken): those still there are passed over,
 *   and only owed ones trimmed are reported;
 * - `LATEST`: the shard was started there, on a source that cannot count records, and nothing was read from
 *   it yet (as the KCL does, a reader resumed from `LATEST` starts at the then-latest record);
 * - `{ '*': 'TRIM_HORIZON' | 'LATEST' }` (`EVERY_SHARD`, alone): a reader that has not polled yet, so knows
 *   no shard: resuming from it is a fresh start at that position.
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
    if (typeof position !== 'string' || !/^(\d{21,40}|SHARD_END|TRIM_HORIZON|TRIM_HORIZON:\d{1,15}|LATEST)$/.test(position)) {
      throw new TypeError(`${where}: shard ${shardId} has an invalid position ${JSON.stringify(position)}`);
    }
  }
  if (Object.hasOwn(value, EVERY_SHARD)) {
    const start = (value as Checkpoint)[EVERY_SHARD];
    if (Object.keys(value).length > 1 || (start !== 'TRIM_HORIZON' && start !== 'LATEST')) {
      throw new TypeError(`${where}: '${EVERY_SHARD}' (a reader's start before its first poll) must be alone, with TRIM_HORIZON or LATEST`);
    }
  }
}
