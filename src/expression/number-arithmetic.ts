import { addNumbers } from '../model/number-sum.js';

/*
 * `+` and `-` of SET, and ADD of a number: exact decimal arithmetic on canonical numbers (model/number-sum.ts, with
 * its 38-digit and magnitude checks). A counter's small integers take a shortcut: below 2^53 a double adds
 * integers exactly, and BigInt arithmetic costs microseconds that an UpdateItem counter should not pay.
 */

/** The exact sum of two canonical numbers, canonical. */
export function sum(a: string, b: string): string {
  if (isSmallInteger(a) && isSmallInteger(b)) return String(Number(a) + Number(b));
  return addNumbers(a, b);
}

/** The exact difference of two canonical numbers, canonical. */
export function difference(a: string, b: string): string {
  if (isSmallInteger(a) && isSmallInteger(b)) return String(Number(a) - Number(b));
  return addNumbers(a, negated(b));
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
