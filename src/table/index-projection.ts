import { ValidationException } from '../errors.js';
import type { ProjectionTree } from '../expression/syntax-tree.js';
import { readProjection, type ReadProjection } from './attributes-to-get.js';
import type { SecondaryIndex } from './secondary-index.js';

/**
 * What a Query or Scan of a secondary index may return, and filter on. An index holds the projected attributes
 * only; an LSI can fetch the others from the table, a GSI cannot, so AWS refuses what would need them.
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/GSI.html#GSI.Projections
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/LSI.html#LSI.Projections
 */

const INVALID = 'One or more parameter values were invalid: ';

/**
 * Select with AttributesToGet or the parsed ProjectionExpression, on an index: ALL_PROJECTED_ATTRIBUTES by default;
 * ALL_ATTRIBUTES and named attributes only from what a GSI projects (an LSI fetches the rest from the table).
 */
export function indexReadProjection(
  index: SecondaryIndex,
  select: unknown,
  attributesToGet: unknown,
  expression: ProjectionTree | undefined,
): ReadProjection {
  if (select === 'ALL_PROJECTED_ATTRIBUTES') {
    // DynamoDB Local 2.9.30's texts, as for the other Select values.
    if (expression !== undefined)
      throw new ValidationException(
        'Cannot specify the ProjectionExpression when choosing to get ALL_PROJECTED_ATTRIBUTES',
      );
    if (attributesToGet !== undefined && attributesToGet !== null)
      throw new ValidationException('Cannot specify the AttributesToGet when choosing to get ALL_PROJECTED_ATTRIBUTES');
    return { select };
  }
  const projection = readProjection(select, attributesToGet, expression);
  const global = index.definition.kind === 'GLOBAL';
  if (projection.select === 'ALL_ATTRIBUTES') {
    if (select === undefined || select === null) return { select: 'ALL_PROJECTED_ATTRIBUTES' };
    if (global && index.definition.projectionType !== 'ALL')
      throw new ValidationException(
        `${INVALID}Select type ALL_ATTRIBUTES is not supported for global secondary index ${index.name} because its projection type is not ALL`,
      );
  }
  if (global && projection.paths !== undefined) {
    const missing = unprojected(
      index,
      projection.paths.map((path) => path[0] as string),
    );
    if (missing.length !== 0)
      throw new ValidationException(`${INVALID}Global secondary index ${index.name} does not project [${missing}]`);
  }
  return projection;
}

/** A Query's filter on an index may name projected attributes only, on a GSI and on an LSI alike. */
export function checkFilterProjected(index: SecondaryIndex, names: readonly string[]): void {
  const missing = unprojected(index, names);
  if (missing.length !== 0)
    throw new ValidationException(
      `${INVALID}Secondary index ${index.name} does not project one or more filter attributes: [${missing}]`,
    );
}

/** The top-level names the index does not project, each once, sorted as DynamoDB Local lists them, joined by ", ". */
function unprojected(index: SecondaryIndex, names: readonly string[]): string {
  const missing = [...new Set(names.filter((name) => !index.projects(name)))];
  return missing.length === 0 ? '' : missing.sort().join(', ');
}
