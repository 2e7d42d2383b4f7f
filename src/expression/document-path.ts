import { ValidationException } from '../errors.js';
import { getAttribute, setAttribute, type AttributeMap, type AttributeValue } from '../model/attribute-value.js';
import type { DocumentPath, PathElement } from './syntax-tree.js';

/*
 * Reading and writing an item at a document path (`a.b[3]` is ['a', 'b', 3]): a string steps into a map (an
 * attribute name at the top), a number into a list. Stored items are frozen and shared with stream records, so a
 * write never changes its input: a draft copies the item's top level once and each map or list on the way to a
 * change once, and shares everything else.
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.Attributes.html#Expressions.Attributes.NestedElements.DocumentPathExamples
 */

const hasOwnProperty = Object.prototype.hasOwnProperty;

/** DynamoDB's text for a path through a missing map or list, or through a value of another type (DynamoDB Local 2.9.30). */
const INVALID_PATH = 'The document path provided in the update expression is invalid for update';

export function invalidPathForUpdate(): ValidationException {
  return new ValidationException(INVALID_PATH);
}

/** One step down from `value`: a map's entry or a list's element, or undefined when there is none of that kind. */
export function childAt(value: AttributeValue, element: PathElement): AttributeValue | undefined {
  if (typeof element === 'string') return value.M === undefined ? undefined : getAttribute(value.M, element);
  return value.L === undefined ? undefined : value.L[element];
}

/**
 * The value at `path`, or undefined when it is absent: a missing attribute, map key or list index, or a step through
 * a value of another type (`s.x` on a string), which conditions treat as absent.
 */
export function readPath(item: AttributeMap | undefined, path: DocumentPath): AttributeValue | undefined {
  if (item === undefined) return undefined;
  let value = getAttribute(item, path[0] as string);
  for (let i = 1; i < path.length && value !== undefined; i++) value = childAt(value, path[i] as PathElement);
  return value;
}

/**
 * The value at `path` for an update, which may name an absent last step but not a path through a missing or
 * mistyped parent: `SET m.x` without a map `m`, `REMOVE l[0]` on a string (DynamoDB Local 2.9.30, all four clauses).
 */
export function readPathForUpdate(item: AttributeMap | undefined, path: DocumentPath): AttributeValue | undefined {
  const last = path.length - 1;
  if (item === undefined) {
    if (last > 0) throw invalidPathForUpdate();
    return undefined;
  }
  let value = getAttribute(item, path[0] as string);
  for (let i = 1; i <= last; i++) {
    const element = path[i] as PathElement;
    if (value === undefined || !holdsKind(value, element)) throw invalidPathForUpdate();
    value = childAt(value, element);
  }
  return value;
}

function holdsKind(value: AttributeValue, element: PathElement): boolean {
  return typeof element === 'string' ? value.M !== undefined : value.L !== undefined;
}

/**
 * A copy-on-write item: `set` and `remove` change only the draft's own copies. Top-level changes are kept aside and
 * the new top level is built once, by `result` (no `delete` on an object, which would slow every later read of it);
 * a nested map or list is copied the first time a write passes through it.
 */
export class ItemDraft {
  /**
   * Top-level attributes written (a value) or removed (undefined): two short arrays, as an update changes few
   * attributes and a linear search of a few names is cheaper than a Map.
   */
  private readonly changedNames: string[] = [];
  private readonly changedValues: (AttributeValue | undefined)[] = [];
  /** The maps and lists this draft copied, so a second write through one does not copy it again. */
  private owned: Set<object> | undefined;

  constructor(private readonly original: AttributeMap | undefined) {}

