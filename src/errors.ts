import type { AttributeMap } from './model/attribute-value.js';

/**
 * One class per AWS error name. `name` is what AWS SDKs expose as the error name, `message` is AWS's text
 * (word for word where it was observed on AWS or DynamoDB Local), and `wireType` is the `__type` the JSON 1.0
 * protocol sends. A caller never has to parse a message to know what happened: `instanceof` or `name`.
 */
export abstract class DynamoDBError extends Error {
  abstract override readonly name: string;
  /** HTTP status AWS answers with (400 for client errors, 500 for InternalServerError). */
  readonly statusCode: number = 400;
  /** Whether AWS SDKs retry this error. */
  readonly retryable: boolean = false;
  /** The `__type` of the JSON 1.0 error body. */
  abstract readonly wireType: string;
  /** `client` for caller mistakes, `server` for faults (the SDKs' `$fault`). */
  get fault(): 'client' | 'server' {
    return this.statusCode >= 500 ? 'server' : 'client';
  }
}

const DYNAMODB = 'com.amazonaws.dynamodb.v20120810#';

/** A request that breaks a constraint. DynamoDB's validation layer reports it under a `coral` type. */
export class ValidationException extends DynamoDBError {
  override readonly name = 'ValidationException';
  readonly wireType = 'com.amazon.coral.validate#ValidationException';
  /** Why, where code must branch on it (never on the message). Not enumerable: the error shows as before. */
  declare readonly reason?: ValidationReason;
  /** The request member the reason is about, where there is one. Not enumerable either. */
  declare readonly member?: string;

  constructor(message?: string, reason?: ValidationReason, member?: string) {
    super(message);
    if (reason !== undefined) Object.defineProperty(this, 'reason', { value: reason, enumerable: false });
    if (member !== undefined) Object.defineProperty(this, 'member', { value: member, enumerable: false });
  }
}

/**
 * `keyTypeMismatch`: a key attribute of the wrong type, `indexKeyTypeMismatch`: a secondary index's key attribute of
 * the wrong type (or empty), and `keyAttributeUpdated`: an update of a key attribute, which a transaction turns into a
 * cancellation reason. `itemTooLarge`, `nestingTooDeep`, `attributeNameTooLong`: an item limit crossed (model/item-limits.ts), which an
 * update and a start key word their own way or pass on.
 */
export type ValidationReason =
  | 'keyTypeMismatch'
  | 'indexKeyTypeMismatch'
  | 'keyAttributeUpdated'
  | 'itemTooLarge'
  | 'nestingTooDeep'
  | 'attributeNameTooLong';

export class ResourceNotFoundException extends DynamoDBError {
  override readonly name = 'ResourceNotFoundException';
  readonly wireType = `${DYNAMODB}ResourceNotFoundException`;
  constructor(message = 'Requested resource not found') {
    super(message);
  }
}

export class ResourceInUseException extends DynamoDBError {
  override readonly name = 'ResourceInUseException';
  readonly wireType = `${DYNAMODB}ResourceInUseException`;
}

export class ConditionalCheckFailedException extends DynamoDBError {
  override readonly name = 'ConditionalCheckFailedException';
  readonly wireType = `${DYNAMODB}ConditionalCheckFailedException`;
  /** The item as it was, when the write asked for `ReturnValuesOnConditionCheckFailure: 'ALL_OLD'`. */
  // `declare`: no own property unless there is an item (AWS's error has no Item member then).
  declare Item?: AttributeMap;
  constructor(message = 'The conditional request failed', item?: AttributeMap) {
    super(message);
    if (item !== undefined) this.Item = item;
  }
}

/** Why one item of a cancelled transaction failed, in request order (`None` for items that were fine). */
export interface CancellationReason {
  /** The item as it was, when its condition failed and it asked for ReturnValuesOnConditionCheckFailure ALL_OLD. */
  Item?: AttributeMap;
  Code: 'None' | 'ConditionalCheckFailed' | 'ValidationError' | 'TransactionConflict';
  Message?: string;
}

