import { ValidationException } from '../errors.js';
import { getAttribute, type AttributeMap, type AttributeValue } from '../model/attribute-value.js';
import { itemForCaller } from '../model/frozen-item.js';
import { itemSize } from '../model/item-size.js';
import { keyOfKeyParameter, projectKey, type KeySchema } from '../model/key-schema.js';
import type { QueryInput, QueryOutput, ScanInput, ScanOutput } from './item-operations.js';
import { readProjection, type ReadProjection } from './attributes-to-get.js';
import { compareItemKeys, compareKeyValues } from '../conditions/comparison.js';
import { keyConditionsToTree } from '../expression/legacy/key-conditions.js';
import { readFilter } from '../expression/legacy/read-filter.js';
import { projectItem } from '../expression/projection.js';
import { scanSegment } from './scan-segment.js';
import { sortKeyRun } from './sort-key-run.js';
import {
  checkReadLimit,
  firstAfter,
  freezeStartKey,
  itemFilter,
  keyConditionRange,
  readExpressions,
  readPage,
  rejectKeyAttributesInFilter,
  START_KEY_DOES_NOT_MATCH,
  type PageView,
} from './read-page.js';
import { runIndexQuery, runIndexScan } from './index-reads.js';
import type { TableIndexes } from './table-indexes.js';

export { MAX_PAGE_BYTES } from './read-page.js';

/**
 * Query and Scan over a table's items in key order. The table hands over its items sorted by `compareItemKeys`
 * (partition key, then sort key); these functions choose, page and copy.
 */

/**
 * https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_Query.html over `partition(value)`: the items
 * whose partition key is `value`, in sort key order (partition-index.ts).
 */
export function runQuery(
  schema: KeySchema,
  partition: (value: AttributeValue) => readonly AttributeMap[],
  input: QueryInput,
  indexes?: TableIndexes,
): QueryOutput {
  if (input === null || typeof input !== 'object') throw new ValidationException('Query needs a request object');
  if (input.IndexName !== undefined && input.IndexName !== null) return runIndexQuery(indexes, input);
  // In DynamoDB Local's order (2.9.30): the key conditions, the start key's values, the filter, the projection.
  const limit = checkReadLimit(input.Limit);
  const expressions = readExpressions(input, schema, 'Query');
  const { partitionValue, sortKeyCondition } = keyConditionRange(
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
  if (sortKeyCondition !== undefined && sortKey !== undefined)
    matching = sortKeyRun(matching, sortKey, sortKeyCondition);
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
    start = firstAfter(matching, after);
  }
  return readPage(tableView(schema, projection), matching, start, limit, filter);
}

/**
 * https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_Scan.html over `orderedItems()` (all items, in
 * key order): called only for a Scan of the table itself, as sorting the table is no part of an index's Scan.
 */
export function runScan(
  schema: KeySchema,
  orderedItems: () => readonly AttributeMap[],
  input: ScanInput = {},
  indexes?: TableIndexes,
): ScanOutput {
  if (input === null || typeof input !== 'object') throw new ValidationException('Scan needs a request object');
  if (input.IndexName !== undefined && input.IndexName !== null) return runIndexScan(indexes, input);
  // In DynamoDB Local's order (2.9.30): the Limit, the filter, the start key's values, the projection, the segment.
  const limit = checkReadLimit(input.Limit);
  const expressions = readExpressions(input, schema, 'Scan');
  const filter = itemFilter(
    expressions?.filter ?? readFilter('ScanFilter', input.ScanFilter, input.ConditionalOperator, schema),
  );
  const startKey = input.ExclusiveStartKey === undefined ? undefined : freezeStartKey(input.ExclusiveStartKey);
  const projection = readProjection(input.Select, input.AttributesToGet, expressions?.projection);
  const segment = scanSegment(schema, input.Segment, input.TotalSegments);
  const ordered = orderedItems();
  let start = 0;
  if (startKey !== undefined) {
    checkStartKeySchema(schema, startKey);
    start = firstAfter(ordered, (item) => compareItemKeys(schema, item, startKey) > 0);
  }
  // A segment reads only its own partitions: the others are neither read nor counted.
  return readPage(
    tableView(schema, projection),
    segment === undefined ? ordered : ordered.slice(start).filter(segment),
    segment === undefined ? start : 0,
    limit,
    filter,
  );
}

/** A table's items as a page sees them: whole, sized whole, keyed by the table's key. */
function tableView(schema: KeySchema, projection: ReadProjection): PageView {
  const paths = projection.paths;
  return {
    lastKey: (item) => projectKey(schema, item),
    size: itemSize,
    filtered: (item) => item,
    output:
      projection.select === 'COUNT'
        ? undefined
        : paths === undefined
          ? itemForCaller
          : (item) => projectItem(itemForCaller(item), paths),
  };
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
