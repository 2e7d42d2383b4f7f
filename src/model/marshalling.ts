import { convertToAttr, convertToNative, type marshallOptions, type unmarshallOptions } from '@aws-sdk/util-dynamodb';
import { ValidationException } from '../errors.js';
import { setAttribute, type AttributeMap, type AttributeValue } from './attribute-value.js';
import { MAX_CONTAINER_DEPTH, nestingTooDeep } from './item-limits.js';

/**
 * Plain JavaScript values <-> AttributeValue maps, by `@aws-sdk/util-dynamodb` (the same rules as
 * `DynamoDBDocumentClient`). Maps are walked here rather than by the library because it recognises plain
 * objects by `value.constructor.name` and builds them with `map[key] = ...`: an attribute named
 * `constructor` or `__proto__` would break both. Everything else is the library's.
 */
const MARSHALL_OPTIONS: marshallOptions = { removeUndefinedValues: true };

export type NativeItem = Record<string, unknown>;

export function marshallItem(value: NativeItem, options: marshallOptions = MARSHALL_OPTIONS): AttributeMap {
  if (!isPlainObject(value)) {
    throw new ValidationException('One or more parameter values were invalid: An item must be a plain object');
  }
  return marshallMap(value, options, 0);
}

function marshallMap(value: object, options: marshallOptions, depth: number): AttributeMap {
  return marshallEntries(
    Object.keys(value).map((name) => [name, (value as Record<string, unknown>)[name]]),
    options,
    depth,
  );
}

/** `depth`: the maps and lists around these entries' values; a map or list deeper than DynamoDB's limit is refused. */
function marshallEntries(
  entries: Iterable<readonly [unknown, unknown]>,
  options: marshallOptions,
  depth: number,
): AttributeMap {
  const out: AttributeMap = {};
  for (const [name, element] of entries) {
    if (element === undefined && options.removeUndefinedValues) continue;
    if (typeof element === 'function') continue;
    setAttribute(out, String(name), marshallValue(element, options, depth));
  }
  return out;
}

function marshallValue(value: unknown, options: marshallOptions, depth: number): AttributeValue {
  // Refused here, before going deeper: an object that contains itself would otherwise overflow the stack.
  const container = Array.isArray(value) || isPlainObject(value) || value instanceof Map;
  if (container && depth > MAX_CONTAINER_DEPTH) throw nestingTooDeep();
  if (Array.isArray(value)) {
    return {
      L: value
        .filter((element) => typeof element !== 'function' && !(element === undefined && options.removeUndefinedValues))
        .map((element) => marshallValue(element, options, depth + 1)),
    };
  }
  if (isPlainObject(value)) return { M: marshallMap(value, options, depth + 1) };
  // A Map is a map attribute too (as the library has it), walked here for the same `__proto__` reason.
  if (value instanceof Map) return { M: marshallEntries(value, options, depth + 1) };
  try {
    return convertToAttr(value, options) as AttributeValue;
  } catch (error) {
    throw new ValidationException(`One or more parameter values were invalid: ${(error as Error).message}`);
  }
}

function isPlainObject(value: unknown): value is object {
  if (value === null || typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

export function unmarshallItem(item: AttributeMap, options?: unmarshallOptions): NativeItem {
  const out: NativeItem = {};
  for (const name of Object.keys(item)) setAttribute(out, name, unmarshallValue(item[name] as AttributeValue, options));
  return out;
}

function unmarshallValue(value: AttributeValue, options?: unmarshallOptions): unknown {
  if (value.M !== undefined) return unmarshallItem(value.M, options);
  if (value.L !== undefined) return value.L.map((element) => unmarshallValue(element, options));
  // Fresh arrays for binary values: frozen items share theirs.
  if (value.B !== undefined) return new Uint8Array(value.B);
  if (value.BS !== undefined) return new Set(value.BS.map((bytes) => new Uint8Array(bytes)));
  return convertToNative(value as Parameters<typeof convertToNative>[0], options);
}
