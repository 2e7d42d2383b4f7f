/**
 * DynamoDB numbers: canonical text, limits and storage size, against what DynamoDB Local returns
 * (docs/ddb-local-observed-core.md, summary and section 7).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ValidationException } from '../../src/index.js';
import {
  compareNumbers,
  formatNumber,
  normalizeNumber,
  numberSize,
  parseNumber,
} from '../../src/model/number-value.js';
import { expectThrows } from '../support/aws-errors.js';

const NOT_A_NUMBER = 'A value provided cannot be converted into a number';
const PRECISION = 'DynamoDB only supports precision up to 38 digits';
const OVERFLOW = 'Number overflow. Attempting to store a number with magnitude larger than supported range';
const UNDERFLOW = 'Number underflow. Attempting to store a number with magnitude smaller than supported range';

describe('normalizeNumber: the canonical text DynamoDB Local returns', () => {
  it.each([
    ['01.50', '1.5'],
    ['1E+2', '100'],
    ['1e2', '100'],
    ['100', '100'],
    ['-0', '0'],
    ['0.000', '0'],
    ['-0.0', '0'],
    ['+0', '0'],
    ['-0e5', '0'],
    ['0e500', '0'],
    ['1.0', '1'],
    ['+1', '1'],
    ['-1.50', '-1.5'],
    ['0.0001', '0.0001'],
    ['1e-5', '0.00001'],
    ['1.5E-3', '0.0015'],
    ['1.23e3', '1230'],
    ['.5', '0.5'],
    ['-.5', '-0.5'],
    ['+.5e1', '5'],
    ['5.', '5'],
    ['00012', '12'],
    ['7', '7'],
    ['12', '12'],
    ['1234567890123456789012345678901234567800', '1234567890123456789012345678901234567800'],
    ['12345678901234567890123456789012345678e4', '123456789012345678901234567890123456780000'],
    ['9.9999999999999999999999999999999999999E+125', '99999999999999999999999999999999999999' + '0'.repeat(88)],
  ])('%s -> %s', (input, canonical) => {
    expect(normalizeNumber(input)).toBe(canonical);
  });

  it("1e125 is '1' followed by 125 zeros, and 1e-130 is 0.(129 zeros)1", () => {
    expect(normalizeNumber('1e125')).toBe('1' + '0'.repeat(125));
    expect(normalizeNumber('1E-130')).toBe('0.' + '0'.repeat(129) + '1');
    expect(normalizeNumber('-1e-130')).toBe('-0.' + '0'.repeat(129) + '1');
  });

  it('is idempotent and agrees with JavaScript on the value (property)', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (value) => {
        const text = String(value);
        // JavaScript prints at most 17 significant digits, well inside DynamoDB's 38 and its range.
        if (value !== 0 && (Math.abs(value) < 1e-129 || Math.abs(value) >= 1e125)) return;
        const canonical = normalizeNumber(text);
        expect(normalizeNumber(canonical)).toBe(canonical);
        expect(Number(canonical)).toBe(value === 0 ? 0 : value);
        expect(canonical).not.toMatch(/[eE+]|^-?0\d|\.\d*0$|\.$/);
      }),
      { numRuns: 300, seed: 11 },
    );
  });
});

describe('invalid numbers: DynamoDB Local texts', () => {
  it.each([
    'abc',
    '',
    ' 1',
    '1 ',
    '0x10',
    'Infinity',
    '-Infinity',
    'NaN',
    '1e',
    '.',
    '-',
    '+',
    '1_000',
    '1,5',
    '1.2.3',
    'e5',
    '--1',
    '1e+',
    '١',
  ])('%j cannot be converted into a number', (text) => {
    expectThrows(() => normalizeNumber(text), ValidationException, NOT_A_NUMBER);
  });

  it('non-string input is not a number either', () => {
    expectThrows(() => normalizeNumber(5 as unknown as string), ValidationException, NOT_A_NUMBER);
    expectThrows(() => parseNumber(null as unknown as string), ValidationException, NOT_A_NUMBER);
  });

  it('accepts 38 significant digits and rejects 39, wherever the zeros are', () => {
    const digits38 = '12345678901234567890123456789012345678';
    expect(normalizeNumber(digits38)).toBe(digits38);
    expect(normalizeNumber(`0.000${digits38}`)).toBe(`0.000${digits38}`);
    expect(normalizeNumber(`-${digits38}000`)).toBe(`-${digits38}000`);
    expectThrows(() => normalizeNumber('123456789012345678901234567890123456789'), ValidationException, PRECISION);
    expectThrows(() => normalizeNumber('1.23456789012345678901234567890123456789'), ValidationException, PRECISION);
    expectThrows(() => normalizeNumber('0.00123456789012345678901234567890123456789'), ValidationException, PRECISION);
  });

  it('checks precision before the range (DynamoDB Local: 39 digits times 1e-200 is a precision error)', () => {
    expectThrows(
      () => normalizeNumber('1234567890123456789012345678901234567891e-200'),
      ValidationException,
      PRECISION,
    );
  });

  it('magnitude: 9.99..E+125 is the largest, 1E+126 overflows; 1E-130 is the smallest, 1E-131 underflows', () => {
    const max = '9.9999999999999999999999999999999999999E+125';
    expect(() => normalizeNumber(max)).not.toThrow();
    expect(() => normalizeNumber(`-${max}`)).not.toThrow();
    expectThrows(() => normalizeNumber('1E+126'), ValidationException, OVERFLOW);
    expectThrows(() => normalizeNumber('-1E+126'), ValidationException, OVERFLOW);
    expectThrows(() => normalizeNumber('1e200'), ValidationException, OVERFLOW);
    expectThrows(() => normalizeNumber('1' + '0'.repeat(126)), ValidationException, OVERFLOW);
    expectThrows(() => normalizeNumber('1e99999999999999999999'), ValidationException, OVERFLOW);
    expect(() => normalizeNumber('1E-130')).not.toThrow();
    expect(() => normalizeNumber('-1E-130')).not.toThrow();
    expect(() => normalizeNumber('9.9E-130')).not.toThrow();
    expectThrows(() => normalizeNumber('1E-131'), ValidationException, UNDERFLOW);
    expectThrows(() => normalizeNumber('-9.9E-131'), ValidationException, UNDERFLOW);
    expectThrows(() => normalizeNumber('0.' + '0'.repeat(130) + '1'), ValidationException, UNDERFLOW);
  });

  it('zero is never out of range, whatever its exponent', () => {
    expect(normalizeNumber('0e-99999')).toBe('0');
    expect(normalizeNumber('0.' + '0'.repeat(500))).toBe('0');
  });
});

describe('parseNumber and formatNumber', () => {
  it('splits a number into sign, significant digits and exponent', () => {
    expect(parseNumber('1')).toEqual({ negative: false, digits: '1', exponent: 1 });
    expect(parseNumber('-012.3400')).toEqual({ negative: true, digits: '1234', exponent: 2 });
    expect(parseNumber('0.00150')).toEqual({ negative: false, digits: '15', exponent: -2 });
    expect(parseNumber('-0')).toEqual({ negative: false, digits: '', exponent: 0 });
    expect(formatNumber(parseNumber('-012.3400'))).toBe('-12.34');
  });
});

/**
 * An independent reading of DynamoDB's number size: write the number in plain decimal, pad the integer part
 * on the left and the fraction on the right to whole digit pairs, drop all-zero pairs at both ends, and count
 * 1 byte + 1 per pair + 1 for a negative number (when fewer than 20 pairs: the Oracle NUMBER format).
 */