export class TransactionCanceledException extends DynamoDBError {
  override readonly name = 'TransactionCanceledException';
  readonly wireType = `${DYNAMODB}TransactionCanceledException`;
  readonly CancellationReasons: CancellationReason[];
  constructor(reasons: CancellationReason[]) {
    // AWS: "Transaction cancelled, please refer cancellation reasons for specific reasons [ConditionalCheckFailed, None]"
    super(
      `Transaction cancelled, please refer cancellation reasons for specific reasons [${reasons
        .map((reason) => reason.Code)
        .join(', ')}]`,
    );
    this.CancellationReasons = reasons;
  }
}

/** GetShardIterator or GetRecords reached below the trim horizon (records older than the retention period). */
export class TrimmedDataAccessException extends DynamoDBError {
  override readonly name = 'TrimmedDataAccessException';
  readonly wireType = `${DYNAMODB}TrimmedDataAccessException`;
  // The API model's documentation text, which DynamoDB Local also sends.
  constructor(message = 'The operation attempted to read past the oldest stream record in a shard.') {
    super(message);
  }
}

/** A shard iterator used more than 15 minutes after it was issued. */
export class ExpiredIteratorException extends DynamoDBError {
  override readonly name = 'ExpiredIteratorException';
  readonly wireType = `${DYNAMODB}ExpiredIteratorException`;
  // The API model's member documentation: "The provided iterator exceeds the maximum age allowed."
  constructor(message = 'The provided iterator exceeds the maximum age allowed.') {
    super(message);
  }
}

export class LimitExceededException extends DynamoDBError {
  override readonly name = 'LimitExceededException';
  readonly wireType = `${DYNAMODB}LimitExceededException`;
  constructor(message = 'Too many operations for a given subscriber.') {
    super(message);
  }
}

export class InternalServerError extends DynamoDBError {
  override readonly name = 'InternalServerError';
  readonly wireType = `${DYNAMODB}InternalServerError`;
  override readonly statusCode: number = 500;
  override readonly retryable: boolean = true;
  constructor(message = 'An error occurred on the server side.') {
    super(message);
  }
}

const CORAL_SERVICE = 'com.amazon.coral.service#';

/** The X-Amz-Target names no operation of the service (the wire layer's answer; AWS sends no message). */
export class UnknownOperationException extends DynamoDBError {
  override readonly name = 'UnknownOperationException';
  readonly wireType = `${CORAL_SERVICE}UnknownOperationException`;
}

/** The request body is not JSON, or a member has the wrong JSON type. */
export class SerializationException extends DynamoDBError {
  override readonly name = 'SerializationException';
  readonly wireType = `${CORAL_SERVICE}SerializationException`;
}

/** The classes whose only state is a message, by AWS's error name (TransactionCanceledException carries reasons). */
const BY_NAME: ReadonlyMap<string, new (message?: string) => DynamoDBError> = new Map<
  string,
  new (message?: string) => DynamoDBError
>([
  ['ValidationException', ValidationException],
  ['ResourceNotFoundException', ResourceNotFoundException],
  ['ResourceInUseException', ResourceInUseException],
  ['ConditionalCheckFailedException', ConditionalCheckFailedException],
  ['TrimmedDataAccessException', TrimmedDataAccessException],
  ['ExpiredIteratorException', ExpiredIteratorException],
  ['LimitExceededException', LimitExceededException],
  ['InternalServerError', InternalServerError],
  ['UnknownOperationException', UnknownOperationException],
  ['SerializationException', SerializationException],
]);

/**
 * The shardline error AWS calls `name`, with `message` (undefined: the class's own default text), for an error that
 * crossed a wire or an SDK; undefined for a name shardline has no message-only class for.
 */
export function dynamoDBErrorNamed(name: string, message: string | undefined): DynamoDBError | undefined {
  const ErrorClass = BY_NAME.get(name);
  return ErrorClass === undefined ? undefined : new ErrorClass(message);
}
