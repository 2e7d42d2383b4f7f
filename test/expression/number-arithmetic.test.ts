/**
 * number-arithmetic.ts: the small-integer shortcut gives exactly what the exact decimal sum gives, and larger or
 * fractional numbers take the exact sum with its limits.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { difference, sum } from '../../src/expression/number-arithmetic.js';
import { addNumbers } from '../../src/model/number-sum.js';

const canonical = (n: bigint): string => n.toString();
const negate = (text: string): string => (text.startsWith('-') ? text.slice(1) : text === '0' ? text : `-${text}`);

describe('number arithmetic', () => {
  it('agrees with the exact decimal sum on integers around the shortcut limit (property)', () => {
    const integer = fc.bigInt({ min: -(10n ** 17n), max: 10n ** 17n }).map(canonical);
    fc.assert(
      fc.property(integer, integer, (a, b) => {
        expect(sum(a, b)).toBe(addNumbers(a, b));
        expect(difference(a, b)).toBe(addNumbers(a, negate(b)));
      }),
    );
  });

  it.each([
    ['999999999999999', '1', '1000000000000000'],
    ['-5', '5', '0'],
    ['0.1', '0.2', '0.3'],
    ['99999999999999999999999999999999999999', '1', '100000000000000000000000000000000000000'],
  ])('%s + %s = %s', (a, b, expected) => {
    expect(sum(a, b)).toBe(expected);
  });

  it('reports a result out of range as AWS does, before its digits (DynamoDB Local reports the digits)', () => {
    expect(() => sum('9.9999999999999999999999999999999999999E+125', '1E+125')).toThrow(
      'Number overflow. Attempting to store a number with magnitude larger than supported range',
    );
    expect(() => difference('-99999999999999999999999999999999999999E+88', '1E+125')).toThrow('Number overflow');
  });

  it('keeps the limits of a stored number', () => {
    expect(() => sum('1E+37', '0.1')).toThrow('DynamoDB only supports precision up to 38 digits');
    expect(() => difference('-9E125', '9E125')).toThrow(
      'Number overflow. Attempting to store a number with magnitude larger than supported range',
    );
  });
});