function referenceSize(canonical: string): number {
  if (canonical === '0') return 1;
  const negative = canonical.startsWith('-');
  const [intPart = '', fracPart = ''] = canonical.replace('-', '').split('.');
  const intText = intPart === '0' ? '' : intPart;
  const padded =
    (intText.length % 2 === 1 ? '0' : '') + intText + '.' + fracPart + (fracPart.length % 2 === 1 ? '0' : '');
  const [i, f] = padded.split('.') as [string, string];
  const pairs = [...(i.match(/../g) ?? []), ...(f.match(/../g) ?? [])];
  let first = 0;
  while (pairs[first] === '00') first++;
  let last = pairs.length;
  while (pairs[last - 1] === '00') last--;
  const count = last - first;
  return 1 + count + (negative && count < 20 ? 1 : 0);
}

describe('numberSize', () => {
  // docs/ddb-local-observed-core.md, summary: "0→1, 1/12/100/0.5/0.01/1000000→2, 123/1.5/1.23/-1→3, -1.5→4, 20-digit integer→11".
  it.each([
    ['0', 1],
    ['1', 2],
    ['12', 2],
    ['100', 2],
    ['0.5', 2],
    ['0.01', 2],
    ['1000000', 2],
    ['123', 3],
    ['1.5', 3],
    ['1.23', 3],
    ['-1', 3],
    ['-1.5', 4],
    ['12345678901234567890', 11],
  ])('%s takes %i bytes (DynamoDB Local, item-size bisection)', (n, bytes) => {
    expect(numberSize(n)).toBe(bytes);
  });

  // Observed on DynamoDB Local 1.25.1 through stream SizeBytes (the value's share of an INSERT record).
  it.each([
    ['-12345678901234567890', 12],
    ['-1234567890123456789', 12],
    ['0.1', 2],
    ['0.12', 2],
    ['0.123', 3],
    ['10', 2],
    ['1000', 2],
    ['12.5', 3],
    ['-0.5', 3],
    ['-100', 3],
    ['0.0015', 2],
    ['1230', 3],
    [normalizeNumber('1e125'), 2],
    [normalizeNumber('1e-130'), 2],
    [normalizeNumber('-1e-130'), 3],
    [normalizeNumber('1e-129'), 2],
    ['12345678901234567890123456789012345678', 20],
    ['-12345678901234567890123456789012345678', 21],
    ['-1234567890123456789012345678901234567', 21],
    ['-123456789012345678901234567890123456', 20],
    ['-1234567890123456789012345678901234', 19],
    ['1234567890123456789012345678901234567.8', 21],
    ['-1234567890123456789012345678901234567.8', 21],
    ['-0.12345678901234567890123456789012345678', 21],
    ['-0.012345678901234567890123456789012345678', 21],
    ['0.012345678901234567890123456789012345678', 21],
    [normalizeNumber('-9.9999999999999999999999999999999999999E+125'), 21],
  ])('%s takes %i bytes (DynamoDB Local, SizeBytes)', (n, bytes) => {
    expect(numberSize(n)).toBe(bytes);
  });

  it('does not depend on how the number was written', () => {
    expect(numberSize('01.50')).toBe(numberSize('1.5'));
    expect(numberSize('1E+2')).toBe(2);
    expect(numberSize('-0.000')).toBe(1);
  });

  it('matches the digit-pair reading of the format on random numbers (property)', () => {
    const digit = fc.constantFrom(...'0123456789');
    const numberText = fc
      .record({
        negative: fc.boolean(),
        digits: fc.array(digit, { minLength: 1, maxLength: 38 }).map((d) => d.join('')),
        exponent: fc.integer({ min: -125, max: 125 }),
      })
      .map(({ negative, digits, exponent }) => `${negative ? '-' : ''}${digits}e${exponent}`);
    fc.assert(
      fc.property(numberText, (text) => {
        let canonical: string;
        try {
          canonical = normalizeNumber(text);
        } catch {
          return; // out of range: not a number DynamoDB stores
        }
        expect(numberSize(canonical)).toBe(referenceSize(canonical));
      }),
      { numRuns: 500, seed: 5 },
    );
  });
});

