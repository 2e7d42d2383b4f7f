/**
 * Primary keys: presence, types, empty values, the Key parameter's shape, number keys by value, and key size
 * limits, with DynamoDB Local's messages (docs/ddb-local-observed-core.md, section 7; key sizes observed on
 * DynamoDB Local 1.25.1).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ValidationException, type AttributeMap, type AttributeValue } from '../../src/index.js';
import { expectRejected } from '../support/aws-errors.js';
import { makeDb } from '../support/database.js';
import { recordsOf } from '../support/stream-reads.js';
import { makeTable } from '../support/tables.js';

const MISSING = 'One of the required keys was not given a value';
const MISMATCH = 'One or more parameter values were invalid: Type mismatch for key';
const CONDITIONS = 'The number of conditions on the keys is invalid';
const NULL_KEY = 'Cannot have null key for GetItem, DeleteItem, or UpdateItem';
const EMPTY_S = (key: string) =>
  `One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty string value. Key: ${key}`;
const EMPTY_B = (key: string) =>
  `One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty binary value. Key: ${key}`;
const KEY_SIZE =
  'Hash primary key values must be under 2048 bytes, and range primary key values must be under 1024 bytes';

async function items7() {
  const fixture = await makeDb();
  const table = makeTable(fixture.db, { name: 'Items7', sortKey: 'N' });
  table.putItem({ Item: { id: { S: 'k' }, sk: { N: '1' }, a: { S: 'x' } } });
  return { ...fixture, table };
}

describe('key attributes of an item (PutItem)', () => {
  it('rejects an item without its hash key or its range key', async () => {
    const { db, table } = await items7();
    expectRejected(db, () => table.putItem({ Item: { sk: { N: '1' }, a: { S: 'x' } } }), ValidationException, MISSING);
    expectRejected(db, () => table.putItem({ Item: { id: { S: 'k' }, a: { S: 'x' } } }), ValidationException, MISSING);
    expectRejected(db, () => table.putItem({ Item: {} }), ValidationException, MISSING);
  });

  it('rejects key attributes of the wrong type', async () => {
    const { db, table } = await items7();
    expectRejected(
      db,
      () => table.putItem({ Item: { id: { N: '1' }, sk: { N: '1' } } }),
      ValidationException,
      MISMATCH,
    );
    expectRejected(
      db,
      () => table.putItem({ Item: { id: { S: 'k' }, sk: { S: '1' } } }),
      ValidationException,
      MISMATCH,
    );
    expectRejected(
      db,
      () => table.putItem({ Item: { id: { B: new Uint8Array([1]) }, sk: { N: '1' } } }),
      ValidationException,
      MISMATCH,
    );
    expectRejected(
      db,
      () => table.putItem({ Item: { id: { SS: ['k'] }, sk: { N: '1' } } }),
      ValidationException,
      MISMATCH,
    );
    expectRejected(
      db,
      () => table.putItem({ Item: { id: { S: 'k' }, sk: { NS: ['1'] } } }),
      ValidationException,
      MISMATCH,
    );
  });

  it('checks the hash key before the range key (DynamoDB Local)', async () => {
    const { db, table } = await items7();
    expectRejected(db, () => table.putItem({ Item: { id: { N: '1' } } }), ValidationException, MISMATCH);
    expectRejected(db, () => table.putItem({ Item: { sk: { S: '1' } } }), ValidationException, MISSING);
  });

  it('rejects empty string and binary key values, naming the key', async () => {
    const { db, table } = await items7();
    expectRejected(
      db,
      () => table.putItem({ Item: { id: { S: '' }, sk: { N: '1' } } }),
      ValidationException,
      EMPTY_S('id'),
    );
    const strings = makeTable(db, { name: 'Strings', sortKey: 'S' });
    expectRejected(
      db,
      () => strings.putItem({ Item: { id: { S: 'a' }, sk: { S: '' } } }),
      ValidationException,
      EMPTY_S('sk'),
    );
    expectRejected(
      db,
      () => strings.putItem({ Item: { id: { S: '' }, sk: { S: '' } } }),
      ValidationException,
      EMPTY_S('id'),
    );
    const binary = makeTable(db, { name: 'Bin7', partitionKey: { name: 'bk', type: 'B' }, sortKey: 'B' });
    expectRejected(
      db,
      () => binary.putItem({ Item: { bk: { B: new Uint8Array(0) }, sk: { B: new Uint8Array([1]) } } }),
      ValidationException,
      EMPTY_B('bk'),
    );
    expectRejected(
      db,
      () => binary.putItem({ Item: { bk: { B: new Uint8Array([1]) }, sk: { B: new Uint8Array(0) } } }),
      ValidationException,
      EMPTY_B('sk'),
    );
    expectRejected(
      db,
      () => binary.getItem({ Key: { bk: { B: new Uint8Array(0) }, sk: { B: new Uint8Array([1]) } } }),
      ValidationException,
      EMPTY_B('bk'),
    );
  });

  it('allows empty string and binary values in non-key attributes', async () => {
    const { table } = await items7();
    table.putItem({ Item: { id: { S: 'emptyattr' }, sk: { N: '1' }, a: { S: '' }, b: { B: new Uint8Array(0) } } });
    expect(table.getItem({ Key: { id: { S: 'emptyattr' }, sk: { N: '1' } } }).Item).toEqual({
      id: { S: 'emptyattr' },
      sk: { N: '1' },
      a: { S: '' },
      b: { B: new Uint8Array(0) },
    });
  });

  it('rejects a PutItem without an Item', async () => {
    const { db, table } = await items7();
    expectRejected(db, () => table.putItem({} as never), ValidationException, 'Item to put in PutItem cannot be null');
    expectRejected(
      db,
      () => db.putItem({ TableName: 'Items7', Item: null as never }),
      ValidationException,
      'Item to put in PutItem cannot be null',
    );
  });
});

describe('the Key parameter (GetItem, DeleteItem, UpdateItem)', () => {
  it('needs exactly the key attributes: too few or too many is "the number of conditions"', async () => {
    const { db, table } = await items7();
    expectRejected(db, () => table.getItem({ Key: { id: { S: 'k' } } }), ValidationException, CONDITIONS);
    expectRejected(db, () => table.getItem({ Key: {} }), ValidationException, CONDITIONS);
    expectRejected(
      db,
      () => table.getItem({ Key: { id: { S: 'k' }, sk: { N: '1' }, other: { S: 'x' } } }),
      ValidationException,
      CONDITIONS,
    );
    expectRejected(db, () => table.deleteItem({ Key: { id: { S: 'k' } } }), ValidationException, CONDITIONS);
    expectRejected(
      db,
      () => table.deleteItem({ Key: { id: { S: 'k' }, sk: { N: '1' }, a: { S: 'x' } } }),
      ValidationException,
      CONDITIONS,
    );
    expectRejected(
      db,
      () => table.updateItem({ Key: { id: { S: 'k' } }, update: () => ({}) }),
      ValidationException,
      CONDITIONS,
    );
  });

  it('with the right number of attributes but a wrong name, a key is missing', async () => {
    const { db, table } = await items7();
    expectRejected(
      db,
      () => table.getItem({ Key: { id: { S: 'k' }, other: { N: '1' } } }),
      ValidationException,
      MISSING,
    );
  });

  it('validates the key values: type, emptiness, AttributeValue shape', async () => {
    const { db, table } = await items7();
    expectRejected(db, () => table.getItem({ Key: { id: { N: '1' }, sk: { N: '1' } } }), ValidationException, MISMATCH);
    expectRejected(
      db,
      () => table.getItem({ Key: { id: { S: '' }, sk: { N: '1' } } }),
      ValidationException,
      EMPTY_S('id'),
    );
    expectRejected(
      db,
      () => table.getItem({ Key: { id: { S: 'k' }, sk: {} as AttributeValue } }),
      ValidationException,
      'Supplied AttributeValue is empty, must contain exactly one of the supported datatypes',
    );
    expectRejected(
      db,
      () => table.getItem({ Key: { id: null, sk: { N: '1' } } as never }),
      ValidationException,
      'The supplied Item contains a null AttributeValue: id is null',
    );
    expectRejected(
      db,
      () => table.deleteItem({ Key: { id: { S: 'k' }, sk: { N: 'one' } } }),
      ValidationException,
      'A value provided cannot be converted into a number',
    );
  });

  it('rejects a missing Key', async () => {
    const { db, table } = await items7();
    expectRejected(db, () => table.getItem({} as never), ValidationException, NULL_KEY);
    expectRejected(db, () => table.deleteItem({} as never), ValidationException, NULL_KEY);
    expectRejected(db, () => table.updateItem({ update: () => ({}) } as never), ValidationException, NULL_KEY);
    expectRejected(db, () => db.getItem({ TableName: 'Items7' } as never), ValidationException, NULL_KEY);
  });

  it('finds nothing for an absent key', async () => {
    const { table } = await items7();
    expect(table.getItem({ Key: { id: { S: 'absent' }, sk: { N: '1' } } })).toEqual({});
  });
});

describe('number keys match by value', () => {
  it('sk "1.5", "01.50" and "1.500" are one item', async () => {
    const { db, table } = await items7();
    table.putItem({ Item: { id: { S: 'nums' }, sk: { N: '01.50' }, v: { S: 'first' } } });
    table.putItem({ Item: { id: { S: 'nums' }, sk: { N: '1.500' }, v: { S: 'second' } } });
    expect(table.itemCount).toBe(2);
    for (const sk of ['1.5', '01.50', '1.500', '15e-1', '+1.5']) {
      expect(table.getItem({ Key: { id: { S: 'nums' }, sk: { N: sk } } }).Item).toEqual({
        id: { S: 'nums' },
        sk: { N: '1.5' },
        v: { S: 'second' },
      });
    }
    const records = recordsOf(db, table).filter((record) => record.dynamodb.Keys.id?.S === 'nums');
    expect(records.map((record) => [record.eventName, record.dynamodb.Keys])).toEqual([
      ['INSERT', { id: { S: 'nums' }, sk: { N: '1.5' } }],
      ['MODIFY', { id: { S: 'nums' }, sk: { N: '1.5' } }],
    ]);
    table.deleteItem({ Key: { id: { S: 'nums' }, sk: { N: '150E-2' } } });
    expect(table.itemCount).toBe(1);
  });

  it('a number hash key matches by value too, and -0 is 0', async () => {
    const { db } = await makeDb();
    const table = makeTable(db, { partitionKey: { name: 'n', type: 'N' } });
    table.putItem({ Item: { n: { N: '-0' }, v: { S: 'zero' } } });
    table.putItem({ Item: { n: { N: '1e2' } } });
    expect(table.getItem({ Key: { n: { N: '0.000' } } }).Item).toEqual({ n: { N: '0' }, v: { S: 'zero' } });
    expect(table.getItem({ Key: { n: { N: '100.0' } } }).Item).toEqual({ n: { N: '100' } });
    expect(table.itemCount).toBe(2);
  });

  it('distinct key pairs are distinct items, whatever characters they hold (property)', async () => {
    const { db } = await makeDb();
    let round = 0;
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.tuple(fc.string({ minLength: 1, maxLength: 4 }), fc.string({ minLength: 1, maxLength: 4 })), {
          maxLength: 12,
          selector: ([pk, sk]) => `${pk}\u0000${sk}`,
        }),
        (pairs) => {
          const table = makeTable(db, { name: `Pairs${round++}`, sortKey: 'S', viewType: null });
          for (const [pk, sk] of pairs) table.putItem({ Item: { id: { S: pk }, sk: { S: sk } } });
          expect(table.itemCount).toBe(pairs.length);
          for (const [pk, sk] of pairs)
            expect(table.getItem({ Key: { id: { S: pk }, sk: { S: sk } } }).Item).toEqual({
              id: { S: pk },
              sk: { S: sk },
            });
        },
      ),
      { numRuns: 60, seed: 13 },
    );
  });
});

describe('key size limits: hash 2048 bytes, range 1024 bytes', () => {
  it('accepts a 2048-byte hash key and a 1024-byte range key, rejects one byte more', async () => {
    const { db } = await makeDb();
    const table = makeTable(db, { name: 'Keys', sortKey: 'S' });
    table.putItem({ Item: { id: { S: 'x'.repeat(2048) }, sk: { S: 'a' } } });
    table.putItem({ Item: { id: { S: 'a' }, sk: { S: 'x'.repeat(1024) } } });
    expectRejected(
      db,
      () => table.putItem({ Item: { id: { S: 'x'.repeat(2049) }, sk: { S: 'a' } } }),
      ValidationException,
      KEY_SIZE,
    );
    expectRejected(
      db,
      () => table.putItem({ Item: { id: { S: 'a' }, sk: { S: 'x'.repeat(1025) } } }),
      ValidationException,
      KEY_SIZE,
    );
    expectRejected(
      db,
      () => table.getItem({ Key: { id: { S: 'x'.repeat(2049) }, sk: { S: 'a' } } }),
      ValidationException,
      KEY_SIZE,
    );
    expectRejected(
      db,
      () => table.getItem({ Key: { id: { S: 'a' }, sk: { S: 'x'.repeat(1025) } } }),
      ValidationException,
      KEY_SIZE,
    );
    expectRejected(
      db,
      () => table.deleteItem({ Key: { id: { S: 'a' }, sk: { S: 'x'.repeat(1025) } } }),
      ValidationException,
      KEY_SIZE,
    );
    expect(table.itemCount).toBe(2);
  });

  it('counts UTF-8 bytes: 1024 "é" and one "x" is 2049 bytes', async () => {
    const { db } = await makeDb();
    const table = makeTable(db, { name: 'Keys' });
    table.putItem({ Item: { id: { S: 'é'.repeat(1024) } } });
    expectRejected(
      db,
      () => table.putItem({ Item: { id: { S: 'é'.repeat(1024) + 'x' } } }),
      ValidationException,
      KEY_SIZE,
    );
    expectRejected(db, () => table.putItem({ Item: { id: { S: '€'.repeat(683) } } }), ValidationException, KEY_SIZE);
  });

  it('applies to binary keys by their raw bytes', async () => {
    const { db } = await makeDb();
    const table = makeTable(db, { name: 'KeysB', partitionKey: { name: 'id', type: 'B' }, sortKey: 'B' });
    table.putItem({ Item: { id: { B: new Uint8Array(2048) }, sk: { B: new Uint8Array(1024) } } });
    expectRejected(
      db,
      () => table.putItem({ Item: { id: { B: new Uint8Array(2049) }, sk: { B: new Uint8Array(1) } } }),
      ValidationException,
      KEY_SIZE,
    );
    expectRejected(
      db,
      () => table.putItem({ Item: { id: { B: new Uint8Array(1) }, sk: { B: new Uint8Array(1025) } } }),
      ValidationException,
      KEY_SIZE,
    );
  });
});

describe('binary keys', () => {
  it('match by content, not by array identity or view', async () => {
    const { db } = await makeDb();
    const table = makeTable(db, { partitionKey: { name: 'bk', type: 'B' } });
    const backing = new Uint8Array([9, 1, 2, 3, 9]);
    table.putItem({ Item: { bk: { B: backing.subarray(1, 4) }, v: { S: 'x' } } });
    const key: AttributeMap = { bk: { B: new Uint8Array([1, 2, 3]) } };
    expect(table.getItem({ Key: key }).Item).toEqual({ bk: { B: new Uint8Array([1, 2, 3]) }, v: { S: 'x' } });
    expect(table.getItem({ Key: { bk: { B: Buffer.from([1, 2, 3]) } } }).Item).toBeDefined();
    expect(table.getItem({ Key: { bk: { B: new Uint8Array([1, 2]) } } }).Item).toBeUndefined();
  });
});
