import { ValidationException } from '../errors.js';
import { setAttribute, type AttributeMap, type AttributeValue } from './attribute-value.js';
import { normalizeNumber, numberSize } from './number-value.js';
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
    const copy = copyValue(value, state);
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

function copyValue(input: unknown, state: WalkState): { value: AttributeValue; size: number } {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) throw new ValidationException(EMPTY_VALUE);
  let type: string | undefined;
  for (const key in input) {
    if ((input as Record<string, unknown>)[key] === undefined) continue;
    if (type !== undefined) throw new ValidationException(MANY_TYPES);
    type = key;
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
    case 'SS': {
      const list = setElements(raw, 'string');
      const out = list.map((s) => {
        if (typeof s !== 'string') throw invalidType('SS');
        return s;
      });
      rejectDuplicates(out, out);
      return { value: Object.freeze({ SS: Object.freeze(out) as string[] }), size: out.reduce((sum, s) => sum + utf8Length(s), 0) };
    }
    case 'NS': {
      const list = setElements(raw, 'number');
      const out = list.map((n) => {
        if (typeof n !== 'string') throw invalidType('NS');
        return normalizeNumber(n);
      });
      rejectDuplicates(out, list as string[]);
      return { value: Object.freeze({ NS: Object.freeze(out) as string[] }), size: out.reduce((sum, n) => sum + numberSize(n), 0) };
    }
    case 'BS': {
      const list = setElements(raw, 'binary');
      const out = list.map(copyBinary);
      state.binary = true;
      rejectDuplicates(out.map(binaryKey), out.map((b) => Buffer.from(b).toString('base64')));
      return { value: Object.freeze({ BS: Object.freeze(out) as Uint8Array[] }), size: out.reduce((sum, b) => sum + b.byteLength, 0) };
    }
    case 'M': {
      if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw invalidType('M');
      const out: Record<string, AttributeValue> = {};
      let size = 3;
      for (const name of Object.keys(raw)) {
        const element = (raw as Record<string, unknown>)[name];
        if (element === undefined) continue;
        const copy = copyValue(element, state);
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
    default:
      throw new ValidationException(`Supplied AttributeValue has an unsupported datatype: ${type}`);
  }
}

function invalidType(type: string): ValidationException {
  return new ValidationException(`One or more parameter values were invalid: The ${type} attribute value has the wrong JavaScript type`);
}

const SET_NAMES = { string: 'string', number: 'number', binary: 'binary' } as const;

function setElements(raw: unknown, kind: keyof typeof SET_NAMES): unknown[] {
  if (!Array.isArray(raw)) throw invalidType(kind === 'string' ? 'SS' : kind === 'number' ? 'NS' : 'BS');
  if (raw.length === 0) {
    // AWS's text, with its double space: "An string set  may not be empty".
    throw new ValidationException(`One or more parameter values were invalid: An ${SET_NAMES[kind]} set  may not be empty`);
  }
  return raw;
}

function rejectDuplicates(keys: readonly string[], shown: readonly string[]): void {
  if (new Set(keys).size !== keys.length) {
    throw new ValidationException(`One or more parameter values were invalid: Input collection [${shown.join(', ')}] contains duplicates.`);
  }
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