describe('compareNumbers', () => {
  it('orders by value, across signs, magnitudes and zero', () => {
    const sorted = ['-100', '-1.5', '-1', '-0.001', '0', '0.5', '1', '1.5', '2', '10', '100'];
    const shuffled = ['1.5', '0', '-1', '100', '-0.001', '10', '2', '-100', '0.5', '1', '-1.5'];
    expect([...shuffled].sort(compareNumbers)).toEqual(sorted);
    expect(compareNumbers('1', '1.0')).toBe(0);
  });

  it('agrees with JavaScript numbers (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1e9, max: 1e9 }),
        fc.integer({ min: -1e9, max: 1e9 }),
        fc.integer({ min: 0, max: 6 }),
        (a, b, scale) => {
          const x = normalizeNumber(`${a}e-${scale}`);
          const y = normalizeNumber(`${b}e-${scale}`);
          expect(Math.sign(compareNumbers(x, y))).toBe(Math.sign(a - b));
        },
      ),
      { numRuns: 300, seed: 3 },
    );
  });

  it('compares integers of up to 15 digits without parsing, and agrees with the parsed comparison beyond', () => {
    const cases: [string, string, number][] = [
      ['999999999999999', '-999999999999999', 1],
      ['-0', '0', 0],
      ['007', '7', 0],
      ['999999999999999', '1000000000000000', -1], // 15 digits against 16: the parsed path
      ['1234567890123456', '1234567890123457', -1], // 16 digits, not exact as doubles
      ['-12', '-3', -1],
      ['5', '5.5', -1],
    ];
    for (const [a, b, expected] of cases) {
      expect(compareNumbers(a, b), `${a} vs ${b}`).toBe(expected);
      expect(compareNumbers(b, a), `${b} vs ${a}`).toBe(-expected || 0);
    }
  });
});
