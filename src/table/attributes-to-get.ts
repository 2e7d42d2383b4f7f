import { ValidationException } from '../errors.js';
import { checkExpressionParameterMix } from '../expression/parameter-mix.js';
import { parseRequestExpressions, type ExpressionOperation } from '../expression/request-expressions.js';
import type { ProjectionTree } from '../expression/syntax-tree.js';
import type { KeySchema } from '../model/key-schema.js';
import { checkMember, type MemberRule } from '../validation/member-rules.js';
import type { ProjectionInput, ReadSelect } from './item-operations.js';
import { SELECT } from './read-member-rules.js';

/**
 * Select, ProjectionExpression and the legacy AttributesToGet
 * (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/LegacyConditionalParameters.AttributesToGet.html):
 * which attributes of each item come back. AttributesToGet becomes the projection of those top-level names.
 * Messages are DynamoDB Local 2.x's.
 */
export interface ReadProjection {
  select: ReadSelect;
  /** The document paths to keep, with SPECIFIC_ATTRIBUTES. */
  paths?: ProjectionTree;
}

/** GetItem's, BatchGetItem's and TransactGetItems' projection: undefined for the whole item. */
export function getItemProjection(
  input: ProjectionInput & { AttributesToGet?: unknown },
  operation: ExpressionOperation = 'GetItem',
  duplicateMessage?: (name: string) => string,
  keySchema?: KeySchema,
): ProjectionTree | undefined {
  if (input.ProjectionExpression === undefined && input.ExpressionAttributeNames === undefined) {
    const names = getItemAttributes(input.AttributesToGet, duplicateMessage);
    return names === undefined ? undefined : names.map((name) => [name]);
  }
  checkExpressionParameterMix(input as Record<string, unknown>);
  const { ProjectionExpression, ExpressionAttributeNames } = input;
  return parseRequestExpressions({ ProjectionExpression, ExpressionAttributeNames }, { operation, keySchema })
    .projection;
}

/** AWS's model: at least one name (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_Query.html#DDB-Query-request-AttributesToGet). */
const ATTRIBUTES_TO_GET: MemberRule = { member: 'AttributesToGet', type: 'List', min: 1 };

/**
 * Query's and Scan's projection: Select with AttributesToGet, or with the ProjectionExpression already parsed
 * (`expression`).
 */
export function readProjection(select: unknown, attributesToGet: unknown, expression?: ProjectionTree): ReadProjection {
  checkMember(SELECT, select);
  if (select === 'ALL_PROJECTED_ATTRIBUTES')
    throw new ValidationException('ALL_PROJECTED_ATTRIBUTES can be used only when Querying using an IndexName');
  if (expression !== undefined) {
    if (select === 'ALL_ATTRIBUTES')
      throw new ValidationException('Cannot specify the ProjectionExpression when choosing to get ALL_ATTRIBUTES');
    if (select === 'COUNT')
      throw new ValidationException('Cannot specify the ProjectionExpression when choosing to get only the Count');
    return { select: 'SPECIFIC_ATTRIBUTES', paths: expression };
  }
  if (attributesToGet === undefined || attributesToGet === null) {
    if (select === 'SPECIFIC_ATTRIBUTES')
      throw new ValidationException(
        'Must specify the AttributesToGet or ProjectionExpression when choosing to get SPECIFIC_ATTRIBUTES',
      );
    return { select: select === 'COUNT' ? 'COUNT' : 'ALL_ATTRIBUTES' };
  }
  if (select === 'ALL_ATTRIBUTES')
    throw new ValidationException('Cannot specify the AttributesToGet when choosing to get ALL_ATTRIBUTES');
  if (select === 'COUNT')
    throw new ValidationException('Cannot specify the AttributesToGet when choosing to get only the Count');
  if (!Array.isArray(attributesToGet) || attributesToGet.some((name) => typeof name !== 'string')) {
    throw new ValidationException('AttributesToGet must be a list of attribute names');
  }
  checkMember(ATTRIBUTES_TO_GET, attributesToGet);
  if (new Set(attributesToGet).size !== attributesToGet.length)
    throw new ValidationException('Cannot have two attributes with the same name');
  return { select: 'SPECIFIC_ATTRIBUTES', paths: (attributesToGet as string[]).map((name) => [name]) };
}

/** GetItem's (and BatchGetItem's) AttributesToGet: a non-empty list of distinct names, as DynamoDB Local words it. */
export function getItemAttributes(
  attributesToGet: unknown,
  duplicateMessage = (_name: string) => 'Cannot have two attributes with the same name',
): readonly string[] | undefined {
  if (attributesToGet === undefined || attributesToGet === null) return undefined;
  if (!Array.isArray(attributesToGet) || attributesToGet.some((name) => typeof name !== 'string')) {
    throw new ValidationException('AttributesToGet must be a list of attribute names');
  }
  if (attributesToGet.length === 0) throw new ValidationException('AttributesToGet cannot be empty');
  const seen = new Set<string>();
  for (const name of attributesToGet as string[]) {
    if (seen.has(name)) throw new ValidationException(duplicateMessage(name));
    seen.add(name);
  }
  return attributesToGet as string[];
}