  /** The item with every write applied (the original itself when nothing was written). */
  result(): AttributeMap {
    const original = this.original;
    const names = this.changedNames;
    if (names.length === 0) return original ?? {};
    const out: AttributeMap = {};
    if (original !== undefined) {
      // for-in over own properties: no array of names allocated (as the write path's copy in model/frozen-item.ts).
      for (const name in original) {
        if (!hasOwnProperty.call(original, name)) continue;
        const changed = names.indexOf(name);
        const value = changed < 0 ? original[name] : this.changedValues[changed];
        if (value !== undefined) setAttribute(out, name, value);
      }
    }
    for (let i = 0; i < names.length; i++) {
      const name = names[i] as string;
      const value = this.changedValues[i];
      if (value !== undefined && (original === undefined || !Object.hasOwn(original, name)))
        setAttribute(out, name, value);
    }
    return out;
  }

  /**
   * Writes `value` at `path`. A list index past the end appends (the Expressions.UpdateExpressions guide: "If the
   * index is greater than the list's length, the element is added to the end"); a missing or mistyped parent is
   * refused.
   */
  set(path: DocumentPath, value: AttributeValue): void {
    if (path.length === 1) {
      this.change(path[0] as string, value);
      return;
    }
    const container = this.parentOf(path);
    const last = path[path.length - 1] as PathElement;
    if (Array.isArray(container)) {
      const index = last as number;
      if (index >= container.length) container.push(value);
      else container[index] = value;
    } else setAttribute(container, last as string, value);
  }

  /** Removes the value at `path`; a list element's removal shifts the later ones down. Absent: nothing happens. */
  remove(path: DocumentPath): void {
    if (path.length === 1) {
      const name = path[0] as string;
      if (this.current(name) !== undefined) this.change(name, undefined);
      return;
    }
    let value = this.current(path[0] as string);
    for (let i = 1; i < path.length; i++) {
      const element = path[i] as PathElement;
      if (value === undefined || !holdsKind(value, element)) throw invalidPathForUpdate();
      value = childAt(value, element);
    }
    if (value === undefined) return;
    const container = this.parentOf(path);
    const last = path[path.length - 1] as PathElement;
    if (Array.isArray(container)) container.splice(last as number, 1);
    else delete container[last as string];
  }

  private current(name: string): AttributeValue | undefined {
    const changed = this.changedNames.indexOf(name);
    if (changed >= 0) return this.changedValues[changed];
    return this.original === undefined ? undefined : getAttribute(this.original, name);
  }

  private change(name: string, value: AttributeValue | undefined): void {
    const changed = this.changedNames.indexOf(name);
    if (changed >= 0) this.changedValues[changed] = value;
    else {
      this.changedNames.push(name);
      this.changedValues.push(value);
    }
  }

  /** The draft's own (writable) map or list that holds the last step of `path`, copying the way down to it. */
  private parentOf(path: DocumentPath): AttributeMap | AttributeValue[] {
    const owned = this.owned ?? (this.owned = new Set());
    let value = this.current(path[0] as string);
    let container: AttributeMap | AttributeValue[] | undefined;
    for (let i = 1; i < path.length; i++) {
      const element = path[i] as PathElement;
      if (value === undefined || !holdsKind(value, element)) throw invalidPathForUpdate();
      let copy = value;
      if (!owned.has(value)) {
        copy =
          typeof element === 'string'
            ? { M: copyMap(value.M as AttributeMap) }
            : { L: (value.L as AttributeValue[]).slice() };
        owned.add(copy);
        if (container === undefined) this.change(path[0] as string, copy);
        else if (Array.isArray(container)) container[path[i - 1] as number] = copy;
        else setAttribute<AttributeValue>(container, path[i - 1] as string, copy);
      }
      container = typeof element === 'string' ? (copy.M as AttributeMap) : (copy.L as AttributeValue[]);
      if (i < path.length - 1)
        value = Array.isArray(container) ? container[element as number] : getAttribute(container, element as string);
    }
    return container as AttributeMap | AttributeValue[];
  }
}

/** A shallow copy of a map whose keys are data (`__proto__` stays an entry). */
export function copyMap(map: AttributeMap): AttributeMap {
  const out: AttributeMap = {};
  for (const name in map) if (hasOwnProperty.call(map, name)) setAttribute(out, name, map[name] as AttributeValue);
  return out;
}
