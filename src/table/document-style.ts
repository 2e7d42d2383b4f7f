import { marshallItem, unmarshallItem, type NativeItem } from '../model/marshalling.js';
import type {
  Condition,
  DocumentBatchRequest,
  DocumentTransactItem,
  TransactWriteItem,
  TransactWriteItemsInput,
  Updater,
  WriteRequest,
} from './item-operations.js';

/**
 * The document-style API's one translation to the AWS shapes: plain JavaScript values in, marshalled as
 * `DynamoDBDocumentClient` does, and conditions and update functions that see plain values.
 */

type DocumentCondition = (current: NativeItem | undefined) => boolean;

/** A condition on plain values as one on the stored AttributeValue map. */
export function documentCondition(condition: DocumentCondition): Condition;
export function documentCondition(condition: DocumentCondition | undefined): Condition | undefined;
export function documentCondition(condition: DocumentCondition | undefined): Condition | undefined {
  if (condition === undefined) return undefined;
  return (current) => condition(current === undefined ? undefined : unmarshallItem(current));
}

/** An update function on plain values as one on AttributeValue maps. */
export function documentUpdater(update: (current: NativeItem | undefined) => NativeItem): Updater {
  return (current) => marshallItem(update(current === undefined ? undefined : unmarshallItem(current)));
}

/** `{ condition }` for an AWS-shaped input, or nothing when there is none (the input then has no such member). */
export function documentConditionMember(options: { condition?: DocumentCondition }): { condition?: Condition } {
  const condition = options.condition;
  return condition === undefined ? {} : { condition: documentCondition(condition) };
}

/** `table.batchWrite`'s requests as BatchWriteItem's. */
export function writeRequestsOf(requests: readonly DocumentBatchRequest[]): WriteRequest[] {
  return requests.map((request) =>
    'put' in request
      ? { PutRequest: { Item: marshallItem(request.put) } }
      : { DeleteRequest: { Key: marshallItem(request.delete) } },
  );
}

/** `db.transactWrite`'s items as TransactWriteItems' input. */
export function transactItemsOf(items: readonly DocumentTransactItem[]): TransactWriteItemsInput {
  return {
    TransactItems: items.map((item): TransactWriteItem => {
      if ('put' in item)
        return {
          Put: {
            TableName: item.put.table,
            Item: marshallItem(item.put.item),
            condition: documentCondition(item.put.condition),
          },
        };
      if ('delete' in item)
        return {
          Delete: {
            TableName: item.delete.table,
            Key: marshallItem(item.delete.key),
            condition: documentCondition(item.delete.condition),
          },
        };
      if ('update' in item) {
        const { update } = item.update;
        return {
          Update: {
            TableName: item.update.table,
            Key: marshallItem(item.update.key),
            update: documentUpdater(update),
            condition: documentCondition(item.update.condition),
          },
        };
      }
      const check = item.conditionCheck;
      return {
        ConditionCheck: {
          TableName: check.table,
          Key: marshallItem(check.key),
          condition: documentCondition(check.condition),
        },
      };
    }),
  };
}
