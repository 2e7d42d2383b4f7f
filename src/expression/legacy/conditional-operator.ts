import { ValidationException } from '../../errors.js';
import type { ConditionNode } from '../syntax-tree.js';

/**
 * The legacy `ConditionalOperator`: how the conditions of Expected, QueryFilter or ScanFilter combine, AND (the
 * default) or OR, left to right; none at all is no condition (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/LegacyConditionalParameters.ConditionalOperator.html).
 */
export function combineNodes(nodes: readonly ConditionNode[], conditionalOperator: unknown): ConditionNode | undefined {
  const kind = conditionalOperator === 'OR' ? 'or' : 'and';
  let combined: ConditionNode | undefined;
  for (const node of nodes) combined = combined === undefined ? node : { kind, left: combined, right: node };
  return combined;
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
