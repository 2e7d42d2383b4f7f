import { SerializationException } from '../errors.js';
import { setAttribute, type AttributeMap, type AttributeValue } from '../model/attribute-value.js';
import { MAX_CONTAINER_DEPTH } from '../model/item-limits.js';
import { typeMismatch } from './validation.js';

/**
 * JSON 1.0 on the wire <-> shardline's typed shapes. Binary values (B, BS) are base64 strings on the wire and
 * Uint8Arrays in shardline; timestamps are epoch seconds (a JSON number with a fractional part, e.g.
 * 1795459277.338) on the wire and Dates in shardline. The JSON types of an AttributeValue's members are checked
 * here (checkMemberTypes); everything else passes as it is: the typed API validates the values themselves.
 */

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

function decodeBase64(text: unknown): unknown {
  // Not a string: left for the typed API, which answers with its own AttributeValue message.
  if (typeof text !== 'string') return text;
  if (text.length % 4 !== 0) throw new SerializationException(`Base64 encoded length is expected a multiple of 4 bytes but found: ${text.length}`);
  if (!BASE64.test(text)) throw new SerializationException('Invalid Base64 character detected');
  return new Uint8Array(Buffer.from(text, 'base64'));
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
 * Whether an AttributeValue from the wire holds something to decode (B, BS, or an M or L that may). Checks the
 * JSON types of its members on the way (checkMemberTypes): this walk sees every value of every item.
 */
function needsDecoding(value: unknown): boolean {
  checkValueType(value);
  if (value === null || typeof value !== 'object') return false;
  const given = value as Record<string, unknown>;
  return given.B !== undefined || given.BS !== undefined || given.M !== undefined || given.L !== undefined;
}

/** One AttributeValue from the wire: JSON types checked, and B and BS members made Uint8Arrays, through M and L. */
export function decodeAttributeValue(value: unknown): AttributeValue {
  return decodeValue(value, 0);
}

/**
 * `depth`: the maps and lists around `value`. A map or list deeper than DynamoDB allows is passed on as it is, not
 * walked: the typed API refuses it ("Nesting Levels have exceeded supported limits") in its own order, after the
 * table is found, as DynamoDB does, and no walk here goes deeper than that limit.
 */
function decodeValue(value: unknown, depth: number): AttributeValue {
  checkValueType(value);
  if (value === null || typeof value !== 'object') return value as AttributeValue;
  const given = value as Record<string, unknown>;
  if (given.B === undefined && given.BS === undefined && given.M === undefined && given.L === undefined) return value as AttributeValue;
  if ((given.M !== undefined || given.L !== undefined) && depth > MAX_CONTAINER_DEPTH) return value as AttributeValue;
  const out: Record<string, unknown> = { ...given };
  if (given.B !== undefined) out.B = decodeBase64(given.B);
  if (Array.isArray(given.BS)) out.BS = given.BS.map(decodeBase64);
  if (given.M !== null && typeof given.M === 'object' && !Array.isArray(given.M)) out.M = decodeMap(given.M, depth + 1);
  if (Array.isArray(given.L)) out.L = given.L.map((element: unknown) => decodeValue(element, depth + 1));
  return out as unknown as AttributeValue;
}

/**
 * An item or key from the wire (anything else is left for the typed API to reject). Returned as it is when no
 * value holds binary, the usual case: the typed API copies what it keeps, and reads names safely.
 */
export function decodeAttributeMap<T>(map: T): T {
  return decodeMap(map, 0);
}

function decodeMap<T>(map: T, depth: number): T {
  if (map === null || typeof map !== 'object' || Array.isArray(map)) return map;
  const given = map as Record<string, unknown>;
  // The names once, for both passes: listing the names of an item of 700,000 attributes is most of its cost here.
  const names = Object.keys(given);
  let first = 0;
  while (first < names.length && !needsDecoding(given[names[first] as string])) first++;
  if (first === names.length) return map;
  const out: AttributeMap = {};
  for (const name of names) setAttribute(out, name, decodeValue(given[name], depth));
  return out as T;
}

/** A list of items or keys from the wire. */
export function decodeAttributeMaps<T>(list: T): T {
  return (Array.isArray(list) ? list.map(decodeAttributeMap) : list) as T;
}

/**
 * A typed output as the JSON 1.0 body sends it: Dates as epoch seconds, Uint8Arrays as base64, undefined
 * members left out. (Only B and BS hold Uint8Arrays, and only timestamps are Dates.)
 */
export function toWireJson(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Date) return value.getTime() / 1000;
  if (value instanceof Uint8Array) return Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64');
  if (Array.isArray(value)) return value.map(toWireJson);
  const out: Record<string, unknown> = {};
  for (const name of Object.keys(value)) {
    const member = (value as Record<string, unknown>)[name];
    if (member === undefined) continue;
    setAttribute(out, name, toWireJson(member));
  }
  return out;
}
