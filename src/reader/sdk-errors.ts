import {
  DynamoDBError,
  ExpiredIteratorException,
  InternalServerError,
  LimitExceededException,
  ResourceNotFoundException,
  TrimmedDataAccessException,
  ValidationException,
} from '../errors.js';

/**
 * The DynamoDB Streams errors an AWS SDK client throws, as shardline's own classes: the reader recognises
 * them by class or by `name` (isStreamsError), and the SDK's classes are other classes with the same `name`.
 * The SDK error is kept as `cause` (its `$metadata` holds the request id). Errors with other names (network
 * failures, credentials, an abort) are not DynamoDB Streams answers and pass through unchanged.
 * https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_Operations_Amazon_DynamoDB_Streams.html
 */
const STREAMS_ERRORS: Record<string, (message: string | undefined) => DynamoDBError> = {
  ExpiredIteratorException: (message) => new ExpiredIteratorException(message),
  TrimmedDataAccessException: (message) => new TrimmedDataAccessException(message),
  ResourceNotFoundException: (message) => new ResourceNotFoundException(message),
  LimitExceededException: (message) => new LimitExceededException(message),
  InternalServerError: (message) => new InternalServerError(message),
  ValidationException: (message) => new ValidationException(message),
};

/**
 * Error names that mean "slow down". LimitExceededException is the Streams API's own ("Too many operations for
 * a given subscriber", e.g. more than two readers on a shard); the others are the generic throttling codes AWS
 * SDKs retry (AWS reports DynamoDB Streams throttling as "Rate exceeded" with a code that is not documented).
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
export type ReaderErrorName = 'ExpiredIteratorException' | 'TrimmedDataAccessException' | 'ResourceNotFoundException' | 'LimitExceededException';

/**
 * Whether `error` is the Streams error `name`: shardline's class (which carries that `name`), or any error
 * with that `name`. AWS SDK v3
 * errors are other classes with the same name (ServiceException sets `name` to the error code), so a custom
 * StreamSource that hands the SDK's errors on as they are must be understood as well as sdkStreamSource's
 * translated ones; `instanceof` alone missed them.
 */
export function isStreamsError(error: unknown, name: ReaderErrorName): boolean {
  return typeof error === 'object' && error !== null && (error as { name?: unknown }).name === name;
}

/** The SDK error as the shardline error of the same name, or the error itself when it is not a Streams error. */
export function toShardlineError(error: unknown): unknown {
  if (error instanceof DynamoDBError || !(error instanceof Error)) return error;
  const make = STREAMS_ERRORS[error.name];
  if (make === undefined) return error;
  // An empty message (AWS sends none for some errors) takes the class's default, AWS's documented text.
  const mapped = make(error.message === '' ? undefined : error.message);
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
