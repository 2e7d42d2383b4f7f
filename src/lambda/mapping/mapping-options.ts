import { InvalidParameterValueException, LambdaValidationException } from '../lambda-errors.js';
import type { Clock } from '../../clock/clock.js';
import type { FailureDestination } from '../batching/failure-destination.js';
import { quoted, validationMessage } from '../../validation/validation-error.js';
import { DEFAULT_HISTORY_LIMIT } from './mapping-history.js';

/**
 * The options of an event source mapping, named as `CreateEventSourceMapping` names them (the ones that
 * apply to a DynamoDB stream), with AWS's defaults and ranges:
 * https://docs.aws.amazon.com/lambda/latest/api/API_CreateEventSourceMapping.html
 * https://docs.aws.amazon.com/lambda/latest/dg/services-ddb-params.html
 */
export interface EventSourceMappingOptions {
  /** Required, as in AWS. `AT_TIMESTAMP` is Kinesis-only and refused. */
  StartingPosition: 'TRIM_HORIZON' | 'LATEST';
  /** Default 100; 1 to 10000. */
  BatchSize?: number;
  /** Default 0; 0 to 300. How long to gather records before invoking. */
  MaximumBatchingWindowInSeconds?: number;
  /** Default 1; 1 to 10. Concurrent batches per shard, each partition key always in order. */
  ParallelizationFactor?: number;
  /** Default false. On a function error, split the batch in two (does not count as a retry). */
  BisectBatchOnFunctionError?: boolean;
  /** Default -1 (until the records expire); -1, or 0 to 10000. */
  MaximumRetryAttempts?: number;
  /** Default -1 (until the records expire from the stream); -1, or 60 to 604800. */
  MaximumRecordAgeInSeconds?: number;
  /** `['ReportBatchItemFailures']` to honour `batchItemFailures` in the handler's response. */
  FunctionResponseTypes?: readonly 'ReportBatchItemFailures'[];
  /** Default none (0); 0 to 900. Tumbling windows of this many seconds, with state carried between invocations. */
  TumblingWindowInSeconds?: number;
  /** Where discarded batches are reported: an in-memory destination, a callback, or both. */
  DestinationConfig?: { OnFailure?: { Destination?: FailureDestination } };
  /** Up to 5 filter patterns (EventBridge syntax), ORed; records that match none are skipped, not retried. */
  FilterCriteria?: { Filters?: { Pattern?: string }[] };
  /** Default true. A disabled mapping keeps its position and resumes from it when enabled. */
  Enabled?: boolean;
  /** The function's name, in its ARN and in failure records. Default `shardline-function`. */
  FunctionName?: string;
  /**
   * shardline's own: the function's timeout in seconds (Lambda's default 3, maximum 900), enforced on the
   * clock. An invocation still running when it passes fails as a function error ("Task timed out"), and its
   * result, when it comes, is ignored. Only an asynchronous handler can run past it.
   */
  FunctionTimeoutInSeconds?: number;
  /**
   * shardline's own: how many invocations `history` keeps (and how many discarded batches `discards` keeps),
   * the most recent ones; older entries are dropped, so a long run stays bounded. Default 10,000; `Infinity`
   * keeps everything, 0 nothing (the `invocation` and `discarded` events and the metrics count everything).
   */
  historyLimit?: number;
  /** shardline's own: seed for request ids and the mapping's UUID. Default: derived from the stream ARN. */
  seed?: number;
  /**
   * shardline's own: the clock to run on when the source is a `StreamSource` rather than a `Stream` (whose
   * clock is used). Default: the source's `now` and `schedule`; `runUntilIdle()` and `drain()` need a ManualClock.
   */
  clock?: Clock;
}

/** Every option a mapping takes (a misspelt one is refused, not ignored). */
const OPTION_NAMES: readonly (keyof EventSourceMappingOptions)[] = [
  'StartingPosition',
  'BatchSize',
  'MaximumBatchingWindowInSeconds',
  'ParallelizationFactor',
  'BisectBatchOnFunctionError',
  'MaximumRetryAttempts',
  'MaximumRecordAgeInSeconds',
  'FunctionResponseTypes',
  'TumblingWindowInSeconds',
  'DestinationConfig',
  'FilterCriteria',
  'Enabled',
  'FunctionName',
  'FunctionTimeoutInSeconds',
  'historyLimit',
  'seed',
  'clock',
];

/**
 * Refuses a member the mapping does not take: from JavaScript, `BatchSzie: 10` or `{ OnSucess: ... }` once
 * left the default in place without a word. The text is the AWS SDK's for an unknown parameter.
 */
