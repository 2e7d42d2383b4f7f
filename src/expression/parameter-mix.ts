import { ValidationException } from '../errors.js';

/*
 * A request uses either expressions or the legacy parameters, never both: DynamoDB names every member of each kind
 * that is present, legacy first, in the orders below (DynamoDB Local 2.9.30; AWS's recorded text is the same).
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/LegacyConditionalParameters.html
 */

const LEGACY = [
  'AttributesToGet',
  'AttributeUpdates',
  'QueryFilter',
  'ScanFilter',
  'Expected',
  'ConditionalOperator',
  'KeyConditions',
] as const;

const EXPRESSIONS = [
  'ProjectionExpression',
  'UpdateExpression',
  'FilterExpression',
  'ConditionExpression',
  'KeyConditionExpression',
] as const;

/** Throws AWS's ValidationException when `input` holds a legacy parameter and an expression parameter. */
export function checkExpressionParameterMix(input: Readonly<Record<string, unknown>>): void {
  const present = (member: string): boolean => Object.hasOwn(input, member) && input[member] != null;
  const legacy = LEGACY.filter(present);
  if (legacy.length === 0) return;
  const expressions = EXPRESSIONS.filter(present);
  if (expressions.length === 0) return;
  throw new ValidationException(
    'Can not use both expression and non-expression parameters in the same request: ' +
      `Non-expression parameters: {${legacy.join(', ')}} Expression parameters: {${expressions.join(', ')}}`,
  );
}
