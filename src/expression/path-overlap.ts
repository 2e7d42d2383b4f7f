import type { DocumentPath } from './syntax-tree.js';
import { ExpressionProblem, showPath } from './expression-problem.js';
import { javaHashOrder } from './java-hash-order.js';

/*
 * Two paths of one update (or one projection) may not touch the same data: `a` and `a.b` overlap, `a[1]` and `a.b`
 * conflict (one reads `a` as a list, the other as a map).
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.UpdateExpressions.html
 *
 * The message follows DynamoDB Local 2.9.30, which takes the paths from the last to the first, and names as "path
 * one" the first path that clashes with a later one, but as "path two" the last leaf of its tree of the later paths
 * (names in a Java HashMap's order), clashing or not: `SET a = :v, a.b = :v, x = :v, y = :v` gives `path one: [a],
 * path two: [y]`. AWS's recorded text (`path one: [f], path two: [f]`) fits this too. One case differs still:
 * DynamoDB Local names `[e, [1]]` for `REMOVE e[1] ADD e[1] :v DELETE g.h :s`, where this gives `[g, h]`.
 */
export function checkPathsApart(paths: readonly DocumentPath[]): void {
  const later: DocumentPath[] = [];
  for (let i = paths.length - 1; i >= 0; i--) {
    const path = paths[i]!;
    for (const other of later) {
      const clash = compare(other, path);
      if (clash === undefined) continue;
      // The level of the tree where the clash shows: where the paths part, or where the shorter one ends.
      const depth = clash === 'conflict' ? firstDifference(other, path) : Math.min(other.length, path.length) - 1;
      const prefix = path.slice(0, depth);
      const below = later.filter((p) => prefix.every((e, k) => p[k] === e)).map((p) => p.slice(depth));
      throw new ExpressionProblem(
        `Two document paths ${clash} with each other; must remove or rewrite one of these paths; ` +
          `path one: ${showPath(path)}, path two: ${showPath([...prefix, ...lastLeaf(below)])}`,
      );
    }
    later.push(path);
  }
}

function compare(a: DocumentPath, b: DocumentPath): 'overlap' | 'conflict' | undefined {
  const length = Math.min(a.length, b.length);
  for (let k = 0; k < length; k++) {
    if (a[k] === b[k]) continue;
    return typeof a[k] === typeof b[k] ? undefined : 'conflict';
  }
  return 'overlap';
}

function firstDifference(a: DocumentPath, b: DocumentPath): number {
  let k = 0;
  while (a[k] === b[k]) k++;
  return k;
}

/**
 * DynamoDB Local's tree of paths keeps each level in a HashMap of 128 buckets: the 128 fits every message observed
 * (`status` before `d`, `zz` before `a`), 16 does not.
 */
const TREE_CAPACITY = 128;

/** The last path of a depth-first walk of the paths' tree, each level's keys in Java HashMap order. */
function lastLeaf(paths: readonly DocumentPath[]): DocumentPath {
  const keys = [...new Set(paths.map((path) => path[0]!))];
  const last = javaHashOrder(keys, TREE_CAPACITY).at(-1);
  const group = paths.filter((path) => path[0] === last);
  const longer = group.filter((path) => path.length > 1);
  if (longer.length === 0) return group[0]!;
  return [last!, ...lastLeaf(longer.map((path) => path.slice(1)))];
}
