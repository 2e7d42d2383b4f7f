import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AttributeValue } from '../../src/model/attribute-value.js';
import { parseRequestExpressions } from '../../src/expression/request-expressions.js';
import { canonicalValue } from '../../src/model/frozen-item.js';
import type {
  Comparator,
  ConditionNode,
  DocumentPath,
  PathElement,
  SetValue,
  UpdateTree,
} from '../../src/expression/syntax-tree.js';
import { printCondition, printProjection, printUpdate, type PrintedExpression } from '../support/expression-printer.js';

/*
 * Printing a random syntax tree and parsing the text gives the same tree: the parser's precedence, paths and
 * clauses agree with the printer's. Trees are drawn so that AWS's static checks accept them (values on the right,
 * ordered comparisons on scalars, BETWEEN bounds in order, paths of one update apart).
 */

const name = fc.string({ minLength: 1, maxLength: 4 });
const element: fc.Arbitrary<PathElement> = fc.oneof(name, fc.nat({ max: 2147483647 }));
const tail = fc.array(element, { maxLength: 4 });
const path: fc.Arbitrary<DocumentPath> = fc.tuple(name, tail).map(([first, rest]) => [first, ...rest]);

const string: fc.Arbitrary<AttributeValue> = fc.string().map((S) => ({ S }));
const number: fc.Arbitrary<AttributeValue> = fc.integer().map((n) => ({ N: String(n) }));
/** Sets as canonicalValue keeps them (ExpressionAttributeValues are canonicalised). */
const stringSet: fc.Arbitrary<AttributeValue> = fc
  .uniqueArray(fc.string(), { minLength: 1, maxLength: 3 })
  .map((SS) => canonicalValue({ SS }).value);
const list: fc.Arbitrary<AttributeValue> = fc.array(fc.oneof(string, number), { maxLength: 3 }).map((L) => ({ L }));
const anyValue = fc.oneof(
  string,
  number,
  stringSet,
  list,
  fc.boolean().map((BOOL) => ({ BOOL })),
);
const value = (arbitrary: fc.Arbitrary<AttributeValue>) => arbitrary.map((v) => ({ kind: 'value' as const, value: v }));
const pathOperand = path.map((p) => ({ kind: 'path' as const, path: p }));
const sizeOperand = path.map((p) => ({ kind: 'size' as const, path: p }));
const TYPE_NAMES = ['S', 'SS', 'N', 'NS', 'B', 'BS', 'BOOL', 'NULL', 'L', 'M'];

const leaf: fc.Arbitrary<ConditionNode> = fc.oneof(
  fc.record({
    kind: fc.constant('compare' as const),
    comparator: fc.constantFrom<Comparator>('=', '<>'),
    left: fc.oneof(pathOperand, sizeOperand),
    right: value(anyValue),
  }),
  fc.record({
    kind: fc.constant('compare' as const),
    comparator: fc.constantFrom<Comparator>('<', '<=', '>', '>='),
    left: fc.oneof(pathOperand, sizeOperand),
    right: value(fc.oneof(string, number)),
  }),
  fc.tuple(fc.oneof(pathOperand, sizeOperand), fc.integer(), fc.integer()).map(([subject, a, b]): ConditionNode => ({
    kind: 'between',
    subject,
    low: { kind: 'value', value: { N: String(Math.min(a, b)) } },
    high: { kind: 'value', value: { N: String(Math.max(a, b)) } },
  })),
  fc.record({
    kind: fc.constant('in' as const),
    subject: pathOperand,
    list: fc.array(value(anyValue), { minLength: 1, maxLength: 4 }),
  }),
  fc.record({ kind: fc.constantFrom('attribute_exists' as const, 'attribute_not_exists' as const), path }),
  fc.record({
    kind: fc.constant('attribute_type' as const),
    path,
    type: fc.constantFrom(...TYPE_NAMES).map((S) => ({ kind: 'value' as const, value: { S } })),
  }),
  fc.record({ kind: fc.constant('begins_with' as const), subject: pathOperand, prefix: value(string) }),
  fc.record({ kind: fc.constant('contains' as const), subject: pathOperand, operand: value(anyValue) }),
);

