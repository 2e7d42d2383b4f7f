import type { AttributeMap, AttributeValue } from './attribute-value.js';
import { binaryKeyText } from './binary-key-text.js';

/**
 * Deep equality of two canonical (frozen) items. Sets compare as sets; maps ignore key order; numbers are
 * already canonical, so "1.0" and "1" are equal. A write whose new item equals the old one produces no
 * stream record (AWS: "If you perform a PutItem or UpdateItem operation that does not change any data in an
 * item, DynamoDB Streams does not write a stream record").
 */
export function itemsEqual(a: AttributeMap, b: AttributeMap): boolean {
  if (a === b) return true;
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  for (const name of keys) {
    if (!Object.hasOwn(b, name)) return false;
    if (!valuesEqual(a[name] as AttributeValue, b[name] as AttributeValue)) return false;
  }
  return true;
}

export function valuesEqual(a: AttributeValue, b: AttributeValue): boolean {
  if (a === b) return true;
  if (a.S !== undefined) return a.S === b.S;
  if (a.N !== undefined) return a.N === b.N;
  if (a.B !== undefined) return b.B !== undefined && bytesEqual(a.B, b.B);
  if (a.BOOL !== undefined) return a.BOOL === b.BOOL;
  if (a.NULL !== undefined) return b.NULL !== undefined;
  if (a.SS !== undefined) return b.SS !== undefined && sameSet(a.SS, b.SS);
  if (a.NS !== undefined) return b.NS !== undefined && sameSet(a.NS, b.NS);
  if (a.BS !== undefined) {
    return b.BS !== undefined && sameSet(a.BS.map(binaryKeyText), b.BS.map(binaryKeyText));
  }
  if (a.M !== undefined) return b.M !== undefined && itemsEqual(a.M, b.M);
  if (a.L !== undefined) {
    if (b.L === undefined || a.L.length !== b.L.length) return false;
    for (let i = 0; i < a.L.length; i++)
      if (!valuesEqual(a.L[i] as AttributeValue, b.L[i] as AttributeValue)) return false;
    return true;
  }
  return false;
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  const set = new Set(a);
  for (const x of b) if (!set.has(x)) return false;
  return true;
}

function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.byteLength !== b.byteLength) return false;
  for (let i = 0; i < a.byteLength; i++) if (a[i] !== b[i]) return false;
  return true;
}
