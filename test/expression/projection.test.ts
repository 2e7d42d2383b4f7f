/**
 * projectItem (src/expression/projection.ts): the table of cases in cases/projection-cases.ts, each checked on
 * DynamoDB Local 2.9.30, and that projecting every top-level name gives the item back.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { projectItem } from '../../src/expression/projection.js';
import type { AttributeMap, AttributeValue } from '../../src/model/attribute-value.js';
import { PROJECTED, PROJECTION_CASES } from './cases/projection-cases.js';

describe('projectItem: the cases DynamoDB Local answers', () => {
  it.each(PROJECTION_CASES.map((row) => [row.name, row] as const))('%s', (_name, row) => {
    expect(projectItem(PROJECTED, row.projection)).toEqual(row.result);
  });
});

describe('projectItem', () => {
  it('keeps a name or map key __proto__ as an entry', () => {
    const item = JSON.parse(
      '{"__proto__":{"S":"top"},"m":{"M":{"__proto__":{"S":"in"},"x":{"S":"x"}}}}',
    ) as AttributeMap;
    const out = projectItem(item, [['__proto__'], ['m', '__proto__']]);
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(out, '__proto__')?.value).toEqual({ S: 'top' });
    const map = out.m?.M as AttributeMap;
    expect(Object.keys(map)).toEqual(['__proto__']);
    expect(Object.getOwnPropertyDescriptor(map, '__proto__')?.value).toEqual({ S: 'in' });
  });

  it('every top-level name projects the item itself (property)', () => {
    const value: fc.Arbitrary<AttributeValue> = fc.oneof(
      fc.string().map((S) => ({ S })),
      fc
        .array(
          fc.string().map((S) => ({ S })),
          { maxLength: 3 },
        )
        .map((L) => ({ L })),
      fc
        .dictionary(
          fc.string(),
          fc.integer().map((n) => ({ N: String(n) })),
          { maxKeys: 3 },
        )
        .map((M) => ({ M })),
    );
    fc.assert(
      fc.property(fc.dictionary(fc.string({ minLength: 1 }), value), (item) => {
        expect(
          projectItem(
            item,
            Object.keys(item).map((name) => [name]),
          ),
        ).toEqual(item);
      }),
    );
  });
});
