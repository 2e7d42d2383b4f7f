import { TransactionCanceledException, ValidationException, type CancellationReason } from '../errors.js';
import { itemForCaller } from '../model/frozen-item.js';
import { checkMember, type MemberRule } from '../validation/member-rules.js';
import type { TransactWriteItem, TransactWriteItemsInput, TransactWriteItemsOutput } from '../table/item-operations.js';
import { checkEveryAttributeValue } from '../table/every-attribute-value.js';
import type { PreparedChange, Table } from '../table/table.js';
import { conditionMembers, type ItemCheck, type ItemUpdate } from '../table/write-plan.js';
import type { AttributeMap } from '../model/attribute-value.js';

const EMPTY =
  "Value [] at 'transactItems' failed to satisfy constraint: Member must have length greater than or equal to 1";

/** AWS's model: 1 to 100 items; DynamoDB Local words both bounds its own way. */
export const TRANSACT_ITEMS: MemberRule = {
  member: 'TransactItems',
  type: 'List',
  required: true,
  min: 1,
  max: 100,
  override: { required: EMPTY, min: EMPTY, max: 'Member must have length less than or equal to 100' },
};

/** One item of a transaction, validated: its change, its condition, and whether it writes (a ConditionCheck does not). */
interface PreparedTransactItem {
  /** An Update's is made once its condition holds (its key and current item until then). */
  change: PreparedChange;
  check: ItemCheck | undefined;
  /** An Update's update, with its Key. */
  update?: { key: AttributeMap; update: ItemUpdate };
  apply: boolean;
  returnOnFailure: 'NONE' | 'ALL_OLD' | undefined;
}

/** A Put refused for its index key's type: a cancellation reason, not a failed call. */
interface RefusedTransactItem {
  refused: string;
}

/**
 * Up to 100 writes and condition checks across tables (`table` finds one by name, as `db.table`), all or nothing: a
 * failed condition throws TransactionCanceledException with one reason per item, in request order, and changes nothing.
 * https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_TransactWriteItems.html
 */
export function transactWriteItems(
  input: TransactWriteItemsInput,
  table: (name: string) => Table,
): TransactWriteItemsOutput {
  const given: unknown = input?.TransactItems;
  checkMember(TRANSACT_ITEMS, Array.isArray(given) ? given : undefined);
  const items = given as TransactWriteItem[];
  // A key of the wrong type cancels the transaction (reason ValidationError, the other items None) once every
  // item has passed the other checks, as DynamoDB Local does; AWS lists "a user error, such as an invalid data
  // format" among the causes of TransactionCanceledException
  // (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_TransactWriteItems.html).
  checkEveryAttributeValue(items.map(transactItemOrKeyOf));
  // Two requests on one item are found request by request, before a key of the wrong type cancels the
  // transaction (DynamoDB Local 2.9.30, conformance/random-operations.test.ts).
  // Every item's checks first (its expressions parsed, no item twice), as AWS validates a request before it runs it.
  const seen = new Set<string>();
  let mismatch: ValidationException | undefined;
  const attempts = items.map((item): PreparedTransactItem | RefusedTransactItem | undefined => {
    let entry: PreparedTransactItem;
    try {
      entry = prepareTransactItem(item, table);
    } catch (error) {
      if (error instanceof ValidationException && error.reason === 'keyTypeMismatch') {
        mismatch = error;
        return undefined;
      }
      // A Put whose index key has the wrong type is that item's cancellation reason, and its key is not counted for
      // the one-operation-per-item rule (DynamoDB Local 2.9.30: [ValidationError, None] for two Puts of one key).
      if (error instanceof ValidationException && error.reason === 'indexKeyTypeMismatch')
        return { refused: error.message };
      throw error;
    }
    const id = `${entry.change.table.name}\u0000${entry.change.storageKey}`;
    if (seen.has(id))
      throw new ValidationException('Transaction request cannot include multiple operations on one item');
    seen.add(id);
    return entry;
  });
  if (mismatch !== undefined) {
    const { message } = mismatch;
    throw new TransactionCanceledException(
      attempts.map((entry) =>
        entry === undefined
          ? { Code: 'ValidationError', Message: message }
          : 'refused' in entry
            ? { Code: 'ValidationError', Message: entry.refused }
            : { Code: 'None' },
      ),
    );
  }
  // Then item by item: its condition, and its update once the condition holds.
  const prepared = attempts as (PreparedTransactItem | RefusedTransactItem)[];
  const reasons: CancellationReason[] = [];
  for (const entry of prepared) {
    if ('refused' in entry) {
      reasons.push({ Code: 'ValidationError', Message: entry.refused });
      continue;
    }
    reasons.push(evaluate(entry));
    // An update of a key attribute ends the transaction there: its reasons stop at that item (DynamoDB Local 2.9.30).
    if (reasons[reasons.length - 1]?.Code === 'ValidationError') throw new TransactionCanceledException(reasons);
  }
  if (reasons.some((reason) => reason.Code !== 'None')) throw new TransactionCanceledException(reasons);
  for (const entry of prepared as PreparedTransactItem[]) if (entry.apply) entry.change.table.commit(entry.change);
  return {};
}

