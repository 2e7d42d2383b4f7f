/**
 * The legacy conditions as the syntax tree (src/expression/legacy/): Expected, QueryFilter/ScanFilter and KeyConditions
 * are tested by the one evaluator, with the legacy answers DynamoDB Local 2.x gives (NOT_CONTAINS on an absent
 * attribute is false, where `NOT contains(a, :v)` is true; NE on an absent attribute is true).
 */
import { describe, expect, it } from 'vitest';
import { conditionHolds } from '../../src/expression/condition-evaluator.js';
import { expectedToCondition } from '../../src/expression/legacy/expected.js';
import { keyConditionsToTree } from '../../src/expression/legacy/key-conditions.js';
import { readFilter } from '../../src/expression/legacy/read-filter.js';
import type { AttributeMap } from '../../src/model/attribute-value.js';
import type { KeySchema } from '../../src/model/key-schema.js';

const SCHEMA: KeySchema = { partitionKey: { name: 'pk', type: 'S' }, sortKey: { name: 'sk', type: 'N' } };
const ITEM: AttributeMap = { 'a.b': { S: 'dotted' }, s: { S: 'hello' }, n: { N: '5' }, tags: { SS: ['x', 'y'] } };

describe('legacy conditions through the one evaluator', () => {
  it.each([
    ['NOT_CONTAINS on an absent attribute is false', 'absent', 'NOT_CONTAINS', [{ S: 'x' }], false],
    ['NOT_CONTAINS on a present attribute', 's', 'NOT_CONTAINS', [{ S: 'z' }], true],
    ['CONTAINS on a set', 'tags', 'CONTAINS', [{ S: 'x' }], true],
    ['NE on an absent attribute is true', 'absent', 'NE', [{ S: 'x' }], true],
    ['EQ on an absent attribute is false', 'absent', 'EQ', [{ S: 'x' }], false],
    ['a dotted name is one attribute', 'a.b', 'EQ', [{ S: 'dotted' }], true],
    ['LT of another type is false', 'n', 'LT', [{ S: 'z' }], false],
    ['GE of a number', 'n', 'GE', [{ N: '5' }], true],
    ['BETWEEN', 'n', 'BETWEEN', [{ N: '1' }, { N: '5' }], true],
    ['BEGINS_WITH', 's', 'BEGINS_WITH', [{ S: 'he' }], true],
    ['IN', 'n', 'IN', [{ N: '4' }, { N: '5' }], true],
    ['NULL', 'absent', 'NULL', undefined, true],
    ['NOT_NULL', 'absent', 'NOT_NULL', undefined, false],
  ])('%s', (_name, attribute, operator, list, holds) => {
    const filter = readFilter(
      'ScanFilter',
      { [attribute]: { ComparisonOperator: operator, AttributeValueList: list } },
      undefined,
      SCHEMA,
    );
    expect(conditionHolds(filter!, ITEM)).toBe(holds);
    const expected = expectedToCondition(
      { [attribute]: { ComparisonOperator: operator, AttributeValueList: list } },
      undefined,
    );
    expect(conditionHolds(expected!, ITEM)).toBe(holds);
  });

  it('Expected Value / Exists, combined by ConditionalOperator; an empty Expected is no condition', () => {
    const both = { s: { Value: { S: 'hello' } }, absent: { Exists: false } };
    expect(conditionHolds(expectedToCondition(both, undefined)!, ITEM)).toBe(true);
    const oneFails = { s: { Value: { S: 'other' } }, absent: { Exists: false } };
    expect(conditionHolds(expectedToCondition(oneFails, 'AND')!, ITEM)).toBe(false);
    expect(conditionHolds(expectedToCondition(oneFails, 'OR')!, ITEM)).toBe(true);
    expect(expectedToCondition({}, undefined)).toBeUndefined();
  });

  it('KeyConditions become a KeyConditionTree whose sort key condition is over [sk]', () => {
    const tree = keyConditionsToTree(SCHEMA, {
      pk: { ComparisonOperator: 'EQ', AttributeValueList: [{ S: 'p' }] },
      sk: { ComparisonOperator: 'BETWEEN', AttributeValueList: [{ N: '1' }, { N: '3' }] },
    });
    expect(tree.partitionKey).toEqual({ name: 'pk', value: { S: 'p' } });
    const condition = tree.sortKey!.condition;
    expect([0, 1, 3, 4].map((n) => conditionHolds(condition, { sk: { N: String(n) } }))).toEqual([
      false,
      true,
      true,
      false,
    ]);
  });
});
