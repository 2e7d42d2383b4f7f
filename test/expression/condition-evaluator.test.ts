/**
 * conditionHolds (src/expression/condition-evaluator.ts): the table of cases in cases/condition-cases.ts, each checked
 * on DynamoDB Local 2.9.30, and that AND and OR stop at their first operand when it decides.
 */
import { describe, expect, it } from 'vitest';
import { conditionHolds } from '../../src/expression/condition-evaluator.js';
import type { ConditionNode } from '../../src/expression/syntax-tree.js';
import type { AttributeMap } from '../../src/model/attribute-value.js';
import { and, attr, cmp, exists, or, val } from '../support/expression-trees.js';
import { CONDITION_CASES, ITEM } from './cases/condition-cases.js';

describe('conditionHolds: the cases DynamoDB Local answers', () => {
  it.each(CONDITION_CASES.map((row) => [row.name, row] as const))('%s', (_name, row) => {
    const item = 'item' in row ? row.item : ITEM;
    expect(conditionHolds(row.condition, item)).toBe(row.holds);
  });
});

describe('conditionHolds', () => {
  it('AND and OR do not look at their second operand when the first decides', () => {
    let reads = 0;
    const item = new Proxy({ a: { S: 'x' } } as AttributeMap, {
      getOwnPropertyDescriptor(target, name) {
        reads++;
        return Reflect.getOwnPropertyDescriptor(target, name);
      },
    });
    const second: ConditionNode = cmp(attr('a'), '=', val({ S: 'x' }));
    reads = 0;
    expect(conditionHolds(and(exists('q'), second), item)).toBe(false);
    expect(reads).toBe(1);
    reads = 0;
    expect(conditionHolds(or(exists('a'), second), item)).toBe(true);
    expect(reads).toBe(1);
  });

  it('reads a map key named __proto__ as an entry, and a missing one as absent', () => {
    const item = JSON.parse('{"m":{"M":{"__proto__":{"S":"p"}}}}') as AttributeMap;
    expect(conditionHolds(cmp(attr(['m', '__proto__']), '=', val({ S: 'p' })), item)).toBe(true);
    expect(conditionHolds(exists('__proto__'), item)).toBe(false);
    expect(conditionHolds(exists('m.constructor'), item)).toBe(false);
  });
});
