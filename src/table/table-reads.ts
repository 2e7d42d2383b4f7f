import { ValidationException } from '../errors.js';
import { getAttribute, type AttributeMap, type AttributeValue } from '../model/attribute-value.js';
import { canonicalItem, itemForCaller } from '../model/frozen-item.js';
import { crossesItemLimit } from '../model/item-limits.js';
import { itemSize } from '../model/item-size.js';
import { keyOfKeyParameter, projectKey, type KeySchema } from '../model/key-schema.js';
import { showValue } from '../model/show-value.js';
import type { QueryInput, QueryOutput, ScanInput, ScanOutput } from './item-operations.js';
import { readProjection, type ReadProjection } from './attributes-to-get.js';
import { compareItemKeys, compareKeyValues } from '../conditions/comparison.js';
import { keyConditionsToTree } from '../expression/legacy/key-conditions.js';
import { readFilter } from '../expression/legacy/read-filter.js';
import { conditionHolds } from '../expression/condition-evaluator.js';
import { conditionAttributeNames } from '../expression/condition-paths.js';
import { projectItem } from '../expression/projection.js';
import { checkExpressionParameterMix } from '../expression/parameter-mix.js';
import { parseRequestExpressions, type RequestExpressions } from '../expression/request-expressions.js';
import type { ConditionNode, KeyConditionTree } from '../expression/syntax-tree.js';
import { scanSegment } from './scan-segment.js';
import { READ_LIMIT } from './read-member-rules.js';
import { checkMember } from '../validation/member-rules.js';

/**
 * Query and Scan over a table's items in key order. The table hands over its items sorted by `compareItemKeys`
 * (partition key, then sort key); these functions choose, page and copy.
 */

/** AWS stops a Query or Scan page at 1 MB of items read (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Query.Pagination.html). */
export const MAX_PAGE_BYTES = 1_048_576;

/**
 * https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_Query.html over `partition(value)`: the items
 * whose partition key is `value`, in sort key order (partition-index.ts).
 */
export function runQuery(
  schema: KeySchema,
  partition: (value: AttributeValue) => readonly AttributeMap[],
  input: QueryInput,
): QueryOutput {
  if (input === null || typeof input !== 'object') throw new ValidationException('Query needs a request object');
  if ((input as { IndexName?: unknown }).IndexName !== undefined) {
    throw new ValidationException(
      `The table does not have the specified index: ${showValue((input as { IndexName?: unknown }).IndexName)}`,
    );
  }
  // In DynamoDB Local's order (2.9.30): the key conditions, the start key's values, the filter, the projection.
  const limit = checkReadLimit(input.Limit);
  const expressions = readExpressions(input, schema, 'Query');
  const { partitionValue, sortKeyMatches } = keyConditionRange(
    expressions?.keyCondition ?? keyConditionsToTree(schema, input.KeyConditions),
  );
  const startKey = input.ExclusiveStartKey === undefined ? undefined : freezeStartKey(input.ExclusiveStartKey);
  if (expressions?.filter !== undefined) rejectKeyAttributesInFilter(expressions.filter, schema);
  const filter = itemFilter(
    expressions?.filter ?? readFilter('QueryFilter', input.QueryFilter, input.ConditionalOperator, schema),
  );
  const projection = readProjection(input.Select, input.AttributesToGet, expressions?.projection);
  const forward = input.ScanIndexForward !== false;
  const { partitionKey, sortKey } = schema;

  let matching = partition(partitionValue);
  if (sortKeyMatches !== undefined && sortKey !== undefined) {
    matching = matching.filter((item) => sortKeyMatches(getAttribute(item, sortKey.name) as AttributeValue));
  }
  if (!forward) matching = matching.slice().reverse();

  let start = 0;
  if (startKey !== undefined) {
    checkStartKeySchema(schema, startKey);
    if (
      compareKeyValues(
        partitionKey.type,
        getAttribute(startKey, partitionKey.name) as AttributeValue,
        partitionValue,
      ) !== 0
    ) {
      throw new ValidationException(
        'The provided starting key is invalid: Exclusive Start Key must have same hash key value as the query',
      );
    }
    // The first item past the start key in the direction of the query (the start item itself may be gone).
    const after = (item: AttributeMap) => compareItemKeys(schema, item, startKey) * (forward ? 1 : -1) > 0;
    start = matching.findIndex(after);
    if (start < 0) start = matching.length;
  }
  return page(schema, matching, start, limit, projection, filter);
}

/** https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_Scan.html over `ordered` (all items, key order). */
export function runScan(schema: KeySchema, ordered: readonly AttributeMap[], input: ScanInput = {}): ScanOutput {
  if (input === null || typeof input !== 'object') throw new ValidationException('Scan needs a request object');
  if ((input as { IndexName?: unknown }).IndexName !== undefined) {
    throw new ValidationException(
      `The table does not have the specified index: ${showValue((input as { IndexName?: unknown }).IndexName)}`,
    );
  }
  // In DynamoDB Local's order (2.9.30): the Limit, the filter, the start key's values, the projection, the segment.
  const limit = checkReadLimit(input.Limit);
  const expressions = readExpressions(input, schema, 'Scan');
  const filter = itemFilter(
    expressions?.filter ?? readFilter('ScanFilter', input.ScanFilter, input.ConditionalOperator, schema),
  );
  const startKey = input.ExclusiveStartKey === undefined ? undefined : freezeStartKey(input.ExclusiveStartKey);
  const projection = readProjection(input.Select, input.AttributesToGet, expressions?.projection);
  const segment = scanSegment(schema, input.Segment, input.TotalSegments);
  let start = 0;
  if (startKey !== undefined) {
    checkStartKeySchema(schema, startKey);
    start = firstAfter(ordered, (item) => compareItemKeys(schema, item, startKey) > 0);
  }
  // A segment reads only its own partitions: the others are neither read nor counted.
  return page(
    schema,
    segment === undefined ? ordered : ordered.slice(start).filter(segment),
    segment === undefined ? start : 0,
    limit,
    projection,
    filter,
  );
}

