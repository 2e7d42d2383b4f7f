import { ValidationException } from '../errors.js';
import { setAttribute, type AttributeMap, type AttributeValue } from './attribute-value.js';
import { compareNumbers, normalizeNumber, numberSize } from './number-value.js';
import { utf8Length } from './item-size.js';

/**
 * Items enter shardline once, here: validated, copied, numbers put in canonical form, and frozen. The table
 * keeps the frozen copy, and stream records share it (the next record's OldImage is the same object), so a
 * caller can neither change the log through the object they passed in nor through one handed back.
 *
 * Typed arrays cannot be frozen, so items holding binary values are remembered here and copied on the way out.
 */
const itemsWithBinary = new WeakSet<object>();

export interface FrozenItem {
  readonly item: AttributeMap;
  /** Size by AWS's rules (see item-size.ts), computed during the same walk. */
  readonly size: number;
}

/** Whether a frozen item must be copied before it leaves shardline (it holds Uint8Arrays). */
export function holdsBinary(item: AttributeMap): boolean {
  return itemsWithBinary.has(item);
}

interface WalkState {
  binary: boolean;
}

/** Validates `input` as an item and returns its frozen, canonical copy with its size. */
export function freezeItem(input: unknown): FrozenItem {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    throw new ValidationException('One or more parameter values were invalid: An item must be a map of attribute names to AttributeValues');
  }
  const state: WalkState = { binary: false };
  const out: AttributeMap = {};
  let size = 0;
  for (const name of Object.keys(input)) {
    const value = (input as Record<string, unknown>)[name];
    if (value === undefined) continue;
    const copy = copyNamed(name, value, state);
    setAttribute(out, name, copy.value);
    size += utf8Length(name) + copy.size;
  }
  Object.freeze(out);
  if (state.binary) itemsWithBinary.add(out);
  return { item: out, size };
}

/** Validates and freezes a single AttributeValue (for keys given on their own). */
export function freezeValue(input: unknown): { value: AttributeValue; size: number } {
  return copyValue(input, { binary: false });
}

const EMPTY_VALUE = 'Supplied AttributeValue is empty, must contain exactly one of the supported datatypes';
const MANY_TYPES = 'Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes';
/** DynamoDB Local 1.25.1's text for a null value in a list or binary set; a named one (top level, map) adds ": <name> is null". */
const NULL_VALUE = 'The supplied Item contains a null AttributeValue';

/** The data types of an AttributeValue; any other member is ignored, as DynamoDB Local ignores unknown JSON members. */
const DATA_TYPES = ['S', 'N', 'B', 'SS', 'NS', 'BS', 'M', 'L', 'NULL', 'BOOL'] as const;

/** Copies a named attribute (top level or in a map): an empty name and a `null` value have their own messages there. */
function copyNamed(name: string, input: unknown, state: WalkState): { value: AttributeValue; size: number } {
  // DynamoDB Local 1.25.1's text for "" as a name, at the top level or in a map.
  if (name === '') throw new ValidationException('Empty attribute name');
  if (input === null) throw new ValidationException(`${NULL_VALUE}: ${name} is null`);
  return copyValue(input, state);
}

