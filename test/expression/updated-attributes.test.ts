/**
 * updatedAttributes (src/expression/updated-attributes.ts), for ReturnValues UPDATED_OLD and UPDATED_NEW: the table
 * of cases in cases/updated-attributes-cases.ts (AWS's answers; where DynamoDB Local 2.9.30 answers otherwise, the
 * row says so), and that a SET of top-level names returns those names of the new item.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { projectItem } from '../../src/expression/projection.js';
import { applyUpdate } from '../../src/expression/update-applier.js';
import { updatedAttributes } from '../../src/expression/updated-attributes.js';
import type { AttributeMap } from '../../src/model/attribute-value.js';
import { lit, update } from '../support/expression-trees.js';
import { BEFORE, UPDATED_ATTRIBUTES_CASES } from './cases/updated-attributes-cases.js';

describe('updatedAttributes: UPDATED_OLD and UPDATED_NEW as AWS returns them', () => {
  it.each(UPDATED_ATTRIBUTES_CASES.map((row) => [row.name, row] as const))('%s', (_name, row) => {
    expect(updatedAttributes(row.tree, BEFORE)).toEqual(row.old);
    expect(updatedAttributes(row.tree, applyUpdate(row.tree, BEFORE))).toEqual(row.new);
  });
});

describe('updatedAttributes', () => {
  it('of no item is nothing (UPDATED_OLD of an update that creates the item)', () => {
    expect(updatedAttributes(update({ set: [['a', lit({ N: '1' })]] }), undefined)).toBeUndefined();
  });

  it('of a SET of top-level names is the projection of those names (property)', () => {
    const names = fc.uniqueArray(fc.constantFrom('a', 'b', 'c', 'd', '__proto__'), { minLength: 1 });
    const item = fc.dictionary(
      fc.constantFrom('a', 'b', 'x'),
      fc.string().map((S) => ({ S })),
    );
    fc.assert(
      fc.property(item, names, fc.string(), (old: AttributeMap, set, text) => {
        const tree = update({ set: set.map((name) => [name, lit({ S: text })]) });
        const next = applyUpdate(tree, old);
        const paths = set.map((name) => [name]);
        expect(updatedAttributes(tree, next)).toEqual(projectItem(next, paths));
        const before = projectItem(old, paths);
        expect(updatedAttributes(tree, old)).toEqual(Object.keys(before).length === 0 ? undefined : before);
      }),
    );
  });
});
