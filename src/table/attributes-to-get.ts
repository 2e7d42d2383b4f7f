import { ValidationException } from '../errors.js';
import { getAttribute, setAttribute, type AttributeMap, type AttributeValue } from '../model/attribute-value.js';
import { checkMember, type MemberRule } from '../validation/member-rules.js';
import type { ReadSelect } from './item-operations.js';
import { SELECT } from './read-member-rules.js';

/**
 * Select and the legacy AttributesToGet of Query and Scan
 * (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/LegacyConditionalParameters.AttributesToGet.html):
 * which attributes of each item come back. Messages are DynamoDB Local 2.x's.
 */
export interface ReadProjection {
  select: ReadSelect;
  /** The attribute names to keep, with SPECIFIC_ATTRIBUTES. */
  names?: readonly string[];
}

/** AWS's model: at least one name (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_Query.html#DDB-Query-request-AttributesToGet). */
const ATTRIBUTES_TO_GET: MemberRule = { member: 'AttributesToGet', type: 'List', min: 1 };

export function readProjection(select: unknown, attributesToGet: unknown): ReadProjection {
  checkMember(SELECT, select);
  if (select === 'ALL_PROJECTED_ATTRIBUTES')
    throw new ValidationException('ALL_PROJECTED_ATTRIBUTES can be used only when Querying using an IndexName');
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
  return { select: 'SPECIFIC_ATTRIBUTES', names: attributesToGet as string[] };
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

/** The named attributes an item has, in a fresh map (pass the caller's copy: its values are frozen or copied). */
export function projectAttributes(item: AttributeMap, names: readonly string[]): AttributeMap {
  const out: AttributeMap = {};
  for (const name of names) {
    const value = getAttribute(item, name);
    if (value !== undefined) setAttribute(out, name, value as AttributeValue);
  }
  return out;
}