function onlyKnownMembers(value: object, known: readonly string[], where: string): void {
  for (const key of Object.keys(value)) {
    if (!known.includes(key)) {
      throw new InvalidParameterValueException(
        `Unknown parameter in ${where}: "${key}", must be one of: ${known.join(', ')}`,
      );
    }
  }
}

/** A plain object, or undefined; anything else in an object-valued option is refused by name. */
function optionalObject(value: unknown, name: string): Record<string, unknown> | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new InvalidParameterValueException(
      `${name} must be an object, got ${value === null ? 'null' : Array.isArray(value) ? 'a list' : typeof value}`,
    );
  }
  return value as Record<string, unknown>;
}

/** The options with every default applied, validated. */
export interface ResolvedMappingOptions {
  startingPosition: 'TRIM_HORIZON' | 'LATEST';
  batchSize: number;
  maximumBatchingWindowMs: number;
  parallelizationFactor: number;
  bisectBatchOnFunctionError: boolean;
  /** -1: unlimited. */
  maximumRetryAttempts: number;
  /** -1: unlimited (until the stream trims the records). */
  maximumRecordAgeMs: number;
  reportBatchItemFailures: boolean;
  /** 0: no tumbling window. */
  tumblingWindowMs: number;
  onFailure: FailureDestination | undefined;
  enabled: boolean;
  functionName: string;
  functionTimeoutMs: number;
  historyLimit: number;
}

export const DEFAULT_BATCH_SIZE = 100;
export const MAX_BATCH_SIZE = 10_000;
/** Lambda's synchronous invocation payload limit: 6 MB (https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html). */
export const MAX_PAYLOAD_BYTES = 6 * 1024 * 1024;
/** Lambda's default function timeout. */
export const DEFAULT_FUNCTION_TIMEOUT_SECONDS = 3;

/** The text of a model-constraint error, as Lambda words it. */
function modelError(value: unknown, member: string, constraint: string): LambdaValidationException {
  return new LambdaValidationException(validationMessage([{ shown: quoted(value), at: member, constraint }]));
}

/** Integers within the API model's [min, max]; the member name is the model's camelCase one. */
function modelInteger(value: number | undefined, fallback: number, member: string, min: number, max: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    throw new InvalidParameterValueException(
      `${member[0]?.toUpperCase()}${member.slice(1)} must be an integer, got ${String(value)}`,
    );
  }
  if (value < min) throw modelError(value, member, `have value greater than or equal to ${min}`);
  if (value > max) throw modelError(value, member, `have value less than or equal to ${max}`);
  return value;
}

/**
 * Applies AWS's defaults and checks every option, in the order Lambda checks them: the model's constraints
 * (ValidationException) first, then Lambda's own rules (InvalidParameterValueException). AWS's text for
 * AT_TIMESTAMP on a DynamoDB stream names the stream's ARN (recorded against AWS in LocalStack's snapshots).
 */
