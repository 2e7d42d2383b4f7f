import type { AttributeMap } from '../model/attribute-value.js';
import type { KeySchema } from '../model/key-schema.js';
import type { IndexDefinition, IndexStatus } from './index-definition.js';
import { checkIndexKeys, type IndexKeyWrite } from './index-key-check.js';
import type { ItemStore } from './item-store.js';
import { SecondaryIndex } from './secondary-index.js';

/**
 * A table's secondary indexes, by name (a Map: an index may be called `__proto__`), in the order they were
 * defined: GSIs, then LSIs, then GSIs that UpdateTable added. Each is an `ItemIndex` on the table's store, so
 * every write path keeps it up to date.
 */
export class TableIndexes {
  readonly #store: ItemStore;
  readonly #tableSchema: KeySchema;
  readonly #byName = new Map<string, SecondaryIndex>();
  #list: SecondaryIndex[] = [];
  #definitions: IndexDefinition[] = [];

  constructor(store: ItemStore, tableSchema: KeySchema, definitions: readonly IndexDefinition[]) {
    this.#store = store;
    this.#tableSchema = tableSchema;
    for (const definition of definitions) this.create(definition, 'ACTIVE');
  }

  /** The index with this name, if the table has it. */
  get(name: string): SecondaryIndex | undefined {
    return this.#byName.get(name);
  }

  /** Every index, in definition order. */
  all(): readonly SecondaryIndex[] {
    return this.#list;
  }

  /** Refuses an item whose value for some index's key attribute cannot be an index key (before any write). */
  check(item: AttributeMap, write: IndexKeyWrite): void {
    if (this.#definitions.length !== 0) checkIndexKeys(this.#definitions, item, write);
  }

  /**
   * Adds an index over the table's items now (a GSI that UpdateTable creates is backfilled so); an item whose value
   * for its key could not be one is left out (`SecondaryIndex.holds`).
   */
  create(definition: IndexDefinition, status: IndexStatus): SecondaryIndex {
    const store = this.#store;
    const index = new SecondaryIndex(definition, this.#tableSchema, () => store.values(), status);
    this.#byName.set(definition.name, index);
    this.#list = [...this.#list, index];
    this.#definitions = [...this.#definitions, definition];
    return this.#store.addIndex(index);
  }

  /** Drops an index (UpdateTable's Delete). */
  delete(name: string): void {
    const index = this.#byName.get(name);
    if (index === undefined) return;
    this.#byName.delete(name);
    this.#list = this.#list.filter((other) => other !== index);
    this.#definitions = this.#definitions.filter((other) => other !== index.definition);
    this.#store.removeIndex(index);
  }
}
