import { canonicalItem } from '../model/frozen-item.js';

/**
 * Checks every AttributeValue of every item and key of a request of many items (BatchWriteItem, BatchGetItem,
 * TransactWriteItems) before anything else: DynamoDB Local 2.9.30 reports a bad value (a number that is not one, an
 * empty set, ...) in the second item before an empty key in the first, and before a table that does not exist (a
 * single-item call looks the table up first). Found by conformance/random-operations.test.ts.
 */
export function checkEveryAttributeValue(maps: Iterable<unknown>): void {
  // Anything that is not a map is left for the checks that name it.
  for (const map of maps) if (map !== null && typeof map === 'object' && !Array.isArray(map)) canonicalItem(map);
}
