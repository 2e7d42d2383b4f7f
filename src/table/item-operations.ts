import type { AttributeMap, AttributeValue } from '../model/attribute-value.js';
import type { NativeItem } from '../model/marshalling.js';

/**
 * The item operations' inputs and outputs. The AWS-shaped ones mirror `@aws-sdk/client-dynamodb` (PutItem,
 * GetItem, DeleteItem, UpdateItem, BatchWriteItem, TransactWriteItems, TransactGetItems, Query, Scan) and take
 * AWS's expressions; a predicate (`condition`) or a function (`update`) may stand in for an expression.
 */
export type Condition = (current: AttributeMap | undefined) => boolean;
export type Updater = (current: AttributeMap | undefined) => AttributeMap;

/** The placeholders of a request's expressions (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.ExpressionAttributeNames.html). */
export interface ExpressionPlaceholders {
  ExpressionAttributeNames?: Record<string, string>;
  ExpressionAttributeValues?: Record<string, AttributeValue>;
}

/** A read's projection (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.ProjectionExpressions.html). */
export interface ProjectionInput {
  ProjectionExpression?: string;
  ExpressionAttributeNames?: Record<string, string>;
}

export type ReturnValue = 'NONE' | 'ALL_OLD' | 'ALL_NEW' | 'UPDATED_OLD' | 'UPDATED_NEW';

/** A legacy Expected entry (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_ExpectedAttributeValue.html). */
export interface ExpectedAttributeValue {
  Value?: AttributeValue;
  Exists?: boolean;
  ComparisonOperator?: FilterCondition['ComparisonOperator'];
  AttributeValueList?: AttributeValue[];
}

/** A legacy AttributeUpdates entry (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_AttributeValueUpdate.html). */
export interface AttributeValueUpdate {
  Action?: 'PUT' | 'DELETE' | 'ADD';
  Value?: AttributeValue;
}

interface ConditionalInput extends ExpressionPlaceholders {
  /** The write happens only if this holds for the item as it is now. */
  ConditionExpression?: string;
  /** The legacy form of a condition (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/LegacyConditionalParameters.Expected.html). */
  Expected?: Record<string, ExpectedAttributeValue>;
  /** How Expected's conditions combine: AND (default) or OR. */
  ConditionalOperator?: 'AND' | 'OR';
  /** Instead of a ConditionExpression: the write happens only if this returns true for the item as it is now (undefined when absent). */
  condition?: Condition;
  /** With `ALL_OLD`, a failed condition's error carries the current item as `Item`. */
  ReturnValuesOnConditionCheckFailure?: 'NONE' | 'ALL_OLD';
}

export interface PutItemInput extends ConditionalInput {
  TableName?: string;
  Item: AttributeMap;
  ReturnValues?: 'NONE' | 'ALL_OLD';
}

export interface PutItemOutput {
  Attributes?: AttributeMap;
}

export interface GetItemInput extends ProjectionInput {
  TableName?: string;
  Key: AttributeMap;
  ConsistentRead?: boolean;
  /** Only these attributes of the item (the legacy projection; absent ones are left out). */
  AttributesToGet?: string[];
}

export interface GetItemOutput {
  Item?: AttributeMap;
}

export interface DeleteItemInput extends ConditionalInput {
  TableName?: string;
  Key: AttributeMap;
  ReturnValues?: 'NONE' | 'ALL_OLD';
}

export interface DeleteItemOutput {
  Attributes?: AttributeMap;
}

export interface UpdateItemInput extends ConditionalInput {
  TableName?: string;
  Key: AttributeMap;
  /** What to change (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.UpdateExpressions.html). */
  UpdateExpression?: string;
  /**
   * Instead of an UpdateExpression: returns the whole new item from the current one (undefined when absent:
   * UpdateItem creates the item, as AWS's does). Key attributes may be left out; changing them is a
   * ValidationException, as in AWS.
   */
  update?: Updater;
  /** The legacy form of an update (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/LegacyConditionalParameters.AttributeUpdates.html). */
  AttributeUpdates?: Record<string, AttributeValueUpdate>;
  ReturnValues?: ReturnValue;
}

export interface UpdateItemOutput {
  Attributes?: AttributeMap;
}

export interface WriteRequest {
  PutRequest?: { Item: AttributeMap };
  DeleteRequest?: { Key: AttributeMap };
}

export interface BatchWriteItemInput {
  RequestItems: Record<string, WriteRequest[]>;
}

export interface BatchWriteItemOutput {
  /** Always empty: shardline never throttles. */
  UnprocessedItems: Record<string, WriteRequest[]>;
}

/** With `ALL_OLD`, a failed condition's cancellation reason carries the current item as `Item`. */
type ReturnOnFailure = { ReturnValuesOnConditionCheckFailure?: 'NONE' | 'ALL_OLD' };

/** A transaction item's condition: a ConditionExpression or a predicate. */
type TransactCondition = { ConditionExpression?: string; condition?: Condition } & ExpressionPlaceholders &
  ReturnOnFailure;

export interface TransactWriteItem {
  Put?: { TableName: string; Item: AttributeMap } & TransactCondition;
  Delete?: { TableName: string; Key: AttributeMap } & TransactCondition;
  Update?: { TableName: string; Key: AttributeMap; UpdateExpression?: string; update?: Updater } & TransactCondition;
  ConditionCheck?: { TableName: string; Key: AttributeMap } & TransactCondition;
}

export interface TransactWriteItemsInput {
  TransactItems: TransactWriteItem[];
}

