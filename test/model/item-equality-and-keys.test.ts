/**
 * Deep equality of canonical items (what decides that a write is a no-op) and the key-schema helpers (storage
 * keys, stream Keys, the partition key's hash input).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ValidationException, type AttributeMap, type AttributeValue } from '../../src/index.js';
import { canonicalItem } from '../../src/model/frozen-item.js';
import { itemsEqual, valuesEqual } from '../../src/model/item-equality.js';
import {
  keyOfItem,
  keyOfKeyParameter,
  partitionKeyHashInput,
  projectKey,
  type KeySchema,
} from '../../src/model/key-schema.js';
import { expectThrows } from '../support/aws-errors.js';

const frozen = (item: AttributeMap) => canonicalItem(item).item;

describe('itemsEqual', () => {
  it('ignores attribute order, map entry order and set order; compares numbers by value', () => {
    const a = frozen({
      x: { N: '1.0' },
      m: { M: { p: { SS: ['a', 'b'] }, q: { BS: [new Uint8Array([1]), new Uint8Array([2])] } } },
    });
    const b = frozen({
      m: { M: { q: { BS: [new Uint8Array([2]), new Uint8Array([1])] }, p: { SS: ['b', 'a'] } } },
      x: { N: '1' },
    });
    expect(itemsEqual(a, b)).toBe(true);
  });

  it('tells apart types, list order, extra attributes and binary contents', () => {
    const base = frozen({ v: { L: [{ S: '1' }, { N: '1' }] } });
    expect(itemsEqual(base, frozen({ v: { L: [{ N: '1' }, { S: '1' }] } }))).toBe(false);
    expect(itemsEqual(base, frozen({ v: { L: [{ S: '1' }] } }))).toBe(false);
    expect(itemsEqual(base, frozen({ v: { L: [{ S: '1' }, { N: '1' }] }, w: { NULL: true } }))).toBe(false);
    expect(itemsEqual(frozen({ v: { S: '1' } }), frozen({ w: { S: '1' } }))).toBe(false);
    expect(itemsEqual(frozen({ b: { B: new Uint8Array([1]) } }), frozen({ b: { B: new Uint8Array([2]) } }))).toBe(
      false,
    );
    expect(valuesEqual({ S: '1' }, { N: '1' })).toBe(false);
    expect(valuesEqual({ BOOL: false }, { NULL: true } as AttributeValue)).toBe(false);
    expect(valuesEqual({ SS: ['a'] }, { SS: ['a', 'b'] })).toBe(false);
    expect(valuesEqual({ NS: ['1'] }, { SS: ['1'] })).toBe(false);
    expect(valuesEqual({ M: {} }, { L: [] })).toBe(false);
  });

  it('an item equals any reordering of itself (property)', () => {
    const entry = fc.tuple(
      fc.string({ minLength: 1, maxLength: 3 }),
      fc.oneof(
        fc.string().map((S) => ({ S })),
        fc.integer().map((n) => ({ N: String(n) })),
      ),
    );
    fc.assert(
      fc.property(
        fc.uniqueArray(entry, { selector: ([name]) => name, maxLength: 6 }),
        fc.func(fc.integer()),
        (entries, rank) => {
          const a = frozen(Object.fromEntries(entries));
          const shuffled = [...entries].sort((x, y) => rank(x[0]) - rank(y[0]));
          expect(itemsEqual(a, frozen(Object.fromEntries(shuffled)))).toBe(true);
        },
      ),
      { numRuns: 100, seed: 19 },
    );
  });
});

describe('key schema helpers', () => {
  const schema: KeySchema = { partitionKey: { name: 'id', type: 'N' }, sortKey: { name: 'sk', type: 'S' } };

  it('one storage key per key value: number text forms agree, distinct pairs differ', () => {
    expect(keyOfItem(schema, frozen({ id: { N: '1.0' }, sk: { S: 'a' } }))).toBe(
      keyOfItem(schema, frozen({ id: { N: '1' }, sk: { S: 'a' } })),
    );
    expect(keyOfItem(schema, frozen({ id: { N: '1' }, sk: { S: '2a' } }))).not.toBe(
      keyOfItem(schema, frozen({ id: { N: '12' }, sk: { S: 'a' } })),
    );
  });

  it('a Key parameter must hold exactly the key attributes', () => {
    expectThrows(
      () => keyOfKeyParameter(schema, frozen({ id: { N: '1' } })),
      ValidationException,
      'The number of conditions on the keys is invalid',
    );
    expect(keyOfKeyParameter(schema, frozen({ sk: { S: 'a' }, id: { N: '1' } }))).toBe(
      keyOfItem(schema, frozen({ id: { N: '1' }, sk: { S: 'a' } })),
    );
  });

  it('projectKey gives the key attributes, in schema order, binary values copied', () => {
    const item = frozen({ x: { S: 'other' }, sk: { S: 'a' }, id: { N: '7' } });
    expect(projectKey(schema, item)).toEqual({ id: { N: '7' }, sk: { S: 'a' } });
    expect(Object.keys(projectKey(schema, item))).toEqual(['id', 'sk']);
    const binary: KeySchema = { partitionKey: { name: 'b', type: 'B' } };
    const stored = frozen({ b: { B: new Uint8Array([1, 2]) } });
    const key = projectKey(binary, stored);
    (key.b?.B as Uint8Array)[0] = 9;
    expect(stored.b?.B).toEqual(new Uint8Array([1, 2]));
  });

  it('the partition key hashes over its canonical value, so "1.0" and "1" route alike', () => {
    expect(partitionKeyHashInput(schema, frozen({ id: { N: '1.0' }, sk: { S: 'a' } }))).toBe('1');
    expect(partitionKeyHashInput({ partitionKey: { name: 'id', type: 'S' } }, frozen({ id: { S: 'é' } }))).toBe('é');
    expect(
      partitionKeyHashInput({ partitionKey: { name: 'b', type: 'B' } }, frozen({ b: { B: new Uint8Array([3]) } })),
    ).toEqual(new Uint8Array([3]));
  });
});
