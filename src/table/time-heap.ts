/**
 * A binary min-heap of values by a time (epoch ms), in two parallel arrays so an entry costs no object: the times in
 * a Float64Array grown by doubling (a plain array of doubles made a put with TTL measurably slower). Pushing a time
 * later than most already held (the usual TTL write) sifts up a step or two.
 */
export class TimeHeap<V> {
  #times = new Float64Array(16);
  #values: V[] = [];
  #size = 0;

  get size(): number {
    return this.#size;
  }

  /** The earliest time held, if any. */
  get firstTime(): number | undefined {
    return this.#size === 0 ? undefined : this.#times[0];
  }

  get firstValue(): V | undefined {
    return this.#values[0];
  }

  push(time: number, value: V): void {
    let times = this.#times;
    const values = this.#values;
    let at = this.#size++;
    if (at === times.length) {
      const grown = new Float64Array(at * 2);
      grown.set(times);
      this.#times = times = grown;
    }
    values.push(value);
    while (at > 0) {
      const parent = (at - 1) >> 1;
      const parentTime = times[parent] as number;
      if (parentTime <= time) break;
      times[at] = parentTime;
      values[at] = values[parent] as V;
      at = parent;
    }
    times[at] = time;
    values[at] = value;
  }

  /** Removes the earliest entry (call only when `size > 0`). */
  pop(): void {
    const times = this.#times;
    const values = this.#values;
    const size = --this.#size;
    const lastTime = times[size] as number;
    const lastValue = values.pop() as V;
    if (size === 0) return;
    let at = 0;
    for (;;) {
      let child = 2 * at + 1;
      if (child >= size) break;
      if (child + 1 < size && (times[child + 1] as number) < (times[child] as number)) child++;
      if ((times[child] as number) >= lastTime) break;
      times[at] = times[child] as number;
      values[at] = values[child] as V;
      at = child;
    }
    times[at] = lastTime;
    values[at] = lastValue;
  }

  /** Keeps only the entries whose value passes `keep`, in heap order again. */
  filter(keep: (value: V) => boolean): void {
    const times = this.#times;
    const values = this.#values;
    const size = this.#size;
    this.clear();
    for (let i = 0; i < size; i++) if (keep(values[i] as V)) this.push(times[i] as number, values[i] as V);
  }

  clear(): void {
    this.#times = new Float64Array(16);
    this.#values = [];
    this.#size = 0;
  }
}
