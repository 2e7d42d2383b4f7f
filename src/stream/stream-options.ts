import { readDuration, type Duration } from '../clock/clock.js';
import { ValidationException } from '../errors.js';
import { showValue } from '../model/show-value.js';

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

const OPTION_NAMES: readonly (keyof StreamOptions)[] = [
  'initialShards',
  'rolloverAfter',
  'splitOnWriteRate',
  'maxRecordsPerShard',
  'maxBytesPerShard',
  'retention',
  'iteratorLifetime',
];
const SPLIT_OPTION_NAMES = ['writesPerSecond', 'windowMs'];

function invalid(name: string, problem: string): ValidationException {
  return new ValidationException(`Invalid stream option ${name}: ${problem}`);
}

function positive(name: string, value: unknown, integer = true): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0 || (integer && !Number.isInteger(value))) {
    throw invalid(name, `expected a positive ${integer ? 'integer' : 'number'}, got ${showValue(value)}`);
  }
  return value;
}

/** A duration option above zero: a ValidationException (not the clock's RangeError) for anything else. */
function positiveDuration(name: string, value: unknown): number {
  const reading = readDuration(value);
  if (!('ms' in reading)) throw invalid(name, reading.problem);
  if (reading.ms <= 0) throw invalid(name, 'must be > 0');
  return reading.ms;
}

/** Refuses keys the options do not have: a misspelt option would otherwise be ignored without a word. */
function onlyKnownKeys(name: string, value: object, known: readonly string[]): void {
  for (const key of Object.keys(value)) {
    if (!known.includes(key)) throw invalid(`${name}${key}`, `unknown option; the options are ${known.join(', ')}`);
  }
}

/** Checks every option and applies the defaults; a bad option is a ValidationException that names it. */
export function resolveStreamOptions(options: StreamOptions = {}): ResolvedStreamOptions {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new ValidationException(`Invalid stream options: expected an object, got ${showValue(options)}`);
  }
  onlyKnownKeys('', options, OPTION_NAMES);
  const initialShards = positive('initialShards', options.initialShards) ?? 1;
  if (initialShards > 1024) throw invalid('initialShards', 'at most 1024');
  // Only `undefined` means "the default": a null is a value, and refused like any other that is not an option's.
  const rolloverAfter = options.rolloverAfter === undefined ? DEFAULT_ROLLOVER_MS : options.rolloverAfter;
  const rollover = rolloverAfter === false ? undefined : positiveDuration('rolloverAfter', rolloverAfter);
  const split =
    options.splitOnWriteRate === false
      ? undefined
      : options.splitOnWriteRate === undefined
        ? { writesPerSecond: DEFAULT_SPLIT_WRITES_PER_SECOND }
        : options.splitOnWriteRate;
  if (split !== undefined) {
    // `true` or a number once turned the policy off without a word.
    if (typeof split !== 'object' || split === null || Array.isArray(split)) {
      throw invalid('splitOnWriteRate', `expected false or { writesPerSecond, windowMs }, got ${showValue(split)}`);
    }
    onlyKnownKeys('splitOnWriteRate.', split, SPLIT_OPTION_NAMES);
  }
  const splitWindowMs = positive('splitOnWriteRate.windowMs', split?.windowMs) ?? 1000;
  const writesPerSecond =
    split === undefined ? undefined : positive('splitOnWriteRate.writesPerSecond', split.writesPerSecond, false);
  if (split !== undefined && writesPerSecond === undefined)
    throw invalid('splitOnWriteRate.writesPerSecond', 'required');
  const maxRecordsPerShard = positive('maxRecordsPerShard', options.maxRecordsPerShard);
  const maxBytesPerShard = positive('maxBytesPerShard', options.maxBytesPerShard);
  const retentionMs = positiveDuration(
    'retention',
    options.retention === undefined ? DEFAULT_RETENTION_MS : options.retention,
  );
  const iteratorLifetimeMs = positiveDuration(
    'iteratorLifetime',
    options.iteratorLifetime === undefined ? DEFAULT_ITERATOR_LIFETIME_MS : options.iteratorLifetime,
  );
  return {
    initialShards,
    rolloverAfterMs: rollover,
    splitWritesPerWindow: writesPerSecond === undefined ? undefined : (writesPerSecond * splitWindowMs) / 1000,
    splitWindowMs,
    maxRecordsPerShard,
    maxBytesPerShard,
    retentionMs,
    iteratorLifetimeMs,
  };
}
