/**
 * canonicalItem: the one door items come in by. Validation with DynamoDB Local's messages
 * (docs/ddb-local-observed-core.md, section 7, plus cases observed on DynamoDB Local 1.25.1 where noted),
 * canonical numbers, sorted sets, deep freezing, and binary values copied in and out.
 */
import { describe, expect, it } from 'vitest';
import { ValidationException, type AttributeMap, type AttributeValue } from '../../src/index.js';
import { canonicalItem, canonicalValue, holdsBinary, itemForCaller } from '../../src/model/frozen-item.js';
import { expectThrows } from '../support/aws-errors.js';
import { makeDb } from '../support/database.js';
import { recordsOf } from '../support/stream-reads.js';
import { makeTable } from '../support/tables.js';

const EMPTY = 'Supplied AttributeValue is empty, must contain exactly one of the supported datatypes';
const MANY =
  'Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes';

function rejects(item: unknown, message: string): void {
  expectThrows(() => canonicalItem(item), ValidationException, message);
}

function bytes(...values: number[]): Uint8Array {
  return new Uint8Array(values);
}

describe('canonicalItem: AttributeValue shape', () => {
  it('rejects an empty AttributeValue', () => {
    rejects({ id: { S: 'k' }, a: {} }, EMPTY);
    rejects({ a: { M: { x: {} } } }, EMPTY);
    rejects({ a: { L: [{}] } }, EMPTY);
  });

  it('rejects a value with two types set', () => {
    rejects({ a: { S: 'a', N: '1' } }, MANY);
    rejects({ a: { NULL: true, BOOL: false } }, MANY);
    rejects({ a: { L: [{ SS: ['a'], NS: ['1'] }] } }, MANY);
  });

  it('ignores members that are not data types, and members set to undefined or null (DynamoDB Local)', () => {
    // DynamoDB Local: {"X":"1"} alone is "empty", {"S":"a","X":"1"} and {"S":"a","BOOL":null} are plain strings.
    rejects({ a: { X: '1' } }, EMPTY);
    rejects({ a: { $unknown: ['X', '1'] } }, EMPTY);
    expect(canonicalItem({ a: { S: 'a', X: '1' } }).item).toEqual({ a: { S: 'a' } });
    expect(canonicalItem({ a: { S: 'a', BOOL: null } }).item).toEqual({ a: { S: 'a' } });
    expect(canonicalItem({ a: { S: 'a', N: undefined } }).item).toEqual({ a: { S: 'a' } });
    rejects({ a: { S: null } }, EMPTY);
  });

  it('rejects a null AttributeValue with DynamoDB Local texts', () => {
    rejects({ id: { S: 'k' }, a: null }, 'The supplied Item contains a null AttributeValue: a is null');
    rejects({ a: { M: { x: null } } }, 'The supplied Item contains a null AttributeValue: x is null');
    rejects({ a: { L: [{ S: 'a' }, null] } }, 'The supplied Item contains a null AttributeValue');
  });

  it('rejects an empty attribute name, at the top level and in a map (DynamoDB Local)', () => {
    rejects({ id: { S: 'k' }, '': { S: 'x' } }, 'Empty attribute name');
    rejects({ m: { M: { '': { S: 'x' } } } }, 'Empty attribute name');
  });

  it('skips attributes whose value is undefined', () => {
    expect(canonicalItem({ a: { S: 'x' }, b: undefined }).item).toEqual({ a: { S: 'x' } });
    expect(canonicalItem({ a: { M: { b: undefined } } }).item).toEqual({ a: { M: {} } });
  });

  it('rejects NULL other than true', () => {
    const message = 'One or more parameter values were invalid: Null attribute value types must have the value of true';
    rejects({ a: { NULL: false } }, message);
    rejects({ a: { NULL: 'true' } }, message);
  });

  it('rejects values of the wrong JavaScript type, naming the type', () => {
    const wrong = (type: string) =>
      `One or more parameter values were invalid: The ${type} attribute value has the wrong JavaScript type`;
    rejects({ a: { S: 5 } }, wrong('S'));
    rejects({ a: { N: 5 } }, wrong('N'));
    rejects({ a: { B: 'AQ==' } }, wrong('B'));
    rejects({ a: { BOOL: 'true' } }, wrong('BOOL'));
    rejects({ a: { M: [] } }, wrong('M'));
    rejects({ a: { L: {} } }, wrong('L'));
    rejects({ a: { SS: 'a' } }, wrong('SS'));
    rejects({ a: { SS: ['a', 1] } }, wrong('SS'));
    rejects({ a: { NS: [1] } }, wrong('NS'));
    rejects({ a: { BS: [[1]] } }, wrong('B'));
  });

  it('rejects something that is not an item', () => {
    const message =
      'One or more parameter values were invalid: An item must be a map of attribute names to AttributeValues';
    rejects(null, message);
    rejects([], message);
    rejects('item', message);
  });
});

