/**
 * The errors AWS Lambda's API answers with for an event source mapping. Lambda's REST-JSON protocol sends the
 * name in the `x-amzn-ErrorType` header and `Type: 'User'` for caller mistakes; the SDK exposes `name`.
 * See https://docs.aws.amazon.com/lambda/latest/api/API_CreateEventSourceMapping.html#API_CreateEventSourceMapping_Errors
 */
export abstract class LambdaError extends Error {
  abstract override readonly name: string;
  /** HTTP status Lambda answers with. */
  abstract readonly statusCode: number;
  /** `User` for caller mistakes, `Service` for faults, as the Lambda API's error body says. */
  readonly type: 'User' | 'Service' = 'User';
}

/** "One of the parameters in the request is not valid." (HTTP 400) */
export class InvalidParameterValueException extends LambdaError {
  override readonly name = 'InvalidParameterValueException';
  readonly statusCode = 400;
}

/** "The resource already exists, or another operation is in progress." (HTTP 409) */
export class ResourceConflictException extends LambdaError {
  override readonly name = 'ResourceConflictException';
  readonly statusCode = 409;
}

/** "The resource specified in the request does not exist." (HTTP 404) */
export class LambdaResourceNotFoundException extends LambdaError {
  // The wire name is ResourceNotFoundException; the class name differs from DynamoDB's class of that name.
  override readonly name = 'ResourceNotFoundException';
  readonly statusCode = 404;
}

/**
 * A request that breaks a constraint of Lambda's API model (a range, an enum). Lambda answers these before
 * its own checks, as `ValidationException` with the model's text, e.g. "1 validation error detected: Value
 * '0' at 'batchSize' failed to satisfy constraint: Member must have value greater than or equal to 1"
 * (observed against AWS in LocalStack's recorded snapshots of CreateEventSourceMapping).
 */
export class LambdaValidationException extends LambdaError {
  // The wire name is ValidationException; the class name differs from DynamoDB's class of that name.
  override readonly name = 'ValidationException';
  readonly statusCode = 400;
}
