/**
 * marshallItem / unmarshallItem: plain JavaScript values <-> AttributeValue maps, by the rules of
 * `@aws-sdk/util-dynamodb` (what DynamoDBDocumentClient does), with attribute names kept as data.
 */
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ValidationException,
  marshallItem,
  unmarshallItem,
  type AttributeMap,
  type AttributeValue,
} from '../../src/index.js';
import { canonicalItem } from '../../src/model/frozen-item.js';
import { expectThrows } from '../support/aws-errors.js';

describe('marshallItem', () => {
  it('maps each JavaScript type to its AttributeValue', () => {
    const item = marshallItem({
      s: 'text',
      empty: '',
      n: 42,
      f: -1.5,
      big: 12345678901234567890n,
      t: true,
      no: false,
      z: null,
      b: new Uint8Array([1, 2]),
      ss: new Set(['a', 'b']),
      ns: new Set([1, 2]),
      bs: new Set([new Uint8Array([1]), new Uint8Array([2])]),
      l: ['x', 1, null, [true]],
      m: { nested: { deeper: 'yes' } },
    });
    expect(item).toEqual({
      s: { S: 'text' },
      empty: { S: '' },
      n: { N: '42' },
      f: { N: '-1.5' },
      big: { N: '12345678901234567890' },
      t: { BOOL: true },
      no: { BOOL: false },
      z: { NULL: true },
      b: { B: new Uint8Array([1, 2]) },
      ss: { SS: ['a', 'b'] },
      ns: { NS: ['1', '2'] },
      bs: { BS: [new Uint8Array([1]), new Uint8Array([2])] },
      l: { L: [{ S: 'x' }, { N: '1' }, { NULL: true }, { L: [{ BOOL: true }] }] },
      m: { M: { nested: { M: { deeper: { S: 'yes' } } } } },
    });
  });

  it('agrees with @aws-sdk/util-dynamodb marshall on ordinary items (property)', () => {
    fc.assert(
      fc.property(ordinaryItem, (item) => {
        expect(marshallItem(item)).toEqual(marshall(item, { removeUndefinedValues: true }));
      }),
      { numRuns: 200, seed: 31 },
    );
  });

  it('removes undefined values at every depth by default, and skips functions', () => {
    expect(
      marshallItem({
        a: undefined,
        b: 1,
        l: [1, undefined, 2],
        m: { x: undefined, y: 'y' },
        s: new Set(['a', undefined]),
        fn: () => 1,
        lf: [() => 1, 'kept'],
      }),
    ).toEqual({
      b: { N: '1' },
      l: { L: [{ N: '1' }, { N: '2' }] },
      m: { M: { y: { S: 'y' } } },
      s: { SS: ['a'] },
      lf: { L: [{ S: 'kept' }] },
    });
  });

  it('with removeUndefinedValues false, an undefined value is a ValidationException', () => {
    const message =
      'One or more parameter values were invalid: Pass options.removeUndefinedValues=true to remove undefined values from map/array/set.';
    expectThrows(() => marshallItem({ a: undefined }, { removeUndefinedValues: false }), ValidationException, message);
    expectThrows(
      () => marshallItem({ l: [undefined] }, { removeUndefinedValues: false }),
      ValidationException,
      message,
    );
    expectThrows(
      () => marshallItem({ m: { x: undefined } }, { removeUndefinedValues: false }),
      ValidationException,
      message,
    );
  });

  it('reports what the library rejects as ValidationException', () => {
    expectThrows(
      () => marshallItem({ s: new Set() }),
      ValidationException,
      'One or more parameter values were invalid: Pass a non-empty set, or options.convertEmptyValues=true.',
    );
    expectThrows(
      () => marshallItem({ n: Number.NaN }),
      ValidationException,
      'One or more parameter values were invalid: Special numeric value NaN is not allowed',
    );
    expectThrows(
      () => marshallItem({ n: 2 ** 60 }),
      ValidationException,
      `One or more parameter values were invalid: Number ${2 ** 60} is greater than Number.MAX_SAFE_INTEGER. Use NumberValue from @aws-sdk/lib-dynamodb.`,
    );
    expectThrows(
      () => marshallItem({ d: new Date(0) }),
      ValidationException,
      `One or more parameter values were invalid: Unsupported type passed: ${String(new Date(0))}. Pass options.convertClassInstanceToMap=true to marshall typeof object as map attribute.`,
    );
  });

  it('rejects a top-level value that is not a plain object', () => {
    const message = 'One or more parameter values were invalid: An item must be a plain object';
    expectThrows(() => marshallItem([] as never), ValidationException, message);
    expectThrows(() => marshallItem(new Map() as never), ValidationException, message);
    expectThrows(() => marshallItem(null as never), ValidationException, message);
  });

  it('accepts an object without a prototype', () => {
    const item = Object.create(null) as Record<string, unknown>;
    item.a = 'x';
    expect(marshallItem(item)).toEqual({ a: { S: 'x' } });
  });

  it('keeps prototype-ish names as own attributes, in maps, in nested maps and in Map instances', () => {
    const item = JSON.parse(
      '{"__proto__":"p","constructor":"c","hasOwnProperty":1,"toString":{"__proto__":true,"constructor":[1]}}',
    ) as Record<string, unknown>;
    item.viaMap = new Map<string, unknown>([
      ['__proto__', 'm'],
      ['constructor', 2],
    ]);
    const out = marshallItem(item);
    expect(Object.keys(out)).toEqual(['__proto__', 'constructor', 'hasOwnProperty', 'toString', 'viaMap']);
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(out, '__proto__')?.value).toEqual({ S: 'p' });
    expect(out.constructor).toEqual({ S: 'c' });
    expect(out.hasOwnProperty).toEqual({ N: '1' });
    const nested = (Object.getOwnPropertyDescriptor(out, 'toString')?.value as AttributeValue).M as AttributeMap;
    expect(Object.keys(nested)).toEqual(['__proto__', 'constructor']);
    expect(Object.getOwnPropertyDescriptor(nested, '__proto__')?.value).toEqual({ BOOL: true });
    expect(nested.constructor).toEqual({ L: [{ N: '1' }] });
    const fromMap = out.viaMap?.M as AttributeMap;
    expect(Object.keys(fromMap)).toEqual(['__proto__', 'constructor']);
    expect(Object.getOwnPropertyDescriptor(fromMap, '__proto__')?.value).toEqual({ S: 'm' });
    expect(({} as Record<string, unknown>).p).toBeUndefined();
  });
});

