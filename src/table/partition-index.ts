import {
  getAttribute,
  type AttributeMap,
  type AttributeValue,
  type ScalarAttributeType,
} from '../model/attribute-value.js';
import { binaryKeyText } from '../model/binary-key-text.js';
import type { KeySchema } from '../model/key-schema.js';
import { compareKeyValues } from '../conditions/comparison.js';
import type { ItemIndex } from './item-store.js';

const NONE: readonly AttributeMap[] = [];

/**
 * A table's items by partition, each partition's items in sort key order: what Query reads. The table builds it
 * on its first Query and every later write keeps it up to date, so a table never queried pays nothing for it.
 */
export class PartitionIndex implements ItemIndex {
  readonly #schema: KeySchema;
  readonly #partitions = new Map<string, AttributeMap[]>();

  constructor(schema: KeySchema, items: Iterable<AttributeMap>) {
    this.#schema = schema;
    for (const item of items) this.#partitionOf(item, true).push(item);
    if (schema.sortKey !== undefined)
      for (const partition of this.#partitions.values()) partition.sort((a, b) => this.#compareSortKeys(a, b));
  }

  /** The items whose partition key is `value` (canonical, as stored), in sort key order. */
  partition(value: AttributeValue): readonly AttributeMap[] {
    return this.#partitions.get(keyValueId(this.#schema.partitionKey.type, value)) ?? NONE;
  }

  /** Records a new item (its key was not in the table). */
  insert(item: AttributeMap): void {
    const partition = this.#partitionOf(item, true);
    partition.splice(this.#position(partition, item), 0, item);
  }

  /** Puts `newItem` where `oldItem`, with the same key, was. */
  replace(oldItem: AttributeMap, newItem: AttributeMap): void {
    const partition = this.#partitionOf(oldItem, false);
    const at = this.#position(partition, oldItem);
    if (partition[at] !== oldItem) throw new Error('shardline: the partition index lost an item (a bug)');
    partition[at] = newItem;
  }

  /** Forgets an item that left the table. */
  remove(item: AttributeMap): void {
    const id = keyValueId(
      this.#schema.partitionKey.type,
      getAttribute(item, this.#schema.partitionKey.name) as AttributeValue,
    );
    const partition = this.#partitions.get(id) ?? [];
    const at = this.#position(partition, item);
    if (partition[at] !== item) throw new Error('shardline: the partition index lost an item (a bug)');
    partition.splice(at, 1);
    if (partition.length === 0) this.#partitions.delete(id);
  }

  clear(): void {
    this.#partitions.clear();
  }

  #partitionOf(item: AttributeMap, create: boolean): AttributeMap[] {
    const id = keyValueId(
      this.#schema.partitionKey.type,
      getAttribute(item, this.#schema.partitionKey.name) as AttributeValue,
    );
    let partition = this.#partitions.get(id);
    if (partition === undefined) {
      partition = [];
      if (create) this.#partitions.set(id, partition);
    }
    return partition;
  }

  /** The first position whose item does not sort before `item` (its own position when it is there). */
  #position(partition: readonly AttributeMap[], item: AttributeMap): number {
    let low = 0;
    let high = partition.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (this.#compareSortKeys(partition[mid] as AttributeMap, item) < 0) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  #compareSortKeys(a: AttributeMap, b: AttributeMap): number {
    const sortKey = this.#schema.sortKey;
    if (sortKey === undefined) return 0;
    return compareKeyValues(
      sortKey.type,
      getAttribute(a, sortKey.name) as AttributeValue,
      getAttribute(b, sortKey.name) as AttributeValue,
    );
  }
}

/**
 * A key value of this type as a Map key, as the table's storage key writes it (stored numbers are canonical): the
 * table's partitions and a secondary index's are both found by it.
 */
export function keyValueId(type: ScalarAttributeType, value: AttributeValue): string {
  if (type === 'S') return value.S as string;
  if (type === 'N') return value.N as string;
  return binaryKeyText(value.B as Uint8Array);
}
