import { setAttribute } from '../model/attribute-value.js';
import { decodeAttributeValue } from './json-codec.js';

/*
 * The values of the legacy Expected and AttributeUpdates parameters from JSON, decoded with the rest of the request's;
 * the legacy language itself is in expression/legacy/.
 */

/**
 * Expected with its values decoded from the wire (B as bytes), their JSON types checked with the rest of the
 * request's, before anything is looked up. An entry of the wrong shape is passed on as it is, for
 * expectedToCondition to name it.
 */
export function decodeExpected(expected: unknown): unknown {
  if (expected === null || typeof expected !== 'object' || Array.isArray(expected)) return expected;
  const out: Record<string, unknown> = {};
  for (const name of Object.keys(expected)) {
    const entry = (expected as Record<string, unknown>)[name];
    if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) {
      setAttribute(out, name, entry);
      continue;
    }
    const { Value: value, AttributeValueList: list } = entry as Record<string, unknown>;
    const decoded: Record<string, unknown> = { ...entry };
    if (value !== undefined && value !== null) decoded.Value = decodeAttributeValue(value);
    if (Array.isArray(list)) decoded.AttributeValueList = list.map(decodeAttributeValue);
    setAttribute(out, name, decoded);
  }
  return out;
}

/** AttributeUpdates with each update's Value decoded from JSON (an update of the wrong shape is passed on, to be named). */
export function decodeAttributeUpdates(updates: Record<string, unknown>): Record<string, unknown> {
  const decoded: Record<string, unknown> = {};
  for (const name of Object.keys(updates)) {
    const update = updates[name];
    const isObject = update !== null && typeof update === 'object' && !Array.isArray(update);
    setAttribute(
      decoded,
      name,
      isObject ? { ...update, Value: decodeAttributeValue((update as { Value?: unknown }).Value) } : update,
    );
  }
  return decoded;
}