function copyValue(input: unknown, state: WalkState): { value: AttributeValue; size: number } {
  if (input === null) throw new ValidationException(NULL_VALUE);
  if (typeof input !== 'object' || Array.isArray(input)) throw new ValidationException(EMPTY_VALUE);
  // A member set to undefined or null is absent (JSON null), and an unknown member does not count: DynamoDB Local
  // accepts {"S":"a","X":"1"} and calls {"X":"1"} empty (docs/ddb-local-observed-core.md, section 7).
  let type: (typeof DATA_TYPES)[number] | undefined;
  for (const candidate of DATA_TYPES) {
    const member = (input as Record<string, unknown>)[candidate];
    if (member === undefined || member === null) continue;
    if (type !== undefined) throw new ValidationException(MANY_TYPES);
    type = candidate;
  }
  if (type === undefined) throw new ValidationException(EMPTY_VALUE);
  const raw = (input as Record<string, unknown>)[type];
  switch (type) {
    case 'S': {
      if (typeof raw !== 'string') throw invalidType('S');
      return { value: Object.freeze({ S: raw }), size: utf8Length(raw) };
    }
    case 'N': {
      if (typeof raw !== 'string') throw invalidType('N');
      const n = normalizeNumber(raw);
      return { value: Object.freeze({ N: n }), size: numberSize(n) };
    }
    case 'B': {
      const bytes = copyBinary(raw);
      state.binary = true;
      return { value: Object.freeze({ B: bytes }), size: bytes.byteLength };
    }
    case 'BOOL': {
      if (typeof raw !== 'boolean') throw invalidType('BOOL');
      return { value: Object.freeze({ BOOL: raw }), size: 1 };
    }
    case 'NULL': {
      if (raw !== true) {
        throw new ValidationException('One or more parameter values were invalid: Null attribute value types must have the value of true');
      }
      return { value: Object.freeze({ NULL: true }), size: 1 };
    }
    // Sets are checked and stored as DynamoDB Local does (docs/ddb-local-observed-core.md, section 7): its messages
    // word for word (they differ per set type), and members sorted, as it returns them: strings by UTF-16 code
    // units (Java's String order), numbers by value, binaries by unsigned bytes.
    case 'SS': {
      const list = setElements(raw, 'SS');
      for (const s of list) {
        if (s === null) throw new ValidationException('One or more parameter values were invalid: An string set may not have a null string as a member');
        if (typeof s !== 'string') throw invalidType('SS');
      }
      const strings = list as string[];
      if (new Set(strings).size !== strings.length) {
        throw new ValidationException(`One or more parameter values were invalid: Input collection [${strings.join(', ')}] contains duplicates`);
      }
      const out = [...strings].sort();
      return { value: Object.freeze({ SS: Object.freeze(out) as string[] }), size: out.reduce((sum, s) => sum + utf8Length(s), 0) };
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
      return { value: Object.freeze({ NS: Object.freeze(out) as string[] }), size: out.reduce((sum, n) => sum + numberSize(n), 0) };
    }
    case 'BS': {
      const list = setElements(raw, 'BS');
      const out = list.map((b) => {
        if (b === null) throw new ValidationException(NULL_VALUE);
        return copyBinary(b);
      });
      state.binary = true;
      if (new Set(out.map(binaryKey)).size !== out.length) {
        throw new ValidationException('One or more parameter values were invalid: Input collection of type BS contains duplicates.');
      }
      out.sort(Buffer.compare);
      return { value: Object.freeze({ BS: Object.freeze(out) as Uint8Array[] }), size: out.reduce((sum, b) => sum + b.byteLength, 0) };
    }
    case 'M': {
      if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw invalidType('M');
      const out: Record<string, AttributeValue> = {};
      let size = 3;
      for (const name of Object.keys(raw)) {
        const element = (raw as Record<string, unknown>)[name];
        if (element === undefined) continue;
        const copy = copyNamed(name, element, state);
        setAttribute(out, name, copy.value);
        size += utf8Length(name) + copy.size + 1;
      }
      return { value: Object.freeze({ M: Object.freeze(out) }), size };
    }
    case 'L': {
      if (!Array.isArray(raw)) throw invalidType('L');
      let size = 3;
      const out = raw.map((element: unknown) => {
        const copy = copyValue(element, state);
        size += copy.size + 1;
        return copy.value;
      });
      return { value: Object.freeze({ L: Object.freeze(out) as AttributeValue[] }), size };
    }
  }
}

function invalidType(type: string): ValidationException {
  return new ValidationException(`One or more parameter values were invalid: The ${type} attribute value has the wrong JavaScript type`);
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

function binaryKey(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
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

/** What callers get: the frozen item itself, or a copy when it holds typed arrays that cannot be frozen. */
export function itemForCaller(item: AttributeMap): AttributeMap {
  return itemsWithBinary.has(item) ? thawBinary(item) : item;
}
