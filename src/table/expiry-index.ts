import type { AttributeMap } from '../model/attribute-value.js';
import { expiryTimeOf } from './expiry.js';
import type { ItemIndex } from './item-store.js';
import { TimeHeap } from './time-heap.js';

/**
 * The table's items that have a TTL value, by expiry time, while TTL is enabled: finding the expired items costs
 * their number (and a log), not the table's. A write pushes the new item's entry and leaves the old one in place:
 * an entry whose item is no longer stored (updated or deleted since) is dropped when it reaches the top (the store
 * is asked, so a put pays for no set of live items), and the heap is compacted when such stale entries outnumber
 * the live ones, so it never holds more than about twice the items with a TTL.
 */
export class ExpiryIndex implements ItemIndex {
  readonly attributeName: string;
  readonly #heap = new TimeHeap<AttributeMap>();
  /** Whether this exact item is the one stored under its key. */
  readonly #isStored: (item: AttributeMap) => boolean;
  readonly #onEarlier: (atMs: number) => void;
  /** Entries whose item was replaced or removed since (an upper bound: some may have left the heap already). */
  #stale = 0;

  /** `onEarlier` hears of an entry that became the earliest (the sweeper moves its timer). */
  constructor(
    attributeName: string,
    items: Iterable<AttributeMap>,
    isStored: (item: AttributeMap) => boolean,
    onEarlier: (atMs: number) => void,
  ) {
    this.attributeName = attributeName;
    this.#isStored = isStored;
    this.#onEarlier = onEarlier;
    for (const item of items) this.#add(item, false);
  }

  /** The earliest expiry held (it may belong to an item since changed: the sweeper then finds nothing). */
  get nextAt(): number | undefined {
    return this.#heap.firstTime;
  }

  /** Takes out the stored items whose expiry is before `nowMs`, earliest first, with their expiry. */
  takeExpired(nowMs: number, into: (expiryMs: number, item: AttributeMap) => void): void {
    const heap = this.#heap;
    for (let at = heap.firstTime; at !== undefined && at < nowMs; at = heap.firstTime) {
      const item = heap.firstValue as AttributeMap;
      heap.pop();
      if (this.#isStored(item)) into(at, item);
    }
  }

  insert(item: AttributeMap): void {
    this.#add(item, true);
  }

  replace(oldItem: AttributeMap, newItem: AttributeMap): void {
    this.remove(oldItem);
    this.#add(newItem, true);
  }

  remove(item: AttributeMap): void {
    if (expiryTimeOf(item, this.attributeName) !== undefined) this.#stale++;
  }

  clear(): void {
    this.#heap.clear();
    this.#stale = 0;
  }

  #add(item: AttributeMap, notify: boolean): void {
    const atMs = expiryTimeOf(item, this.attributeName);
    if (atMs === undefined) return;
    const heap = this.#heap;
    const first = heap.firstTime;
    heap.push(atMs, item);
    if (this.#stale > 1024 && 2 * this.#stale > heap.size) {
      heap.filter(this.#isStored);
      this.#stale = 0;
    }
    if (notify && (first === undefined || atMs < first)) this.#onEarlier(atMs);
  }
}
