import { ValidationException } from '../errors.js';
import { setAttribute, type AttributeMap, type AttributeValue } from './attribute-value.js';
import { binaryKeyText } from './binary-key-text.js';
import { compareNumbers, normalizeNumber, numberSize } from './number-value.js';
import { MAX_ITEM_SIZE_BYTES, utf8Length } from './item-size.js';
import {
  MAX_CONTAINER_DEPTH,
  MAX_UNCOUNTED_NAME_LENGTH,
  MAX_ATTRIBUTE_NAME_BYTES,
  attributeNameTooLong,
  itemTooLarge,
  nestingTooDeep,
} from './item-limits.js';

/**
 * Items enter shardline once, here: validated, copied, numbers made canonical. The table and the stream records
 * share that copy, frozen the first time it leaves (`itemForCaller`), so no caller can change the log. Typed
 * arrays cannot be frozen: items holding binary values are remembered here and copied on the way out.
 */
const itemsWithBinary = new WeakSet<object>();

export interface CanonicalItem {
  readonly item: AttributeMap;
  /** Size by AWS's rules (see item-size.ts), computed during the same walk. */
  readonly size: number;
  /** Size of the attributes named in `keyNames` (a stream record's `Keys`), from the same walk. */
  readonly keySize: number;
}

/** Whether a frozen item must be copied before it leaves shardline (it holds Uint8Arrays). */
export function holdsBinary(item: AttributeMap): boolean {
  return itemsWithBinary.has(item);
}

const NO_NAMES: readonly string[] = [];
const hasOwnProperty = Object.prototype.hasOwnProperty;

interface WalkState {
  binary: boolean;
  /** Bytes of the values copied so far (names are counted by the caller that knows them). */
  size: number;
  /** The walk stops as soon as `size` passes this: the rest of an item over 400 KB is never looked at. */
  maxSize: number;
}

/**
 * Validates `input` as an item (or a key) and returns its canonical copy (frozen later, by `itemForCaller`) with
 * its size. Checks follow the walk, attribute by attribute, as DynamoDB Local's: value, name length, then the size
 * so far, which fails the walk once past 400 KB (an invalid attribute after that point is not what is reported).
 */
export function canonicalItem(input: unknown, keyNames: readonly string[] = NO_NAMES): CanonicalItem {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    throw new ValidationException(
      'One or more parameter values were invalid: An item must be a map of attribute names to AttributeValues',
    );
  }
  const out: AttributeMap = {};
  // One object is the walk's state and its result (a write allocates as little as it can).
  const state: WalkState & { item: AttributeMap; keySize: number } = {
    binary: false,
    size: 0,
    maxSize: MAX_ITEM_SIZE_BYTES,
    item: out,
    keySize: 0,
  };
  const firstKey = keyNames[0];
  const secondKey = keyNames[1];
  // for-in over own properties: no array of keys allocated per item (this is the write path's hottest loop).
  // The own-property test is `hasOwnProperty.call`, not `Object.hasOwn` (same answer): V8 knows a for-in key of
  // a fast object is its own and drops this call, and it does not do so for Object.hasOwn (about 2% of putItem).
  for (const name in input) {
    if (!hasOwnProperty.call(input, name)) continue;
    const value = (input as Record<string, unknown>)[name];
    if (value === undefined) continue;
    const before = state.size;
    setAttribute(out, name, copyNamed(name, value, state, 0));
    state.size += nameLength(name);
    if (state.size > MAX_ITEM_SIZE_BYTES) throw itemTooLarge();
    if (name === firstKey || name === secondKey) state.keySize += state.size - before;
  }
  if (state.binary) itemsWithBinary.add(out);
  return state;
}

/**
 * Validates one AttributeValue (a key given alone, a condition's or update's value) and returns its canonical copy.
 * Nesting is limited as an item's; size is not, but a map or list holding over 400 KB is refused as it is read
 * (DynamoDB Local compares a string of 500 KB in a filter, and refuses a list holding one).
 */
export function canonicalValue(input: unknown): { value: AttributeValue; size: number } {
  const state: WalkState = { binary: false, size: 0, maxSize: Number.POSITIVE_INFINITY };
  const value = copyValue(input, state, 0);
  return { value, size: state.size };
}

/** A name's UTF-8 length, refusing one over 65,535 bytes. */
function nameLength(name: string): number {
  const bytes = utf8Length(name);
  if (name.length > MAX_UNCOUNTED_NAME_LENGTH && bytes > MAX_ATTRIBUTE_NAME_BYTES) throw attributeNameTooLong();
  return bytes;
}

const EMPTY_VALUE = 'Supplied AttributeValue is empty, must contain exactly one of the supported datatypes';
const MANY_TYPES =
  'Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes';
/** DynamoDB Local 1.25.1's text for a null value in a list or binary set; a named one (top level, map) adds ": <name> is null". */
const NULL_VALUE = 'The supplied Item contains a null AttributeValue';