describe('canonicalItem: sets', () => {
  it('rejects empty sets with DynamoDB Local texts (the double space included)', () => {
    rejects({ a: { SS: [] } }, 'One or more parameter values were invalid: An string set  may not be empty');
    rejects({ a: { NS: [] } }, 'One or more parameter values were invalid: An number set  may not be empty');
    rejects({ a: { BS: [] } }, 'One or more parameter values were invalid: Binary sets should not be empty');
  });

  it('rejects duplicates with the text DynamoDB Local uses for each set type', () => {
    rejects(
      { a: { SS: ['a', 'a'] } },
      'One or more parameter values were invalid: Input collection [a, a] contains duplicates',
    );
    rejects(
      { a: { SS: ['a', 'b', 'a'] } },
      'One or more parameter values were invalid: Input collection [a, b, a] contains duplicates',
    );
    rejects({ a: { NS: ['1', '1'] } }, 'Input collection contains duplicates');
    rejects({ a: { NS: ['1', '1.0'] } }, 'Input collection contains duplicates');
    rejects({ a: { NS: ['-0', '0.000'] } }, 'Input collection contains duplicates');
    rejects(
      { a: { BS: [bytes(1), bytes(1)] } },
      'One or more parameter values were invalid: Input collection of type BS contains duplicates.',
    );
    rejects({ a: { M: { q: { NS: ['1', '1'] } } } }, 'Input collection contains duplicates');
  });

  it('reads NS members in order: a duplicate before a bad number is a duplicate (DynamoDB Local)', () => {
    rejects({ a: { NS: ['1', '2', '1.0', 'x'] } }, 'Input collection contains duplicates');
    rejects({ a: { NS: ['x', '1', '1'] } }, 'A value provided cannot be converted into a number');
  });

  it('rejects null members with DynamoDB Local texts', () => {
    rejects(
      { a: { SS: ['a', null] } },
      'One or more parameter values were invalid: An string set may not have a null string as a member',
    );
    rejects({ a: { NS: ['1', null] } }, 'A value provided cannot be converted into a number');
    rejects({ a: { BS: [bytes(1), null] } }, 'The supplied Item contains a null AttributeValue');
  });

  it('allows an empty string or empty binary as a set member (DynamoDB Local)', () => {
    expect(canonicalItem({ a: { SS: [''] }, b: { BS: [bytes()] } }).item).toEqual({
      a: { SS: [''] },
      b: { BS: [bytes()] },
    });
  });

  it('normalises NS members and sorts them by value, as DynamoDB Local returns them', () => {
    expect(canonicalItem({ ns: { NS: ['1.50', '02', '3E1', '-0'] } }).item).toEqual({
      ns: { NS: ['0', '1.5', '2', '30'] },
    });
    expect(canonicalItem({ ns: { NS: ['1', '-1.5', '100'] } }).item).toEqual({ ns: { NS: ['-1.5', '1', '100'] } });
    expect(canonicalItem({ ns: { NS: ['3', '1', '2', '-10', '0.5'] } }).item).toEqual({
      ns: { NS: ['-10', '0.5', '1', '2', '3'] },
    });
  });

  it('sorts SS by UTF-16 code units and BS by unsigned bytes, as DynamoDB Local returns them', () => {
    expect(canonicalItem({ ss: { SS: ['\uff61', '\ud83d\ude00', 'a', 'B'] } }).item).toEqual({
      ss: { SS: ['B', 'a', '\ud83d\ude00', '\uff61'] },
    });
    expect(canonicalItem({ ss: { SS: ['ab', 'a', 'b', 'A', 'aa'] } }).item).toEqual({
      ss: { SS: ['A', 'a', 'aa', 'ab', 'b'] },
    });
    expect(canonicalItem({ bs: { BS: [bytes(0x80), bytes(0x01), bytes(0xff)] } }).item).toEqual({
      bs: { BS: [bytes(0x01), bytes(0x80), bytes(0xff)] },
    });
    expect(canonicalItem({ bs: { BS: [bytes(1, 2), bytes(1), bytes(0), bytes(0, 0)] } }).item).toEqual({
      bs: { BS: [bytes(0), bytes(0, 0), bytes(1), bytes(1, 2)] },
    });
  });

  it('does not reorder the caller’s arrays', () => {
    const ss = ['b', 'a'];
    const ns = ['2', '1'];
    canonicalItem({ ss: { SS: ss }, ns: { NS: ns } });
    expect(ss).toEqual(['b', 'a']);
    expect(ns).toEqual(['2', '1']);
  });
});

