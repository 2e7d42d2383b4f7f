import { durationToMs, type Duration } from '../clock/clock.js';
import { ValidationException } from '../errors.js';
import { showValue } from './show-value.js';

/**
 * How a stream's shards behave. Every automatic policy runs on the Database's clock.
 */
export interface ShardOptions {
  /** Shards the stream starts with, splitting the hash space equally. Default 1. */
  initialShards?: number;
  /**
   * Close an open shard and open one child over the same range once the shard is this old. AWS closes
   * shards after about 4 hours even without a split. Default 4 hours; `false` turns rollover off.
   */
  rolloverAfter?: Duration | false;
  /**
   * Split an open shard in two (at the middle of its hash range) when its writes within one window exceed
   * `writesPerSecond` (scaled to the window). Default 1000 writes/s over a 1-second window; `false` turns it off.
   */
  splitOnWriteRate?: { writesPerSecond: number; windowMs?: number } | false;
  /** Split (or, for a range of one hash, roll over) an open shard once it holds more records than this. Off by default. */
  maxRecordsPerShard?: number;
  /** Same, in bytes of `SizeBytes`. Off by default. */
  maxBytesPerShard?: number;
}

export interface StreamOptions extends ShardOptions {
  /** How long records stay readable. Default 24 hours, as AWS. */
  retention?: Duration;
  /** How long a shard iterator stays valid. Default 15 minutes, as AWS. */
  iteratorLifetime?: Duration;
}

export interface ResolvedStreamOptions {
  readonly initialShards: number;
  readonly rolloverAfterMs: number | undefined;
  readonly splitWritesPerWindow: number | undefined;
  readonly splitWindowMs: number;
  readonly maxRecordsPerShard: number | undefined;
  readonly maxBytesPerShard: number | undefined;
  readonly retentionMs: number;
  readonly iteratorLifetimeMs: number;
}

export const DEFAULT_RETENTION_MS = 24 * 3_600_000;
export const DEFAULT_ITERATOR_LIFETIME_MS = 15 * 60_000;
export const DEFAULT_ROLLOVER_MS = 4 * 3_600_000;
export const DEFAULT_SPLIT_WRITES_PER_SECOND = 1000;

function positive(name: string, value: number | undefined, integer = true): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0 || (integer && !Number.isInteger(value))) {
    throw new ValidationException(`Invalid stream option ${name}: expected a positive ${integer ? 'integer' : 'number'}, got ${showValue(value)}`);
  }
  return value;
}

export function resolveStreamOptions(options: StreamOptions = {}): ResolvedStreamOptions {
  const initialShards = positive('initialShards', options.initialShards) ?? 1;
  if (initialShards > 1024) throw new ValidationException('Invalid stream option initialShards: at most 1024');
  const rollover = options.rolloverAfter === false ? undefined : durationToMs(options.rolloverAfter ?? DEFAULT_ROLLOVER_MS);
  if (rollover !== undefined && rollover <= 0) throw new ValidationException('Invalid stream option rolloverAfter: must be > 0');
  const split = options.splitOnWriteRate === false ? undefined : (options.splitOnWriteRate ?? { writesPerSecond: DEFAULT_SPLIT_WRITES_PER_SECOND });
  const splitWindowMs = positive('splitOnWriteRate.windowMs', split?.windowMs) ?? 1000;
  const writesPerSecond = split === undefined ? undefined : positive('splitOnWriteRate.writesPerSecond', split.writesPerSecond, false);
  const retentionMs = durationToMs(options.retention ?? DEFAULT_RETENTION_MS);
  const iteratorLifetimeMs = durationToMs(options.iteratorLifetime ?? DEFAULT_ITERATOR_LIFETIME_MS);
  if (retentionMs <= 0) throw new ValidationException('Invalid stream option retention: must be > 0');
  if (iteratorLifetimeMs <= 0) throw new ValidationException('Invalid stream option iteratorLifetime: must be > 0');
  return {
    initialShards,
    rolloverAfterMs: rollover,
    splitWritesPerWindow: writesPerSecond === undefined ? undefined : (writesPerSecond * splitWindowMs) / 1000,
    splitWindowMs,
    maxRecordsPerShard: positive('maxRecordsPerShard', options.maxRecordsPerShard),
    maxBytesPerShard: positive('maxBytesPerShard', options.maxBytesPerShard),
    retentionMs,
    iteratorLifetimeMs,
  };
}
