import { ConditionalCheckFailedException, ValidationException } from '../errors.js';
import type { AttributeMap } from '../model/attribute-value.js';
import { canonicalItem, itemForCaller } from '../model/frozen-item.js';
import { keyOfItem, keyOfKeyParameter, type KeySchema } from '../model/key-schema.js';
import { marshallItem, unmarshallItem, type NativeItem } from '../model/marshalling.js';
import type { Stream } from '../stream/stream.js';
import { documentUpdateInput, documentWriteMembers, writeRequestsOf } from './document-style.js';
import { ItemStore, type StreamSlot } from './item-store.js';
import { KeyOrderList } from './key-order-list.js';
import { PartitionIndex } from './partition-index.js';
import { TableIndexes } from './table-indexes.js';
import { prepareBatchRequests, type BatchWriteRequest } from './batch-requests.js';
import { TimeToLiveSetting } from './time-to-live.js';
import { ExpirySweeper, type ExpiryHost } from './expiry-sweeper.js';
import type {
  DeleteItemInput,
  DeleteItemOutput,
  DocumentBatchRequest,
  DocumentUpdateOptions,
  DocumentWriteOptions,
  GetItemInput,
  GetItemOutput,
  PutItemInput,
  PutItemOutput,
  QueryInput,
  QueryOutput,
  ScanInput,
  ScanOutput,
  UpdateItemInput,
  UpdateItemOutput,
} from './item-operations.js';
import type { TableDescription, TableDefinition } from './table-definition.js';
import { getItemProjection } from './attributes-to-get.js';
import { projectItem } from '../expression/projection.js';
import type { ProjectionTree } from '../expression/syntax-tree.js';
import { updateReturnValues } from './return-values.js';
import { updatedItem } from './updated-item.js';
import { runQuery, runScan } from './table-reads.js';
import { checkLegacyMembersFirst, checkReturnOnFailure, checkReturnValues } from './write-member-checks.js';
import {
  conditionMembers,
  writePlan,
  type ItemCheck,
  type ItemUpdate,
  type WriteMembers,
  type WriteOperation,
  type WritePlan,
} from './write-plan.js';

/**
 * One change, validated and computed but not yet applied. Batches and transactions prepare every change
 * first and apply them only when all are valid, so a call that throws changes nothing (table and stream).
 */
export interface PreparedChange {
  readonly table: Table;
  readonly storageKey: string;
  readonly oldItem: AttributeMap | undefined;
  /** undefined for a delete. */
  readonly newItem: AttributeMap | undefined;
  readonly newSize: number;
  /** Size of the new item's key attributes (the record's `Keys`), when known from the walk that made it canonical. */
  readonly keySize?: number;
}

/** What a Table borrows from its Database. */
export interface TableHost {
  describe(table: Table): TableDescription;
  /** Throws ResourceNotFoundException when the table was deleted. */
  assertLive(table: Table): void;
  readonly expiry: ExpiryHost;
}

/**
 * A DynamoDB table: the item operations over its `ItemStore`, which every write goes through. Every write is
 * synchronous: its stream record is readable before the call returns.
 */
export class Table {
  readonly name: string;
  readonly keySchema: KeySchema;
  /** The definition; UpdateTable replaces it when it adds or deletes an index (its attribute definitions). */
  definition: TableDefinition;
  readonly createdAt: number;
  /** The secondary indexes, kept up to date by every write. @internal */
  readonly indexes: TableIndexes;
  /** The TTL setting (UpdateTimeToLive). @internal */
  readonly timeToLive = new TimeToLiveSetting();
  readonly #keyNames: readonly string[];

  readonly #host: TableHost;
  readonly #streams: StreamSlot;
  readonly #store: ItemStore;
  readonly #keyOrder: KeyOrderList;
  /** Built by the first Query (a table never queried pays nothing for it). */
  #partitions: PartitionIndex | undefined;
  readonly #expiry: ExpirySweeper;

  /** `streams.current` is the table's enabled stream, which the Database sets. */
  constructor(host: TableHost, definition: TableDefinition, createdAt: number, streams: StreamSlot) {
    this.#host = host;
    this.#streams = streams;
    this.#store = new ItemStore(streams);
    this.#keyOrder = this.#store.addIndex(new KeyOrderList(definition.keySchema, () => this.#store.values()));
    this.definition = definition;
    this.indexes = new TableIndexes(this.#store, definition.keySchema, definition.indexes);
    this.name = definition.tableName;
    this.keySchema = definition.keySchema;
    this.createdAt = createdAt;
    this.#expiry = new ExpirySweeper(this.timeToLive, this.#store, this.keySchema, host.expiry, (key) =>
      this.deleteExpired(key),
    );
    this.#keyNames =
      definition.keySchema.sortKey === undefined
        ? [definition.keySchema.partitionKey.name]
        : [definition.keySchema.partitionKey.name, definition.keySchema.sortKey.name];
  }

