import { scalarType } from '../conditions/comparison.js';
import { ValidationException } from '../errors.js';
import type { AttributeValue } from '../model/attribute-value.js';
import type { KeyAttribute, KeySchema } from '../model/key-schema.js';
import { conditionPaths } from './condition-paths.js';
import type { Comparator, ConditionNode, KeyConditionTree, Operand } from './syntax-tree.js';

/*
 * A resolved KeyConditionExpression checked against the table's (or index's) key schema: `=` on the partition key,
 * and on the sort key one of `= < <= > >=`, BETWEEN or begins_with, joined by AND. DynamoDB checks this after
 * placeholders are resolved and the unused ones refused, in DynamoDB Local 2.9.30's order (the numbered steps).
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Query.KeyConditionExpressions.html
 */

interface KeyLeaf {
  readonly name: string;
  readonly node: ConditionNode;
  readonly values: readonly AttributeValue[];
}

const FLIPPED: Readonly<Record<Comparator, Comparator>> = {
  '=': '=',
  '<>': '<>',
  '<': '>',
  '<=': '>=',
  '>': '<',
  '>=': '<=',
};

function invalid(message: string): ValidationException {
  return new ValidationException(message);
}

export function buildKeyCondition(root: ConditionNode, schema: KeySchema): KeyConditionTree {
  const keys = [schema.partitionKey, schema.sortKey].filter((key): key is KeyAttribute => key !== undefined);
  // 1. A key attribute used as a document (`sk[1]`, `pk.a`).
  checkScalarKeys(root, keys);
  // 2. One walk in source order: only AND joins conditions; each condition's operator and shape; one per key.
  const leaves: KeyLeaf[] = [];
  collectLeaves(root, leaves);
  // 3. At most two conditions.
  if (leaves.length > 2) throw invalid('Conditions can be of length 1 or 2 only');
  const partition = leaves.find((leaf) => leaf.name === schema.partitionKey.name);
  const sort = leaves.find((leaf) => leaf.name === schema.sortKey?.name);
  // 4. No condition on the partition key: before any value's type (DynamoDB Local 2.9.30, `sk = :v` of the wrong type).
  if (partition === undefined) throw invalid(`Query condition missed key schema element: ${schema.partitionKey.name}`);
  // 5. Partition key first, then sort key: the value's type, then (partition key) the operator.
  for (const [key, leaf] of [
    [schema.partitionKey, partition],
    [schema.sortKey, sort],
  ] as const) {
    if (key === undefined || leaf === undefined) continue;
    if (leaf.values.some((value) => scalarType(value) !== key.type)) {
      throw invalid('One or more parameter values were invalid: Condition parameter type does not match schema type');
    }
    if (leaf === partition && (leaf.node.kind !== 'compare' || leaf.node.comparator !== '=')) {
      throw invalid('Query key condition not supported');
    }
  }
  // 6. A condition on an attribute outside the key.
  if (leaves.length > (sort === undefined ? 1 : 2))
    throw invalid(`Query condition missed key schema element: ${(schema.sortKey ?? schema.partitionKey).name}`);
  return {
    partitionKey: { name: partition.name, value: partition.values[0]! },
    ...(sort && { sortKey: { name: sort.name, condition: sort.node } }),
  };
}

function checkScalarKeys(node: ConditionNode, keys: readonly KeyAttribute[]): void {
  const nested = conditionPaths(node).find((path) => path.length > 1 && keys.some((key) => key.name === path[0]));
  if (nested !== undefined) {
    throw invalid(
      `Key attributes must be scalars; list random access '[]' and map lookup '.' are not allowed: Key: ${nested[0]}`,
    );
  }
}

function collectLeaves(node: ConditionNode, leaves: KeyLeaf[]): void {
  if (node.kind === 'and') {
    collectLeaves(node.left, leaves);
    collectLeaves(node.right, leaves);
  } else if (node.kind === 'or' || node.kind === 'not') {
    throw invalid(`Invalid operator used in KeyConditionExpression: ${node.kind.toUpperCase()}`);
  } else {
    const leaf = toLeaf(node);
    if (leaves.some((other) => other.name === leaf.name)) {
      throw invalid('KeyConditionExpressions must only contain one condition per key');
    }
    leaves.push(leaf);
  }
}

function toLeaf(node: ConditionNode): KeyLeaf {
  switch (node.kind) {
    case 'in':
      throw invalid('Invalid operator used in KeyConditionExpression: IN');
    case 'compare': {
      if (node.comparator === '<>') throw invalid('Invalid operator used in KeyConditionExpression: <>');
      const [name, value, flipped] = split(node.left, node.right);
      const comparator = flipped ? FLIPPED[node.comparator] : node.comparator;
      return {
        name,
        node: { kind: 'compare', comparator, left: { kind: 'path', path: [name] }, right: value },
        values: [valueOf(value)],
      };
    }
    case 'between': {
      const [name] = split(node.subject, node.low, node.high);
      return { name, node, values: [valueOf(node.low), valueOf(node.high)] };
    }
    case 'begins_with': {
      const [name, , flipped] = split(node.subject, node.prefix);
      if (flipped) {
        throw invalid(
          'Invalid condition in KeyConditionExpression: begins_with operator must have the key attribute as its first operand',
        );
      }
      return { name, node, values: [valueOf(node.prefix)] };
    }
    default:
      throw invalid(`Invalid operator used in KeyConditionExpression: ${node.kind}`);
  }
}

function valueOf(operand: Operand): AttributeValue {
  return (operand as { value: AttributeValue }).value;
}

/**
 * The one key attribute among a condition's operands (the rest must be values), the other operand, and whether the
 * attribute came second. Refuses `size()`, two names or none.
 */
function split(first: Operand, ...rest: Operand[]): [string, Operand, boolean] {
  const operands = [first, ...rest];
  if (operands.some((operand) => operand.kind === 'size')) {
    throw invalid('KeyConditionExpressions cannot contain nested operations');
  }
  const paths = operands.filter((operand) => operand.kind === 'path');
  if (paths.length > 1) {
    throw invalid('Invalid condition in KeyConditionExpression: Multiple attribute names used in one condition');
  }
  const path = paths[0];
  if (path === undefined) throw invalid('Invalid condition in KeyConditionExpression: No key attribute specified');
  const flipped = path !== first;
  return [path.path[0] as string, flipped ? first : (rest[0] as Operand), flipped];
}