export type TransactWriteItemsOutput = Record<string, never>;

/** https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_TransactGetItems.html */
export interface TransactGetItemsInput {
  TransactItems: { Get: { TableName: string; Key: AttributeMap } & ProjectionInput }[];
}

export interface TransactGetItemsOutput {
  /** One per item, in request order: `{}` for an item that does not exist. */
  Responses: { Item?: AttributeMap }[];
}

/** Document-style (plain JavaScript values) counterparts. */
/** Expression placeholders with plain JavaScript values (marshalled as `DynamoDBDocumentClient` does). */
export interface DocumentExpressionOptions {
  ExpressionAttributeNames?: Record<string, string>;
  ExpressionAttributeValues?: NativeItem;
}

export interface DocumentWriteOptions extends DocumentExpressionOptions {
  /** The write happens only if this holds for the item as it is now. */
  ConditionExpression?: string;
  /** Instead of a ConditionExpression: a predicate on the item as it is now (undefined when absent). */
  condition?: (current: NativeItem | undefined) => boolean;
}

/** `table.update(key, { UpdateExpression, ... })`. */
export interface DocumentUpdateOptions extends DocumentWriteOptions {
  UpdateExpression: string;
}

export type DocumentBatchRequest = { put: NativeItem } | { delete: NativeItem };

export type DocumentTransactItem =
  | { put: { table: string; item: NativeItem; condition?: (current: NativeItem | undefined) => boolean } }
  | { delete: { table: string; key: NativeItem; condition?: (current: NativeItem | undefined) => boolean } }
  | {
      update: {
        table: string;
        key: NativeItem;
        update: (current: NativeItem | undefined) => NativeItem;
        condition?: (current: NativeItem | undefined) => boolean;
      };
    }
  | { conditionCheck: { table: string; key: NativeItem; condition: (current: NativeItem | undefined) => boolean } };

/** KeyConditions' operators (AWS's legacy Query parameter): EQ on the partition key; any of these on the sort key. */
export type KeyComparisonOperator = 'EQ' | 'LE' | 'LT' | 'GE' | 'GT' | 'BEGINS_WITH' | 'BETWEEN';

export interface KeyCondition {
  ComparisonOperator: KeyComparisonOperator;
  AttributeValueList: AttributeValue[];
}

/**
 * What Query and Scan return: the items, only the `AttributesToGet`, or with `Select: 'COUNT'` only the counts;
 * on an index, `ALL_PROJECTED_ATTRIBUTES` (its default) is what the index holds of each item.
 */
export type ReadSelect = 'ALL_ATTRIBUTES' | 'ALL_PROJECTED_ATTRIBUTES' | 'SPECIFIC_ATTRIBUTES' | 'COUNT';

/** A legacy QueryFilter / ScanFilter entry (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_Condition.html). */
export interface FilterCondition {
  ComparisonOperator:
    | 'EQ'
    | 'NE'
    | 'LE'
    | 'LT'
    | 'GE'
    | 'GT'
    | 'NOT_NULL'
    | 'NULL'
    | 'CONTAINS'
    | 'NOT_CONTAINS'
    | 'BEGINS_WITH'
    | 'IN'
    | 'BETWEEN';
  AttributeValueList?: AttributeValue[];
}

/** What Query and Scan share: paging, a filter on the items read, and a projection. */
interface ReadInput extends ExpressionPlaceholders {
  TableName?: string;
  /** Read this secondary index instead of the table (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/SecondaryIndexes.html). */
  IndexName?: string;
  Limit?: number;
  ExclusiveStartKey?: AttributeMap;
  ConsistentRead?: boolean;
  Select?: ReadSelect;
  /** Only these attributes of each item (Select SPECIFIC_ATTRIBUTES, the default when given). */
  AttributesToGet?: string[];
  /** How the filter's conditions combine: AND (default) or OR. */
  ConditionalOperator?: 'AND' | 'OR';
  /** Applied to the items read; `Limit` counts the items read, not those kept. */
  FilterExpression?: string;
  /** Only these attributes (document paths) of each item. */
  ProjectionExpression?: string;
}

/** https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_Query.html, with the legacy `KeyConditions`. */
export interface QueryInput extends ReadInput {
  /** The partition (`pk = :v`) and a sort key range (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Query.KeyConditionExpressions.html). */
  KeyConditionExpression?: string;
  /** The legacy form of KeyConditionExpression. */
  KeyConditions?: Record<string, KeyCondition>;
  /** true (default): ascending sort key order; false: descending. */
  ScanIndexForward?: boolean;
  /** Applied to the items read (non-key attributes only); `Limit` counts the items read, not those kept. */
  QueryFilter?: Record<string, FilterCondition>;
}

export interface QueryOutput {
  /** Absent with `Select: 'COUNT'`. */
  Items?: AttributeMap[];
  Count: number;
  ScannedCount: number;
  /** The key of the last item read, when Limit or the 1 MB page size stopped the read: pass it as ExclusiveStartKey. */
  LastEvaluatedKey?: AttributeMap;
}

/** https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_Scan.html, with the legacy `ScanFilter`. */
export interface ScanInput extends ReadInput {
  /** Applied to the items read; `Limit` counts the items read, not those kept. */
  ScanFilter?: Record<string, FilterCondition>;
  /** A parallel scan: this request reads segment `Segment` of `TotalSegments` (both or neither). */
  Segment?: number;
  TotalSegments?: number;
}

export type ScanOutput = QueryOutput;
