import type { AttributeMap } from '../model/attribute-value.js';
import type { KeySchema } from '../model/key-schema.js';
import type { ItemIndex } from './item-store.js';
import { compareItemKeys } from '../conditions/comparison.js';

/**
 * The table's items in key order, for Scan: sorted when a Scan needs it, dropped by a write that adds or removes
 * an item; an overwrite keeps the item's place, so it is swapped in rather than sorted again.
 */
export class KeyOrderList implements ItemIndex {
  readonly #schema: KeySchema;
  readonly #source: () => Iterable<AttributeMap>;
  #ordered: AttributeMap[] | undefined;

  /** `source` gives every stored item, when the list must be sorted again. */
  constructor(schema: KeySchema, source: () => Iterable<AttributeMap>) {
    this.#schema = schema;
    this.#source = source;
  }

  /** Every item, in key order (partition key, then sort key). */
  items(): readonly AttributeMap[] {
    this.#ordered ??= [...this.#source()].sort((a, b) => compareItemKeys(this.#schema, a, b));
    return this.#ordered;
  }

  insert(): void {
    this.#ordered = undefined;
  }

  replace(oldItem: AttributeMap, newItem: AttributeMap): void {
    const ordered = this.#ordered;
    if (ordered === undefined) return;
    let low = 0;
    let high = ordered.length - 1;
    while (low <= high) {
      const mid = (low + high) >>> 1;
      const order = compareItemKeys(this.#schema, ordered[mid] as AttributeMap, oldItem);
      if (order === 0) {
        ordered[mid] = newItem;
        return;
      }
      if (order < 0) low = mid + 1;
      else high = mid - 1;
    }
    this.#ordered = undefined;
  }

  remove(): void {
    this.#ordered = undefined;
  }

  clear(): void {
    this.#ordered = undefined;
  }
}