export function resolveMappingOptions(
  options: EventSourceMappingOptions,
  eventSourceArn = 'DynamoDB stream',
): ResolvedMappingOptions {
  if (options === null || typeof options !== 'object')
    throw new InvalidParameterValueException('StartingPosition is required for DynamoDB event sources.');
  onlyKnownMembers(options, OPTION_NAMES, 'input');
  const destinationConfig = optionalObject(options.DestinationConfig, 'DestinationConfig');
  if (destinationConfig !== undefined) onlyKnownMembers(destinationConfig, ['OnFailure'], 'input.DestinationConfig');
  const onFailure = optionalObject(destinationConfig?.OnFailure, 'DestinationConfig.OnFailure');
  if (onFailure !== undefined) onlyKnownMembers(onFailure, ['Destination'], 'input.DestinationConfig.OnFailure');
  const position = options.StartingPosition as string | undefined;
  if (position !== undefined && !['LATEST', 'AT_TIMESTAMP', 'TRIM_HORIZON'].includes(position)) {
    throw modelError(position, 'startingPosition', 'satisfy enum value set: [LATEST, AT_TIMESTAMP, TRIM_HORIZON]');
  }
  const batchSize = modelInteger(options.BatchSize, DEFAULT_BATCH_SIZE, 'batchSize', 1, MAX_BATCH_SIZE);
  const window = modelInteger(options.MaximumBatchingWindowInSeconds, 0, 'maximumBatchingWindowInSeconds', 0, 300);
  const parallelization = modelInteger(options.ParallelizationFactor, 1, 'parallelizationFactor', 1, 10);
  const retries = modelInteger(options.MaximumRetryAttempts, -1, 'maximumRetryAttempts', -1, 10_000);
  const maxAge = modelInteger(options.MaximumRecordAgeInSeconds, -1, 'maximumRecordAgeInSeconds', -1, 604_800);
  const tumbling = modelInteger(options.TumblingWindowInSeconds, 0, 'tumblingWindowInSeconds', 0, 900);
  const timeout = modelInteger(options.FunctionTimeoutInSeconds, DEFAULT_FUNCTION_TIMEOUT_SECONDS, 'timeout', 1, 900);
  const types = options.FunctionResponseTypes ?? [];
  if (!Array.isArray(types as unknown))
    throw new InvalidParameterValueException('FunctionResponseTypes must be a list');
  if (types.length > 1)
    throw modelError(`[${types.join(', ')}]`, 'functionResponseTypes', 'have length less than or equal to 1');
  for (const type of types) {
    if (type !== 'ReportBatchItemFailures') {
      throw modelError(
        `[${types.join(', ')}]`,
        'functionResponseTypes',
        'satisfy constraint: [Member must satisfy enum value set: [ReportBatchItemFailures]]',
      );
    }
  }
  // Lambda's own rules, after the model's.
  if (position === undefined)
    throw new InvalidParameterValueException('StartingPosition is required for DynamoDB event sources.');
  if (position === 'AT_TIMESTAMP')
    throw new InvalidParameterValueException(`Unsupported starting position for arn type: ${eventSourceArn}`);
  // AWS (observed by the Terraform provider): "MaximumRecordAgeInSeconds must be either -1 (forever) or between 60 and 604800 (inclusive)".
  if (maxAge !== -1 && maxAge < 60) {
    throw new InvalidParameterValueException(
      'MaximumRecordAgeInSeconds must be either -1 (forever) or between 60 and 604800 (inclusive)',
    );
  }
  const destination = options.DestinationConfig?.OnFailure?.Destination;
  if (
    destination !== undefined &&
    typeof destination !== 'function' &&
    typeof (destination as { send?: unknown }).send !== 'function'
  ) {
    throw new InvalidParameterValueException(
      'DestinationConfig.OnFailure.Destination must be a FailureDestination or a callback',
    );
  }
  const functionName = options.FunctionName ?? 'shardline-function';
  if (typeof functionName !== 'string' || !/^[a-zA-Z0-9-_]{1,64}$/.test(functionName)) {
    throw modelError(functionName, 'functionName', 'satisfy regular expression pattern: [a-zA-Z0-9-_]{1,64}');
  }
  if (options.Enabled !== undefined && typeof options.Enabled !== 'boolean')
    throw new InvalidParameterValueException(`Enabled must be a boolean, got ${String(options.Enabled)}`);
  if (options.BisectBatchOnFunctionError !== undefined && typeof options.BisectBatchOnFunctionError !== 'boolean') {
    throw new InvalidParameterValueException(
      `BisectBatchOnFunctionError must be a boolean, got ${String(options.BisectBatchOnFunctionError)}`,
    );
  }
  if (options.seed !== undefined && !Number.isSafeInteger(options.seed))
    throw new InvalidParameterValueException(`seed must be an integer, got ${String(options.seed)}`);
  const clock = options.clock as Partial<Clock> | null | undefined;
  if (
    clock !== undefined &&
    (typeof clock !== 'object' ||
      clock === null ||
      typeof clock.now !== 'function' ||
      typeof clock.schedule !== 'function')
  ) {
    throw new InvalidParameterValueException(
      'clock must be a Clock: an object with now() and schedule(atMs, callback)',
    );
  }
  const historyLimit = options.historyLimit ?? DEFAULT_HISTORY_LIMIT;
  if (
    typeof historyLimit !== 'number' ||
    !(Number.isInteger(historyLimit) || historyLimit === Number.POSITIVE_INFINITY) ||
    historyLimit < 0
  ) {
    throw new InvalidParameterValueException(
      `historyLimit must be a whole number of invocations, 0 or more, or Infinity; got ${String(historyLimit)}`,
    );
  }
  return {
    startingPosition: position as 'TRIM_HORIZON' | 'LATEST',
    batchSize,
    maximumBatchingWindowMs: window * 1000,
    parallelizationFactor: parallelization,
    bisectBatchOnFunctionError: options.BisectBatchOnFunctionError === true,
    maximumRetryAttempts: retries,
    maximumRecordAgeMs: maxAge === -1 ? -1 : maxAge * 1000,
    reportBatchItemFailures: types.includes('ReportBatchItemFailures'),
    tumblingWindowMs: tumbling * 1000,
    onFailure: destination,
    enabled: options.Enabled !== false,
    functionName,
    functionTimeoutMs: timeout * 1000,
    historyLimit,
  };
}
