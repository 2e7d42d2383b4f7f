import { ValidationException, type DynamoDBError } from '../errors.js';

/**
 * The legacy parameter a wire caller can send instead of an expression, by operation. The typed API refuses an
 * expression with advice only its own callers can follow (pass a `condition` predicate or an `update`
 * function); an AWS SDK, aws CLI or HTTP caller can send these legacy parameters, which shardline implements
 * (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/LegacyConditionalParameters.html).
 * TransactWriteItems has none: AWS's transactions take expressions only.
 */
const LEGACY_INSTEAD: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  PutItem: {
    ConditionExpression: 'the legacy Expected parameter',
    ExpressionAttributeNames: 'the legacy Expected parameter',
    ExpressionAttributeValues: 'the legacy Expected parameter',
  },
  DeleteItem: {
    ConditionExpression: 'the legacy Expected parameter',
    ExpressionAttributeNames: 'the legacy Expected parameter',
    ExpressionAttributeValues: 'the legacy Expected parameter',
  },
  UpdateItem: {
    ConditionExpression: 'the legacy Expected parameter',
    UpdateExpression: 'the legacy AttributeUpdates parameter',
    ExpressionAttributeNames: 'the legacy Expected and AttributeUpdates parameters',
    ExpressionAttributeValues: 'the legacy Expected and AttributeUpdates parameters',
  },
};

/** `error` as a wire caller of `operation` should read it: an unsupported parameter named, with advice it can follow. */
export function wireWording(error: DynamoDBError, operation: string): DynamoDBError {
  if (!(error instanceof ValidationException) || error.reason !== 'unsupportedParameter' || error.member === undefined)
    return error;
  const parameter = error.member;
  const table = Object.hasOwn(LEGACY_INSTEAD, operation) ? LEGACY_INSTEAD[operation] : undefined;
  const instead = table !== undefined && Object.hasOwn(table, parameter) ? table[parameter] : undefined;
  const advice = instead === undefined ? ` in ${operation}` : `: use ${instead} instead`;
  return new ValidationException(`${parameter} is not supported by shardline yet${advice}`);
}
