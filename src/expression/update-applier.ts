import type { AttributeMap, AttributeValue } from '../model/attribute-value.js';
import { ItemDraft, readPathForUpdate } from './document-path.js';
import { sum } from './number-arithmetic.js';
import { setValueOf } from './set-value.js';
import { setDifference, setTypeOf, setUnion } from './set-members.js';
import type { DocumentPath, UpdateTree } from './syntax-tree.js';
import { incorrectOperandType } from './update-errors.js';

/*
 * An UpdateExpression applied to an item: https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.UpdateExpressions.html.
 * Every action refers to the item as it was before the update (the paths of one update never overlap: the
 * expression's check refuses that), and DynamoDB Local 2.9.30 decides what the guide leaves open:
 * - writes land in path order, so several list indexes past the end append in index order, whichever clause
 *   names them (`SET l[4] = :x ADD l[3] :y` appends y, then x);
 * - removals come last, highest index first, so each REMOVE index (and a DELETE that empties a set in a list) names
 *   an element of the original list (`SET l[2] = :x REMOVE l[0]` on [a, b, c] gives [b, x]);
 * - errors are found in the order ADD, DELETE, REMOVE, then SET's right-hand sides, then SET's paths. This matches
 *   DynamoDB Local on the pairs in test/expression/cases/update-cases.ts, but with several errors in one update Local
 *   picks by no order found so far (a random differential run: 7 of 164 such updates reported another of the errors).
 */

interface Write {
  readonly path: DocumentPath;
  readonly value: AttributeValue;
}

/**
 * The item `tree` makes of `item` (undefined: no item yet; the caller adds the key). `item` is never changed; the
 * result shares every map and list the update does not change, and is `item` itself when nothing changes.
 * `typeMismatch` is the error for ADD or DELETE against an attribute of another type (AttributeUpdates words it
 * its own way).
 */
export function applyUpdate(
  tree: UpdateTree,
  item: AttributeMap | undefined,
  typeMismatch: () => Error = incorrectOperandType,
): AttributeMap {
  const writes: Write[] = [];
  const removals: DocumentPath[] = [];
  for (const { path, value } of tree.add)
    writes.push({ path, value: added(readPathForUpdate(item, path), value, typeMismatch) });
  for (const { path, value } of tree.delete) {
    const existing = readPathForUpdate(item, path);
    if (existing === undefined) continue;
    const type = setTypeOf(value);
    if (type === undefined || setTypeOf(existing) !== type) throw typeMismatch();
    const kept = setDifference(type, existing, value);
    if (kept === undefined) removals.push(path);
    else writes.push({ path, value: kept });
  }
  // A SET value that is a bare path is read before REMOVE's paths are checked; arithmetic and functions after them
  // (DynamoDB Local 2.9.30: `SET m = a REMOVE a.p` without `a` is the missing attribute, `SET a = q + :one
  // REMOVE m.x` the invalid path).
  for (const { value } of tree.set) if (value.kind === 'path') setValueOf(value, item);
  for (const path of tree.remove) if (readPathForUpdate(item, path) !== undefined) removals.push(path);
  const firstSet = writes.length;
  for (const { path, value } of tree.set) writes.push({ path, value: setValueOf(value, item) });
  // SET's paths are checked as they are written: after its right-hand sides (DynamoDB Local 2.9.30).
  for (let i = firstSet; i < writes.length; i++) {
    const path = (writes[i] as Write).path;
    if (path.length > 1) readPathForUpdate(item, path);
  }
  if (writes.length + removals.length === 0) return item ?? {};
  const draft = new ItemDraft(item);
  if (writes.length > 1 && writes.some(({ path }) => hasIndex(path)))
    writes.sort((a, b) => comparePaths(a.path, b.path));
  for (const { path, value } of writes) draft.set(path, value);
  if (removals.length > 1) removals.sort((a, b) => comparePaths(b, a));
  for (const path of removals) draft.remove(path);
  return draft.result();
}

/** ADD: a number added, a set's members joined, or the value itself where there is none yet. */
function added(existing: AttributeValue | undefined, value: AttributeValue, typeMismatch: () => Error): AttributeValue {
  if (value.N !== undefined) {
    if (existing === undefined) return value;
    if (existing.N === undefined) throw typeMismatch();
    return { N: sum(existing.N, value.N) };
  }
  const type = setTypeOf(value);
  if (type === undefined) throw typeMismatch();
  if (existing === undefined) return value;
  if (setTypeOf(existing) !== type) throw typeMismatch();
  return setUnion(type, existing, value);
}

function hasIndex(path: DocumentPath): boolean {
  for (let i = 1; i < path.length; i++) if (typeof path[i] === 'number') return true;
  return false;
}

/** Paths in document order: list indexes by number, map keys by text; a path before the paths below it. */
export function comparePaths(a: DocumentPath, b: DocumentPath): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const x = a[i];
    const y = b[i];
    if (x === y) continue;
    if (typeof x === 'number' && typeof y === 'number') return x - y;
    if (typeof x === 'string' && typeof y === 'string') return x < y ? -1 : 1;
    return typeof x === 'number' ? 1 : -1;
  }
  return a.length - b.length;
}