const { condition } = fc.letrec<{ condition: ConditionNode }>((tie) => ({
  condition: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.record({
      kind: fc.constantFrom('and' as const, 'or' as const),
      left: tie('condition'),
      right: tie('condition'),
    }),
    fc.record({ kind: fc.constant('not' as const), operand: tie('condition') }),
  ),
}));

/** A SET right-hand side whose :values have the types list_append, `+` and `-` need. */
function setValue(type: 'any' | 'list' | 'number', depth: number): fc.Arbitrary<SetValue> {
  const direct = type === 'list' ? list : type === 'number' ? number : anyValue;
  const options: fc.Arbitrary<SetValue>[] = [pathOperand, value(direct)];
  if (depth > 0) {
    options.push(fc.record({ kind: fc.constant('if_not_exists' as const), path, fallback: setValue(type, depth - 1) }));
    if (type !== 'number') {
      options.push(
        fc.record({
          kind: fc.constant('list_append' as const),
          first: setValue('list', depth - 1),
          second: setValue('list', depth - 1),
        }),
      );
    }
    if (type !== 'list') {
      const side = fc.oneof(pathOperand, value(number));
      options.push(fc.record({ kind: fc.constantFrom('plus' as const, 'minus' as const), left: side, right: side }));
    }
  }
  return fc.oneof(...options);
}

/** An update whose target paths all start with different names, so none overlap. */
const update: fc.Arbitrary<UpdateTree> = fc
  .uniqueArray(fc.tuple(name, tail, fc.nat({ max: 3 }), setValue('any', 2), fc.oneof(number, stringSet)), {
    minLength: 1,
    maxLength: 6,
    selector: ([first]) => first,
  })
  .map((actions) => {
    const tree = { set: [], remove: [], add: [], delete: [] } as {
      -readonly [K in keyof UpdateTree]: UpdateTree[K][number][];
    };
    for (const [first, rest, clause, rhs, addValue] of actions) {
      const target = [first, ...rest];
      if (clause === 0) tree.set.push({ path: target, value: rhs });
      else if (clause === 1) tree.remove.push(target);
      else if (clause === 2) tree.add.push({ path: target, value: addValue });
      else tree.delete.push({ path: target, value: addValue.SS ? addValue : { SS: ['x'] } });
    }
    return tree;
  });

/** The placeholder maps of a printed expression, each only when it has entries (AWS refuses an empty one). */
function maps(printed: PrintedExpression): Record<string, unknown> {
  return {
    ...(Object.keys(printed.names).length > 0 && { ExpressionAttributeNames: printed.names }),
    ...(Object.keys(printed.values).length > 0 && { ExpressionAttributeValues: printed.values }),
  };
}

describe('printing a tree and parsing the text gives the same tree (property)', () => {
  it('conditions', () => {
    fc.assert(
      fc.property(condition, (tree) => {
        const printed = printCondition(tree);
        const parsed = parseRequestExpressions({
          ConditionExpression: printed.expression,
          ...maps(printed),
        });
        expect(parsed.condition).toEqual(tree);
      }),
      { numRuns: 300, seed: 11 },
    );
  });

  it('updates', () => {
    fc.assert(
      fc.property(update, (tree) => {
        const printed = printUpdate(tree);
        const parsed = parseRequestExpressions({ UpdateExpression: printed.expression, ...maps(printed) });
        expect(parsed.update).toEqual(tree);
      }),
      { numRuns: 300, seed: 12 },
    );
  });

  it('projections', () => {
    const projection = fc
      .uniqueArray(fc.tuple(name, tail), { minLength: 1, maxLength: 5, selector: ([first]) => first })
      .map((paths) => paths.map(([first, rest]) => [first, ...rest]));
    fc.assert(
      fc.property(projection, (paths) => {
        const printed = printProjection(paths);
        const parsed = parseRequestExpressions({ ProjectionExpression: printed.expression, ...maps(printed) });
        expect(parsed.projection).toEqual(paths);
      }),
      { numRuns: 200, seed: 13 },
    );
  });
});
