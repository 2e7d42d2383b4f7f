import { marshallItem, unmarshallItem, type NativeItem } from '../model/marshalling.js';
import type {
  Condition,
  DocumentBatchRequest,
  DocumentExpressionOptions,
  DocumentTransactItem,
  DocumentUpdateOptions,
  DocumentWriteOptions,
  ExpressionPlaceholders,
  TransactWriteItem,
  TransactWriteItemsInput,
  UpdateItemInput,
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

/** Placeholders with plain values as AWS's: the values marshalled as `DynamoDBDocumentClient` marshalls them. */
export function documentPlaceholders(options: DocumentExpressionOptions): ExpressionPlaceholders {
  const { ExpressionAttributeNames: names, ExpressionAttributeValues: values } = options;
  return {
    ...(names === undefined ? {} : { ExpressionAttributeNames: names }),
    ...(values === undefined ? {} : { ExpressionAttributeValues: marshallItem(values) }),
  };
}

/**
 * A document write's condition members for an AWS-shaped input: a ConditionExpression with its placeholders, or a
 * predicate; members that are not given are left out (the input then has no such member).
 */
export function documentWriteMembers(
  options: DocumentWriteOptions,
): { condition?: Condition; ConditionExpression?: string } & ExpressionPlaceholders {
  const { condition, ConditionExpression: expression } = options;
  return {
    ...(condition === undefined ? {} : { condition: documentCondition(condition) }),
    ...(expression === undefined ? {} : { ConditionExpression: expression }),
    ...documentPlaceholders(options),
  };
}

/** `table.update`'s arguments as UpdateItem's input (without the Key), returning the whole new item. */
export function documentUpdateInput(
  update: DocumentUpdateOptions | ((current: NativeItem | undefined) => NativeItem),
  options: DocumentWriteOptions,
): Omit<UpdateItemInput, 'Key'> {
  if (typeof update === 'function')
    return { update: documentUpdater(update), ReturnValues: 'ALL_NEW', ...documentWriteMembers(options) };
  // One options object: the update's members and the condition's share the placeholders.
  const merged = { ...options, ...update };
  return { UpdateExpression: merged.UpdateExpression, ReturnValues: 'ALL_NEW', ...documentWriteMembers(merged) };
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
