import { ValidationException } from '../errors.js';
import { addNumbers } from '../model/number-sum.js';
import { parseNumber } from '../model/number-value.js';

/*
 * `+` and `-` of SET, and ADD of a number: exact decimal arithmetic on canonical numbers (model/number-sum.ts, with
 * its 38-digit and magnitude checks). A counter's small integers take a shortcut: below 2^53 a double adds
 * integers exactly, and BigInt arithmetic costs microseconds that an UpdateItem counter should not pay.
 */

/** The exact sum of two canonical numbers, canonical. */
export function sum(a: string, b: string): string {
  if (isSmallInteger(a) && isSmallInteger(b)) return String(Number(a) + Number(b));
  return exactSum(a, b);
}

/** The exact difference of two canonical numbers, canonical. */
export function difference(a: string, b: string): string {
  if (isSmallInteger(a) && isSmallInteger(b)) return String(Number(a) - Number(b));
  return exactSum(a, negated(b));
}

const PRECISION = 'DynamoDB only supports precision up to 38 digits';

/**
 * addNumbers, except that a result out of range reports the range even when it has over 38 digits too: AWS answers
 * "Number overflow" for 9.9999999999999999999999999999999999999E+125 + 1E+125 (ExtendDB/extenddb#94, observed on
 * AWS), where DynamoDB Local 2.9.30 (and addNumbers, which checks digits first) reports the precision.
 */
function exactSum(a: string, b: string): string {
  try {
    return addNumbers(a, b);
  } catch (error) {
    if (!(error instanceof ValidationException) || error.message !== PRECISION) throw error;
    throw outOfRange(a, b) ?? error;
  }
}

/** The range error for the exact sum of `a` and `b`, if it is out of DynamoDB's range (1E-130 to 1E+126). */
function outOfRange(a: string, b: string): ValidationException | undefined {
  const x = parseNumber(a);
  const y = parseNumber(b);
  const scaleX = x.exponent - x.digits.length;
  const scaleY = y.exponent - y.digits.length;
  const scale = Math.min(scaleX, scaleY);
  const signed = (digits: string, negative: boolean, ownScale: number): bigint => {
    const value = digits === '' ? 0n : BigInt(digits) * 10n ** BigInt(ownScale - scale);
    return negative ? -value : value;
  };
  const total = signed(x.digits, x.negative, scaleX) + signed(y.digits, y.negative, scaleY);
  if (total === 0n) return undefined;
  // |total| x 10^scale is 0.<its digits> x 10^(its digit count + scale).
  const exponent = (total < 0n ? -total : total).toString().length + scale;
  if (exponent > 126)
    return new ValidationException(
      'Number overflow. Attempting to store a number with magnitude larger than supported range',
    );
  if (exponent < -129)
    return new ValidationException(
      'Number underflow. Attempting to store a number with magnitude smaller than supported range',
    );
  return undefined;
}

/** A canonical integer of at most 15 digits (its sum with another stays far below 2^53), `-` allowed. */
function isSmallInteger(text: string): boolean {
  const first = text.charCodeAt(0) === 45 ? 1 : 0;
  const digits = text.length - first;
  if (digits === 0 || digits > 15) return false;
  for (let i = first; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 48 || code > 57) return false;
  }
  return true;
}

function negated(number: string): string {
  if (number.charCodeAt(0) === 45) return number.slice(1);
  return number === '0' ? number : `-${number}`;
}