/** The data types of an AttributeValue; any other member is ignored, as DynamoDB Local ignores unknown JSON members. */
type DataType = 'S' | 'N' | 'B' | 'SS' | 'NS' | 'BS' | 'M' | 'L' | 'NULL' | 'BOOL';

/** Copies a named attribute (top level or in a map): an empty name and a `null` value have their own messages there. */
function copyNamed(name: string, input: unknown, state: WalkState, depth: number): AttributeValue {
  // DynamoDB Local 1.25.1's text for "" as a name, at the top level or in a map.
  if (name === '') throw new ValidationException('Empty attribute name');
  if (input === null) throw new ValidationException(`${NULL_VALUE}: ${name} is null`);
  return copyValue(input, state, depth);
}

/**
 * Validates and copies one AttributeValue, adding its size to `state.size`. `depth`: how many maps and lists
 * enclose it (item-limits.ts), so that no walk goes deeper than DynamoDB's 32 levels, a cyclic value included.
 */
function copyValue(input: unknown, state: WalkState, depth: number): AttributeValue {
  if (input === null) throw new ValidationException(NULL_VALUE);
  if (typeof input !== 'object' || Array.isArray(input)) throw new ValidationException(EMPTY_VALUE);
  // A member set to undefined or null is absent (JSON null), and an unknown member does not count: DynamoDB Local
  // accepts {"S":"a","X":"1"} and calls {"X":"1"} empty (docs/ddb-local-observed-core.md, section 7).
  let type: DataType | undefined;
  let raw: unknown;
  // for-in and a switch rather than a lookup of each of the ten type names: this is the hottest loop of a
  // write, and V8 keeps it on its fast path this way.
  for (const key in input) {
    switch (key) {
      case 'S':
      case 'N':
      case 'B':
      case 'SS':
      case 'NS':
      case 'BS':
      case 'M':
      case 'L':
      case 'NULL':
      case 'BOOL':
        break;
      default:
        continue;
    }
    const member = (input as Record<string, unknown>)[key];
    if (member === undefined || member === null) continue;
    if (type !== undefined) throw new ValidationException(MANY_TYPES);
    type = key as DataType;
    raw = member;
  }
  if (type === undefined) throw new ValidationException(EMPTY_VALUE);
  switch (type) {
    case 'S': {
      if (typeof raw !== 'string') throw invalidType('S');
      state.size += utf8Length(raw);
      return { S: raw };
    }
    case 'N': {
      if (typeof raw !== 'string') throw invalidType('N');
      const n = normalizeNumber(raw);
      state.size += numberSize(n);
      return { N: n };
    }
    case 'B': {
      const bytes = copyBinary(raw);
      state.binary = true;
      state.size += bytes.byteLength;
      return { B: bytes };
    }
    case 'BOOL': {
      if (typeof raw !== 'boolean') throw invalidType('BOOL');
      state.size += 1;
      return { BOOL: raw };
    }
    case 'NULL': {
      if (raw !== true) {
        throw new ValidationException(
          'One or more parameter values were invalid: Null attribute value types must have the value of true',
        );
      }
      state.size += 1;
      return { NULL: true };
    }
    // Sets are checked and stored as DynamoDB Local does (docs/ddb-local-observed-core.md, section 7): its messages
    // word for word (they differ per set type), and members sorted, as it returns them: strings by UTF-16 code
    // units (Java's String order), numbers by value, binaries by unsigned bytes.
    case 'SS': {
      const list = setElements(raw, 'SS');
      for (const s of list) {
        if (s === null)
          throw new ValidationException(
            'One or more parameter values were invalid: An string set may not have a null string as a member',
          );
        if (typeof s !== 'string') throw invalidType('SS');
      }
      const strings = list as string[];
      if (new Set(strings).size !== strings.length) {
        throw new ValidationException(
          `One or more parameter values were invalid: Input collection [${strings.join(', ')}] contains duplicates`,
        );
      }
      const out = [...strings].sort();
      state.size += out.reduce((sum, s) => sum + utf8Length(s), 0);
      return { SS: out };
    }
    case 'NS': {
      const list = setElements(raw, 'NS');
      const out: string[] = [];
      const seen = new Set<string>();
      // In order, as DynamoDB Local: ["1","1.0","x"] is a duplicate, ["x","1","1"] a bad number.
      for (const n of list) {
        if (n !== null && typeof n !== 'string') throw invalidType('NS');
        const canonical = normalizeNumber(n as string);
        if (seen.has(canonical)) throw new ValidationException('Input collection contains duplicates');
        seen.add(canonical);
        out.push(canonical);
      }
      out.sort(compareNumbers);
      state.size += out.reduce((sum, n) => sum + numberSize(n), 0);
      return { NS: out };
    }
    case 'BS': {
      const list = setElements(raw, 'BS');
      const out = list.map((b) => {
        if (b === null) throw new ValidationException(NULL_VALUE);
        return copyBinary(b);
      });
      state.binary = true;
      if (new Set(out.map(binaryKeyText)).size !== out.length) {
        throw new ValidationException(
          'One or more parameter values were invalid: Input collection of type BS contains duplicates.',
        );
      }
      out.sort(Buffer.compare);
      state.size += out.reduce((sum, b) => sum + b.byteLength, 0);
      return { BS: out };
    }
    case 'M': {
      if (depth > MAX_CONTAINER_DEPTH) throw nestingTooDeep();
      if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw invalidType('M');
      // A map: 3 bytes, plus for each entry its name, its value and 1 byte.
      const out: Record<string, AttributeValue> = {};
      state.size += 3;
      const start = state.size;
      let entries = 0;
      for (const name of Object.keys(raw)) {
        const element = (raw as Record<string, unknown>)[name];
        if (element === undefined) continue;
        setAttribute(out, name, copyNamed(name, element, state, depth + 1));
        state.size += nameLength(name) + 1;
        entries++;
        if (state.size > state.maxSize || tooMuchInside(state.size - start - entries)) throw itemTooLarge();
      }
      return { M: out };
    }
    case 'L': {
      if (depth > MAX_CONTAINER_DEPTH) throw nestingTooDeep();
      if (!Array.isArray(raw)) throw invalidType('L');
      // A list: 3 bytes, plus for each element its value and 1 byte.
      state.size += 3;
      const start = state.size;
      const out: AttributeValue[] = [];
      for (const element of raw as unknown[]) {
        out.push(copyValue(element, state, depth + 1));
        state.size += 1;
        if (state.size > state.maxSize || tooMuchInside(state.size - start - out.length)) throw itemTooLarge();
      }
      return { L: out };
    }
  }
}