describe('canonicalItem: numbers', () => {
  it('rejects number text DynamoDB cannot read, with DynamoDB Local texts', () => {
    rejects({ a: { N: 'abc' } }, 'A value provided cannot be converted into a number');
    rejects({ a: { N: '' } }, 'A value provided cannot be converted into a number');
    rejects({ a: { M: { b: { N: ' 1' } } } }, 'A value provided cannot be converted into a number');
    rejects(
      { a: { N: '123456789012345678901234567890123456789' } },
      'DynamoDB only supports precision up to 38 digits',
    );
    rejects(
      { a: { N: '1e200' } },
      'Number overflow. Attempting to store a number with magnitude larger than supported range',
    );
    rejects(
      { a: { N: '1e-131' } },
      'Number underflow. Attempting to store a number with magnitude smaller than supported range',
    );
  });

  it('stores numbers in canonical form at every depth', () => {
    const { item } = canonicalItem({
      n: { N: '01.50' },
      m: { M: { x: { N: '1E+2' }, deeper: { M: { y: { N: '-0' } } } } },
      l: { L: [{ N: '5.' }, { L: [{ N: '.5' }] }, { NS: ['1.0', '2e0'] }] },
    });
    expect(item).toEqual({
      n: { N: '1.5' },
      m: { M: { x: { N: '100' }, deeper: { M: { y: { N: '0' } } } } },
      l: { L: [{ N: '5' }, { L: [{ N: '0.5' }] }, { NS: ['1', '2'] }] },
    });
  });
});

describe('canonicalItem: immutability', () => {
  function expectDeeplyFrozen(value: unknown): void {
    if (value === null || typeof value !== 'object' || value instanceof Uint8Array) return;
    expect(Object.isFrozen(value)).toBe(true);
    for (const key of Object.keys(value)) expectDeeplyFrozen((value as Record<string, unknown>)[key]);
  }

  it('returns a copy that is deeply frozen when it leaves shardline, so neither the caller nor anyone else can change it', () => {
    const input: AttributeMap = {
      s: { S: 'x' },
      m: { M: { l: { L: [{ SS: ['a'] }, { M: { n: { N: '1' } } }] } } },
      ns: { NS: ['1'] },
    };
    // Frozen on the way out (itemForCaller), the one path every item takes to a caller.
    const item = itemForCaller(canonicalItem(input).item);
    expectDeeplyFrozen(item);
    expect(item).not.toBe(input);
    expect(() => {
      (item as Record<string, AttributeValue>).s = { S: 'y' };
    }).toThrow(TypeError);
    expect(() => {
      (item.m?.M?.l?.L as AttributeValue[]).push({ S: 'z' });
    }).toThrow(TypeError);
    expect(() => {
      (item.ns?.NS as string[])[0] = '2';
    }).toThrow(TypeError);
  });

  it('is not affected by later changes to the caller’s objects', () => {
    const inner = { S: 'before' };
    const list = [{ S: 'a' }];
    const input = { a: inner, l: { L: list }, m: { M: { k: { S: 'v' } } } } as AttributeMap;
    const { item } = canonicalItem(input);
    inner.S = 'after';
    list.push({ S: 'b' });
    (input.m as { M: Record<string, AttributeValue> }).M.k = { S: 'changed' };
    expect(item).toEqual({ a: { S: 'before' }, l: { L: [{ S: 'a' }] }, m: { M: { k: { S: 'v' } } } });
  });

  it('copies binary values in, and hands copies out for items that hold them', () => {
    const b = bytes(1, 2, 3);
    const member = bytes(9);
    const { item } = canonicalItem({ b: { B: b }, bs: { BS: [member] }, l: { L: [{ B: b }] } });
    b[0] = 42;
    member[0] = 42;
    expect(item).toEqual({ b: { B: bytes(1, 2, 3) }, bs: { BS: [bytes(9)] }, l: { L: [{ B: bytes(1, 2, 3) }] } });
    expect(holdsBinary(item)).toBe(true);

    const out = itemForCaller(item);
    expect(out).toEqual(item);
    (out.b?.B as Uint8Array)[0] = 77;
    (out.bs?.BS as Uint8Array[])[0]![0] = 77;
    (out.l?.L as AttributeValue[])[0]!.B![0] = 77;
    expect(item).toEqual({ b: { B: bytes(1, 2, 3) }, bs: { BS: [bytes(9)] }, l: { L: [{ B: bytes(1, 2, 3) }] } });
  });

  it('hands out the frozen item itself when it holds no binary', () => {
    const { item } = canonicalItem({ a: { S: 'x' } });
    expect(holdsBinary(item)).toBe(false);
    expect(itemForCaller(item)).toBe(item);
  });

  it('accepts an ArrayBuffer or a Buffer as binary, and stores a plain Uint8Array', () => {
    const buffer = new Uint8Array([5, 6]).buffer;
    const { item } = canonicalItem({ a: { B: buffer as unknown as Uint8Array }, b: { B: Buffer.from([7]) } });
    expect(item.a?.B).toEqual(bytes(5, 6));
    expect(item.b?.B).toEqual(bytes(7));
    expect(item.b?.B).not.toBeInstanceOf(Buffer);
    new Uint8Array(buffer)[0] = 0;
    expect(item.a?.B).toEqual(bytes(5, 6));
  });

  it('copies only the view of a Uint8Array over a larger buffer', () => {
    const whole = bytes(1, 2, 3, 4, 5);
    const { item } = canonicalItem({ a: { B: whole.subarray(1, 3) } });
    expect(item.a?.B).toEqual(bytes(2, 3));
    expect(item.a?.B?.buffer.byteLength).toBe(2);
  });

  it('canonicalValue validates and copies a single value', () => {
    const { value, size } = canonicalValue({ N: '01.0' });
    expect(value).toEqual({ N: '1' });
    expect(size).toBe(2);
    expectThrows(() => canonicalValue({}), ValidationException, EMPTY);
  });
});

