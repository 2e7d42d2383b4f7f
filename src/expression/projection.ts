import { getAttribute, setAttribute, type AttributeMap, type AttributeValue } from '../model/attribute-value.js';
import { childAt } from './document-path.js';
import type { DocumentPath, ProjectionTree } from './syntax-tree.js';

/*
 * A ProjectionExpression (or AttributesToGet) applied to an item: only the values at the given paths, inside the
 * maps and lists that hold them. A nested map path keeps only that key (`m.b.c` gives {m: {b: {c}}}); list
 * elements come back compacted, in index order whatever the order of the paths (`l[2], l[0]` gives {l: [l0, l2]});
 * paths that share a prefix merge; a path the item does not have, or that steps through a value of another type
 * (`s[0]` on a string), is left out. DynamoDB Local 2.9.30 answers so, and public suites record AWS so.
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.ProjectionExpressions.html
 */

/** Part of a map that more than one path may reach into; entries are keyed by user data, so a Map. */
class MapPart {
  readonly entries = new Map<string, Part>();
}

/** Some elements of a list, by index (compacted when the result is built). */
class ListPart {
  readonly elements = new Map<number, Part>();
}

/** A whole value, or the parts of a map or list that the paths reach. */
type Part = AttributeValue | MapPart | ListPart;

export function projectItem(item: AttributeMap, projection: ProjectionTree): AttributeMap {
  const out: AttributeMap = {};
  let nested: Map<string, Part> | undefined;
  for (const path of projection) {
    const name = path[0] as string;
    const value = getAttribute(item, name);
    if (value === undefined) continue;
    // A top-level name (the common case, and all of AttributesToGet) is the value itself, with no parts to merge.
    if (path.length === 1) setAttribute(out, name, value);
    else if (exists(value, path)) {
      nested ??= new Map();
      nested.set(name, placed(nested.get(name), value, path, 1));
    }
  }
  if (nested !== undefined) {
    for (const [name, part] of nested) if (!Object.hasOwn(out, name)) setAttribute(out, name, built(part));
  }
  return out;
}

function exists(value: AttributeValue, path: DocumentPath): boolean {
  let current: AttributeValue | undefined = value;
  for (let i = 1; i < path.length && current !== undefined; i++) current = childAt(current, path[i] as string | number);
  return current !== undefined;
}

/** `part` (what earlier paths took of `value`) with the value at `path` from step `i` on added. */
function placed(part: Part | undefined, value: AttributeValue, path: DocumentPath, i: number): Part {
  if (i === path.length) return value;
  // The whole value is already taken (a path that is a prefix of this one): nothing to add.
  if (part !== undefined && !(part instanceof MapPart) && !(part instanceof ListPart)) return part;
  const element = path[i] as string | number;
  const child = childAt(value, element) as AttributeValue;
  if (typeof element === 'string') {
    const map = part instanceof MapPart ? part : new MapPart();
    map.entries.set(element, placed(map.entries.get(element), child, path, i + 1));
    return map;
  }
  const list = part instanceof ListPart ? part : new ListPart();
  list.elements.set(element, placed(list.elements.get(element), child, path, i + 1));
  return list;
}

function built(part: Part): AttributeValue {
  if (part instanceof MapPart) {
    const map: AttributeMap = {};
    for (const [name, entry] of part.entries) setAttribute(map, name, built(entry));
    return { M: map };
  }
  if (part instanceof ListPart) {
    const indexes = [...part.elements.keys()].sort((a, b) => a - b);
    return { L: indexes.map((index) => built(part.elements.get(index) as Part)) };
  }
  return part;
}