describe('unmarshallItem', () => {
  it('maps each AttributeValue back to JavaScript', () => {
    const native = unmarshallItem({
      s: { S: 'text' },
      n: { N: '1.5' },
      big: { N: '12345678901234567890' },
      t: { BOOL: true },
      z: { NULL: true },
      b: { B: new Uint8Array([1]) },
      ss: { SS: ['a'] },
      ns: { NS: ['1', '2'] },
      bs: { BS: [new Uint8Array([3])] },
      l: { L: [{ S: 'x' }, { M: { k: { N: '0' } } }] },
      m: { M: { a: { L: [] } } },
    });
    expect(native).toEqual({
      s: 'text',
      n: 1.5,
      big: 12345678901234567890n,
      t: true,
      z: null,
      b: new Uint8Array([1]),
      ss: new Set(['a']),
      ns: new Set([1, 2]),
      bs: new Set([new Uint8Array([3])]),
      l: ['x', { k: 0 }],
      m: { a: [] },
    });
  });

  it('hands out fresh binary arrays, never the stored ones', () => {
    const { item } = canonicalItem({ b: { B: new Uint8Array([1]) }, bs: { BS: [new Uint8Array([2])] } });
    const native = unmarshallItem(item);
    (native.b as Uint8Array)[0] = 9;
    [...(native.bs as Set<Uint8Array>)][0]![0] = 9;
    expect(item).toEqual({ b: { B: new Uint8Array([1]) }, bs: { BS: [new Uint8Array([2])] } });
  });

  it('keeps prototype-ish names as own data, at any depth', () => {
    const item: AttributeMap = {};
    Object.defineProperty(item, '__proto__', {
      value: { M: JSON.parse('{"__proto__":{"S":"deep"}}') },
      enumerable: true,
    });
    Object.assign(item, { constructor: { S: 'c' } });
    const native = unmarshallItem(item);
    expect(Object.getPrototypeOf(native)).toBe(Object.prototype);
    expect(Object.keys(native)).toEqual(['__proto__', 'constructor']);
    const proto = Object.getOwnPropertyDescriptor(native, '__proto__')?.value as Record<string, unknown>;
    expect(Object.getOwnPropertyDescriptor(proto, '__proto__')?.value).toBe('deep');
    expect(native.constructor).toBe('c');
    expect(({} as Record<string, unknown>).deep).toBeUndefined();
  });

  it('agrees with @aws-sdk/util-dynamodb unmarshall (property)', () => {
    fc.assert(
      fc.property(ordinaryItem, (item) => {
        const attributes = marshallItem(item);
        expect(unmarshallItem(attributes)).toEqual(unmarshall(attributes));
      }),
      { numRuns: 200, seed: 37 },
    );
  });
});