describe('binary values through a table and its stream', () => {
  it('a put copies the caller’s bytes; what GetItem returns is a copy too', async () => {
    const { db } = await makeDb();
    const table = makeTable(db);
    const b = bytes(1, 2, 3);
    table.putItem({ Item: { id: { S: 'k' }, b: { B: b }, bs: { BS: [bytes(4), bytes(5)] } } });
    b[0] = 99;
    const first = table.getItem({ Key: { id: { S: 'k' } } }).Item as AttributeMap;
    expect(first).toEqual({ id: { S: 'k' }, b: { B: bytes(1, 2, 3) }, bs: { BS: [bytes(4), bytes(5)] } });
    (first.b?.B as Uint8Array)[1] = 99;
    (first.bs?.BS as Uint8Array[])[0]![0] = 99;
    expect(table.getItem({ Key: { id: { S: 'k' } } }).Item).toEqual({
      id: { S: 'k' },
      b: { B: bytes(1, 2, 3) },
      bs: { BS: [bytes(4), bytes(5)] },
    });
  });

  it('stream images and binary keys are copies: changing a record changes neither the table nor the next read', async () => {
    const { db } = await makeDb();
    const table = makeTable(db, { partitionKey: { name: 'bk', type: 'B' } });
    table.putItem({ Item: { bk: { B: bytes(1) }, v: { B: bytes(2) } } });
    const [record] = recordsOf(db, table);
    (record!.dynamodb.Keys.bk?.B as Uint8Array)[0] = 50;
    (record!.dynamodb.NewImage?.bk?.B as Uint8Array)[0] = 51;
    (record!.dynamodb.NewImage?.v?.B as Uint8Array)[0] = 52;
    const [again] = recordsOf(db, table);
    expect(again!.dynamodb.Keys).toEqual({ bk: { B: bytes(1) } });
    expect(again!.dynamodb.NewImage).toEqual({ bk: { B: bytes(1) }, v: { B: bytes(2) } });
    expect(table.getItem({ Key: { bk: { B: bytes(1) } } }).Item).toEqual({ bk: { B: bytes(1) }, v: { B: bytes(2) } });
  });

  it('a returned item that holds no binary is frozen: a caller cannot change the table through it', async () => {
    const { db } = await makeDb();
    const table = makeTable(db);
    table.putItem({ Item: { id: { S: 'k' }, m: { M: { a: { S: 'x' } } } } });
    const item = table.getItem({ Key: { id: { S: 'k' } } }).Item as AttributeMap;
    expect(() => {
      (item.m?.M as Record<string, AttributeValue>).a = { S: 'y' };
    }).toThrow(TypeError);
    const [record] = recordsOf(db, table);
    expect(() => {
      (record!.dynamodb.NewImage as Record<string, AttributeValue>).id = { S: 'z' };
    }).toThrow(TypeError);
    expect(table.getItem({ Key: { id: { S: 'k' } } }).Item).toEqual({ id: { S: 'k' }, m: { M: { a: { S: 'x' } } } });
  });
});
