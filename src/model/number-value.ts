import { ValidationException } from '../errors.js';

/**
 * DynamoDB numbers: up to 38 significant digits, magnitude between 1E-130 and 9.9999999999999999999999999999999999999E+125
 * (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/HowItWorks.NamingRulesDataTypes.html#HowItWorks.DataTypes.Number).
 * DynamoDB stores a number, not its text: "1.0", "01" and "1E0" are the same value, and are returned as "1".
 */
export interface ParsedNumber {
  readonly negative: boolean;
  /** Significant digits, no leading or trailing zeros; '' for zero. */
  readonly digits: string;
  /** The value is 0.<digits> x 10^exponent (so 1 is digits '1', exponent 1). */
  readonly exponent: number;
}

const NUMBER_SYNTAX = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;
const MAX_SIGNIFICANT_DIGITS = 38;
const MAX_EXPONENT = 126; // 9.99..E+125 is 0.999.. x 10^126
const MIN_EXPONENT = -129; // 1E-130 is 0.1 x 10^-129

export function parseNumber(text: string): ParsedNumber {
  const match = typeof text === 'string' ? NUMBER_SYNTAX.exec(text) : null;
  const intPart = match?.[2] ?? '';
  const fracPart = match?.[3] ?? '';
  if (match === null || (intPart === '' && fracPart === '')) {
    // DynamoDB Local 1.25.1's text (docs/ddb-local-observed-core.md, section 7: "abc", "", " 1", "0x10", "NaN").
    throw new ValidationException('A value provided cannot be converted into a number');
  }
  const all = intPart + fracPart;
  let first = 0;
  while (first < all.length && all.charCodeAt(first) === 48) first++;
  let last = all.length;
  while (last > first && all.charCodeAt(last - 1) === 48) last--;
  const digits = all.slice(first, last);
  if (digits === '') return { negative: false, digits: '', exponent: 0 };
  const exponent = intPart.length - first + Number(match[4] ?? 0);
  if (digits.length > MAX_SIGNIFICANT_DIGITS) {
    // DynamoDB Local 1.25.1's text (docs/ddb-local-observed-core.md, section 7, "N with 39 significant digits").
    throw new ValidationException('DynamoDB only supports precision up to 38 digits');
  }
  if (exponent > MAX_EXPONENT) {
    throw new ValidationException(
      'Number overflow. Attempting to store a number with magnitude larger than supported range',
    );
  }
  if (exponent < MIN_EXPONENT) {
    throw new ValidationException(
      'Number underflow. Attempting to store a number with magnitude smaller than supported range',
    );
  }
  return { negative: match[1] === '-', digits, exponent };
}

/** The canonical text of a number, in plain (not scientific) notation, as DynamoDB returns it. */
export function formatNumber(parsed: ParsedNumber): string {
  const { digits, exponent } = parsed;
  if (digits === '') return '0';
  let body: string;
  if (exponent <= 0) body = `0.${'0'.repeat(-exponent)}${digits}`;
  else if (exponent >= digits.length) body = digits + '0'.repeat(exponent - digits.length);
  else body = `${digits.slice(0, exponent)}.${digits.slice(exponent)}`;
  return parsed.negative ? `-${body}` : body;
}

/** Validates a number's text and returns its canonical form. */
export function normalizeNumber(text: string): string {
  // Fast path for the common case: a plain integer without a sign, leading zeros or too many digits.
  if (typeof text === 'string' && isPlainInteger(text)) return text;
  return formatNumber(parseNumber(text));
}

/** 1 to 38 digits, no sign, no leading zero: already canonical (a character loop; a regex costs more here). */
function isPlainInteger(text: string): boolean {
  const length = text.length;
  if (length === 0 || length > 38 || text.charCodeAt(0) === 48) return false;
  for (let i = 0; i < length; i++) {
    const code = text.charCodeAt(i);
    if (code < 48 || code > 57) return false;
  }
  return true;
}

/**
 * Bytes a number occupies, by DynamoDB's storage format: one exponent byte, the significant digits in
 * base-100 pairs aligned on the decimal point, and one terminator byte for negative numbers (the format
 * Oracle's NUMBER type also uses). Zero is one byte. AWS: "approximately 1 byte per two significant digits,
 * plus 1 byte" (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/CapacityUnitCalculations.html).
 */
export function numberSize(canonical: string): number {
  const integer = integerNumberSize(canonical);
  if (integer !== undefined) return integer;
  const parsed = parseNumber(canonical);
  if (parsed.digits === '') return 1;
  const alignPad = parsed.exponent % 2 === 0 ? 0 : 1;
  const pairs = Math.ceil((parsed.digits.length + alignPad) / 2);
  return 1 + pairs + (parsed.negative && pairs < 20 ? 1 : 0);
}

/** numberSize for a canonical integer without parsing it (the common case on the write path); else undefined. */
function integerNumberSize(text: string): number | undefined {
  const negative = text.charCodeAt(0) === 45; // '-'
  const first = negative ? 1 : 0;
  const length = text.length - first;
  if (length === 0 || length > 38 || text.charCodeAt(first) === 48) return undefined;
  let end = text.length;
  for (let i = first; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 48 || code > 57) return undefined;
  }
  while (text.charCodeAt(end - 1) === 48) end--;
  const digits = end - first;
  const pairs = Math.ceil((digits + (length % 2)) / 2);
  return 1 + pairs + (negative && pairs < 20 ? 1 : 0);
}

/** Compares two canonical numbers (for sort keys). */
export function compareNumbers(a: string, b: string): number {
  // Integers of up to 15 digits are exact as doubles: the common key (counters, epoch times) compares without parsing.
  if (isSmallInteger(a) && isSmallInteger(b)) {
    const difference = Number(a) - Number(b);
    return difference < 0 ? -1 : difference > 0 ? 1 : 0;
  }
  const x = parseNumber(a);
  const y = parseNumber(b);
  const sign = (n: ParsedNumber): number => (n.digits === '' ? 0 : n.negative ? -1 : 1);
  const sx = sign(x);
  const sy = sign(y);
  if (sx !== sy) return sx < sy ? -1 : 1;
  if (sx === 0) return 0;
  let magnitude: number;
  if (x.exponent !== y.exponent) magnitude = x.exponent < y.exponent ? -1 : 1;
  else magnitude = x.digits < y.digits ? -1 : x.digits > y.digits ? 1 : 0;
  return sx * magnitude;
}

/** Whether `text` is an optional minus sign and 1 to 15 decimal digits. */
function isSmallInteger(text: string): boolean {
  const start = text.charCodeAt(0) === 45 ? 1 : 0;
  const length = text.length - start;
  if (length < 1 || length > 15) return false;
  for (let i = start; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 48 || code > 57) return false;
  }
  return true;
}
