import { ValidationException } from '../../errors.js';
import type { ConditionTest } from './condition.js';

/**
 * The legacy `ConditionalOperator`: how the conditions of Expected, QueryFilter or ScanFilter combine, AND (the
 * default) or OR (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/LegacyConditionalParameters.ConditionalOperator.html).
 */
export function combineTests(tests: readonly ConditionTest[], conditionalOperator: unknown): ConditionTest {
  if (conditionalOperator === 'OR') return (item) => tests.some((test) => test(item));
  return (item) => tests.every((test) => test(item));
}

/**
 * DynamoDB Local's text (2.9.30) for a ConditionalOperator with fewer than two conditions to combine, in Expected,
 * QueryFilter or ScanFilter.
 */
export function rejectLoneOperator(conditions: number, conditionalOperator: unknown): void {
  if (conditionalOperator !== undefined && conditionalOperator !== null && conditions < 2) {
    throw new ValidationException(
      'ConditionalOperator can only be used when Filter or Expected has two or more elements',
    );
  }
}
