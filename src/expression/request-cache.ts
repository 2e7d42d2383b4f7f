import type { KeySchema } from '../model/key-schema.js';

/*
 * Whole requests, resolved: a hot loop (a counter bumped with `SET n = n + :one`, a conditional put with
 * `attribute_not_exists(pk)`) sends the same texts, names and values again and again, and then pays for a lookup and
 * a comparison of its placeholder maps instead of resolving placeholders and checking the trees anew
 * (bench/expressions.ts). Looked up by the table's key schema (an object that lives as long as the table) and the
 * first expression text, whose hash V8 keeps on the string, so no key string is built per request. Only requests
 * that passed every check are kept, with copies of their placeholder maps; bounded, first in first out.
 */

/** Texts kept per key schema, and requests kept per text. */
const TEXTS = 1000;
const PER_TEXT = 8;
/** Placeholder maps with more entries than this are not kept: comparing them would cost what parsing does. */
const MAX_PLACEHOLDERS = 32;

interface Entry<T> {
  readonly operation: string | undefined;
  readonly texts: readonly (string | undefined)[];
  readonly names: unknown;
  readonly values: unknown;
  readonly result: T;
}

const NO_SCHEMA = {};

export class RequestCache<T> {
  private readonly bySchema = new WeakMap<object, Map<string, Entry<T>[]>>();

  get(
    schema: KeySchema | undefined,
    operation: string | undefined,
    texts: readonly (string | undefined)[],
    names: unknown,
    values: unknown,
  ): T | undefined {
    const first = firstText(texts);
    if (first === undefined) return undefined;
    const entries = this.bySchema.get(schema ?? NO_SCHEMA)?.get(first);
    if (entries === undefined) return undefined;
    for (const entry of entries) {
      if (
        entry.operation === operation &&
        sameTexts(entry.texts, texts) &&
        sameData(entry.names, names) &&
        sameData(entry.values, values)
      )
        return entry.result;
    }
    return undefined;
  }

  set(
    schema: KeySchema | undefined,
    operation: string | undefined,
    texts: readonly (string | undefined)[],
    names: unknown,
    values: unknown,
    result: T,
  ): void {
    const first = firstText(texts);
    if (first === undefined || !small(names) || !small(values)) return;
    let byText = this.bySchema.get(schema ?? NO_SCHEMA);
    if (byText === undefined) {
      byText = new Map();
      this.bySchema.set(schema ?? NO_SCHEMA, byText);
    }
    let entries = byText.get(first);
    if (entries === undefined) {
      if (byText.size >= TEXTS) byText.delete(byText.keys().next().value as string);
      entries = [];
      byText.set(first, entries);
    }
    if (entries.length >= PER_TEXT) entries.shift();
    // Copies: a caller may change its maps after the call.
    entries.push({
      operation,
      texts: [...texts],
      names: structuredClone(names),
      values: structuredClone(values),
      result,
    });
  }
}

function firstText(texts: readonly (string | undefined)[]): string | undefined {
  for (const text of texts) if (text !== undefined) return text;
  return undefined;
}

function small(map: unknown): boolean {
  return map === undefined || map === null || (typeof map === 'object' && Object.keys(map).length <= MAX_PLACEHOLDERS);
}

function sameTexts(a: readonly (string | undefined)[], b: readonly (string | undefined)[]): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Whether two JSON-like values (objects, arrays, strings, numbers, booleans, null, Uint8Arrays) are the same data. */
export function sameData(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (a instanceof Uint8Array || b instanceof Uint8Array) {
    if (!(a instanceof Uint8Array && b instanceof Uint8Array) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
    return true;
  }
  if (Array.isArray(a) !== Array.isArray(b) || Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  for (const key of keys) {
    if (!Object.hasOwn(b, key)) return false;
    if (!sameData((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key])) return false;
  }
  return true;
}
