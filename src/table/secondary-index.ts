import { getAttribute, setAttribute, type AttributeMap, type AttributeValue } from '../model/attribute-value.js';
import { itemSize } from '../model/item-size.js';
import { MAX_PARTITION_KEY_BYTES, MAX_SORT_KEY_BYTES, type KeyAttribute, type KeySchema } from '../model/key-schema.js';
import { compareItemKeys, compareKeyValues } from '../conditions/comparison.js';
import type { IndexDefinition, IndexStatus } from './index-definition.js';
import { isIndexKeyValue } from './index-key-check.js';
import type { ItemIndex } from './item-store.js';
import { keyValueId } from './partition-index.js';
import { firstAfter } from './read-page.js';

const NONE: readonly AttributeMap[] = [];

/**
 * A secondary index (GSI or LSI) over a table's items: the items that have every key attribute of the index (a
 * sparse index holds only those), by index partition, each partition in index sort key order and then in the
 * table's key order, so items with equal index keys keep a stable order and a `LastEvaluatedKey` (index key plus
 * table key) names one place. It holds the table's own frozen items, never a copy: the projection is applied when
 * an item is read (`project`).
 *
 * The partitions are made when the index is first read; until then a write only counts (ItemCount). From then on
 * a write appends its entry to its partition, and a partition whose entries came out of order is sorted when it is
 * next read (V8's sort is a TimSort: a sorted run and a short tail cost about a merge). A table whose index is never
 * read pays for no ordering, a burst of writes pays one sort per partition read, not an ordered insert per write.
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/SecondaryIndexes.html
 */
export class SecondaryIndex implements ItemIndex {
  readonly definition: IndexDefinition;
  readonly tableSchema: KeySchema;
  /** CREATING while a new GSI is backfilled (UpdateTable), then ACTIVE. */
  status: IndexStatus;
  readonly #partitionKey: KeyAttribute;
  readonly #sortKey: KeyAttribute | undefined;
  /** The items the index may hold, in any order (the table's store, less the backfill's key violations). */
  readonly #source: () => Iterable<AttributeMap>;
  /** Built by the first read. */
  #partitions: Map<string, AttributeMap[]> | undefined;
  /** The partitions whose entries are not all in order (sorted by their next read). */
  readonly #unsorted = new Set<AttributeMap[]>();
  /** Top-level attributes an entry holds (undefined: ALL). */
  readonly #projected: readonly string[] | undefined;
  #count = 0;
  /** Every entry in index order, built when a Scan needs it and dropped when an entry comes or goes. */
  #ordered: AttributeMap[] | undefined;
  /** IndexSizeBytes, summed when DescribeTable asks and kept until the next change. */
  #bytes: number | undefined = 0;

  /** `source` gives the table's items that may be in the index (each is in it if it has the index's keys). */
  constructor(
    definition: IndexDefinition,
    tableSchema: KeySchema,
    source: () => Iterable<AttributeMap>,
    status: IndexStatus,
  ) {
    this.definition = definition;
    this.tableSchema = tableSchema;
    this.status = status;
    this.#source = source;
    this.#partitionKey = definition.keySchema.partitionKey;
    this.#sortKey = definition.keySchema.sortKey;
    this.#projected = projectedNames(definition, tableSchema);
    for (const item of source()) if (this.holds(item)) this.#count++;
    this.#bytes = undefined;
  }

  get name(): string {
    return this.definition.name;
  }

  /** Items in the index (DescribeTable's ItemCount). */
  get count(): number {
    return this.#count;
  }

