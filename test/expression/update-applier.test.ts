/**
 * applyUpdate (src/expression/update-applier.ts): the table of cases in cases/update-cases.ts (each checked on
 * DynamoDB Local 2.9.30), and the properties that make it safe on stored items: it never changes its input, and
 * shares what it does not change.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyUpdate } from '../../src/expression/update-applier.js';
import type { AttributeMap, AttributeValue } from '../../src/model/attribute-value.js';
import { from, listAppend, lit, plus, update } from '../support/expression-trees.js';
import { UPDATE_CASES } from './cases/update-cases.js';

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !(value instanceof Uint8Array)) {
    for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
    Object.freeze(value);
  }
  return value;
}

describe('applyUpdate: the cases DynamoDB Local answers', () => {
  it.each(UPDATE_CASES.map((row) => [row.name, row] as const))('%s', (_name, row) => {
    const item = row.item === undefined ? undefined : deepFreeze(structuredClone(row.item));
    if (row.error !== undefined) {
      expect(() => applyUpdate(row.tree, item)).toThrow(
        expect.objectContaining({ name: 'ValidationException', message: row.error }),
      );
    } else {
      expect(applyUpdate(row.tree, item)).toEqual(row.result);
    }
  });
});

describe('applyUpdate on shared items', () => {
  it('a map key named __proto__ is an entry like any other', () => {
    const item = deepFreeze(JSON.parse('{"m":{"M":{"__proto__":{"N":"1"}}}}') as AttributeMap);
    const next = applyUpdate(update({ set: [['m.__proto__', plus(from('m.__proto__'), lit({ N: '1' }))]] }), item);
    const map = next.m?.M as AttributeMap;
    expect(Object.hasOwn(map, '__proto__')).toBe(true);
    expect(Object.getPrototypeOf(map)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(map, '__proto__')?.value).toEqual({ N: '2' });
  });

  it('shares every attribute and nested value the update does not touch', () => {
    const item = deepFreeze({
      a: { N: '1' },
      m: { M: { x: { M: { deep: { S: 'd' } } }, y: { S: 'y' } } },
      l: { L: [{ S: 'keep' }] },
    } as AttributeMap);
    const next = applyUpdate(update({ set: [['m.y', lit({ S: 'z' })]] }), item);
    expect(next.l).toBe(item.l);
    expect(next.a).toBe(item.a);
    expect(next.m?.M?.x).toBe(item.m?.M?.x);
    expect(next.m?.M?.y).toEqual({ S: 'z' });
  });

  it('returns the item itself when the update changes nothing', () => {
    const item = deepFreeze({ a: { S: 'a' } } as AttributeMap);
    expect(applyUpdate(update({ remove: ['q', 'z'] }), item)).toBe(item);
  });

  const scalar: fc.Arbitrary<AttributeValue> = fc.oneof(
    fc.string().map((S) => ({ S })),
    fc.integer().map((n) => ({ N: String(n) })),
    fc.boolean().map((BOOL) => ({ BOOL })),
  );
  const value: fc.Arbitrary<AttributeValue> = fc.letrec<{ value: AttributeValue }>((tie) => ({
    value: fc.oneof(
      { depthSize: 'small' },
      scalar,
      fc.array(tie('value'), { maxLength: 4 }).map((L) => ({ L })),
      fc.dictionary(fc.constantFrom('a', 'b', 'c', '__proto__'), tie('value'), { maxKeys: 3 }).map((M) => ({ M })),
    ),
  })).value;
  const name = fc.constantFrom('a', 'b', 'c', 'l');
  const pathText = fc
    .tuple(
      name,
      fc.array(
        fc.oneof(
          fc.constantFrom('.a', '.b', '.__proto__'),
          fc.nat(4).map((i) => `[${i}]`),
        ),
        { maxLength: 3 },
      ),
    )
    .map(([head, rest]) => head + rest.join(''));
  const tree = fc
    .record({
      set: fc.array(
        fc.tuple(
          pathText,
          fc.oneof(scalar.map(lit), pathText.map(from), fc.constant(listAppend(from('l'), lit({ L: [] })))),
        ),
        { maxLength: 3 },
      ),
      remove: fc.array(pathText, { maxLength: 2 }),
      add: fc.array(fc.tuple(pathText, fc.constant<AttributeValue>({ N: '1' })), { maxLength: 2 }),
    })
    .map((clauses) => update(clauses));

  it('never changes its input, whatever it answers (property)', () => {
    fc.assert(
      fc.property(fc.dictionary(name, value, { maxKeys: 4 }), tree, (item, updateTree) => {
        const before = structuredClone(item);
        deepFreeze(item);
        try {
          applyUpdate(updateTree, item);
        } catch (error) {
          expect((error as Error).name).toBe('ValidationException');
        }
        expect(item).toEqual(before);
      }),
    );
  });
});
