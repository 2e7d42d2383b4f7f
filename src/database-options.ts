import { readDuration } from './clock/clock.js';
import { timeToLiveOptionsProblem } from './database/expiry-delay.js';
import { ValidationException } from './errors.js';
import { showQuoted } from './model/show-value.js';
import { resolveStreamOptions, type StreamOptions } from './stream/stream-options.js';

/**
 * The checks of shardline's own option objects that a Database takes (`Database.create`, `streamOptions` of
 * CreateTable and UpdateTable): each option is checked where it is given, and a key the call does not
 * take is refused by name, since a misspelt option would otherwise leave the default in place without a word.
 */

const DATABASE_OPTION_NAMES = [
  'clock',
  'seed',
  'region',
  'accountId',
  'streamDefaults',
  'indexBackfillTime',
  'timeToLive',
] as const;

/**
 * CreateTable's and UpdateTable's members in AWS's API reference (those shardline does not model are accepted and
 * ignored, as on the wire), and shardline's own `streamOptions`.
 */
const CREATE_TABLE_MEMBERS = [
  'AttributeDefinitions',
  'TableName',
  'KeySchema',
  'LocalSecondaryIndexes',
  'GlobalSecondaryIndexes',
  'BillingMode',
  'ProvisionedThroughput',
  'StreamSpecification',
  'SSESpecification',
  'Tags',
  'TableClass',
  'DeletionProtectionEnabled',
  'WarmThroughput',
  'ResourcePolicy',
  'OnDemandThroughput',
  'streamOptions',
] as const;
const UPDATE_TABLE_MEMBERS = [
  'TableName',
  'AttributeDefinitions',
  'BillingMode',
  'ProvisionedThroughput',
  'GlobalSecondaryIndexUpdates',
  'StreamSpecification',
  'SSESpecification',
  'ReplicaUpdates',
  'TableClass',
  'DeletionProtectionEnabled',
  'MultiRegionConsistency',
  'GlobalTableWitnessUpdates',
  'OnDemandThroughput',
  'WarmThroughput',
  'streamOptions',
] as const;

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function invalid(name: string, problem: string): ValidationException {
  return new ValidationException(`Invalid database option ${name}: ${problem}`);
}

/**
 * Checks `Database.create`'s options, `streamDefaults` included (they are resolved as a table's stream options are,
 * so that a bad default is refused here rather than by the first CreateTable). Undefined members are left out.
 */
export function checkDatabaseOptions(options: unknown): void {
  if (!isPlainObject(options))
    throw new ValidationException(`Invalid database options: expected an object, got ${showQuoted(options)}`);
  for (const key of Object.keys(options)) {
    if (!(DATABASE_OPTION_NAMES as readonly string[]).includes(key)) {
      throw invalid(key, `unknown option; the options are ${DATABASE_OPTION_NAMES.join(', ')}`);
    }
  }
  const { clock, seed, region, accountId, streamDefaults, indexBackfillTime, timeToLive } = options;
  // A clock is usually a class instance, so any object with the two methods will do.
  const asClock = clock as { now?: unknown; schedule?: unknown } | null | undefined;
  if (
    clock !== undefined &&
    (typeof clock !== 'object' ||
      clock === null ||
      typeof asClock?.now !== 'function' ||
      typeof asClock.schedule !== 'function')
  ) {
    throw invalid('clock', 'expected a Clock, an object with now() and schedule(atMs, callback)');
  }
  if (seed !== undefined && !Number.isSafeInteger(seed))
    throw invalid('seed', `expected an integer, got ${showQuoted(seed)}`);
  for (const [name, value] of [
    ['region', region],
    ['accountId', accountId],
  ] as const) {
    if (value !== undefined && (typeof value !== 'string' || value === ''))
      throw invalid(name, `expected a non-empty string, got ${showQuoted(value)}`);
  }
  if (indexBackfillTime !== undefined) {
    const reading = readDuration(indexBackfillTime);
    if (!('ms' in reading)) throw invalid('indexBackfillTime', reading.problem);
  }
  if (timeToLive !== undefined) {
    const problem = timeToLiveOptionsProblem(timeToLive);
    if (problem !== undefined) throw invalid('timeToLive', problem);
  }
  if (streamDefaults !== undefined) {
    checkStreamOptionsObject(streamDefaults);
    resolveStreamOptions(streamDefaults as StreamOptions);
  }
}

/**
 * A table's own stream options: an object, or left out. Merged over the database's defaults with a spread, which
 * would turn a number, a list or null into "no options" without a word.
 */
export function checkStreamOptionsObject(options: unknown): void {
  if (options !== undefined && !isPlainObject(options))
    throw new ValidationException(`Invalid stream options: expected an object, got ${showQuoted(options)}`);
}

/**
 * Refuses a member the request does not have, in the AWS SDK's words for an unknown parameter (as the Lambda
 * mapping's options do). Over the wire only AWS's members are read, and unknown ones ignored as AWS ignores them.
 */
export function checkRequestMembers(operation: 'CreateTable' | 'UpdateTable', input: object): void {
  const known: readonly string[] = operation === 'CreateTable' ? CREATE_TABLE_MEMBERS : UPDATE_TABLE_MEMBERS;
  for (const key of Object.keys(input)) {
    if (!known.includes(key))
      throw new ValidationException(
        `Unknown parameter in ${operation} input: "${key}", must be one of: ${known.join(', ')}`,
      );
  }
}