  /** The table's enabled stream, if any. */
  get stream(): Stream | undefined {
    return this.#streams.current;
  }

  /** Items in the table. */
  get itemCount(): number {
    return this.#store.count;
  }
  /** Sum of item sizes by AWS's rules. */
  get sizeBytes(): number {
    return this.#store.bytes;
  }

  /** https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_DescribeTable.html */
  describe(): TableDescription {
    // As DescribeTable: a deleted table (this handle outlives it) does not exist.
    this.#host.assertLive(this);
    return this.#host.describe(this);
  }

  /** Every item, in no particular order (frozen; binary values copied). */
  *items(): IterableIterator<AttributeMap> {
    for (const item of this.#store.values()) yield itemForCaller(item);
  }

  // ------------------------------------------------------------- AWS-shaped item API

  /** https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_PutItem.html */
  putItem(input: PutItemInput): PutItemOutput {
    this.#host.assertLive(this);
    if (input?.Item === undefined || input.Item === null)
      throw new ValidationException('Item to put in PutItem cannot be null');
    checkReturnValues(input.ReturnValues, ['NONE', 'ALL_OLD']);
    checkReturnOnFailure(input.ReturnValuesOnConditionCheckFailure);
    // No PreparedChange: one object fewer per write (bench/write-throughput.ts).
    const canonical = canonicalItem(input.Item, this.#keyNames);
    const storageKey = keyOfItem(this.keySchema, canonical.item);
    const oldItem = this.#store.get(storageKey);
    this.indexes.check(canonical.item, 'put');
    if (
      input.condition !== undefined ||
      input.ConditionExpression !== undefined ||
      input.ExpressionAttributeNames !== undefined ||
      input.ExpressionAttributeValues !== undefined ||
      input.Expected != null ||
      input.ConditionalOperator != null
    ) {
      // The item before the expressions, as AWS answers a request wrong in both (DynamoDB Local 2.9.30).
      const { check } = this.writePlan(conditionMembers(input), 'PutItem');
      this.#checkCondition(oldItem, check, input.ReturnValuesOnConditionCheckFailure);
    }
    this.#store.write(storageKey, oldItem, canonical.item, canonical.size, canonical.keySize);
    return input.ReturnValues === 'ALL_OLD' && oldItem !== undefined ? { Attributes: itemForCaller(oldItem) } : {};
  }

  /** https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_GetItem.html */
  getItem(input: GetItemInput): GetItemOutput {
    this.#host.assertLive(this);
    if (input?.Key === undefined || input.Key === null)
      throw new ValidationException('Cannot have null key for GetItem, DeleteItem, or UpdateItem');
    const storageKey = this.#keyParameter(input.Key);
    const item = this.itemAt(storageKey, getItemProjection(input, 'GetItem', undefined, this.keySchema));
    return item === undefined ? {} : { Item: item };
  }

  /** https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_DeleteItem.html */
  deleteItem(input: DeleteItemInput): DeleteItemOutput {
    this.#host.assertLive(this);
    checkLegacyMembersFirst(input, this.keySchema, 'DeleteItem');
    if (input?.Key === undefined || input.Key === null)
      throw new ValidationException('Cannot have null key for GetItem, DeleteItem, or UpdateItem');
    checkReturnValues(input.ReturnValues, ['NONE', 'ALL_OLD']);
    checkReturnOnFailure(input.ReturnValuesOnConditionCheckFailure);
    const change = this.prepareDelete(input.Key);
    const { check } = this.writePlan(conditionMembers(input), 'DeleteItem');
    this.#checkCondition(change.oldItem, check, input.ReturnValuesOnConditionCheckFailure);
    this.commit(change);
    return input.ReturnValues === 'ALL_OLD' && change.oldItem !== undefined
      ? { Attributes: itemForCaller(change.oldItem) }
      : {};
  }

  /**
   * UpdateItem with an UpdateExpression (or the legacy AttributeUpdates), or with `update`, a function that gets the
   * current item (undefined if absent) and returns the whole new one. With none, an absent item is created with its
   * key alone.
   * https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_UpdateItem.html
   */
  updateItem(input: UpdateItemInput): UpdateItemOutput {
    this.#host.assertLive(this);
    checkLegacyMembersFirst(input, this.keySchema, 'UpdateItem');
    if (input?.Key === undefined || input.Key === null)
      throw new ValidationException('Cannot have null key for GetItem, DeleteItem, or UpdateItem');
    checkReturnValues(input.ReturnValues, ['NONE', 'ALL_OLD', 'ALL_NEW', 'UPDATED_OLD', 'UPDATED_NEW']);
    checkReturnOnFailure(input.ReturnValuesOnConditionCheckFailure);
    const storageKey = this.#keyParameter(input.Key);
    const plan = this.writePlan(input, 'UpdateItem');
    const oldItem = this.#store.get(storageKey);
    // The condition before the update is made: DynamoDB Local 2.9.30 answers ConditionalCheckFailedException for an
    // update that would also be too large, or of a value the attribute cannot take.
    this.#checkCondition(oldItem, plan.check, input.ReturnValuesOnConditionCheckFailure);
    const change = this.#updateChange(input.Key, storageKey, oldItem, plan.update);
    this.commit(change);
    const { oldItem: before, newItem: after } = change;
    return updateReturnValues(input.ReturnValues ?? 'NONE', before, after as AttributeMap, this.keySchema, plan.update);
  }

  /**
   * Query: one partition's items in sort key order (descending with `ScanIndexForward: false`), paged by Limit, the
   * 1 MB page size and ExclusiveStartKey; with `IndexName` an index's (index-reads.ts), which leaves the table's
   * partitions unbuilt. https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_Query.html
   */
  query(input: QueryInput): QueryOutput {
    this.#host.assertLive(this);
    const partitions = () =>
      (this.#partitions ??= this.#store.addIndex(new PartitionIndex(this.keySchema, this.#store.values())));
    return runQuery(this.keySchema, (value) => partitions().partition(value), input, this.indexes);
  }

  /**
   * Scan: every item, in key order (partition key, then sort key), paged by Limit, the 1 MB page size and
   * ExclusiveStartKey. https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_Scan.html
   */
  scan(input: ScanInput = {}): ScanOutput {
    this.#host.assertLive(this);
    return runScan(this.keySchema, () => this.#keyOrder.items(), input, this.indexes);
  }

  // ------------------------------------------------------------- document-style API (plain JS values)

  /** Puts a plain JavaScript object (marshalled as `DynamoDBDocumentClient` does). */
  put(item: NativeItem, options: DocumentWriteOptions = {}): void {
    this.putItem({ Item: marshallItem(item), ...documentWriteMembers(options) });
  }

  /** The item with this key as a plain JavaScript object, or undefined. */
  get(key: NativeItem): NativeItem | undefined {
    const { Item } = this.getItem({ Key: marshallItem(key) });
    return Item === undefined ? undefined : unmarshallItem(Item);
  }

  /** Deletes the item with this key; returns what was deleted (or undefined if there was nothing). */
  delete(key: NativeItem, options: DocumentWriteOptions = {}): NativeItem | undefined {
    const { Attributes } = this.deleteItem({
      Key: marshallItem(key),
      ReturnValues: 'ALL_OLD',
      ...documentWriteMembers(options),
    });
    return Attributes === undefined ? undefined : unmarshallItem(Attributes);
  }

  /**
   * Updates the item (creating it if absent) with an UpdateExpression whose ExpressionAttributeValues are plain
   * JavaScript values, or with `update(current)`, a function returning the whole new item; returns the new item.
   */
  update(
    key: NativeItem,
    update: DocumentUpdateOptions | ((current: NativeItem | undefined) => NativeItem),
    options: DocumentWriteOptions = {},
  ): NativeItem {
    const { Attributes } = this.updateItem({ ...documentUpdateInput(update, options), Key: marshallItem(key) });
    return unmarshallItem(Attributes as AttributeMap);
  }

  /** Up to 25 puts and deletes, all validated before any is applied (BatchWriteItem). */
  batchWrite(requests: DocumentBatchRequest[]): void {
    const changes = this.prepareBatch(writeRequestsOf(requests));
    for (const change of changes) this.commit(change);
  }

  // ------------------------------------------------------------- prepare / commit (used by batches and transactions)

  /** @internal */
  preparePut(input: AttributeMap): PreparedChange {
    const canonical = canonicalItem(input, this.#keyNames);
    const storageKey = keyOfItem(this.keySchema, canonical.item);
    this.indexes.check(canonical.item, 'put');
    return {
      table: this,
      storageKey,
      oldItem: this.#store.get(storageKey),
      newItem: canonical.item,
      newSize: canonical.size,
      keySize: canonical.keySize,
    };
  }

  /** @internal */
  prepareDelete(key: AttributeMap): PreparedChange {
    const storageKey = this.#keyParameter(key);
    return { table: this, storageKey, oldItem: this.#store.get(storageKey), newItem: undefined, newSize: 0 };
  }

  /** @internal */
  prepareUpdate(key: AttributeMap, update: ItemUpdate | undefined): PreparedChange {
    const storageKey = this.#keyParameter(key);
    return this.#updateChange(key, storageKey, this.#store.get(storageKey), update);
  }

  /** A write's condition and update from its expressions (or predicate and function), checked. @internal */
  writePlan(members: WriteMembers, operation: WriteOperation): WritePlan {
    return writePlan(members, this.keySchema, operation);
  }

  #updateChange(
    key: AttributeMap,
    storageKey: string,
    oldItem: AttributeMap | undefined,
    update: ItemUpdate | undefined,
  ): PreparedChange {
    const canonical = updatedItem(key, oldItem, update, this.#keyNames);
    this.indexes.check(canonical.item, 'update');
    return {
      table: this,
      storageKey,
      oldItem,
      newItem: canonical.item,
      newSize: canonical.size,
      keySize: canonical.keySize,
    };
  }

  /** Validates a BatchWriteItem request list for this table (1-25 requests, no key twice). @internal */
  prepareBatch(requests: readonly BatchWriteRequest[]): PreparedChange[] {
    this.#host.assertLive(this);
    return prepareBatchRequests(this, requests);
  }

  /**
   * Deletes a stored item as DynamoDB's TTL service does: through the one write path (indexes drop it), with a
   * REMOVE record that carries the service's identity. Nothing when the item is no longer stored. @internal
   */
  deleteExpired(storageKey: string): AttributeMap | undefined {
    const item = this.#store.get(storageKey);
    if (item !== undefined) this.#store.write(storageKey, item, undefined, 0, undefined, true);
    return item;
  }

  /** Deletes every item whose TTL has expired by now, whatever the delay policy (docs/ttl.md); returns them. */
  sweepExpiredItems(): AttributeMap[] {
    return this.#expiry.sweepAll().map(itemForCaller);
  }

  /** Applies a prepared change through the item store (a change that alters nothing writes nothing). @internal */
  commit(change: PreparedChange): void {
    this.#store.write(change.storageKey, change.oldItem, change.newItem, change.newSize, change.keySize);
  }

  /** Whether the prepared change's condition holds (no condition: it does). @internal */
  conditionHolds(change: PreparedChange, check: ItemCheck | undefined): boolean {
    return check === undefined || check(change.oldItem);
  }

  /** The caller's copy of the item at a storage key, projected; undefined when absent. @internal */
  itemAt(storageKey: string, projection: ProjectionTree | undefined): AttributeMap | undefined {
    const item = this.#store.get(storageKey);
    if (item === undefined) return undefined;
    return projection === undefined ? itemForCaller(item) : projectItem(itemForCaller(item), projection);
  }

  /** Empties the table (the Database calls this on deletion). @internal */
  clear(): void {
    this.#store.clear();
  }

  #checkCondition(
    oldItem: AttributeMap | undefined,
    check: ItemCheck | undefined,
    returnOnFailure: 'NONE' | 'ALL_OLD' | undefined,
  ): void {
    if (check === undefined || check(oldItem)) return;
    throw new ConditionalCheckFailedException(
      undefined,
      returnOnFailure === 'ALL_OLD' && oldItem !== undefined ? itemForCaller(oldItem) : undefined,
    );
  }

  #keyParameter(key: AttributeMap): string {
    if (key === null || typeof key !== 'object')
      throw new ValidationException('The number of conditions on the keys is invalid');
    return keyOfKeyParameter(this.keySchema, canonicalKey(key));
  }
}

/** Validates the AttributeValues and puts numbers in canonical form, so "1.0" finds the item stored as "1". */
const canonicalKey = (key: AttributeMap): AttributeMap => canonicalItem(key).item;