  /** Sum of the projected entries' sizes (DescribeTable's IndexSizeBytes). */
  get bytes(): number {
    if (this.#bytes === undefined) {
      let bytes = 0;
      for (const item of this.#source()) if (this.holds(item)) bytes += this.projectedSize(item);
      this.#bytes = bytes;
    }
    return this.#bytes;
  }

  /** Whether an item belongs in the index: it has every key attribute of the index, each a value a key can be. */
  holds(item: AttributeMap): boolean {
    return (
      isIndexKeyValue(getAttribute(item, this.#partitionKey.name), this.#partitionKey, MAX_PARTITION_KEY_BYTES) &&
      (this.#sortKey === undefined ||
        isIndexKeyValue(getAttribute(item, this.#sortKey.name), this.#sortKey, MAX_SORT_KEY_BYTES))
    );
  }

  /** The items whose index partition key is `value` (canonical), in index sort key order, then table key order. */
  partition(value: AttributeValue): readonly AttributeMap[] {
    const partition = this.#built().get(keyValueId(this.#partitionKey.type, value));
    return partition === undefined ? NONE : this.#sorted(partition);
  }

  /** Every item in the index, in `compare` order (Scan's order). */
  ordered(): readonly AttributeMap[] {
    if (this.#ordered === undefined) {
      const ordered: AttributeMap[] = [];
      for (const partition of this.#built().values()) for (const item of this.#sorted(partition)) ordered.push(item);
      this.#ordered = ordered.sort((a, b) => this.compare(a, b));
    }
    return this.#ordered;
  }

  /** Index order: index partition key, index sort key, then the table's key (both items in the index). */
  compare(a: AttributeMap, b: AttributeMap): number {
    const byPartition = compareKeyValues(
      this.#partitionKey.type,
      getAttribute(a, this.#partitionKey.name) as AttributeValue,
      getAttribute(b, this.#partitionKey.name) as AttributeValue,
    );
    return byPartition !== 0 ? byPartition : this.#compareInPartition(a, b);
  }

  /** Whether a top-level attribute is projected into the index (every one is with ALL). */
  projects(name: string): boolean {
    return this.#projected === undefined || this.#projected.includes(name);
  }

  /** The index's entry for a stored item: the projected attributes, sharing the item's frozen values. */
  project(item: AttributeMap): AttributeMap {
    const names = this.#projected;
    if (names === undefined) return item;
    const entry: AttributeMap = {};
    for (const name of names) {
      const value = getAttribute(item, name);
      if (value !== undefined) setAttribute(entry, name, value);
    }
    return entry;
  }

  /** The size of an item's index entry by AWS's rules (what a page of this index counts toward 1 MB). */
  projectedSize(item: AttributeMap): number {
    return itemSize(this.#projected === undefined ? item : this.project(item));
  }

  insert(item: AttributeMap): void {
    if (!this.holds(item)) return;
    this.#count++;
    if (this.#partitions !== undefined) {
      const partition = this.#partitionOf(this.#partitions, item, true);
      const last = partition[partition.length - 1];
      if (last !== undefined && !this.#unsorted.has(partition) && this.#compareInPartition(last, item) > 0)
        this.#unsorted.add(partition);
      partition.push(item);
    }
    this.#ordered = undefined;
    this.#bytes = undefined;
  }

  replace(oldItem: AttributeMap, newItem: AttributeMap): void {
    const held = this.holds(oldItem);
    const holds = this.holds(newItem);
    this.#bytes = undefined;
    if (this.#partitions === undefined) {
      this.#count += (holds ? 1 : 0) - (held ? 1 : 0);
      return;
    }
    if (held && holds && this.compare(oldItem, newItem) === 0) {
      // The index key is unchanged: the entry keeps its place.
      const partition = this.#sorted(this.#partitionOf(this.#partitions, oldItem, false));
      partition[this.#found(partition, oldItem)] = newItem;
      if (this.#ordered !== undefined) this.#ordered[this.#foundIn(this.#ordered, oldItem)] = newItem;
      return;
    }
    if (held) this.remove(oldItem);
    this.insert(newItem);
  }

  remove(item: AttributeMap): void {
    if (!this.holds(item)) return;
    this.#count--;
    const partitions = this.#partitions;
    if (partitions !== undefined) {
      const id = keyValueId(this.#partitionKey.type, getAttribute(item, this.#partitionKey.name) as AttributeValue);
      const partition = this.#sorted(partitions.get(id) ?? []);
      partition.splice(this.#found(partition, item), 1);
      if (partition.length === 0) partitions.delete(id);
    }
    this.#ordered = undefined;
    this.#bytes = undefined;
  }

  clear(): void {
    this.#partitions = undefined;
    this.#unsorted.clear();
    this.#count = 0;
    this.#ordered = undefined;
    this.#bytes = 0;
  }

  /** The partitions, sorted now if this is the first read. */
  #built(): Map<string, AttributeMap[]> {
    if (this.#partitions === undefined) {
      const partitions = new Map<string, AttributeMap[]>();
      for (const item of this.#source()) if (this.holds(item)) this.#partitionOf(partitions, item, true).push(item);
      for (const partition of partitions.values()) partition.sort((a, b) => this.#compareInPartition(a, b));
      this.#partitions = partitions;
    }
    return this.#partitions;
  }

  /** The partition in order: sorted now if writes left it out of order. */
  #sorted(partition: AttributeMap[]): AttributeMap[] {
    if (this.#unsorted.delete(partition)) partition.sort((a, b) => this.#compareInPartition(a, b));
    return partition;
  }

  #partitionOf(partitions: Map<string, AttributeMap[]>, item: AttributeMap, create: boolean): AttributeMap[] {
    const id = keyValueId(this.#partitionKey.type, getAttribute(item, this.#partitionKey.name) as AttributeValue);
    let partition = partitions.get(id);
    if (partition === undefined) {
      partition = [];
      if (create) partitions.set(id, partition);
    }
    return partition;
  }

  /** The first position whose item does not sort before `item` within a sorted partition. */
  #position(partition: readonly AttributeMap[], item: AttributeMap): number {
    let high = partition.length;
    const sortKey = this.#sortKey;
    // The item's own sort key is read once, not at every step of the search.
    const value = sortKey === undefined ? undefined : (getAttribute(item, sortKey.name) as AttributeValue);
    let low = 0;
    while (low < high) {
      const mid = (low + high) >>> 1;
      const other = partition[mid] as AttributeMap;
      let order =
        sortKey === undefined
          ? 0
          : compareKeyValues(
              sortKey.type,
              getAttribute(other, sortKey.name) as AttributeValue,
              value as AttributeValue,
            );
      if (order === 0) order = compareItemKeys(this.tableSchema, other, item);
      if (order < 0) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  /** The position of an item known to be in the partition. */
  #found(partition: readonly AttributeMap[], item: AttributeMap): number {
    const at = this.#position(partition, item);
    if (partition[at] !== item) throw new Error(`shardline: index ${this.name} lost an item (a bug)`);
    return at;
  }

  /** The position of an item known to be in the ordered list. */
  #foundIn(ordered: readonly AttributeMap[], item: AttributeMap): number {
    const at = firstAfter(ordered, (other) => this.compare(other, item) >= 0);
    if (ordered[at] !== item) throw new Error(`shardline: index ${this.name} lost an item (a bug)`);
    return at;
  }

  #compareInPartition(a: AttributeMap, b: AttributeMap): number {
    const sortKey = this.#sortKey;
    if (sortKey !== undefined) {
      const bySortKey = compareKeyValues(
        sortKey.type,
        getAttribute(a, sortKey.name) as AttributeValue,
        getAttribute(b, sortKey.name) as AttributeValue,
      );
      if (bySortKey !== 0) return bySortKey;
    }
    return compareItemKeys(this.tableSchema, a, b);
  }
}

/** The attributes an index projects: the table's key, the index's key, and INCLUDE's NonKeyAttributes (ALL: undefined). */
function projectedNames(definition: IndexDefinition, tableSchema: KeySchema): readonly string[] | undefined {
  if (definition.projectionType === 'ALL') return undefined;
  const names = new Set<string>([tableSchema.partitionKey.name, definition.keySchema.partitionKey.name]);
  if (tableSchema.sortKey !== undefined) names.add(tableSchema.sortKey.name);
  if (definition.keySchema.sortKey !== undefined) names.add(definition.keySchema.sortKey.name);
  if (definition.projectionType === 'INCLUDE') for (const name of definition.nonKeyAttributes) names.add(name);
  return [...names];
}
