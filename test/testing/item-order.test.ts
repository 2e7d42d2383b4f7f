import { describe, expect, it } from 'vitest';
import { bySequenceNumber, matchInItemOrder } from '../../src/testing/item-order.js';
import { oneLine } from '../../src/testing/one-line.js';

/** `a1` is item a's record with sequence number 1. */
const record = (name: string) => ({
  eventName: 'INSERT',
  dynamodb: { Keys: { id: { S: name[0]! } }, SequenceNumber: name.slice(1) },
});
const match = (records: string, expected: string) =>
  matchInItemOrder(
    records.split(' ').map(record),
    expected.split(' '),
    (r, e) => `${(r.dynamodb!.Keys as { id: { S: string } }).id.S}${r.dynamodb!.SequenceNumber}` === e,
  );

describe('matching in per-item order', () => {
  it.each([
    ['each item in order, items interleaved freely', 'a1 b2 a3 b4', 'b2 b4 a1 a3', [1, 3, 0, 2], undefined],
    ['the same, in write order', 'a1 b2 a3', 'a1 b2 a3', [0, 1, 2], undefined],
    ["an item's later record before its earlier one", 'a1 b2 a3', 'a3 a1', [], 0],
    ['a record that is not there', 'a1 b2', 'a1 c9', [0], 1],
    ["other items' records may be left out", 'a1 b2 a3', 'a1 a3', [0, 2], undefined],
    ["an item's earlier record may not be skipped", 'a1 b2 a3', 'b2 a3', [1], 1],
  ])('%s', (_, records, expected, matched, failedAt) => {
    expect(match(records, expected)).toEqual({ matched, failedAt });
  });

  it('orders sequence numbers as numbers, whatever their length', () => {
    const numbers = ['10', '9', '100000000000000000000001', '100000000000000000000000'];
    expect(
      numbers
        .map((n) => ({ dynamodb: { SequenceNumber: n } }))
        .sort(bySequenceNumber)
        .map((r) => r.dynamodb.SequenceNumber),
    ).toEqual(['9', '10', '100000000000000000000000', '100000000000000000000001']);
  });
});

describe('records on one line', () => {
  it.each([
    ['text, quoted', 'a"b', '"a\\"b"'],
    ['a number', 12.5, '12.5'],
    ['a bigint', 12345678901234567890n, '12345678901234567890n'],
    ['null', null, 'null'],
    ['bytes', new Uint8Array([1, 2]), 'Uint8Array [1, 2]'],
    ['a set', new Set(['x', 'y']), 'Set {"x", "y"}'],
    ['a map with a list', { id: 'a', tags: [1, true] }, '{"id": "a", "tags": [1, true]}'],
    ['an attribute named __proto__', JSON.parse('{"__proto__": 1}') as unknown, '{"__proto__": 1}'],
  ])('%s', (_, value, text) => {
    expect(oneLine(value)).toBe(text);
  });
});
