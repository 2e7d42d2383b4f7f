import {
  getAttribute,
  type AttributeMap,
  type AttributeValue,
  type ScalarAttributeType,
} from '../model/attribute-value.js';
import type { KeySchema } from '../model/key-schema.js';
import { valuesEqual } from '../model/item-equality.js';
import { compareNumbers } from '../model/number-value.js';

/*
 * How DynamoDB compares values: the one comparison core. The legacy conditions (legacy/) use it, and so must the
 * expression evaluator (ConditionExpression, KeyConditionExpression, FilterExpression), so that both apply the same
 * type rules and the same BETWEEN, IN, BEGINS_WITH and CONTAINS.
 */

/**
 * The order of key values, as DynamoDB sorts a partition's items by sort key
 * (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/HowItWorks.CoreComponents.html#HowItWorks.CoreComponents.PrimaryKey):
 * numbers by value, strings by their UTF-8 bytes, binary by unsigned bytes.
 */
export function compareKeyValues(type: ScalarAttributeType, a: AttributeValue, b: AttributeValue): number {
  if (type === 'N') return compareNumbers(a.N as string, b.N as string);
  if (type === 'S') return compareUtf8(a.S as string, b.S as string);
  return compareBytes(a.B as Uint8Array, b.B as Uint8Array);
}

/** Partition key first, then sort key: the order Scan pages follow and Query ranges within. */
export function compareItemKeys(schema: KeySchema, a: AttributeMap, b: AttributeMap): number {
  const { partitionKey, sortKey } = schema;
  const byPartition = compareKeyValues(
    partitionKey.type,
    getAttribute(a, partitionKey.name) as AttributeValue,
    getAttribute(b, partitionKey.name) as AttributeValue,
  );
  if (byPartition !== 0 || sortKey === undefined) return byPartition;
  return compareKeyValues(
    sortKey.type,
    getAttribute(a, sortKey.name) as AttributeValue,
    getAttribute(b, sortKey.name) as AttributeValue,
  );
}

/**
 * Compares two strings in UTF-8 byte order (which is code point order) without encoding them. JavaScript's
 * `<` compares UTF-16 code units, which puts U+E000..U+FFFF after the surrogate pairs of U+10000 and above.
 */
export function compareUtf8(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return codeUnitRank(x) - codeUnitRank(y);
  }
  return a.length - b.length;
}

/** Surrogates (U+D800..U+DFFF) rank above U+E000..U+FFFF, as the code points they encode do. */
function codeUnitRank(unit: number): number {
  if (unit >= 0xe000) return unit - 0x800;
  if (unit >= 0xd800) return unit + 0x2000;
  return unit;
}

export function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const length = Math.min(a.byteLength, b.byteLength);
  for (let i = 0; i < length; i++) {
    const x = a[i] as number;
    const y = b[i] as number;
    if (x !== y) return x - y;
  }
  return a.byteLength - b.byteLength;
}

/** Whether `value` starts with `prefix` (BEGINS_WITH on a string or binary sort key). */
export function beginsWith(type: ScalarAttributeType, value: AttributeValue, prefix: AttributeValue): boolean {
  if (type === 'S') return (value.S as string).startsWith(prefix.S as string);
  const bytes = value.B as Uint8Array;
  const head = prefix.B as Uint8Array;
  if (head.byteLength > bytes.byteLength) return false;
  for (let i = 0; i < head.byteLength; i++) if (bytes[i] !== head[i]) return false;
  return true;
}

/** The legacy comparison operators a sort key (KeyConditions) can be tested with. */
export type OrderOperator = 'EQ' | 'LT' | 'LE' | 'GT' | 'GE' | 'BEGINS_WITH' | 'BETWEEN';

/** The scalar type of `value` (S, N or B), or undefined for any other: only scalars are ordered. */
export function scalarType(value: AttributeValue): ScalarAttributeType | undefined {
  if (value.S !== undefined) return 'S';
  if (value.N !== undefined) return 'N';
  if (value.B !== undefined) return 'B';
  return undefined;
}

/** IN: `current`, possibly absent, equals one of `values`. */
export function isOneOf(current: AttributeValue | undefined, values: readonly AttributeValue[]): boolean {
  return current !== undefined && values.some((value) => valuesEqual(current, value));
}

/**
 * CONTAINS: a substring of a string, a subsequence of a binary, a member of a set, or an element of a list
 * equal to the value. Any other type (a number, a map, ...) contains nothing.
 */
export function contains(current: AttributeValue, needle: AttributeValue): boolean {
  if (current.S !== undefined) return needle.S !== undefined && current.S.includes(needle.S);
  if (current.B !== undefined) return needle.B !== undefined && Buffer.from(current.B).includes(Buffer.from(needle.B));
  if (current.SS !== undefined) return needle.S !== undefined && current.SS.includes(needle.S);
  if (current.NS !== undefined) return needle.N !== undefined && current.NS.some((n) => valuesEqual({ N: n }, needle));
  if (current.BS !== undefined) return needle.B !== undefined && current.BS.some((b) => valuesEqual({ B: b }, needle));
  if (current.L !== undefined) return current.L.some((element) => valuesEqual(element, needle));
  return false;
}
