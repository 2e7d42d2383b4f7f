import type { AttributeMap, AttributeValue } from './attribute-value.js';
import { numberSize } from './number-value.js';

/** DynamoDB's maximum item size, 400 KB (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ServiceQuotas.html). */
export const MAX_ITEM_SIZE_BYTES = 409_600;

const utf8 = new TextEncoder();

/**
 * UTF-8 length of a string without allocating. Short strings are counted here (a call into Buffer costs more
 * than the loop); longer ones by `Buffer.byteLength`, about three times faster per character, and equal
 * for every string, lone surrogates included (both count them as the 3-byte replacement character).
 */
export function utf8Length(text: string): number {
  if (text.length > 24) return Buffer.byteLength(text, 'utf8');
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        bytes += 4;
        i++;
      } else bytes += 3;
    } else bytes += 3;
  }
  return bytes;
}

/**
 * The size of an item by AWS's rules: each attribute's UTF-8 name length plus its value's size
 * (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/CapacityUnitCalculations.html).
 * The same sum over `Keys`, `NewImage` and `OldImage` gives a stream record's `SizeBytes`.
 */
export function itemSize(item: AttributeMap): number {
  let size = 0;
  for (const name of Object.keys(item)) {
    size += utf8Length(name) + valueSize(item[name] as AttributeValue);
  }
  return size;
}

/** The size of one attribute value, without its name. */
export function valueSize(value: AttributeValue): number {
  if (value.S !== undefined) return utf8Length(value.S);
  if (value.N !== undefined) return numberSize(value.N);
  if (value.B !== undefined) return value.B.byteLength;
  if (value.BOOL !== undefined || value.NULL !== undefined) return 1;
  if (value.M !== undefined) {
    // A map: 3 bytes, plus for each entry its name, its value and 1 byte.
    let size = 3;
    for (const name of Object.keys(value.M)) size += utf8Length(name) + valueSize(value.M[name] as AttributeValue) + 1;
    return size;
  }
  if (value.L !== undefined) {
    let size = 3;
    for (const element of value.L) size += valueSize(element) + 1;
    return size;
  }
  // Sets: the sum of their elements (AWS does not document an overhead; none is counted).
  if (value.SS !== undefined) return value.SS.reduce((sum, s) => sum + utf8Length(s), 0);
  if (value.NS !== undefined) return value.NS.reduce((sum, n) => sum + numberSize(n), 0);
  if (value.BS !== undefined) return value.BS.reduce((sum, b) => sum + b.byteLength, 0);
  return 0;
}

/** Exported for tests that check the UTF-8 counter against Node's encoder. */
export function utf8LengthByEncoder(text: string): number {
  return utf8.encode(text).byteLength;
}