describe('round trips', () => {
  it('marshall then unmarshall gives the item back (property)', () => {
    fc.assert(
      fc.property(plainItem, (item) => {
        expect(unmarshallItem(marshallItem(item))).toEqual(item);
      }),
      { numRuns: 300, seed: 41 },
    );
  });

  it('through the canonical form, numbers come back as the same JavaScript numbers', () => {
    // JavaScript prints 5e-7 and 1e21 in exponent form; DynamoDB stores plain digits.
    const { item } = canonicalItem(
      marshallItem({ a: 1.0, b: 0.1, c: -0, d: 1e15, e: 5e-7, f: 123.456, g: 12345678901234567890123n }),
    );
    expect(item).toEqual({
      a: { N: '1' },
      b: { N: '0.1' },
      c: { N: '0' },
      d: { N: '1000000000000000' },
      e: { N: '0.0000005' },
      f: { N: '123.456' },
      g: { N: '12345678901234567890123' },
    });
    expect(unmarshallItem(item)).toEqual({
      a: 1,
      b: 0.1,
      c: 0,
      d: 1e15,
      e: 5e-7,
      f: 123.456,
      g: 12345678901234567890123n,
    });
  });
});

/**
 * Plain items of the types that survive a round trip unchanged (safe integers and finite doubles, no empty
 * sets). `plainItem` also uses prototype-ish names, which the library itself cannot marshall (it recognises
 * a plain object by `value.constructor.name`), so comparisons with the library use `ordinaryItem`.
 */
const ordinaryName = fc.string({ minLength: 1, maxLength: 6 }).filter((text) => !(text in Object.prototype));
const name = fc.oneof(ordinaryName, fc.constantFrom('constructor', 'toString', 'hasOwnProperty', 'valueOf'));
const leaf = fc.oneof(
  fc.string({ maxLength: 8 }),
  fc.integer({ min: -1e9, max: 1e9 }),
  fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e9, max: 1e9 }).filter((n) => !Object.is(n, -0)),
  fc.boolean(),
  fc.constant(null),
  fc.uint8Array({ maxLength: 4 }),
  fc.uniqueArray(fc.string({ maxLength: 3 }), { minLength: 1, maxLength: 3 }).map((values) => new Set(values)),
  fc.uniqueArray(fc.integer({ min: -99, max: 99 }), { minLength: 1, maxLength: 3 }).map((values) => new Set(values)),
);
function nativeItems(keys: fc.Arbitrary<string>): fc.Arbitrary<Record<string, unknown>> {
  const { value } = fc.letrec<{ value: unknown }>((tie) => ({
    value: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      leaf,
      fc.array(tie('value'), { maxLength: 3 }),
      fc.dictionary(keys, tie('value'), { maxKeys: 3 }),
    ),
  }));
  return fc.dictionary(keys, value, { maxKeys: 5 });
}
const plainItem = nativeItems(name);
const ordinaryItem = nativeItems(ordinaryName);
