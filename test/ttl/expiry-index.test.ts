/**
 * The expiry index keeps items in buckets of one expiry time: rewrites leave stale entries, which are compacted
 * away without losing a live item, and a sweep finds exactly the stored items that expired.
 */
import { describe, expect, it } from 'vitest';
import type { AttributeMap } from '../../src/index.js';
import { ExpiryIndex } from '../../src/table/expiry-index.js';

describe('ExpiryIndex', () => {
  it('survives many rewrites (compaction) and yields only the stored items, earliest first', () => {
    const stored = new Map<string, AttributeMap>();
    const earlier: number[] = [];
    const index = new ExpiryIndex(
      'ttl',
      [],
      (item) => (stored.get(item.id?.S as string) === item ? (item.id?.S as string) : undefined),
      (at) => earlier.push(at),
    );
    const write = (id: string, ttl: number | undefined): void => {
      const old = stored.get(id);
      const item: AttributeMap = ttl === undefined ? { id: { S: id } } : { id: { S: id }, ttl: { N: String(ttl) } };
      stored.set(id, item);
      if (old === undefined) index.insert(item);
      else index.replace(old, item);
    };
    // 5,000 rewrites of 10 items over 50 distinct seconds: far more stale entries than live ones.
    for (let i = 0; i < 5_000; i++) write(`k${i % 10}`, 100 + (i % 50));
    write('k9', undefined); // no TTL any more: never taken
    write('gone', 10);
    stored.delete('gone'); // deleted: its entry is stale
    const taken: [number, string][] = [];
    index.takeExpired(1_000_000, (at, item) => taken.push([at, item.id?.S as string]));
    const expected = [...stored.values()]
      .filter((item) => item.ttl !== undefined)
      .map((item): [number, string] => [Number(item.ttl?.N) * 1000, item.id?.S as string])
      .sort((a, b) => a[0] - b[0] || a[1].localeCompare(b[1]));
    expect(taken.sort((a, b) => a[0] - b[0] || a[1].localeCompare(b[1]))).toEqual(expected);
    expect(taken).toHaveLength(9);
    expect(earlier[0]).toBe(100_000);
    expect(index.nextAt).toBeUndefined();
  });

  it('takes only the buckets before now; an item at the instant itself waits', () => {
    const items = [1, 2, 2, 3].map((s, i): AttributeMap => ({ id: { S: `i${i}` }, ttl: { N: String(s) } }));
    const index = new ExpiryIndex(
      'ttl',
      items,
      (item) => item.id?.S,
      () => undefined,
    );
    const taken: string[] = [];
    index.takeExpired(2_000, (_at, item) => taken.push(item.id?.S as string));
    expect(taken).toEqual(['i0']);
    index.takeExpired(2_001, (_at, item) => taken.push(item.id?.S as string));
    expect(taken).toEqual(['i0', 'i1', 'i2']);
    expect(index.nextAt).toBe(3_000);
  });

  it('holds a bucket of more items than one chunk, and a time seen again after its bucket was taken', () => {
    const index = new ExpiryIndex(
      'ttl',
      [],
      (item) => item.id?.S,
      () => undefined,
    );
    const item = (i: number, ttl: string): AttributeMap => ({ id: { S: `i${i}` }, ttl: { N: ttl } });
    for (let i = 0; i < 1_300; i++) index.insert(item(i, '5'));
    index.insert(item(9_999, '5.0')); // another text of the same time: a bucket of its own, taken with it
    const taken: string[] = [];
    index.takeExpired(5_001, (_at, taken1) => taken.push(taken1.id?.S as string));
    expect(taken).toHaveLength(1_301);
    expect(new Set(taken).size).toBe(1_301);
    // The bucket of '5' is gone (and was the last written): a new item at that time starts a new one.
    index.insert(item(1, '5'));
    expect(index.nextAt).toBe(5_000);
    taken.length = 0;
    index.takeExpired(5_001, (_at, again) => taken.push(again.id?.S as string));
    expect(taken).toEqual(['i1']);
  });
});