/**
 * Whether a map's or list's contents so far (its entries' names and values, its elements' values, without the
 * bytes of its own framing) pass 400 KB: DynamoDB Local refuses such a map or list as it reads it, wherever it is
 * (2.9.30: a list holding one string of 409,600 characters is read, of 409,601 refused). In an item the item's own
 * total, checked too, always passes first.
 */
function tooMuchInside(contents: number): boolean {
  return contents > MAX_ITEM_SIZE_BYTES;
}

function invalidType(type: string): ValidationException {
  return new ValidationException(
    `One or more parameter values were invalid: The ${type} attribute value has the wrong JavaScript type`,
  );
}

const EMPTY_SET = {
  SS: 'One or more parameter values were invalid: An string set  may not be empty',
  NS: 'One or more parameter values were invalid: An number set  may not be empty',
  BS: 'One or more parameter values were invalid: Binary sets should not be empty',
} as const;

function setElements(raw: unknown, type: keyof typeof EMPTY_SET): unknown[] {
  if (!Array.isArray(raw)) throw invalidType(type);
  // DynamoDB Local's texts, the double space included.
  if (raw.length === 0) throw new ValidationException(EMPTY_SET[type]);
  return raw;
}

function copyBinary(raw: unknown): Uint8Array {
  if (raw instanceof Uint8Array) return new Uint8Array(raw);
  if (raw instanceof ArrayBuffer) return new Uint8Array(raw.slice(0));
  throw invalidType('B');
}

/** A deep copy of a frozen item whose binary values are fresh arrays (for items that hold binary). */
export function thawBinary(item: AttributeMap): AttributeMap {
  const out: AttributeMap = {};
  for (const name of Object.keys(item)) setAttribute(out, name, copyOut(item[name] as AttributeValue));
  return out;
}

function copyOut(value: AttributeValue): AttributeValue {
  if (value.B !== undefined) return { B: new Uint8Array(value.B) };
  if (value.BS !== undefined) return { BS: value.BS.map((b) => new Uint8Array(b)) };
  if (value.M !== undefined) {
    const out: Record<string, AttributeValue> = {};
    for (const name of Object.keys(value.M)) setAttribute(out, name, copyOut(value.M[name] as AttributeValue));
    return { M: out };
  }
  if (value.L !== undefined) return { L: value.L.map(copyOut) };
  return value;
}

/**
 * What every way out of shardline hands a caller: the stored item, deeply frozen, or a copy when it holds typed
 * arrays. Frozen on the way out rather than on write, because freezing is a large share of a write's cost
 * (bench/README.md) and most items are written more often than read.
 */
export function itemForCaller(item: AttributeMap): AttributeMap {
  if (!Object.isFrozen(item)) deepFreeze(item);
  return itemsWithBinary.has(item) ? thawBinary(item) : item;
}

function deepFreeze(item: AttributeMap): void {
  for (const name of Object.keys(item)) freezeValueDeep(item[name] as AttributeValue);
  Object.freeze(item);
}

function freezeValueDeep(value: AttributeValue): void {
  if (value.M !== undefined) deepFreeze(value.M);
  else if (value.L !== undefined) {
    for (const element of value.L) freezeValueDeep(element);
    Object.freeze(value.L);
  } else if (value.SS !== undefined) Object.freeze(value.SS);
  else if (value.NS !== undefined) Object.freeze(value.NS);
  else if (value.BS !== undefined) Object.freeze(value.BS);
  Object.freeze(value);
}
