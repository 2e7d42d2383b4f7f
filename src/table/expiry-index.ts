import type { AttributeMap } from '../model/attribute-value.js';
import { expiryTimeOf } from './expiry.js';
import type { ItemIndex } from './item-store.js';
import { TimeHeap } from './time-heap.js';

/**
 * The table's items that have a TTL value, by expiry time, while TTL is enabled: finding the expired items costs
 * their number (and a log), not the table's. A write pushes the new item's entry and leaves the old one in place:
 * an entry whose item is no longer stored (updated or deleted since) is dropped when it reaches the top, and the
 * heap is compacted when such entries outnumber the live ones, so it never grows past twice the items it holds.
 */
export class ExpiryIndex implements ItemIndex {
  readonly attributeName: string;
  readonly #heap = new TimeHeap<AttributeMap>();
  /** The stored items that have an entry (each has exactly one live entry). */
  readonly #live = new Set<AttributeMap>();
  readonly #onEarlier: (atMs: number) => void;

  /** `onEarlier` hears of an entry that became the earliest (the sweeper moves its timer). */
  constructor(attributeName: string, items: Iterable<AttributeMap>, onEarlier: (atMs: number) => void) {
    this.attributeName = attributeName;
    this.#onEarlier = onEarlier;
    for (const item of items) this.#add(item, false);
  }

  /** The earliest expiry held (it may belong to an item since changed: the sweeper then finds nothing). */
  get nextAt(): number | undefined {
    return this.#heap.firstTime;
  }

  /** Whether this exact stored item is held (not updated nor deleted since its entry was made). */
  holds(item: AttributeMap): boolean {
    return this.#live.has(item);
  }

  /** Takes out the stored items whose expiry is at or before `nowMs`, earliest first, with their expiry. */
  takeExpired(nowMs: number, into: (expiryMs: number, item: AttributeMap) => void): void {
    const heap = this.#heap;
    for (let at = heap.firstTime; at !== undefined && at <= nowMs; at = heap.firstTime) {
      const item = heap.firstValue as AttributeMap;
      heap.pop();
      if (this.#live.has(item)) into(at, item);
    }
  }

  insert(item: AttributeMap): void {
    this.#add(item, true);
  }

  replace(oldItem: AttributeMap, newItem: AttributeMap): void {
    this.#live.delete(oldItem);
    this.#add(newItem, true);
  }

  remove(item: AttributeMap): void {
    this.#live.delete(item);
  }

  clear(): void {
    this.#heap.clear();
    this.#live.clear();
  }

  #add(item: AttributeMap, notify: boolean): void {
    const atMs = expiryTimeOf(item, this.attributeName);
    if (atMs === undefined) return;
    const heap = this.#heap;
    const first = heap.firstTime;
    heap.push(atMs, item);
    this.#live.add(item);
    if (heap.size > 2 * this.#live.size + 1024) heap.filter((held) => this.#live.has(held));
    if (notify && (first === undefined || atMs < first)) this.#onEarlier(atMs);
  }
}
