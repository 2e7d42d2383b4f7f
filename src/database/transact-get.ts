import { TransactionCanceledException, ValidationException, type CancellationReason } from '../errors.js';
import type { TransactGetItemsInput, TransactGetItemsOutput } from '../table/item-operations.js';
import { getItemProjection } from '../table/attributes-to-get.js';
import type { Table } from '../table/table.js';
import { checkMember, type MemberRule } from '../validation/member-rules.js';

/** AWS's model: 1 to 100 items (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_TransactGetItems.html). */
const TRANSACT_GET_ITEMS: MemberRule = { member: 'TransactItems', type: 'List', required: true, min: 1, max: 100 };

/**
 * Up to 100 GetItems across tables, read at one point in time (every write is synchronous, so any read is), with
 * their projections. In DynamoDB Local 2.9.30's order: every projection, then the tables, then the keys. A key that
 * is not the table's cancels the transaction (AWS lists "a user error, such as an invalid data format" among its
 * causes), with a ValidationError reason for it and None for the others, as TransactWriteItems does.
 */
export function transactGetItems(
  input: TransactGetItemsInput,
  findTable: (name: string) => Table,
): TransactGetItemsOutput {
  const given: unknown = input?.TransactItems;
  checkMember(TRANSACT_GET_ITEMS, Array.isArray(given) ? given : undefined);
  const gets = (given as unknown[]).map((item, index) => {
    const get = (item as { Get?: unknown } | null)?.Get;
    if (get === null || typeof get !== 'object')
      throw new ValidationException(
        `1 validation error detected: Value null at 'transactItems.${index + 1}.member.get' failed to satisfy constraint: Member must not be null`,
      );
    return get as TransactGetItemsInput['TransactItems'][number]['Get'];
  });
  gets.forEach((get) => getItemProjection(get, 'TransactGetItems'));
  const tables = gets.map((get) => findTable(get.TableName));
  // Again with each table's key, which no path may look into (parsed once: the cache answers).
  const projections = gets.map((get, index) =>
    getItemProjection(get, 'TransactGetItems', undefined, (tables[index] as Table).keySchema),
  );
  const seen = new Set<string>();
  const reasons: CancellationReason[] = [];
  const storageKeys = gets.map((get, index) => {
    let storageKey: string;
    try {
      storageKey = (tables[index] as Table).prepareDelete(get.Key).storageKey;
    } catch (error) {
      if (!(error instanceof ValidationException)) throw error;
      reasons.push({ Code: 'ValidationError', Message: error.message });
      return undefined;
    }
    reasons.push({ Code: 'None' });
    const id = `${(tables[index] as Table).name}\u0000${storageKey}`;
    if (seen.has(id))
      throw new ValidationException('Transaction request cannot include multiple operations on one item');
    seen.add(id);
    return storageKey;
  });
  if (reasons.some((reason) => reason.Code !== 'None')) throw new TransactionCanceledException(reasons);
  return {
    Responses: storageKeys.map((storageKey, index) => {
      const item = (tables[index] as Table).itemAt(storageKey as string, projections[index]);
      return item === undefined ? {} : { Item: item };
    }),
  };
}
