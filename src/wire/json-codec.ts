import { SerializationException } from '../errors.js';
import { setAttribute, type AttributeMap, type AttributeValue } from '../model/attribute-value.js';
import { MAX_CONTAINER_DEPTH } from '../model/item-limits.js';
import { MAX_ITEM_SIZE_BYTES } from '../model/item-size.js';
import { typeMismatch } from '../validation/json-type.js';

/**
 * JSON 1.0 on the wire <-> shardline's typed shapes. Binary values (B, BS) are base64 strings on the wire and
 * Uint8Arrays in shardline; timestamps are epoch seconds (a JSON number with a fractional part, e.g.
 * 1795459277.338) on the wire and Dates in shardline. The JSON types of an AttributeValue's members are checked
 * here (checkMemberTypes); everything else passes as it is: the typed API validates the values themselves.
 */

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/**
 * A B value (or a BS member) from the wire as bytes. With `decode` false it is only checked (its syntax is AWS's
 * deserializer's concern, however far into the request it is): see `Reading`.
 */
function decodeBase64(text: unknown, decode: boolean): unknown {
  // Not a string: left for the typed API, which answers with its own AttributeValue message.
  if (typeof text !== 'string') return text;
  if (text.length % 4 !== 0)
    throw new SerializationException(
      `Base64 encoded length is expected a multiple of 4 bytes but found: ${text.length}`,
    );
  if (!BASE64.test(text)) throw new SerializationException('Invalid Base64 character detected');
  return decode ? new Uint8Array(Buffer.from(text, 'base64')) : text;
}

/**
 * The JSON type each data type of an AttributeValue has in AWS's model (S and N are strings, SS and NS lists of
 * strings, BOOL and NULL booleans, M a map, L a list; B and BS are checked by decodeBase64). A member of another
 * JSON type is a SerializationException, in the words of AWS's JSON deserializer, as for a top-level member
 * (validation.ts): AWS answers `{"N": 5}` with `NUMBER_VALUE cannot be converted to String`, before it looks
 * at anything else in the request. (DynamoDB Local converts or fails with HTTP 500 instead:
 * conformance/known-differences.md, `json-type-coercion`.)
 */
function checkMemberTypes(given: Record<string, unknown>): void {
  for (const key in given) {
    const member = given[key];
    if (member === null || member === undefined) continue;
    let mismatch: string | undefined;
    switch (key) {
      case 'S':
      case 'N':
        mismatch = typeMismatch('String', member);
        break;
      case 'BOOL':
      case 'NULL':
        mismatch = typeMismatch('Boolean', member);
        break;
      case 'M':
        mismatch = typeMismatch('Map', member);
        break;
      case 'L':
      case 'BS':
        mismatch = typeMismatch('List', member);
        break;
      case 'SS':
      case 'NS':
        mismatch = typeMismatch('List', member);
        if (mismatch === undefined) {
          for (const element of member as unknown[]) {
            if (element === null) continue;
            mismatch = typeMismatch('String', element);
            if (mismatch !== undefined) break;
          }
        }
        break;
      default:
        continue;
    }
    if (mismatch !== undefined) throw new SerializationException(mismatch);
  }
}

/** An AttributeValue's own JSON type: a structure (null is left for the typed API, which names the attribute). */
function checkValueType(value: unknown): void {
  if (value === null || value === undefined) return;
  const mismatch = typeMismatch('Structure', value);
  if (mismatch !== undefined) throw new SerializationException(mismatch);
  checkMemberTypes(value as Record<string, unknown>);
}

/**
 * How far a value is read. Every value of a request is checked (the JSON types of a whole request are AWS's first
 * check); B and BS are made bytes only where the typed API will read them. `limited`: the value is part of an item,
 * a key or a start key, whose walk in the typed API stops once it passes 400 KB (frozen-item.ts).
 */
interface Reading {
  readonly decode: boolean;
  readonly limited: boolean;
}

const DECODE_ITEM: Reading = { decode: true, limited: true };
const DECODE_VALUE: Reading = { decode: true, limited: false };
const CHECK_ONLY: Reading = { decode: false, limited: false };

/** One AttributeValue from the wire (a condition's, an update's): JSON types checked, and B and BS made bytes, through M and L. */
export function decodeAttributeValue(value: unknown): AttributeValue {
  return decodeValue(value, 0, DECODE_VALUE);
}

/**
 * An item, a key or a start key from the wire (anything else is left for the typed API to reject). Returned as it
 * is when no value holds binary and nothing is left out, the usual case: the typed API copies what it keeps, and
 * reads names safely.
 */
export function decodeAttributeMap<T>(map: T): T {
  return decodeMap(map, 0, DECODE_ITEM);
}

/** A list of items or keys from the wire. */
export function decodeAttributeMaps<T>(list: T): T {
  return (Array.isArray(list) ? list.map(decodeAttributeMap) : list) as T;
}

/**
 * `depth`: the maps and lists around `value`. A map or list deeper than DynamoDB allows is passed on as it is, not
 * walked: the typed API refuses it ("Nesting Levels have exceeded supported limits") in its own order, after the
 * table is found, as DynamoDB does, and no walk here goes deeper than that limit. Copies only what changes.
 */
