import { ValidationException } from '../errors.js';
import type { BatchWriteItemInput, BatchWriteItemOutput } from '../table/item-operations.js';
import { checkEveryAttributeValue } from '../table/every-attribute-value.js';
import type { Table } from '../table/table.js';
import { checkMember, type MemberRule } from '../validation/member-rules.js';

const NO_REQUESTS = 'BatchWriteItem cannot have a null or no requests set';

/** AWS's model: at least one table; DynamoDB Local words a missing or empty map its own way. */
export const BATCH_WRITE_REQUEST_ITEMS: MemberRule = {
  member: 'RequestItems',
  type: 'Map',
  required: true,
  min: 1,
  override: { required: NO_REQUESTS, min: NO_REQUESTS },
};

type BatchWriteRequest = { PutRequest?: { Item?: unknown }; DeleteRequest?: { Key?: unknown } } | null | undefined;

/**
 * Up to 25 puts and deletes across tables. Every request is validated before any is applied, so a bad
 * request fails the whole call and changes nothing. https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_BatchWriteItem.html
 * `table` finds a table by name, or throws as `db.table` does.
 */
export function batchWriteItem(input: BatchWriteItemInput, table: (name: string) => Table): BatchWriteItemOutput {
  const requestItems = input?.RequestItems;
  checkMember(BATCH_WRITE_REQUEST_ITEMS, requestItems);
  const tableNames = Object.keys(requestItems);
  const total = tableNames.reduce(
    (sum, name) => sum + (Array.isArray(requestItems[name]) ? (requestItems[name] as unknown[]).length : 0),
    0,
  );
  if (total > 25) throw new ValidationException('Too many items requested for the BatchWriteItem call');
  checkEveryAttributeValue(
    tableNames.flatMap((name) =>
      Array.isArray(requestItems[name]) ? (requestItems[name] as BatchWriteRequest[]).map(itemOrKeyOf) : [],
    ),
  );
  // Table names are distinct keys, and prepareBatch refuses a key given twice within one table's list.
  const changes = tableNames.flatMap((name) => table(name).prepareBatch(requestItems[name] as never));
  for (const change of changes) change.table.commit(change);
  return { UnprocessedItems: {} };
}

/** The item or key a BatchWriteItem request carries (undefined when it is malformed: checked later, by name). */
function itemOrKeyOf(request: BatchWriteRequest): unknown {
  return request?.PutRequest?.Item ?? request?.DeleteRequest?.Key;
}
