import type { DocumentPath } from './syntax-tree.js';
import { ExpressionProblem, showPath } from './expression-problem.js';

/*
 * Two paths of one update (or one projection) may not touch the same data: `a` and `a.b` overlap, `a[1]` and `a.b`
 * conflict (one reads `a` as a list, the other as a map). Each path is compared with the earlier ones, in order.
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.UpdateExpressions.html
 *
 * DynamoDB Local 2.9.30 names as "path one" the earlier path of the first clash, but as "path two" the last distinct
 * path of the expression, whether or not it clashes (`SET a = :v, a.b = :v, x = :v` gives `path one: [a], path two:
 * [x]`). AWS's recorded text (`path one: [f], path two: [f]`) fits that too, so shardline words it the same way.
 */
export function checkPathsApart(paths: readonly DocumentPath[]): void {
  for (let j = 1; j < paths.length; j++) {
    for (let i = 0; i < j; i++) {
      const clash = compare(paths[i]!, paths[j]!);
      if (clash === undefined) continue;
      throw new ExpressionProblem(
        `Two document paths ${clash} with each other; must remove or rewrite one of these paths; ` +
          `path one: ${showPath(paths[i]!)}, path two: ${showPath(lastDistinct(paths))}`,
      );
    }
  }
}

/** The last path that does not repeat an earlier one. */
function lastDistinct(paths: readonly DocumentPath[]): DocumentPath {
  for (let j = paths.length - 1; j > 0; j--) {
    if (
      !paths
        .slice(0, j)
        .some((earlier) => compare(earlier, paths[j]!) === 'overlap' && earlier.length === paths[j]!.length)
    ) {
      return paths[j]!;
    }
  }
  return paths[0]!;
}

function compare(a: DocumentPath, b: DocumentPath): 'overlap' | 'conflict' | undefined {
  const length = Math.min(a.length, b.length);
  for (let k = 0; k < length; k++) {
    if (a[k] === b[k]) continue;
    return typeof a[k] === typeof b[k] ? undefined : 'conflict';
  }
  return 'overlap';
}
