/**
 * Item size by AWS's rules (the team reference aws-facts.md, section 4; docs/ddb-local-observed-core.md,
 * summary): names and strings in UTF-8 bytes, binary raw bytes, numbers by numberSize, BOOL/NULL 1, L/M 3 +
 * 1 per element (+ the name in M), sets the sum of their members.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type AttributeMap } from '../../src/index.js';
import { MAX_ITEM_SIZE_BYTES, itemSize } from '../../src/model/index.js';
import { canonicalItem } from '../../src/model/frozen-item.js';
import { utf8Length, utf8LengthByEncoder, valueSize } from '../../src/model/item-size.js';

describe('itemSize', () => {
  it('is 23 bytes for the AWS example {"shirt-color":"R","shirt-size":"M"}', () => {
    expect(itemSize({ 'shirt-color': { S: 'R' }, 'shirt-size': { S: 'M' } })).toBe(23);
  });

  it('counts names and string values in UTF-8 bytes, not UTF-16 units', () => {
    // é is 2 bytes, € 3, 😀 4 (a surrogate pair: 2 UTF-16 units).
    expect(itemSize({ é: { S: '€' } })).toBe(5);
    expect(itemSize({ '😀': { S: '😀é' } })).toBe(10);
    expect(itemSize({ s: { S: 'é€' } })).toBe(6);
    expect(itemSize({ a: { S: '' } })).toBe(1);
  });

  it('counts binary values in raw bytes, BOOL and NULL as 1', () => {
    expect(itemSize({ b: { B: new Uint8Array([1, 2, 3]) } })).toBe(4);
    expect(itemSize({ b: { B: new Uint8Array(0) } })).toBe(1);
    expect(itemSize({ t: { BOOL: true }, f: { BOOL: false }, z: { NULL: true } })).toBe(6);
  });

  it('counts numbers by their stored size', () => {
    expect(itemSize({ n: { N: '0' } })).toBe(2);
    expect(itemSize({ n: { N: '-1.5' } })).toBe(5);
    expect(itemSize({ n: { N: '12345678901234567890' } })).toBe(12);
  });

  it('gives a list 3 bytes plus 1 per element, and a map also each entry name', () => {
    expect(valueSize({ L: [] })).toBe(3);
    expect(valueSize({ M: {} })).toBe(3);
    expect(valueSize({ L: [{ S: 'a' }, { N: '1' }] })).toBe(3 + (1 + 1) + (2 + 1));
    expect(valueSize({ M: { x: { S: 'y' } } })).toBe(3 + 1 + 1 + 1);
    expect(valueSize({ M: { x: { S: 'y' }, n: { N: '2' } } })).toBe(3 + 3 + 4);
    // DynamoDB Local, observed: L [NULL, M {}] is 9, M {é: "€"} is 9, L [SS ["a"]] is 5.
    expect(valueSize({ L: [{ NULL: true }, { M: {} }] })).toBe(9);
    expect(valueSize({ M: { é: { S: '€' } } })).toBe(9);
    expect(valueSize({ L: [{ SS: ['a'] }] })).toBe(5);
    // Nesting adds the overhead at every level.
    expect(valueSize({ L: [{ L: [{ L: [] }] }] })).toBe(3 + 1 + (3 + 1 + 3));
  });

  it('gives sets the sum of their members and no overhead', () => {
    expect(valueSize({ SS: ['a', 'bb'] })).toBe(3);
    expect(valueSize({ SS: [''] })).toBe(0);
    expect(valueSize({ NS: ['-1.5', '1', '100'] })).toBe(8);
    expect(valueSize({ BS: [new Uint8Array([1]), new Uint8Array([2, 3])] })).toBe(3);
  });

  it('reproduces the docs item sizes: Upd3 {id:"a"} is 3 bytes, Del1 {id, v:1} 6 bytes', () => {
    expect(itemSize({ id: { S: 'a' } })).toBe(3);
    expect(itemSize({ id: { S: 'a' }, v: { N: '1' } })).toBe(6);
  });

  it('is the size canonicalItem computes in its own walk (property)', () => {
    fc.assert(
      fc.property(attributeMap, (item) => {
        const frozen = canonicalItem(item);
        expect(frozen.size).toBe(itemSize(frozen.item));
        expect(itemSize(item)).toBe(frozen.size);
      }),
      { numRuns: 200, seed: 17 },
    );
  });

  it('MAX_ITEM_SIZE_BYTES is 400 KiB', () => {
    expect(MAX_ITEM_SIZE_BYTES).toBe(409_600);
  });
});

describe('utf8Length', () => {
  it('matches Buffer.byteLength on random strings, lone surrogates included (property)', () => {
    const units = fc.oneof(
      fc.integer({ min: 0, max: 0x7f }),
      fc.integer({ min: 0x80, max: 0x7ff }),
      fc.integer({ min: 0x800, max: 0xffff }), // includes lone high and low surrogates
      fc.constantFrom(0xd800, 0xdbff, 0xdc00, 0xdfff),
    );
    const text = fc.oneof(
      fc
        .array(fc.integer({ min: 0, max: 0x10ffff }), { maxLength: 30 })
        .map((points) => String.fromCodePoint(...points)),
      fc.array(units, { maxLength: 30 }).map((codes) => String.fromCharCode(...codes)),
    );
    fc.assert(
      fc.property(text, (s) => {
        expect(utf8Length(s)).toBe(Buffer.byteLength(s, 'utf8'));
        expect(utf8Length(s)).toBe(utf8LengthByEncoder(s));
      }),
      { numRuns: 1000, seed: 23 },
    );
  });

  it('counts a lone surrogate as the 3-byte replacement character, a pair as 4 bytes', () => {
    expect(utf8Length('\ud83d')).toBe(3);
    expect(utf8Length('\ude00')).toBe(3);
    expect(utf8Length('\ude00\ud83d')).toBe(6);
    expect(utf8Length('\ud83d\ude00')).toBe(4);
    expect(utf8Length('a\ud83dz')).toBe(5);
  });
});

/** Random AttributeValue maps, numbers in any text form, names that include prototype names. */
const attributeName = fc.oneof(
  fc.string({ minLength: 1, maxLength: 6 }),
  fc.constantFrom('__proto__', 'constructor', 'toString', 'é€', '😀'),
);
const numberText = fc.oneof(
  fc.integer({ min: -1e6, max: 1e6 }).map(String),
  fc
    .tuple(fc.integer({ min: -1e6, max: 1e6 }), fc.integer({ min: 0, max: 8 }))
    .map(([digits, scale]) => `${digits}e-${scale}`),
  fc.constantFrom('01.50', '1E+2', '-0', '.5', '5.', '1e-5', '1e125'),
);
const scalar = fc.oneof(
  fc.string({ maxLength: 8 }).map((S) => ({ S })),
  numberText.map((N) => ({ N })),
  fc.uint8Array({ maxLength: 6 }).map((B) => ({ B })),
  fc.boolean().map((BOOL) => ({ BOOL })),
  fc.constant({ NULL: true as const }),
  fc.uniqueArray(fc.string({ maxLength: 4 }), { minLength: 1, maxLength: 4 }).map((SS) => ({ SS })),
  fc
    .uniqueArray(fc.integer({ min: -999, max: 999 }), { minLength: 1, maxLength: 4 })
    .map((ns) => ({ NS: ns.map(String) })),
);
function ownMap<T>(entries: [string, T][]): Record<string, T> {
  const out: Record<string, T> = {};
  for (const [name, value] of entries)
    Object.defineProperty(out, name, { value, enumerable: true, writable: true, configurable: true });
  return out;
}
const { value: attributeValue } = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    scalar,
    fc.array(tie('value'), { maxLength: 3 }).map((L) => ({ L })),
    fc.array(fc.tuple(attributeName, tie('value')), { maxLength: 3 }).map((entries) => ({ M: ownMap(entries) })),
  ),
}));
const attributeMap = fc
  .array(fc.tuple(attributeName, attributeValue), { maxLength: 5 })
  .map((entries) => ownMap(entries) as AttributeMap);
