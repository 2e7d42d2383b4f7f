import type { Clock, TimerHandle } from '../clock/clock.js';
import type { AttributeMap } from '../model/attribute-value.js';
import { keyOfItem, type KeySchema } from '../model/key-schema.js';
import { firstExpiredMs, isExpiredAt } from './expiry.js';
import { ExpiryIndex } from './expiry-index.js';
import type { ItemStore } from './item-store.js';
import { DueQueue } from '../stream/due-queue.js';
import type { TimeToLiveSetting } from './time-to-live.js';

/** What a table's sweeper borrows from its Database: the clock, the delay policy, the timers `close` cancels. */
export interface ExpiryHost {
  readonly clock: Clock;
  /** How long after its expiry an item is deleted (ms), drawn once per expired item. */
  delayMs(): number;
  readonly timers: Set<TimerHandle>;
  /** Set by `Database.close`: the pending deletions are cancelled and no more are scheduled. */
  closed: boolean;
}

/** An expired item waiting out its delay. */
interface Due {
  readonly expiryMs: number;
  readonly item: AttributeMap;
}

/**
 * A table's TTL deletions (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/TTL.html): while the
 * setting has an active attribute, an `ExpiryIndex` on the store holds the items by expiry; one clock timer wakes
 * at the next expiry, moves what expired to a queue by deletion time (expiry + the policy's delay) and deletes what
 * is due, as the service, through `deleteExpired`. Until then an expired item is an ordinary item: read, updated, and
 * saved by an update that moves its TTL into the future or removes it (its old entry no longer names a stored item).
 */
export class ExpirySweeper {
  readonly #store: ItemStore;
  readonly #keySchema: KeySchema;
  readonly #host: ExpiryHost;
  readonly #deleteExpired: (storageKey: string) => AttributeMap | undefined;
  #index: ExpiryIndex | undefined;
  readonly #due = new DueQueue<Due>();
  #timer: TimerHandle | undefined;
  #timerAt: number | undefined;

  constructor(
    setting: TimeToLiveSetting,
    store: ItemStore,
    keySchema: KeySchema,
    host: ExpiryHost,
    deleteExpired: (storageKey: string) => AttributeMap | undefined,
  ) {
    this.#store = store;
    this.#keySchema = keySchema;
    this.#host = host;
    this.#deleteExpired = deleteExpired;
    setting.onChange((attributeName) => this.#turn(attributeName));
    this.#turn(setting.activeAttribute);
  }

  /** Deletes every item expired by now, whatever its delay; returns the deleted items (in no promised order). */
  sweepAll(): AttributeMap[] {
    const deleted: AttributeMap[] = [];
    const index = this.#index;
    if (index === undefined) return deleted;
    const nowMs = this.#host.clock.now();
    // What waits out its delay first, then what expired since the timer last woke: deleted as it is taken (no
    // queue), so a sweep costs a key and two lookups an item.
    this.#deleteDue(Infinity, nowMs, deleted);
    index.takeExpired(nowMs, (expiryMs, _item, storageKey) => {
      if (!isExpiredAt(expiryMs, nowMs)) return;
      const gone = this.#deleteExpired(storageKey);
      if (gone !== undefined) deleted.push(gone);
    });
    this.#arm();
    return deleted;
  }

  #turn(attributeName: string | undefined): void {
    if (this.#index !== undefined) this.#store.removeIndex(this.#index);
    this.#index = undefined;
    this.#due.clear();
    this.#cancel();
    if (attributeName === undefined) return;
    this.#index = this.#store.addIndex(
      new ExpiryIndex(
        attributeName,
        this.#store.values(),
        (item) => {
          const storageKey = keyOfItem(this.#keySchema, item);
          return this.#store.get(storageKey) === item ? storageKey : undefined;
        },
        (atMs) => this.#armAt(firstExpiredMs(atMs)),
      ),
    );
    this.#arm();
  }

  /** The timer's work: queue what has expired, delete what is due, wake again at the next expiry or deletion. */
  #wake(): void {
    this.#timerAt = undefined;
    this.#timer = undefined;
    const index = this.#index;
    if (index === undefined) return;
    const nowMs = this.#host.clock.now();
    index.takeExpired(nowMs, (expiryMs, item) => this.#due.push(expiryMs + this.#host.delayMs(), { expiryMs, item }));
    this.#deleteDue(nowMs, nowMs, []);
    this.#arm();
  }

  /** Deletes the queued items due by `dueBy` that are still stored as queued and still expired at `nowMs`. */
  #deleteDue(dueBy: number, nowMs: number, deleted: AttributeMap[]): void {
    const due = this.#due;
    while (due.size > 0 && due.nextAt <= dueBy) {
      const { expiryMs, item } = (due.pop() as { value: Due }).value;
      if (!isExpiredAt(expiryMs, nowMs)) continue;
      const storageKey = keyOfItem(this.#keySchema, item);
      // Updated or deleted since it expired: the stored item (if any) has an entry of its own.
      if (this.#store.get(storageKey) !== item) continue;
      const gone = this.#deleteExpired(storageKey);
      if (gone !== undefined) deleted.push(gone);
    }
  }

  #arm(): void {
    const expiry = this.#index?.nextAt;
    const next = expiry === undefined ? undefined : firstExpiredMs(expiry);
    const due = this.#due.size === 0 ? undefined : this.#due.nextAt;
    const at = next === undefined ? due : due === undefined ? next : Math.min(next, due);
    if (at !== undefined) this.#armAt(at);
  }

  /** Makes sure the timer wakes by `atMs`. */
  #armAt(atMs: number): void {
    if (this.#host.closed || (this.#timerAt !== undefined && this.#timerAt <= atMs)) return;
    this.#cancel();
    const timers = this.#host.timers;
    const timer = this.#host.clock.schedule(atMs, () => {
      timers.delete(timer);
      this.#wake();
    });
    timers.add(timer);
    this.#timer = timer;
    this.#timerAt = atMs;
  }

  #cancel(): void {
    if (this.#timer === undefined) return;
    this.#timer.cancel();
    this.#host.timers.delete(this.#timer);
    this.#timer = undefined;
    this.#timerAt = undefined;
  }
}
