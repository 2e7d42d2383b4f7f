/**
 * An item far over 400 KB on the wire (issue 9, item 10: a PutItem of 700,000 tiny attributes held the server for
 * seconds): every value's JSON types are still checked (AWS's first check, however far into the body), but the
 * decoder passes on only the part of a map or list that the typed API's walk can read before the item passes
 * 400 KB, and copies nothing else; the walk then lists and reads that part only. The answer is the one the whole
 * item gets, in the same order: an invalid value before that point, or a wrong JSON type anywhere, is reported
 * rather than the size. (Names of 100 characters keep the items small: 4,097 of them pass 400 KB.)
 */
import { describe, expect, it } from 'vitest';
import { Database, ManualClock } from '../../src/index.js';
import { dispatch } from '../../src/wire/dispatch.js';
import { decodeAttributeMap, decodeAttributeValue } from '../../src/wire/json-codec.js';
import { T0 } from '../support/time.js';

const TOO_BIG = 'Item size has exceeded the maximum allowed size';

/** A name of 100 characters, distinct for each `i`. */
const name = (i: number) => `a${i}`.padEnd(100, '.');

/** `count` attributes of `value` after `first`: every one takes at least 100 bytes of the 409,600. */
function attributes(
  count: number,
  value: unknown = { NULL: true },
  first: Record<string, unknown> = {},
): Record<string, unknown> {
  const item: Record<string, unknown> = { ...first };
  for (let i = 0; i < count; i++) item[name(i)] = value;
  return item;
}

async function fixture() {
  const db = await Database.create({ clock: new ManualClock(T0), seed: 1 });
  db.createTable({
    TableName: 'items',
    KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
    AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
  });
  const put = (item: unknown) => {
    const response = dispatch(db, 'DynamoDB_20120810.PutItem', JSON.stringify({ TableName: 'items', Item: item }));
    const body = JSON.parse(response.body) as { __type?: string; message?: string };
    return { status: response.statusCode, type: body.__type?.split('#')[1], message: body.message };
  };
  return { db, put };
}

