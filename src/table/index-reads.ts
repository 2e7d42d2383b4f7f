import { ValidationException } from '../errors.js';
import { getAttribute, type AttributeMap, type AttributeValue } from '../model/attribute-value.js';
import { itemForCaller } from '../model/frozen-item.js';
import { projectKey } from '../model/key-schema.js';
import { showValue } from '../model/show-value.js';
import { compareKeyValues } from '../conditions/comparison.js';
import { conditionAttributeNames } from '../expression/condition-paths.js';
import { keyConditionsToTree } from '../expression/legacy/key-conditions.js';
import { readFilter } from '../expression/legacy/read-filter.js';
import { projectItem } from '../expression/projection.js';
import { checkIndexReadable } from './index-readable.js';
import type { ReadProjection } from './attributes-to-get.js';
import { checkFilterProjected, indexReadProjection } from './index-projection.js';
import { indexStartKey } from './index-start-key.js';
import type { QueryInput, QueryOutput, ScanInput, ScanOutput } from './item-operations.js';
import {
  checkReadLimit,
  firstAfter,
  itemFilter,
  keyConditionRange,
  readExpressions,
  readPage,
  rejectKeyAttributesInFilter,
  type PageView,
} from './read-page.js';
import { scanSegment } from './scan-segment.js';
import { sortKeyRun } from './sort-key-run.js';
import type { SecondaryIndex } from './secondary-index.js';
import type { TableIndexes } from './table-indexes.js';

/**
 * Query and Scan with `IndexName`: the index's items in its key order (index partition key, index sort key, then
 * the table's key, so equal index keys keep a stable order), paged like the table's, each item as the index
 * projects it. https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/SecondaryIndexes.html
 */

/** https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_Query.html on a secondary index. */
export function runIndexQuery(indexes: TableIndexes | undefined, input: QueryInput): QueryOutput {
  const limit = checkReadLimit(input.Limit);
  const index = readableIndex(indexes, input);
  const schema = index.definition.keySchema;
  // As for the table: the key conditions, the start key, the filter, the projection (DynamoDB Local 2.9.30).
  const expressions = readExpressions(input, schema, 'Query');
  const { partitionValue, sortKeyCondition } = keyConditionRange(
    expressions?.keyCondition ?? keyConditionsToTree(schema, input.KeyConditions),
  );
  const startKey = input.ExclusiveStartKey === undefined ? undefined : indexStartKey(index, input.ExclusiveStartKey);
  if (startKey !== undefined) {
    const { partitionKey } = schema;
    const startValue = getAttribute(startKey, partitionKey.name) as AttributeValue;
    if (compareKeyValues(partitionKey.type, startValue, partitionValue) !== 0)
      throw new ValidationException(
        'The provided starting key is invalid: Exclusive Start Key must have same hash key value as the query',
      );
  }
  if (expressions?.filter !== undefined) rejectKeyAttributesInFilter(expressions.filter, schema);
  const filterNode =
    expressions?.filter ?? readFilter('QueryFilter', input.QueryFilter, input.ConditionalOperator, schema);
  if (filterNode !== undefined) checkFilterProjected(index, conditionAttributeNames(filterNode));
  const projection = indexReadProjection(index, input.Select, input.AttributesToGet, expressions?.projection);
  const forward = input.ScanIndexForward !== false;

  let matching = index.partition(partitionValue);
  const sortKey = schema.sortKey;
  if (sortKeyCondition !== undefined && sortKey !== undefined)
    matching = sortKeyRun(matching, sortKey, sortKeyCondition);
  if (!forward) matching = matching.slice().reverse();
  // The first entry past the start key in the query's direction (the start entry itself may be gone).
  const direction = forward ? 1 : -1;
  const start =
    startKey === undefined ? 0 : firstAfter(matching, (item) => index.compare(item, startKey) * direction > 0);
  // The filter names projected attributes only (checked above): it may read the stored item as it is.
  return readPage(indexView(index, projection, false), matching, start, limit, itemFilter(filterNode));
}

/** https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_Scan.html on a secondary index. */
export function runIndexScan(indexes: TableIndexes | undefined, input: ScanInput): ScanOutput {
  const limit = checkReadLimit(input.Limit);
  const index = readableIndex(indexes, input);
  const schema = index.definition.keySchema;
  const expressions = readExpressions(input, schema, 'Scan');
  const filter = itemFilter(
    expressions?.filter ?? readFilter('ScanFilter', input.ScanFilter, input.ConditionalOperator, schema),
  );
  const startKey = input.ExclusiveStartKey === undefined ? undefined : indexStartKey(index, input.ExclusiveStartKey);
  const projection = indexReadProjection(index, input.Select, input.AttributesToGet, expressions?.projection);
  // Segments divide the index by the hash of the index's partition key, as they divide a table by its own.
  const segment = scanSegment(schema, input.Segment, input.TotalSegments);
  const ordered = index.ordered();
  const start = startKey === undefined ? 0 : firstAfter(ordered, (item) => index.compare(item, startKey) > 0);
  // A Scan's filter is not checked against the projection: it sees the index's entry, as a GSI holds nothing else.
  return readPage(
    indexView(index, projection, true),
    segment === undefined ? ordered : ordered.slice(start).filter(segment),
    segment === undefined ? start : 0,
    limit,
    filter,
  );
}

/** The named index, if the table has it, it can be read, and the read's consistency is one it offers. */
function readableIndex(indexes: TableIndexes | undefined, input: QueryInput | ScanInput): SecondaryIndex {
  const name = input.IndexName;
  const index = typeof name === 'string' ? indexes?.get(name) : undefined;
  if (index === undefined)
    throw new ValidationException(`The table does not have the specified index: ${showValue(name)}`);
  checkIndexReadable(index);
  // AWS's text (dynalite's tests, recorded against AWS); DynamoDB Local 2.9.30 says "Consistent read cannot be
  // true when querying a GSI" (or "scanning"). An LSI lives with its table's partition and reads consistently.
  if (input.ConsistentRead === true && index.definition.kind === 'GLOBAL')
    throw new ValidationException('Consistent reads are not supported on global secondary indexes');
  return index;
}

/**
 * An index's entries as a page sees them: sized as projected, keyed by the table's key and the index's, returned
 * as the Select asks (projected; whole, from the table for an LSI; or the named paths).
 */
function indexView(index: SecondaryIndex, projection: ReadProjection, filterEntry: boolean): PageView {
  const paths = projection.paths;
  let output: PageView['output'];
  if (projection.select === 'ALL_PROJECTED_ATTRIBUTES') output = (item) => index.project(itemForCaller(item));
  else if (projection.select === 'ALL_ATTRIBUTES') output = itemForCaller;
  else if (paths !== undefined) output = (item) => projectItem(itemForCaller(item), paths);
  return {
    lastKey: (item) => ({ ...projectKey(index.tableSchema, item), ...projectKey(index.definition.keySchema, item) }),
    size: (item) => index.projectedSize(item),
    filtered: filterEntry ? (item) => index.project(item) : (item: AttributeMap) => item,
    output,
  };
}
