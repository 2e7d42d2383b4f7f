import { readDuration, type Duration } from '../clock/clock.js';
import { SeededRandom } from '../model/seeded-random.js';

/**
 * How long after its expiry the TTL service deletes an item (`Database.create({ timeToLive: { delay } })`):
 * - `'immediate'`: as soon as the clock passes the expiry;
 * - a `Duration`: that long after it;
 * - `{ within: Duration }`: a random delay in [0, within], drawn per expired item from a generator seeded by the
 *   database's seed (the same seed and the same calls delete at the same instants).
 * Default `{ within: { hours: 48 } }`: AWS "typically deletes expired items within 48 hours" and makes no promise
 * (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/TTL.html).
 */
export type ExpiryDelay = 'immediate' | Duration | { within: Duration };

export interface TimeToLiveOptions {
  /** When an expired item is deleted (default `{ within: { hours: 48 } }`). */
  delay?: ExpiryDelay;
  /**
   * How long UpdateTimeToLive's setting stays ENABLING (DISABLING) before it is ENABLED (DISABLED); items expire
   * only while it is ENABLED. Default 0: at once.
   */
  transitionTime?: Duration;
}

export const DEFAULT_EXPIRY_DELAY: ExpiryDelay = { within: { hours: 48 } };

/** Mixed into the database's seed, so TTL draws never shift the ids the database's own generator makes. */
const EXPIRY_SEED_SALT = 0x54_54_4c;

/** The delay's milliseconds, or why it is not one. */
function readDelay(delay: unknown): { ms: number; random: boolean } | { problem: string } {
  if (delay === 'immediate') return { ms: 0, random: false };
  const within = typeof delay === 'object' && delay !== null && Object.hasOwn(delay, 'within');
  if (within && Object.keys(delay).length !== 1) return { problem: 'a random delay is { within: Duration } alone' };
  const reading = readDuration(within ? (delay as { within: unknown }).within : delay);
  if (!('ms' in reading))
    return { problem: `expected 'immediate', a Duration or { within: Duration }: ${reading.problem}` };
  return { ms: reading.ms, random: within };
}

/** Why `options` is not a `timeToLive` option object, or undefined when it is one. */
export function timeToLiveOptionsProblem(options: unknown): string | undefined {
  if (typeof options !== 'object' || options === null || Array.isArray(options))
    return 'expected { delay, transitionTime }';
  for (const key of Object.keys(options))
    if (key !== 'delay' && key !== 'transitionTime')
      return `unknown member '${key}'; the members are delay, transitionTime`;
  const { delay, transitionTime } = options as TimeToLiveOptions;
  if (delay !== undefined) {
    const reading = readDelay(delay);
    if ('problem' in reading) return `delay: ${reading.problem}`;
  }
  if (transitionTime !== undefined) {
    const reading = readDuration(transitionTime);
    if (!('ms' in reading)) return `transitionTime: ${reading.problem}`;
  }
  return undefined;
}

/** The delay policy as a function drawing each expired item's delay (the options are checked already). */
export function expiryDelayOf(options: TimeToLiveOptions | undefined, seed: number): () => number {
  const reading = readDelay(options?.delay ?? DEFAULT_EXPIRY_DELAY);
  if ('problem' in reading) throw new RangeError(reading.problem);
  const { ms } = reading;
  if (!reading.random || ms === 0) return () => ms;
  const random = new SeededRandom((seed ^ EXPIRY_SEED_SALT) | 0);
  return () => Math.floor((random.nextUint32() / 0x1_0000_0000) * (ms + 1));
}