function decodeValue(value: unknown, depth: number, reading: Reading): AttributeValue {
  checkValueType(value);
  if (value === null || typeof value !== 'object') return value as AttributeValue;
  const given = value as Record<string, unknown>;
  const { B: b, BS: bs, M: m, L: l } = given;
  if (b === undefined && bs === undefined && m === undefined && l === undefined) return value as AttributeValue;
  if ((m !== undefined || l !== undefined) && depth > MAX_CONTAINER_DEPTH) return value as AttributeValue;
  let out: Record<string, unknown> | undefined;
  if (b !== undefined) {
    const decoded = decodeBase64(b, reading.decode);
    if (decoded !== b) {
      out = { ...given };
      out.B = decoded;
    }
  }
  if (Array.isArray(bs)) {
    const decoded = decodeMembers(bs, reading);
    if (decoded !== bs) {
      out ??= { ...given };
      out.BS = decoded;
    }
  }
  if (m !== null && typeof m === 'object' && !Array.isArray(m)) {
    const decoded = decodeMap(m, depth + 1, reading);
    if (decoded !== m) {
      out ??= { ...given };
      out.M = decoded;
    }
  }
  if (Array.isArray(l)) {
    const decoded = decodeElements(l, depth + 1, reading);
    if (decoded !== l) {
      out ??= { ...given };
      out.L = decoded;
    }
  }
  return (out ?? value) as AttributeValue;
}

/**
 * What the typed API's walk of an item reads at most: it stops once the item passes 400 KB, and every attribute
 * takes at least its name's bytes (at least as many as the name has UTF-16 units), every entry of a map one byte
 * more, every element of a list one byte. So the entries of a map (the elements of a list) past the point where they
 * take more than 400 KB by this count are never read by it: here they are checked, and neither decoded nor copied.
 * An item of 700,000 attributes is passed on as its first 60,000 or so, which the walk refuses exactly as it would
 * the whole (the first limit it crosses, in the same order), without listing the 700,000 names a second time.
 */
function decodeMap<T>(map: T, depth: number, reading: Reading): T {
  if (map === null || typeof map !== 'object' || Array.isArray(map)) return map;
  const given = map as Record<string, unknown>;
  const names = Object.keys(given);
  const entryBytes = depth > 0 ? 1 : 0;
  let kept = names.length;
  let least = 0;
  let decoded: unknown[] | undefined;
  for (let i = 0; i < names.length; i++) {
    const name = names[i] as string;
    const value = given[name];
    if (i >= kept) {
      decodeValue(value, depth, CHECK_ONLY);
      continue;
    }
    const read = decodeValue(value, depth, reading);
    if (read !== value) (decoded ??= [])[i] = read;
    // The typed API skips an undefined value (an in-process caller's) without counting its name.
    if (reading.limited && value !== undefined) {
      least += name.length + entryBytes;
      if (least > MAX_ITEM_SIZE_BYTES) kept = i + 1;
    }
  }
  if (decoded === undefined && kept === names.length) return map;
  const out: AttributeMap = {};
  for (let i = 0; i < kept; i++) {
    const name = names[i] as string;
    setAttribute(out, name, (decoded?.[i] ?? given[name]) as AttributeValue);
  }
  return out as T;
}

/**
 * An L's elements, as decodeMap reads a map's entries: in an item, those past the first 409,601 (a byte each at
 * least) are only checked.
 */
function decodeElements(list: unknown[], depth: number, reading: Reading): unknown[] {
  const kept = reading.limited ? Math.min(list.length, MAX_ITEM_SIZE_BYTES + 1) : list.length;
  let decoded: unknown[] | undefined;
  for (let i = 0; i < list.length; i++) {
    const element = list[i];
    if (i >= kept) {
      decodeValue(element, depth, CHECK_ONLY);
      continue;
    }
    const read = decodeValue(element, depth, reading);
    if (decoded === undefined && read !== element) decoded = list.slice(0, i);
    decoded?.push(read);
  }
  return decoded ?? list;
}

/** A BS's members: all of them, since the typed API reads a set whole (its duplicates are found before its size). */
function decodeMembers(members: unknown[], reading: Reading): unknown[] {
  let decoded: unknown[] | undefined;
  for (let i = 0; i < members.length; i++) {
    const member = members[i];
    const read = decodeBase64(member, reading.decode);
    if (decoded === undefined && read !== member) decoded = members.slice(0, i);
    decoded?.push(read);
  }
  return decoded ?? members;
}

/**
 * A typed output as the JSON 1.0 body sends it: Dates as epoch seconds, Uint8Arrays as base64, undefined
 * members left out. (Only B and BS hold Uint8Arrays, and only timestamps are Dates.)
 */
export function toWireJson(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Date) return value.getTime() / 1000;
  if (value instanceof Uint8Array)
    return Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64');
  if (Array.isArray(value)) return value.map(toWireJson);
  const out: Record<string, unknown> = {};
  for (const name of Object.keys(value)) {
    const member = (value as Record<string, unknown>)[name];
    if (member === undefined) continue;
    setAttribute(out, name, toWireJson(member));
  }
  return out;
}
