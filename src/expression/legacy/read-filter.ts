import { ValidationException } from '../../errors.js';
import type { KeySchema } from '../../model/key-schema.js';
import type { ConditionNode } from '../syntax-tree.js';
import { comparisonNode, invalidParameter } from './condition.js';
import { combineNodes, rejectLoneOperator } from './conditional-operator.js';

/**
 * The legacy QueryFilter / ScanFilter as a condition's syntax tree, tested on the items read: a Condition per
 * attribute, combined by ConditionalOperator (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/LegacyConditionalParameters.QueryFilter.html).
 * Messages are DynamoDB Local 2.x's (test/table/query-scan.test.ts).
 */
export function readFilter(
  parameter: 'QueryFilter' | 'ScanFilter',
  filter: unknown,
  conditionalOperator: unknown,
  schema: KeySchema,
): ConditionNode | undefined {
  if (
    conditionalOperator !== undefined &&
    conditionalOperator !== null &&
    conditionalOperator !== 'AND' &&
    conditionalOperator !== 'OR'
  ) {
    throw new ValidationException(
      `1 validation error detected: Value '${String(conditionalOperator)}' at 'conditionalOperator' failed to satisfy constraint: Member must satisfy enum value set: [AND, OR]`,
    );
  }
  if (filter === undefined || filter === null) {
    if (conditionalOperator !== undefined && conditionalOperator !== null)
      throw new ValidationException('ConditionalOperator cannot be used without Filter or Expected');
    return undefined;
  }
  if (typeof filter !== 'object' || Array.isArray(filter))
    throw invalidParameter(`${parameter} must be a map of attribute names to conditions`);
  const names = Object.keys(filter);
  if (names.length === 0) {
    rejectLoneOperator(0, conditionalOperator);
    return undefined;
  }
  const keyNames = [schema.partitionKey.name, schema.sortKey?.name];
  const nodes = names.map((name) => {
    // Query reads one partition by key already: its filter may only name other attributes.
    if (parameter === 'QueryFilter' && keyNames.includes(name)) {
      throw new ValidationException(
        `QueryFilter can only contain non-primary key attributes: Primary key attribute: ${name}`,
      );
    }
    const condition = (filter as Record<string, unknown>)[name];
    if (condition === null || typeof condition !== 'object')
      throw invalidParameter(`${parameter} of ${name} must be a Condition`);
    const { ComparisonOperator: operator, AttributeValueList: list } = condition as {
      ComparisonOperator?: unknown;
      AttributeValueList?: unknown;
    };
    return comparisonNode(name, operator, list);
  });
  // After the conditions themselves (DynamoDB Local 2.9.30 reports a bad condition first).
  rejectLoneOperator(nodes.length, conditionalOperator);
  return combineNodes(nodes, conditionalOperator);
}
