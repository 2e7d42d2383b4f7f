import { canonicalItem } from '../model/frozen-item.js';

/**
 * The order in which a request of many items (BatchWriteItem, BatchGetItem, TransactWriteItems) reports the
 * first of several problems. DynamoDB Local (2.9.30, probed with two bad items in one request; found by
 * conformance/random-operations.test.ts) checks every AttributeValue of every item and key first (a number
 * that is not one, an empty set, ...), in request order and across tables, before it looks up a table or checks
 * a key against its schema; a single-item call looks the table up first. So a bad value in the second item is
 * reported before an empty key in the first, and a bad value for a table that does not exist before the
 * missing table.
 */
export function checkValuesFirst(maps: Iterable<unknown>): void {
  // Anything that is not a map is left for the checks that name it.
  for (const map of maps) if (map !== null && typeof map === 'object' && !Array.isArray(map)) canonicalItem(map);
}
