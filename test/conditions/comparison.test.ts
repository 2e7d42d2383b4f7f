/**
 * The comparison core every condition language shares (src/conditions/comparison.ts): the type rules and the
 * operators as the legacy conditions apply them, and as the expression evaluator will.
 */
import { describe, expect, it } from 'vitest';
import { beginsWith, compareKeyValues, contains, isOneOf, scalarType } from '../../src/conditions/comparison.js';

const bytes = (...values: number[]) => ({ B: new Uint8Array(values) });

describe('the comparison core', () => {
  it('orders only scalars, and only against a value of the same type', () => {
    expect(
      [{ S: 'a' }, { N: '1' }, bytes(1), { BOOL: true }, { NULL: true }, { SS: ['a'] }, { L: [] }, { M: {} }].map(
        scalarType,
      ),
    ).toEqual(['S', 'N', 'B', undefined, undefined, undefined, undefined, undefined]);
    expect(compareKeyValues('N', { N: '-10' }, { N: '5' })).toBeLessThan(0);
  });

  it('orders numbers by value, strings by UTF-8 bytes, binary by unsigned bytes', () => {
    expect(compareKeyValues('N', { N: '10' }, { N: '9' })).toBeGreaterThan(0);
    expect(compareKeyValues('N', { N: '6.1' }, { N: '6' })).toBeGreaterThan(0);
    expect(compareKeyValues('N', { N: '5' }, { N: '5.0' })).toBe(0);
    expect(compareKeyValues('S', { S: '\u{10000}' }, { S: '\uffff' })).toBeGreaterThan(0);
    expect(compareKeyValues('B', bytes(0xff), bytes(0x01))).toBeGreaterThan(0);
  });

  it('begins_with takes a string or binary prefix', () => {
    expect(beginsWith('S', { S: 'order#1' }, { S: 'order#' })).toBe(true);
    expect(beginsWith('B', bytes(1, 2, 3), bytes(1, 2))).toBe(true);
    expect(beginsWith('B', bytes(1), bytes(1, 2))).toBe(false);
  });

  it('IN is equality with one of the values; an absent attribute is in nothing', () => {
    expect(isOneOf({ N: '2' }, [{ N: '1' }, { N: '2' }])).toBe(true);
    expect(isOneOf({ S: '2' }, [{ N: '1' }, { N: '2' }])).toBe(false);
    expect(isOneOf(undefined, [{ N: '1' }])).toBe(false);
  });

  it('CONTAINS: a substring, a byte run, a set member, a list element; anything else contains nothing', () => {
    expect(contains({ S: 'hello' }, { S: 'ell' })).toBe(true);
    expect(contains(bytes(1, 2, 3), bytes(2, 3))).toBe(true);
    expect(contains({ SS: ['a', 'b'] }, { S: 'b' })).toBe(true);
    expect(contains({ NS: ['1', '2'] }, { N: '2' })).toBe(true);
    expect(contains({ BS: [new Uint8Array([7])] }, bytes(7))).toBe(true);
    expect(contains({ L: [{ S: 'a' }, { N: '1' }] }, { N: '1' })).toBe(true);
    expect(contains({ N: '5' }, { N: '5' })).toBe(false);
    expect(contains({ M: { a: { S: 'a' } } }, { S: 'a' })).toBe(false);
  });
});
