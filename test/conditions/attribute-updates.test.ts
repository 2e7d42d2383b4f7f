/**
 * AttributeUpdates below the wire (src/conditions/legacy/attribute-updates.ts): the update reports the attributes
 * it names, and UPDATED_OLD / UPDATED_NEW are those attributes of the whole item before or after, so the update is
 * applied once, by the table, with nothing wrapped around it.
 */
import { describe, expect, it } from 'vitest';
import { attributeUpdatesToUpdate, updatedAttributes } from '../../src/conditions/legacy/attribute-updates.js';
import type { KeySchema } from '../../src/model/key-schema.js';

const SCHEMA: KeySchema = { partitionKey: { name: 'id', type: 'S' } };

describe('AttributeUpdates as an update with the attributes it names', () => {
  it('names every attribute of the parameter, in its order, __proto__ included', () => {
    const updates = JSON.parse(
      '{"b":{"Action":"DELETE"},"__proto__":{"Action":"PUT","Value":{"S":"p"}},"a":{"Action":"ADD","Value":{"N":"1"}}}',
    ) as Record<string, unknown>;
    const update = attributeUpdatesToUpdate(updates, SCHEMA);
    expect(update.attributeNames).toEqual(['b', '__proto__', 'a']);
    const next = update.apply({ id: { S: 'k' }, b: { S: 'gone' } });
    expect(Object.keys(next).sort()).toEqual(['__proto__', 'a', 'id']);
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
    expect(updatedAttributes(item, update)).toEqual({
      Attributes: { count: { N: '5' } },
    });
    expect(updatedAttributes({ id: { S: 'k' } }, update)).toEqual({});
    expect(updatedAttributes(undefined, update)).toEqual({});
  });
});
