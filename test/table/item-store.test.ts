/**
 * The item store is a table's one write path: items and byte count, then every index, then the stream. These
 * tests pin what an index (tomorrow's secondary indexes and TTL) is told, and in which order.
 */
import { describe, expect, it } from 'vitest';
import type { AttributeMap } from '../../src/index.js';
import { canonicalItem } from '../../src/model/frozen-item.js';
import { keyOfItem, type KeySchema } from '../../src/model/key-schema.js';
import { ItemStore, type ItemIndex, type StreamSlot } from '../../src/table/item-store.js';
import { KeyOrderList } from '../../src/table/key-order-list.js';
import { INSERT, MODIFY, REMOVE } from '../../src/stream/shard.js';
import type { Stream } from '../../src/stream/stream.js';

const SCHEMA: KeySchema = { partitionKey: { name: 'id', type: 'S' } };

/** An index that records what it is told, and a stream stand-in that records appends into the same log. */
function fixture() {
  const log: string[] = [];
  const index: ItemIndex = {
    insert: (item) => log.push(`insert ${item.id?.S}`),
    replace: (oldItem, newItem) => log.push(`replace ${oldItem.v?.N}->${newItem.v?.N}`),
    remove: (item) => log.push(`remove ${item.id?.S}`),
    clear: () => log.push('clear'),
  };
  const kinds = new Map([
    [INSERT, 'INSERT'],
    [MODIFY, 'MODIFY'],
    [REMOVE, 'REMOVE'],
  ]);
  const stream = { append: (kind: number) => log.push(`append ${kinds.get(kind)}`) } as unknown as Stream;
  const slot: { current: Stream | undefined } = { current: stream };
  const store = new ItemStore(slot as StreamSlot);
  store.addIndex(index);
  const write = (id: string, v: number | undefined) => {
    const storageKey = keyOfItem(SCHEMA, { id: { S: id } });
    const oldItem = store.get(storageKey);
    if (v === undefined) return store.write(storageKey, oldItem, undefined, 0, undefined);
    const { item, size, keySize } = canonicalItem({ id: { S: id }, v: { N: String(v) } }, ['id']);
    store.write(storageKey, oldItem, item, size, keySize);
  };
  return { log, store, slot, write };
}

describe('ItemStore: the single write path', () => {
  it('tells every index of an insert, an overwrite and a delete, each before the stream record', () => {
    const { log, store, write } = fixture();
    write('a', 1);
    write('a', 2);
    write('a', undefined);
    expect(log).toEqual(['insert a', 'append INSERT', 'replace 1->2', 'append MODIFY', 'remove a', 'append REMOVE']);
    expect(store.count).toBe(0);
    expect(store.bytes).toBe(0);
  });

  it('a write that changes nothing, or a delete of an absent item, reaches no index and no stream', () => {
    const { log, write } = fixture();
    write('a', 1);
    log.length = 0;
    write('a', 1);
    write('b', undefined);
    expect(log).toEqual([]);
  });

  it('keeps the byte count of its items as they are written, overwritten and deleted', () => {
    const { store, write } = fixture();
    write('a', 1);
    write('b', 22);
    const sizes = [...store.values()].map((item) => canonicalItem(item).size);
    expect(store.bytes).toBe(sizes.reduce((sum, size) => sum + size, 0));
    write('b', 1);
    write('a', undefined);
    expect(store.bytes).toBe(canonicalItem({ id: { S: 'b' }, v: { N: '1' } }).size);
  });

  it('writes without a stream when the slot holds none, and clear() empties the store and every index', () => {
    const { log, store, slot, write } = fixture();
    slot.current = undefined;
    write('a', 1);
    store.clear();
    expect(log).toEqual(['insert a', 'clear']);
    expect([store.count, store.bytes]).toEqual([0, 0]);
  });
});

describe('KeyOrderList', () => {
  it('sorts on demand, swaps an overwrite in place, and sorts again after an insert or a delete', () => {
    const items = new Map<string, AttributeMap>();
    const list = new KeyOrderList(SCHEMA, () => items.values());
    const put = (id: string, v: string) => {
      const item = { id: { S: id }, v: { S: v } };
      const old = items.get(id);
      items.set(id, item);
      if (old === undefined) list.insert();
      else list.replace(old, item);
    };
    put('b', '1');
    put('a', '1');
    const first = list.items();
    expect(first.map((item) => item.id?.S)).toEqual(['a', 'b']);
    put('b', '2');
    expect(list.items()).toBe(first);
    expect(first[1]?.v?.S).toBe('2');
    put('c', '1');
    expect(list.items().map((item) => item.id?.S)).toEqual(['a', 'b', 'c']);
    items.delete('a');
    list.remove();
    expect(list.items().map((item) => item.id?.S)).toEqual(['b', 'c']);
  });
});