describe('an item of more attributes than 400 KB can hold, on the wire', () => {
  it('regression: the decoder passes on only the attributes the walk can read (it passed them all, and the walk listed them all again)', () => {
    // The walk has passed 409,600 bytes by the 4,097th name: the rest is never read.
    expect(Object.keys(decodeAttributeMap(attributes(20_000)))).toHaveLength(4_097);
    expect(Object.keys(decodeAttributeMap(attributes(20_000, { NULL: true }, { pk: { S: 'k' } })))).toHaveLength(4_097);
    // With binary values, only those it keeps are decoded and copied; in a map inside the item, every entry takes a byte more.
    const binary = decodeAttributeMap(attributes(20_000, { B: 'AQID' })) as Record<string, { B: unknown }>;
    expect(Object.keys(binary)).toHaveLength(4_097);
    expect(binary[name(0)]!.B).toEqual(new Uint8Array([1, 2, 3]));
    const nested = decodeAttributeMap({ m: { M: attributes(20_000, { B: 'AQID' }) } }) as { m: { M: object } };
    expect(Object.keys(nested.m.M)).toHaveLength(4_056);
    // A list's elements take a byte each: one holding binary keeps 409,601 of them.
    const list = [{ B: 'AQID' }, ...Array.from({ length: 409_700 }, () => ({ NULL: true }))];
    expect((decodeAttributeMap({ l: { L: list } }) as { l: { L: unknown[] } }).l.L).toHaveLength(409_601);
  });

  it('is refused for its size, as before, however it is made', async () => {
    const { db, put } = await fixture();
    expect(put(attributes(20_000, { NULL: true }, { pk: { S: 'big' } }))).toEqual({
      status: 400,
      type: 'ValidationException',
      message: TOO_BIG,
    });
    expect(put(attributes(20_000, { S: '' }, { pk: { S: 'big' } }))).toEqual({
      status: 400,
      type: 'ValidationException',
      message: TOO_BIG,
    });
    expect(put(attributes(20_000, { B: 'AQID' }, { pk: { S: 'big' } }))).toEqual({
      status: 400,
      type: 'ValidationException',
      message: TOO_BIG,
    });
    expect(put({ pk: { S: 'big' }, m: { M: attributes(20_000) } })).toEqual({
      status: 400,
      type: 'ValidationException',
      message: TOO_BIG,
    });
    expect(put({ pk: { S: 'big' }, l: { L: Array.from({ length: 50_000 }, () => ({ S: 'x'.repeat(10) })) } })).toEqual({
      status: 400,
      type: 'ValidationException',
      message: TOO_BIG,
    });
    expect(db.table('items').itemCount).toBe(0);
  });

  it('a wrong JSON type anywhere, or a B that is not base64, is still the SerializationException, also past the part the walk reads', async () => {
    const { put } = await fixture();
    const serialization = (message: string) => ({ status: 400, type: 'SerializationException', message });
    expect(put({ ...attributes(20_000), late: { S: 5 } })).toEqual(
      serialization('NUMBER_VALUE cannot be converted to String'),
    );
    expect(put({ ...attributes(20_000), late: { B: 'A' } })).toEqual(
      serialization('Base64 encoded length is expected a multiple of 4 bytes but found: 1'),
    );
    expect(put({ ...attributes(20_000), late: { M: { deep: { L: [{ BOOL: 'yes' }] } } } })).toEqual(
      serialization('STRING_VALUE cannot be converted to Boolean'),
    );
    expect(put({ m: { M: { ...attributes(20_000), late: { BS: ['A'] } } } })).toEqual(
      serialization('Base64 encoded length is expected a multiple of 4 bytes but found: 1'),
    );
  });

  it("an invalid value before the walk's limit is what is reported, as for the whole item (DynamoDB Local's order)", async () => {
    const { put } = await fixture();
    expect(put(attributes(20_000, { NULL: true }, { pk: { S: 'big' }, early: { N: 'not a number' } }))).toEqual({
      status: 400,
      type: 'ValidationException',
      message: 'A value provided cannot be converted into a number',
    });
    expect(put(attributes(20_000, { NULL: true }, { pk: { S: 'big' }, '': { S: 'x' } }))).toEqual({
      status: 400,
      type: 'ValidationException',
      message: 'Empty attribute name',
    });
    // Past it, not: the size first.
    expect(put({ pk: { S: 'big' }, ...attributes(20_000), late: { N: 'not a number' } })).toEqual({
      status: 400,
      type: 'ValidationException',
      message: TOO_BIG,
    });
  });

  it('a value that is not an item (a condition, an update) is decoded whole: its size is not limited as an item is', () => {
    const list = Array.from({ length: 409_700 }, () => ({ NULL: true }));
    const decoded = decodeAttributeValue({ L: [...list, { B: 'AQID' }] }) as { L: { B?: Uint8Array }[] };
    expect(decoded.L).toHaveLength(409_701);
    expect(decoded.L[409_700]!.B).toEqual(new Uint8Array([1, 2, 3]));
  });

  it('an item within the limits is passed on as it is, or copied where it holds binary', () => {
    const item = { pk: { S: 'k' }, m: { M: { a: { L: [{ S: 'x' }, { N: '1' }] } } } };
    expect(decodeAttributeMap(item)).toBe(item);
    const input = {
      pk: { S: 'k' },
      m: { M: { b: { B: 'AQID' }, s: { S: 'x' } } },
      l: { L: [{ BS: ['AQID', 'BAUG'] }] },
    };
    const copy = JSON.stringify(input);
    expect(decodeAttributeMap(input)).toEqual({
      pk: { S: 'k' },
      m: { M: { b: { B: new Uint8Array([1, 2, 3]) }, s: { S: 'x' } } },
      l: { L: [{ BS: [new Uint8Array([1, 2, 3]), new Uint8Array([4, 5, 6])] }] },
    });
    // The caller's object (the in-process plugin's input) is left as it was.
    expect(JSON.stringify(input)).toBe(copy);
  });
});
