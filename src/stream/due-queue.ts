/**
 * A min-heap of things due at a time, popped in (time, insertion) order, so a stream's rollovers and expiries
 * replay in exactly the order they would have happened, however far the clock jumped.
 */
interface DueItem<T> {
  readonly at: number;
  readonly order: number;
  readonly value: T;
}

export class DueQueue<T> {
  #heap: DueItem<T>[] = [];
  #order = 0;

  get size(): number {
    return this.#heap.length;
  }

  /** The earliest due time, or Infinity. */
  get nextAt(): number {
    return this.#heap[0]?.at ?? Number.POSITIVE_INFINITY;
  }

  push(at: number, value: T): void {
    this.#sift({ at, order: this.#order++, value });
  }

  /** Keeps only the items whose value passes `keep` (their order among equal times kept). */
  filter(keep: (value: T) => boolean): void {
    const kept = this.#heap.filter((item) => keep(item.value));
    this.#heap = [];
    for (const item of kept) this.#sift(item);
  }

  #sift(item: DueItem<T>): void {
    const heap = this.#heap;
    heap.push(item);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(heap[i] as DueItem<T>, heap[parent] as DueItem<T>)) break;
      [heap[i], heap[parent]] = [heap[parent] as DueItem<T>, heap[i] as DueItem<T>];
      i = parent;
    }
  }

  /** Removes and returns the earliest item if it is due at or before `now`. */
  popDue(now: number): { at: number; value: T } | undefined {
    const top = this.#heap[0];
    if (top === undefined || top.at > now) return undefined;
    return this.pop();
  }

  /** Removes and returns the earliest item (undefined when there is none). */
  pop(): { at: number; value: T } | undefined {
    const heap = this.#heap;
    const top = heap[0];
    if (top === undefined) return undefined;
    const last = heap.pop() as DueItem<T>;
    if (heap.length > 0) {
      heap[0] = last;
      let i = 0;
      for (;;) {
        const left = 2 * i + 1;
        const right = left + 1;
        let smallest = i;
        if (left < heap.length && before(heap[left] as DueItem<T>, heap[smallest] as DueItem<T>)) smallest = left;
        if (right < heap.length && before(heap[right] as DueItem<T>, heap[smallest] as DueItem<T>)) smallest = right;
        if (smallest === i) break;
        [heap[i], heap[smallest]] = [heap[smallest] as DueItem<T>, heap[i] as DueItem<T>];
        i = smallest;
      }
    }
    return { at: top.at, value: top.value };
  }

  clear(): void {
    this.#heap = [];
  }
}

function before<T>(a: DueItem<T>, b: DueItem<T>): boolean {
  return a.at < b.at || (a.at === b.at && a.order < b.order);
}