/** Index of the first item for which `isAfter` holds, in an array where it holds for a suffix (binary search). */
function firstAfter(ordered: readonly AttributeMap[], isAfter: (item: AttributeMap) => boolean): number {
  let low = 0;
  let high = ordered.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (isAfter(ordered[mid] as AttributeMap)) high = mid;
    else low = mid + 1;
  }
  return low;
}

/**
 * One page of a Query or Scan from `items[start]` on. `Limit` and the 1 MB page size count the items read; the
 * filter then keeps some of them (`Count`) out of those read (`ScannedCount`), and `LastEvaluatedKey` is the key
 * of the last item read, kept or not, as AWS pages a filtered read.
 */
function page(
  schema: KeySchema,
  items: readonly AttributeMap[],
  start: number,
  limit: number | undefined,
  projection: ReadProjection,
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
    bytes += itemSize(item);
    if (filter === undefined || filter(item)) kept.push(item);
    // AWS: a page ends once it has read 1 MB; the item that crossed the line is in it.
    if (bytes >= MAX_PAGE_BYTES && i + 1 < items.length) {
      stopped = true;
      break;
    }
  }
  // AWS returns LastEvaluatedKey whenever Limit stopped the read, even when no item is left (the next page is
  // then empty and has none).
  if (limit !== undefined && scanned === limit) stopped = true;
  const paths = projection.paths;
  const output: QueryOutput =
    projection.select === 'COUNT'
      ? { Count: kept.length, ScannedCount: scanned }
      : {
          Items: kept.map((item) =>
            paths === undefined ? itemForCaller(item) : projectItem(itemForCaller(item), paths),
          ),
          Count: kept.length,
          ScannedCount: scanned,
        };
  if (stopped && last !== undefined) output.LastEvaluatedKey = projectKey(schema, last);
  return output;
}

/** A read's expressions, parsed (undefined when it has none): legacy and expression members never mixed. */
function readExpressions(
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
function rejectKeyAttributesInFilter(filter: ConditionNode, schema: KeySchema): void {
  for (const name of conditionAttributeNames(filter)) {
    if (name === schema.partitionKey.name || name === schema.sortKey?.name)
      throw new ValidationException(
        `Filter Expression can only contain non-primary key attributes: Primary key attribute: ${name}`,
      );
  }
}

/** A FilterExpression (or QueryFilter / ScanFilter) as the test on each item read. */
function itemFilter(node: ConditionNode | undefined): ((item: AttributeMap) => boolean) | undefined {
  return node === undefined ? undefined : (item) => conditionHolds(node, item);
}

/** What a Query reads: one partition, and within it the items whose sort key passes `sortKeyMatches` (all if absent). */
interface KeyRange {
  partitionValue: AttributeValue;
  sortKeyMatches: ((value: AttributeValue) => boolean) | undefined;
}

/** A KeyConditionExpression's (or KeyConditions') partition and sort key range. */
function keyConditionRange({ partitionKey, sortKey }: KeyConditionTree): KeyRange {
  if (sortKey === undefined) return { partitionValue: partitionKey.value, sortKeyMatches: undefined };
  const { name, condition } = sortKey;
  return {
    partitionValue: partitionKey.value,
    sortKeyMatches: (value) => conditionHolds(condition, { [name]: value }),
  };
}

/** Query's and Scan's Limit: a positive integer (AWS's model constraint, in its words). */
function checkReadLimit(limit: unknown): number | undefined {
  if (limit === undefined || limit === null) return undefined;
  checkMember(READ_LIMIT, limit);
  return limit as number;
}

const START_KEY_DOES_NOT_MATCH =
  'The provided starting key is invalid: The provided key element does not match the schema';

/**
 * The start key's values, checked as an item's. One over an item's limit (nesting, 400 KB, a name's length) is refused
 * with that limit's own text, as DynamoDB Local 2.9.30 answers (AWS's answer is not known); any other problem is
 * AWS's text for a start key that is not the table's key.
 */
function freezeStartKey(key: AttributeMap): AttributeMap {
  try {
    return canonicalItem(key).item;
  } catch (error) {
    if (error instanceof ValidationException && !crossesItemLimit(error))
      throw new ValidationException(START_KEY_DOES_NOT_MATCH);
    throw error;
  }
}

/** The start key must be exactly the table's key (AWS's text for anything else). */
function checkStartKeySchema(schema: KeySchema, key: AttributeMap): void {
  try {
    keyOfKeyParameter(schema, key);
  } catch (error) {
    if (error instanceof ValidationException) throw new ValidationException(START_KEY_DOES_NOT_MATCH);
    throw error;
  }
}
