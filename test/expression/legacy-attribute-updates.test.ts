/**
 * AttributeUpdates as the tree an UpdateExpression parses to (src/expression/legacy/attribute-updates.ts), applied
 * by the one update evaluator with the legacy wording, and UPDATED_OLD / UPDATED_NEW as every attribute it names.
 */
import { describe, expect, it } from 'vitest';
import { attributeUpdatesToTree, attributeUpdatesToUpdate } from '../../src/expression/legacy/attribute-updates.js';
import type { KeySchema } from '../../src/model/key-schema.js';

const SCHEMA: KeySchema = { partitionKey: { name: 'id', type: 'S' } };

describe('AttributeUpdates as an update tree', () => {
  it('PUT is SET, DELETE without a value REMOVE, DELETE with a set DELETE, ADD ADD; a dotted name is one attribute', () => {
    expect(
      attributeUpdatesToTree(
        {
          'a.b': { Action: 'PUT', Value: { S: 'x' } },
          gone: { Action: 'DELETE' },
          tags: { Action: 'DELETE', Value: { SS: ['t'] } },
          n: { Action: 'ADD', Value: { N: '1' } },
          implicit: { Value: { N: '2' } },
        },
        SCHEMA,
      ),
    ).toEqual({
      set: [
        { path: ['a.b'], value: { kind: 'value', value: { S: 'x' } } },
        { path: ['implicit'], value: { kind: 'value', value: { N: '2' } } },
      ],
      remove: [['gone']],
      add: [{ path: ['n'], value: { N: '1' } }],
      delete: [{ path: ['tags'], value: { SS: ['t'] } }],
    });
  });

  it('names every attribute of the parameter, __proto__ included', () => {
    const updates = JSON.parse(
      '{"b":{"Action":"DELETE"},"__proto__":{"Action":"PUT","Value":{"S":"p"}},"a":{"Action":"ADD","Value":{"N":"1"}}}',
    ) as Record<string, unknown>;
    const update = attributeUpdatesToUpdate(updates, SCHEMA);
    const next = update.apply({ id: { S: 'k' }, b: { S: 'gone' } });
    expect(Object.keys(next).sort()).toEqual(['__proto__', 'a', 'id']);
    expect(Object.getPrototypeOf(next)).toBe(Object.prototype);
  });

  it.each([
    ['ADD of a number to a string', { n: { Action: 'ADD', Value: { N: '1' } } }, { n: { S: 's' } }],
    ['ADD of a set to a number', { n: { Action: 'ADD', Value: { SS: ['a'] } } }, { n: { N: '1' } }],
    ['DELETE of a set from another set type', { n: { Action: 'DELETE', Value: { SS: ['a'] } } }, { n: { NS: ['1'] } }],
  ])('%s answers the legacy "Type mismatch for attribute to update"', (_name, updates, attributes) => {
    const update = attributeUpdatesToUpdate(updates, SCHEMA);
    expect(() => update.apply({ id: { S: 'k' }, ...attributes })).toThrow(/^Type mismatch for attribute to update$/);
  });

  it('UPDATED_OLD / UPDATED_NEW: the named attributes of the item, an unchanged one included, absent ones left out', () => {
    const update = attributeUpdatesToUpdate(
      {
        count: { Action: 'PUT', Value: { N: '5' } },
        missing: { Action: 'DELETE' },
      },
      SCHEMA,
    );
    const item = { id: { S: 'k' }, count: { N: '5' }, other: { S: 'x' } };
    update.apply(item);
    expect(update.touched(item)).toEqual({ count: { N: '5' } });
    expect(update.touched({ id: { S: 'k' } })).toBeUndefined();
    expect(update.touched(undefined)).toBeUndefined();
  });
});
