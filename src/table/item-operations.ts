import type { AttributeMap, AttributeValue } from '../model/attribute-value.js';
import type { NativeItem } from '../model/marshalling.js';

/**
 * The item operations' inputs and outputs. The AWS-shaped ones mirror `@aws-sdk/client-dynamodb` (PutItem,
 * GetItem, DeleteItem, UpdateItem, BatchWriteItem, TransactWriteItems); conditions and updates are
 * predicates and functions until the expression language lands.
 */
export type Condition = (current: AttributeMap | undefined) => boolean;
export type Updater = (current: AttributeMap | undefined) => AttributeMap;

export type ReturnValue = 'NONE' | 'ALL_OLD' | 'ALL_NEW' | 'UPDATED_OLD' | 'UPDATED_NEW';

interface ConditionalInput {
  /** The write happens only if this returns true for the item as it is now (undefined when absent). */
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

export interface GetItemInput {
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
  /**
   * Returns the whole new item from the current one (undefined when absent: UpdateItem creates the item, as
   * AWS's does). Key attributes may be left out; changing them is a ValidationException, as in AWS.
   */
  update: Updater;
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

export interface TransactWriteItem {
  Put?: { TableName: string; Item: AttributeMap; condition?: Condition } & ReturnOnFailure;
  Delete?: { TableName: string; Key: AttributeMap; condition?: Condition } & ReturnOnFailure;
  Update?: { TableName: string; Key: AttributeMap; update: Updater; condition?: Condition } & ReturnOnFailure;
  ConditionCheck?: { TableName: string; Key: AttributeMap; condition: Condition } & ReturnOnFailure;
}

export interface TransactWriteItemsInput {
  TransactItems: TransactWriteItem[];
}

export type TransactWriteItemsOutput = Record<string, never>;

/** Document-style (plain JavaScript values) counterparts. */
export interface DocumentWriteOptions {
  condition?: (current: NativeItem | undefined) => boolean;
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

/** What Query and Scan return: the items, only the `AttributesToGet`, or with `Select: 'COUNT'` only the counts. */
export type ReadSelect = 'ALL_ATTRIBUTES' | 'SPECIFIC_ATTRIBUTES' | 'COUNT';

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

/** What Query and Scan share: paging, a legacy filter on the items read, and a projection. */
interface ReadInput {
  TableName?: string;
  Limit?: number;
  ExclusiveStartKey?: AttributeMap;
  ConsistentRead?: boolean;
  Select?: ReadSelect;
  /** Only these attributes of each item (Select SPECIFIC_ATTRIBUTES, the default when given). */
  AttributesToGet?: string[];
  /** How the filter's conditions combine: AND (default) or OR. */
  ConditionalOperator?: 'AND' | 'OR';
}

/** https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_Query.html, with the legacy `KeyConditions`. */
export interface QueryInput extends ReadInput {
  KeyConditions: Record<string, KeyCondition>;
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
