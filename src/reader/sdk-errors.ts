import { DynamoDBError, dynamoDBErrorNamed } from '../errors.js';

/**
 * The DynamoDB Streams errors an AWS SDK client throws, which the reader turns into shardline's own classes (the SDK
 * error kept as `cause`); other errors (network, credentials, an abort) pass through unchanged.
 * https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_Operations_Amazon_DynamoDB_Streams.html
 */
const STREAMS_ERRORS = new Set([
  'ExpiredIteratorException',
  'TrimmedDataAccessException',
  'ResourceNotFoundException',
  'LimitExceededException',
  'InternalServerError',
  'ValidationException',
]);

/**
 * Error names that mean "slow down": the Streams API's LimitExceededException ("Too many operations for a
 * given subscriber"), and the generic throttling codes AWS SDKs retry (Streams throttling has no documented code).
 */
const THROTTLING_NAMES = new Set([
  'LimitExceededException',
  'ThrottlingException',
  'Throttling',
  'ThrottledException',
  'RequestThrottledException',
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'ProvisionedThroughputExceededException',
]);

/** The Streams errors the reader acts on. */
export type ReaderErrorName =
  'ExpiredIteratorException' | 'TrimmedDataAccessException' | 'ResourceNotFoundException' | 'LimitExceededException';

/**
 * Whether `error` is the Streams error `name`, by `name` rather than class: a custom StreamSource may hand on
 * the AWS SDK's own errors, which are other classes with the same `name`.
 */
export function isStreamsError(error: unknown, name: ReaderErrorName): boolean {
  return typeof error === 'object' && error !== null && (error as { name?: unknown }).name === name;
}

/** The SDK error as the shardline error of the same name, or the error itself when it is not a Streams error. */
export function toShardlineError(error: unknown): unknown {
  if (error instanceof DynamoDBError || !(error instanceof Error)) return error;
  if (!STREAMS_ERRORS.has(error.name)) return error;
  // An empty message (AWS sends none for some errors) takes the class's default, AWS's documented text.
  const mapped = dynamoDBErrorNamed(error.name, error.message === '' ? undefined : error.message) as DynamoDBError;
  Object.defineProperty(mapped, 'cause', { value: error, enumerable: false, writable: true, configurable: true });
  return mapped;
}

/** Whether an SDK error asks the caller to back off and try again. */
export function isThrottling(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  if (THROTTLING_NAMES.has(error.name)) return true;
  // Smithy marks the errors its retry strategy treats as throttling.
  return (error as { $retryable?: { throttling?: boolean } }).$retryable?.throttling === true;
}
