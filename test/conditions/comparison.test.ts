/**
 * The comparison core every condition language shares (src/conditions/comparison.ts): the type rules and the
 * operators as the legacy conditions apply them, and as the expression evaluator will.
 */
import { describe, expect, it } from 'vitest';
import { contains, isOneOf, orderHolds, scalarType } from '../../src/conditions/comparison.js';

const bytes = (...values: number[]) => ({ B: new Uint8Array(values) });

describe('the comparison core', () => {
  it('orders only scalars, and only against a value of the same type', () => {
    expect(
      [{ S: 'a' }, { N: '1' }, bytes(1), { BOOL: true }, { NULL: true }, { SS: ['a'] }, { L: [] }, { M: {} }].map(
        scalarType,
      ),
    ).toEqual(['S', 'N', 'B', undefined, undefined, undefined, undefined, undefined]);
    expect(orderHolds(undefined, 'N', 'LT', { N: '5' })).toBe(false);
    expect(orderHolds({ S: '1' }, 'N', 'LT', { N: '5' })).toBe(false);
    expect(orderHolds({ N: '-10' }, 'N', 'LT', { N: '5' })).toBe(true);
  });

  it('orders numbers by value, strings by UTF-8 bytes, binary by unsigned bytes; BETWEEN is inclusive', () => {
    expect(orderHolds({ N: '10' }, 'N', 'GT', { N: '9' })).toBe(true);
    expect(orderHolds({ S: '\u{10000}' }, 'S', 'GT', { S: '\uffff' })).toBe(true);
    expect(orderHolds(bytes(0xff), 'B', 'GT', bytes(0x01))).toBe(true);
    expect(orderHolds({ N: '5' }, 'N', 'BETWEEN', { N: '5' }, { N: '6' })).toBe(true);
    expect(orderHolds({ N: '6' }, 'N', 'BETWEEN', { N: '5' }, { N: '6' })).toBe(true);
    expect(orderHolds({ N: '6.1' }, 'N', 'BETWEEN', { N: '5' }, { N: '6' })).toBe(false);
  });

  it('BEGINS_WITH takes a string or binary prefix', () => {
    expect(orderHolds({ S: 'order#1' }, 'S', 'BEGINS_WITH', { S: 'order#' })).toBe(true);
    expect(orderHolds(bytes(1, 2, 3), 'B', 'BEGINS_WITH', bytes(1, 2))).toBe(true);
    expect(orderHolds(bytes(1), 'B', 'BEGINS_WITH', bytes(1, 2))).toBe(false);
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
