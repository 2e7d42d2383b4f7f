import type { AttributeMap } from '../model/attribute-value.js';
import { itemsEqual } from '../model/item-equality.js';
import { itemSize } from '../model/item-size.js';
import { INSERT, MODIFY, REMOVE, SERVICE_REMOVE } from '../stream/shard.js';
import type { Stream } from '../stream/stream.js';

/**
 * A structure over a table's items that every write keeps up to date, after the items themselves and before the
 * stream: the key order Scan reads, the partitions Query reads, and the place for secondary indexes and TTL.
 */
export interface ItemIndex {
  /** A new item (its key was not in the table). */
  insert(item: AttributeMap): void;
  /** `newItem` takes the place of `oldItem`, which has the same key. */
  replace(oldItem: AttributeMap, newItem: AttributeMap): void;
  /** An item left the table. */
  remove(item: AttributeMap): void;
  /** The table was emptied. */
  clear(): void;
}

/** The table's enabled stream, if any: the Database's stream registry sets `current`, the store appends to it. */
export interface StreamSlot {
  readonly current: Stream | undefined;
}

/**
 * A table's storage and its single write path: the items by storage key and their byte count, then the indexes,
 * then the stream record. Items come in validated and canonical (`canonicalItem`); a write that changes nothing
 * (deep equality; sets compare as sets) stores nothing and appends no record, as AWS.
 */
export class ItemStore {
  readonly #items = new Map<string, AttributeMap>();
  #indexes: ItemIndex[] = [];
  readonly #stream: StreamSlot;
  #bytes = 0;

  constructor(stream: StreamSlot) {
    this.#stream = stream;
  }

  /** Items stored. */
  get count(): number {
    return this.#items.size;
  }

  /** Sum of item sizes by AWS's rules. */
  get bytes(): number {
    return this.#bytes;
  }

  /** The stored item with this storage key (`keyOfItem`), if any. */
  get(storageKey: string): AttributeMap | undefined {
    return this.#items.get(storageKey);
  }

  /** The stored items, in no particular order. */
  values(): IterableIterator<AttributeMap> {
    return this.#items.values();
  }

  /** Adds an index that every later write keeps up to date; it must already hold the items stored now. */
  addIndex<I extends ItemIndex>(index: I): I {
    this.#indexes.push(index);
    return index;
  }

  /** Stops keeping an index up to date (a GSI deleted by UpdateTable). */
  removeIndex(index: ItemIndex): void {
    this.#indexes = this.#indexes.filter((other) => other !== index);
  }

  /**
   * Stores `newItem` under `storageKey` (deletes when it is undefined), where `oldItem` is what is stored now.
   * `newSize` and `keySize` come from the walk that made the item canonical, so a write measures nothing again.
   * `byService`: a delete DynamoDB makes itself (TTL), whose record carries the service's identity.
   */
  write(
    storageKey: string,
    oldItem: AttributeMap | undefined,
    newItem: AttributeMap | undefined,
    newSize: number,
    keySize: number | undefined,
    byService = false,
  ): void {
    const indexes = this.#indexes;
    if (newItem === undefined) {
      if (oldItem === undefined) return;
      this.#items.delete(storageKey);
      for (let i = 0; i < indexes.length; i++) (indexes[i] as ItemIndex).remove(oldItem);
      const oldSize = itemSize(oldItem);
      this.#bytes -= oldSize;
      this.#stream.current?.append(byService ? SERVICE_REMOVE : REMOVE, undefined, oldItem, 0, oldSize, undefined);
      return;
    }
    if (oldItem !== undefined && itemsEqual(oldItem, newItem)) return;
    this.#items.set(storageKey, newItem);
    if (oldItem === undefined) {
      for (let i = 0; i < indexes.length; i++) (indexes[i] as ItemIndex).insert(newItem);
    } else {
      for (let i = 0; i < indexes.length; i++) (indexes[i] as ItemIndex).replace(oldItem, newItem);
    }
    const oldSize = oldItem === undefined ? 0 : itemSize(oldItem);
    this.#bytes += newSize - oldSize;
    this.#stream.current?.append(oldItem === undefined ? INSERT : MODIFY, newItem, oldItem, newSize, oldSize, keySize);
  }

  /** Empties the store and its indexes (the table was deleted). */
  clear(): void {
    this.#items.clear();
    for (const index of this.#indexes) index.clear();
    this.#bytes = 0;
  }
}
