import type { AttributeMap } from '../model/attribute-value.js';
import { expiryTimeOf } from './expiry.js';
import type { ItemIndex } from './item-store.js';
import { DueQueue } from '../stream/due-queue.js';

/** The items of one expiry time. */
interface Bucket {
  readonly text: string;
  /** The items, in arrays of up to CHUNK; the last one is being filled. */
  chunks: AttributeMap[][];
}

/**
 * Why chunks: a write stores its (new, young) item into the last chunk, which is young too while it fills, so the
 * garbage collector has no old-to-young pointer to track for it; one array of every item would be old after the
 * first collections, and every write would add one (measured: 0.92x against 0.89x of a put without TTL, medians of
 * 8 and 11 runs of bench/time-to-live.ts).
 */
const CHUNK = 512;

/**
 * The table's items that have a TTL value, by expiry time, while TTL is enabled: finding the expired items costs
 * their number (and a log per distinct expiry time), not the table's. Items are kept in buckets of one exact expiry
 * time (TTLs are whole seconds, so many items share one), and a heap orders the buckets: a write parses its TTL and
 * appends the item to its bucket (a Map lookup and a push; a heap push only for a time not seen yet).
 *
 * A write leaves the old item's entry in place: an entry whose item is no longer stored (updated or deleted since)
 * is dropped when its bucket is taken (the store is asked, so a put pays for no set of live items), and the buckets
 * are compacted when such stale entries outnumber the live ones, so they never hold more than about twice the items
 * with a TTL.
 */
export class ExpiryIndex implements ItemIndex {
  readonly attributeName: string;
  /** The buckets by expiry time (epoch ms), earliest first. */
  readonly #heap = new DueQueue<Bucket>();
  /** The buckets by the TTL attribute's Number text. */
  readonly #buckets = new Map<string, Bucket>();
  /** The bucket written last: the next write most likely has the same TTL. */
  #last: Bucket | undefined;
  /** Entries held, stale ones included. */
  #entries = 0;
  /** The storage key of this exact item while it is the one stored under its key, else undefined. */
  readonly #storedKey: (item: AttributeMap) => string | undefined;
  readonly #onEarlier: (atMs: number) => void;
  /** Entries whose item was replaced or removed since (an upper bound: some may have left already). */
  #stale = 0;

  /** `onEarlier` hears of an entry that became the earliest (the sweeper moves its timer). */
  constructor(
    attributeName: string,
    items: Iterable<AttributeMap>,
    storedKey: (item: AttributeMap) => string | undefined,
    onEarlier: (atMs: number) => void,
  ) {
    this.attributeName = attributeName;
    this.#storedKey = storedKey;
    this.#onEarlier = onEarlier;
    for (const item of items) this.#add(item, false);
  }

  /** The earliest expiry held (it may belong to an item since changed: the sweeper then finds nothing). */
  get nextAt(): number | undefined {
    return this.#heap.size === 0 ? undefined : this.#heap.nextAt;
  }

  /**
   * Takes out the stored items whose expiry is before `nowMs`, earliest first, with their expiry and storage key.
   * `into` may write to the table (delete the item): the bucket it is given has left the index.
   */
  takeExpired(nowMs: number, into: (expiryMs: number, item: AttributeMap, storageKey: string) => void): void {
    const heap = this.#heap;
    while (heap.size > 0 && heap.nextAt < nowMs) {
      const { at, value: bucket } = heap.pop() as { at: number; value: Bucket };
      this.#buckets.delete(bucket.text);
      if (this.#last === bucket) this.#last = undefined;
      for (const chunk of bucket.chunks) {
        this.#entries -= chunk.length;
        for (let i = 0; i < chunk.length; i++) {
          const item = chunk[i] as AttributeMap;
          const storageKey = this.#storedKey(item);
          if (storageKey !== undefined) into(at, item, storageKey);
        }
      }
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
    // An upper bound on the stale entries (the item may have had no Number there).
    if (Object.hasOwn(item, this.attributeName)) this.#stale++;
  }

  clear(): void {
    this.#heap.clear();
    this.#buckets.clear();
    this.#last = undefined;
    this.#entries = 0;
    this.#stale = 0;
  }

  #add(item: AttributeMap, notify: boolean): void {
    const text = Object.hasOwn(item, this.attributeName) ? item[this.attributeName]?.N : undefined;
    if (text === undefined) return;
    // Keyed by the Number's text, so a write whose TTL has been seen (most: TTLs are whole seconds, and writes close
    // in time share one) parses nothing, and the last bucket is tried before the Map. Two texts of one time
    // ("1.5e9", "1500000000") make two buckets of the same time, which the heap orders as any two.
    let bucket = text === this.#last?.text ? this.#last : this.#buckets.get(text);
    if (bucket === undefined) {
      const atMs = expiryTimeOf(item, this.attributeName);
      if (atMs === undefined) return;
      const first = this.#heap.nextAt;
      bucket = { text, chunks: [[]] };
      this.#buckets.set(text, bucket);
      this.#heap.push(atMs, bucket);
      if (notify && atMs < first) this.#onEarlier(atMs);
    }
    this.#last = bucket;
    const chunks = bucket.chunks;
    let chunk = chunks[chunks.length - 1];
    if (chunk === undefined || chunk.length === CHUNK) {
      chunk = [];
      chunks.push(chunk);
    }
    chunk.push(item);
    this.#entries++;
    if (this.#stale > 1024 && 2 * this.#stale > this.#entries) this.#compact();
  }

  /** Drops the entries whose item is no longer stored, and the buckets left empty. */
  #compact(): void {
    let entries = 0;
    for (const [text, bucket] of this.#buckets) {
      const kept = bucket.chunks.flat().filter((item) => this.#storedKey(item) !== undefined);
      bucket.chunks = [];
      for (let i = 0; i < kept.length; i += CHUNK) bucket.chunks.push(kept.slice(i, i + CHUNK));
      if (kept.length === 0) {
        this.#buckets.delete(text);
        if (this.#last === bucket) this.#last = undefined;
      }
      entries += kept.length;
    }
    this.#heap.filter((bucket) => bucket.chunks.length > 0);
    this.#entries = entries;
    this.#stale = 0;
  }
}
