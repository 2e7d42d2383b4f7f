import { ValidationException } from '../errors.js';
import type { AttributeMap, AttributeValue } from '../model/attribute-value.js';
import { canonicalItem } from '../model/frozen-item.js';
import { crossesItemLimit } from '../model/item-limits.js';
import type { KeySchema } from '../model/key-schema.js';
import { conditionHolds } from '../expression/condition-evaluator.js';
import { conditionAttributeNames } from '../expression/condition-paths.js';
import { checkExpressionParameterMix } from '../expression/parameter-mix.js';
import { parseRequestExpressions, type RequestExpressions } from '../expression/request-expressions.js';
import type { ConditionNode, KeyConditionTree } from '../expression/syntax-tree.js';
import { checkMember } from '../validation/member-rules.js';
import type { QueryInput, QueryOutput, ScanInput } from './item-operations.js';
import { READ_LIMIT } from './read-member-rules.js';

/**
 * What a Query or Scan does the same way on a table and on a secondary index: the Limit, the expressions, the
 * filter, the start key's values, and the paging of the items read.
 */

/** AWS stops a Query or Scan page at 1 MB of items read (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Query.Pagination.html). */
export const MAX_PAGE_BYTES = 1_048_576;

/** How a page sees the items it reads: the table's own view, or an index's (projected entries). */
export interface PageView {
  /** LastEvaluatedKey for an item: the table's key (plus the index's key on an index). */
  lastKey(item: AttributeMap): AttributeMap;
  /** What the item counts toward the 1 MB page (an index counts its projected entry). */
  size(item: AttributeMap): number;
  /** What the filter is tested on. */
  filtered(item: AttributeMap): AttributeMap;
  /** The item as the caller gets it; undefined with Select COUNT. */
  output: ((item: AttributeMap) => AttributeMap) | undefined;
}

/**
 * One page of a Query or Scan from `items[start]` on. `Limit` and the 1 MB page size count the items read; the
 * filter then keeps some of them (`Count`) out of those read (`ScannedCount`), and `LastEvaluatedKey` is the key
 * of the last item read, kept or not, as AWS pages a filtered read.
 */
export function readPage(
  view: PageView,
  items: readonly AttributeMap[],
  start: number,
  limit: number | undefined,
  filter: ((item: AttributeMap) => boolean) | undefined,
): QueryOutput {
  const kept: AttributeMap[] = [];
  let scanned = 0;
  let last: AttributeMap | undefined;
  let bytes = 0;
  let stopped = false;
  for (let i = start; i < items.length; i++) {
    if (limit !== undefined && scanned === limit) {
      stopped = true;
      break;
    }
    const item = items[i] as AttributeMap;
    scanned++;
    last = item;
    bytes += view.size(item);
    if (filter === undefined || filter(view.filtered(item))) kept.push(item);
    // AWS: a page ends once it has read 1 MB; the item that crossed the line is in it.
    if (bytes >= MAX_PAGE_BYTES && i + 1 < items.length) {
      stopped = true;
      break;
    }
  }
  // AWS returns LastEvaluatedKey whenever Limit stopped the read, even when no item is left (the next page is
  // then empty and has none).
  if (limit !== undefined && scanned === limit) stopped = true;
  const output = view.output;
  const result: QueryOutput =
    output === undefined
      ? { Count: kept.length, ScannedCount: scanned }
      : { Items: kept.map(output), Count: kept.length, ScannedCount: scanned };
  if (stopped && last !== undefined) result.LastEvaluatedKey = view.lastKey(last);
  return result;
}

/** A read's expressions, parsed against `keySchema` (undefined when it has none): legacy and expression members never mixed. */
export function readExpressions(
  input: QueryInput | ScanInput,
  keySchema: KeySchema,
  operation: 'Query' | 'Scan',
): RequestExpressions | undefined {
  checkExpressionParameterMix(input as Record<string, unknown>);
  const { FilterExpression, ProjectionExpression, ExpressionAttributeNames, ExpressionAttributeValues } = input;
  const KeyConditionExpression = (input as QueryInput).KeyConditionExpression;
  if (
    KeyConditionExpression === undefined &&
    FilterExpression === undefined &&
    ProjectionExpression === undefined &&
    ExpressionAttributeNames === undefined &&
    ExpressionAttributeValues === undefined
  )
    return undefined;
  return parseRequestExpressions(
    {
      KeyConditionExpression,
      FilterExpression,
      ProjectionExpression,
      ExpressionAttributeNames,
      ExpressionAttributeValues,
    },
    { keySchema, operation },
  );
}

/** Query reads one partition by key already: its FilterExpression may only name other attributes (AWS's text). */
export function rejectKeyAttributesInFilter(filter: ConditionNode, schema: KeySchema): void {
  for (const name of conditionAttributeNames(filter)) {
    if (name === schema.partitionKey.name || name === schema.sortKey?.name)
      throw new ValidationException(
        `Filter Expression can only contain non-primary key attributes: Primary key attribute: ${name}`,
      );
  }
}

/** A FilterExpression (or QueryFilter / ScanFilter) as the test on each item read. */
export function itemFilter(node: ConditionNode | undefined): ((item: AttributeMap) => boolean) | undefined {
  return node === undefined ? undefined : (item) => conditionHolds(node, item);
}

/** What a Query reads: one partition, and within it the items whose sort key meets `sortKeyCondition` (all if absent). */
export interface KeyRange {
  partitionValue: AttributeValue;
  sortKeyCondition: ConditionNode | undefined;
}

/** A KeyConditionExpression's (or KeyConditions') partition and sort key condition (sort-key-run.ts reads it). */
export function keyConditionRange({ partitionKey, sortKey }: KeyConditionTree): KeyRange {
  return { partitionValue: partitionKey.value, sortKeyCondition: sortKey?.condition };
}

export { firstAfter } from './first-after.js';

/** Query's and Scan's Limit: a positive integer (AWS's model constraint, in its words). */
export function checkReadLimit(limit: unknown): number | undefined {
  if (limit === undefined || limit === null) return undefined;
  checkMember(READ_LIMIT, limit);
  return limit as number;
}

export const START_KEY_DOES_NOT_MATCH =
  'The provided starting key is invalid: The provided key element does not match the schema';

/**
 * The start key's values, checked as an item's. One over an item's limit (nesting, 400 KB, a name's length) is refused
 * with that limit's own text, as DynamoDB Local 2.9.30 answers (AWS's answer is not known); any other problem is
 * AWS's text for a start key that is not the table's key.
 */
export function freezeStartKey(key: AttributeMap): AttributeMap {
  try {
    return canonicalItem(key).item;
  } catch (error) {
    if (error instanceof ValidationException && !crossesItemLimit(error))
      throw new ValidationException(START_KEY_DOES_NOT_MATCH);
    throw error;
  }
}
