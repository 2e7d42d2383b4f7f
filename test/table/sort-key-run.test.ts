/**
 * A Query's sort key condition by binary search (src/table/sort-key-run.ts) selects exactly the items the condition
 * holds for, item by item: for random partitions of S, N and B sort keys and every condition shape a key condition
 * allows, with the key on either side of a comparison.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AttributeMap, AttributeValue } from '../../src/index.js';
import { compareKeyValues } from '../../src/conditions/comparison.js';
import { conditionHolds } from '../../src/expression/condition-evaluator.js';
import type { Comparator, ConditionNode, Operand } from '../../src/expression/syntax-tree.js';
import { canonicalValue } from '../../src/model/frozen-item.js';
import type { KeyAttribute } from '../../src/model/key-schema.js';
import { sortKeyRun } from '../../src/table/sort-key-run.js';

const valueArbitrary: Record<'S' | 'N' | 'B', fc.Arbitrary<AttributeValue>> = {
  // Few characters, so prefixes and equal values are common; astral ones, where UTF-16 and UTF-8 order differ.
  S: fc
    .array(fc.constantFrom('a', 'b', 'ab', 'é', '\u{1F600}', '\uFFFD', 'z'), { minLength: 1, maxLength: 4 })
    .map((parts) => ({ S: parts.join('') })),
  // Integers and hundredths, negative ones included: numbers compare by value, not as text.
  N: fc
    .integer({ min: -100_000, max: 100_000 })
    .map((n) => ({ N: canonicalValue({ N: String(n / 100) }).value.N as string })),
  B: fc.uint8Array({ minLength: 1, maxLength: 3, max: 3 }).map((bytes) => ({ B: bytes })),
};

const COMPARATORS: Comparator[] = ['=', '<', '<=', '>', '>='];

function conditionArbitrary(type: 'S' | 'N' | 'B'): fc.Arbitrary<ConditionNode> {
  const key: Operand = { kind: 'path', path: ['sk'] };
  const value = valueArbitrary[type].map((v): Operand => ({ kind: 'value', value: v }));
  const shapes: fc.Arbitrary<ConditionNode>[] = [
    fc
      .tuple(fc.constantFrom(...COMPARATORS), value, fc.boolean())
      .map(([comparator, operand, keyFirst]) =>
        keyFirst
          ? { kind: 'compare', comparator, left: key, right: operand }
          : { kind: 'compare', comparator, left: operand, right: key },
      ),
    fc.tuple(value, value).map(([low, high]) => ({ kind: 'between', subject: key, low, high })),
  ];
  if (type !== 'N') shapes.push(value.map((prefix) => ({ kind: 'begins_with', subject: key, prefix })));
  return fc.oneof(...shapes);
}

describe('sortKeyRun', () => {
  for (const type of ['S', 'N', 'B'] as const) {
    it(`selects what the condition holds for, ${type} sort keys`, () => {
      const sortKey: KeyAttribute = { name: 'sk', type };
      fc.assert(
        fc.property(
          fc.array(valueArbitrary[type], { maxLength: 30 }),
          conditionArbitrary(type),
          (values, condition) => {
            const partition: AttributeMap[] = values
              .sort((a, b) => compareKeyValues(type, a, b))
              .map((sk, i) => ({ pk: { S: 'p' }, sk, i: { N: String(i) } }));
            const expected = partition.filter((item) => conditionHolds(condition, { sk: item.sk as AttributeValue }));
            expect(sortKeyRun(partition, sortKey, condition)).toEqual(expected);
          },
        ),
        { numRuns: 300 },
      );
    });
  }

  it('tests a condition of another shape item by item', () => {
    const partition: AttributeMap[] = [{ sk: { S: 'a' } }, { sk: { S: 'b' } }];
    const condition: ConditionNode = { kind: 'attribute_exists', path: ['sk'] };
    expect(sortKeyRun(partition, { name: 'sk', type: 'S' }, condition)).toEqual(partition);
  });
});