/**
 * One item's condition, and its update once the condition holds: an update that cannot be made throws at once, as a
 * ValidationException (DynamoDB Local 2.9.30, also when an earlier item's condition failed); one whose condition
 * failed is not made.
 */
function evaluate(entry: PreparedTransactItem): CancellationReason {
  const { change, check, apply, returnOnFailure, update } = entry;
  if (change.table.conditionHolds(change, check)) {
    if (update === undefined) return { Code: 'None' };
    try {
      entry.change = change.table.prepareUpdate(update.key, update.update);
    } catch (error) {
      // An update of a key attribute cancels the transaction with a reason (DynamoDB Local 2.9.30); other updates that
      // cannot be made fail the call.
      if (
        error instanceof ValidationException &&
        (error.reason === 'keyAttributeUpdated' || error.reason === 'indexKeyTypeMismatch')
      )
        return { Code: 'ValidationError', Message: error.message };
      throw error;
    }
    return { Code: 'None' };
  }
  // DynamoDB Local 1.25.1: a ConditionCheck's reason ends with a full stop, a Put's, Update's or Delete's does
  // not; with ReturnValuesOnConditionCheckFailure ALL_OLD the reason carries the item, first.
  const item =
    returnOnFailure === 'ALL_OLD' && change.oldItem !== undefined ? { Item: itemForCaller(change.oldItem) } : {};
  return {
    ...item,
    Code: 'ConditionalCheckFailed',
    Message: apply ? 'The conditional request failed' : 'The conditional request failed.',
  };
}

function prepareTransactItem(item: TransactWriteItem, findTable: (name: string) => Table): PreparedTransactItem {
  const kinds =
    item === null || typeof item !== 'object'
      ? []
      : (['Put', 'Delete', 'Update', 'ConditionCheck'] as const).filter((kind) => item[kind] !== undefined);
  if (kinds.length === 0)
    throw new ValidationException(
      'Invalid Request: TransactWriteRequest should contain Delete or Put or Update request',
    );
  // DynamoDB Local 1.25.1's text for an item with two operations (observed: Put and Delete in one item).
  if (kinds.length > 1)
    throw new ValidationException('TransactItems can only contain one of Check, Put, Update or Delete');
  const kind = kinds[0] as (typeof kinds)[number];
  const request = withoutLegacyMembers(item[kind] as NonNullable<TransactWriteItem[typeof kind]>);
  item = { [kind]: request };
  const table = findTable(request.TableName);
  const returnOnFailure = request.ReturnValuesOnConditionCheckFailure;
  if (item.Put !== undefined) {
    const change = table.preparePut(item.Put.Item);
    return {
      change,
      check: table.writePlan(conditionMembers(item.Put), 'PutItem').check,
      apply: true,
      returnOnFailure,
    };
  }
  if (item.Delete !== undefined) {
    const change = table.prepareDelete(item.Delete.Key);
    return {
      change,
      check: table.writePlan(conditionMembers(item.Delete), 'DeleteItem').check,
      apply: true,
      returnOnFailure,
    };
  }
  if (item.Update !== undefined) {
    const { check, update } = table.writePlan(item.Update, 'UpdateItem');
    if (update === undefined)
      throw new ValidationException('An Update needs an UpdateExpression or `update`, a function to the new item');
    const change = table.prepareDelete(item.Update.Key);
    return { change, check, update: { key: item.Update.Key, update }, apply: true, returnOnFailure };
  }
  const conditionCheck = item.ConditionCheck as NonNullable<TransactWriteItem['ConditionCheck']>;
  const { check } = table.writePlan(conditionMembers(conditionCheck), 'ConditionCheck');
  if (check === undefined)
    throw new ValidationException('A ConditionCheck needs a ConditionExpression or `condition`, a predicate');
  return { change: table.prepareDelete(conditionCheck.Key), check, apply: false, returnOnFailure };
}

/**
 * A transaction's Put, Update, Delete and ConditionCheck have no Expected, ConditionalOperator or AttributeUpdates in
 * AWS's model: they are ignored, as DynamoDB Local 2.9.30 ignores them, not read as the single-item writes read them.
 */
function withoutLegacyMembers<T>(request: T): T {
  if (request === null || typeof request !== 'object') return request;
  const given = request as Record<string, unknown>;
  if (given.Expected === undefined && given.ConditionalOperator === undefined && given.AttributeUpdates === undefined)
    return request;
  const { Expected: _expected, ConditionalOperator: _operator, AttributeUpdates: _updates, ...rest } = given;
  return rest as T;
}

/** The item or key a TransactWriteItems entry carries. */
function transactItemOrKeyOf(item: TransactWriteItem | null | undefined): unknown {
  if (item === null || typeof item !== 'object') return undefined;
  return item.Put?.Item ?? item.Delete?.Key ?? item.Update?.Key ?? item.ConditionCheck?.Key;
}
