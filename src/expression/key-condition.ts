import { scalarType } from '../conditions/comparison.js';
import { ValidationException } from '../errors.js';
import type { AttributeValue } from '../model/attribute-value.js';
import type { KeyAttribute, KeySchema } from '../model/key-schema.js';
import type { Comparator, ConditionNode, KeyConditionTree, Operand } from './syntax-tree.js';

/*
 * A resolved KeyConditionExpression checked against the table's (or index's) key schema: `=` on the partition key,
 * and on the sort key one of `= < <= > >=`, BETWEEN or begins_with, joined by AND. DynamoDB checks this after
 * placeholders are resolved and the unused ones refused, in this order: operators and the shape of each condition
 * (source order), value types against the schema, the partition key's operator, then a missing key element.
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
  const leaves: KeyLeaf[] = [];
  collect(root, leaves);
  const keyOf = (leaf: KeyLeaf): KeyAttribute | undefined =>
    [schema.partitionKey, schema.sortKey].find((key) => key?.name === leaf.name);
  for (const leaf of leaves) {
    const key = keyOf(leaf);
    if (key !== undefined && leaf.values.some((value) => scalarType(value) !== key.type)) {
      throw invalid('One or more parameter values were invalid: Condition parameter type does not match schema type');
    }
  }
  const partition = leaves.filter((leaf) => leaf.name === schema.partitionKey.name);
  for (const leaf of partition) {
    if (leaf.node.kind !== 'compare' || leaf.node.comparator !== '=')
      throw invalid('Query key condition not supported');
  }
  const sort = leaves.filter((leaf) => leaf.name === schema.sortKey?.name);
  if (partition.length > 1 || sort.length > 1) {
    throw invalid('KeyConditionExpressions must only contain one condition per key');
  }
  const missing = partition.length === 0 ? schema.partitionKey : schema.sortKey;
  if (partition.length === 0 || leaves.length > partition.length + sort.length) {
    throw invalid(`Query condition missed key schema element: ${missing!.name}`);
  }
  const sortKey = sort[0] === undefined ? undefined : { name: sort[0].name, condition: sort[0].node };
  return { partitionKey: { name: partition[0]!.name, value: partition[0]!.values[0]! }, ...(sortKey && { sortKey }) };
}

function collect(node: ConditionNode, leaves: KeyLeaf[]): void {
  switch (node.kind) {
    case 'and':
      collect(node.left, leaves);
      collect(node.right, leaves);
      return;
    case 'or':
    case 'not':
    case 'in':
      throw invalid(`Invalid operator used in KeyConditionExpression: ${node.kind.toUpperCase()}`);
    case 'attribute_exists':
    case 'attribute_not_exists':
    case 'attribute_type':
    case 'contains':
      throw invalid(`Invalid operator used in KeyConditionExpression: ${node.kind}`);
    case 'compare': {
      if (node.comparator === '<>') throw invalid('Invalid operator used in KeyConditionExpression: <>');
      const [path, value, flipped] = split(node.left, node.right);
      const comparator = flipped ? FLIPPED[node.comparator] : node.comparator;
      leaves.push({
        name: path,
        node: { kind: 'compare', comparator, left: { kind: 'path', path: [path] }, right: value },
        values: [(value as { value: AttributeValue }).value],
      });
      return;
    }
    case 'between': {
      const [name] = split(node.subject, node.low, node.high);
      leaves.push({ name, node, values: [node.low, node.high].map((o) => (o as { value: AttributeValue }).value) });
      return;
    }
    case 'begins_with': {
      const [name, , flipped] = split(node.subject, node.prefix);
      if (flipped) {
        throw invalid(
          'Invalid condition in KeyConditionExpression: begins_with operator must have the key attribute as its first operand',
        );
      }
      leaves.push({ name, node, values: [(node.prefix as { value: AttributeValue }).value] });
      return;
    }
  }
}

/**
 * The one key attribute among a condition's operands (the rest must be values), whether it came second, and the
 * other operand. Refuses `size()`, a nested path, two names or none.
 */
function split(first: Operand, ...rest: Operand[]): [string, Operand, boolean] {
  const operands = [first, ...rest];
  if (operands.some((operand) => operand.kind === 'size')) {
    throw invalid('KeyConditionExpressions cannot contain nested operations');
  }
  const paths = operands.filter((operand) => operand.kind === 'path');
  if (paths.length > 1)
    throw invalid('Invalid condition in KeyConditionExpression: Multiple attribute names used in one condition');
  const path = paths[0];
  if (path === undefined) throw invalid('Invalid condition in KeyConditionExpression: No key attribute specified');
  const name = path.path[0] as string;
  if (path.path.length > 1) {
    throw invalid(
      `Key attributes must be scalars; list random access '[]' and map lookup '.' are not allowed: Key: ${name}`,
    );
  }
  const flipped = path !== first;
  return [name, flipped ? first : (rest[0] as Operand), flipped];
}
