import { normalizeNumber, parseNumber } from './number-value.js';

/**
 * The exact sum of two DynamoDB numbers, in canonical form (UpdateItem's ADD). Decimal arithmetic on BigInts:
 * 38-digit numbers do not fit a double. The result is checked like any stored number (precision, range).
 */
export function addNumbers(a: string, b: string): string {
  const x = parseNumber(a);
  const y = parseNumber(b);
  // A value is 0.<digits> x 10^exponent, that is <digits> x 10^(exponent - digits.length).
  const scaleX = x.exponent - x.digits.length;
  const scaleY = y.exponent - y.digits.length;
  const scale = Math.min(scaleX, scaleY);
  const mantissa = (n: typeof x, ownScale: number): bigint => {
    if (n.digits === '') return 0n;
    const value = BigInt(n.digits) * 10n ** BigInt(ownScale - scale);
    return n.negative ? -value : value;
  };
  const sum = mantissa(x, scaleX) + mantissa(y, scaleY);
  return normalizeNumber(`${sum}e${scale}`);
}
