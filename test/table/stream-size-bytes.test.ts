/**
 * Stream records' SizeBytes and images, rebuilt from the writes in docs/ddb-local-observed-core.md and compared
 * with the records DynamoDB Local returned for them (sections 4, 6, 7, 8, 10 and 11).
 */
import { describe, expect, it } from 'vitest';
import { type AttributeMap, type Database, type DynamoDBRecord, type Table } from '../../src/index.js';
import { normalizeNumber } from '../../src/model/index.js';
import { makeDb } from '../support/database.js';
import { recordsOf } from '../support/stream-reads.js';
import { makeTable } from '../support/tables.js';

function b64(text: string): Uint8Array {
  return new Uint8Array(Buffer.from(text, 'base64'));
}

/** The records a write appended (those after `before`). */
function newRecords(db: Database, table: Table, write: () => void): DynamoDBRecord[] {
  const before = recordsOf(db, table).length;
  write();
  return recordsOf(db, table).slice(before);
}

function sizeOf(db: Database, table: Table, write: () => void): number {
  const records = newRecords(db, table, write);
  expect(records).toHaveLength(1);
  return records[0]!.dynamodb.SizeBytes;
}

describe('SizeBytes on table Size10 (id S, sk N; NEW_AND_OLD_IMAGES), write by write', () => {
  it('matches every record DynamoDB Local produced', async () => {
    const { db } = await makeDb();
    const table = makeTable(db, { name: 'Size10', sortKey: 'N' });
    const key = { id: { S: 'k1' }, sk: { N: '1' } };
    const put = (extra: AttributeMap) => () => table.putItem({ Item: { ...key, ...extra } });
    const everything: AttributeMap = {
      s: { S: 'hello' },
      n1: { N: '123' },
      n2: { N: '-1.5' },
      n3: { N: '100' },
      b: { B: b64('AQID') },
      t: { BOOL: false },
      z: { NULL: true },
      l: { L: [{ S: 'a' }, { N: '1' }] },
      m: { M: { x: { S: 'y' }, n: { N: '2' } } },
      ss: { SS: ['a', 'bb'] },
      ns: { NS: ['1', '-1.5', '100'] },
      bs: { BS: [b64('AQ=='), b64('AgM=')] },
    };
    const steps: [string, () => void, number][] = [
      ['INSERT key only', put({}), 16],
      ['MODIFY s "hello"', put({ s: { S: 'hello' } }), 30],
      ['MODIFY n1 123', put({ n1: { N: '123' } }), 35],
      ['MODIFY n2 -1.5', put({ n2: { N: '-1.5' } }), 35],
      ['MODIFY n3 100', put({ n3: { N: '100' } }), 34],
      ['MODIFY b AQID', put({ b: { B: b64('AQID') } }), 32],
      ['MODIFY t BOOL', put({ t: { BOOL: true } }), 30],
      ['MODIFY z NULL', put({ z: { NULL: true } }), 28],
      ['MODIFY l [a, 1]', put({ l: { L: [{ S: 'a' }, { N: '1' }] } }), 35],
      ['MODIFY l []', put({ l: { L: [] } }), 37],
      ['MODIFY m {x: y}', put({ m: { M: { x: { S: 'y' } } } }), 35],
      ['MODIFY m {}', put({ m: { M: {} } }), 35],
      ['MODIFY ss', put({ ss: { SS: ['a', 'bb'] } }), 33],
      ['MODIFY ns', put({ ns: { NS: ['1', '-1.5', '100'] } }), 39],
      ['MODIFY bs', put({ bs: { BS: [b64('AQ=='), b64('AgM=')] } }), 39],
      ['MODIFY everything', put(everything), 98],
      ['REMOVE', () => table.deleteItem({ Key: key }), 85],
      ['INSERT multibyte', () => table.putItem({ Item: { id: { S: 'k2' }, sk: { N: '-1.5' }, s: { S: 'é€' } } }), 26],
    ];
    const sizes = steps.map(([label, write]) => [label, sizeOf(db, table, write)]);
    expect(sizes).toEqual(steps.map(([label, , size]) => [label, size]));
  });

  it('holds the images DynamoDB Local showed: sets sorted, numbers canonical', async () => {
    const { db } = await makeDb();
    const table = makeTable(db, { name: 'Size10', sortKey: 'N' });
    table.putItem({ Item: { id: { S: 'k1' }, sk: { N: '1' }, ns: { NS: ['1', '-1.5', '100'] } } });
    table.putItem({ Item: { id: { S: 'k1' }, sk: { N: '1' }, bs: { BS: [b64('AQ=='), b64('AgM=')] } } });
    const [insert, modify] = recordsOf(db, table);
    expect(insert!.dynamodb).toMatchObject({
      Keys: { sk: { N: '1' }, id: { S: 'k1' } },
      NewImage: { ns: { NS: ['-1.5', '1', '100'] }, sk: { N: '1' }, id: { S: 'k1' } },
      SizeBytes: 8 + 18, // Keys 8; NewImage: keys 8 + 'ns' 2 + members 2 + 3 + 3
      StreamViewType: 'NEW_AND_OLD_IMAGES',
    });
    expect(insert!.dynamodb.OldImage).toBeUndefined();
    expect(modify!.dynamodb).toMatchObject({
      NewImage: { bs: { BS: [b64('AQ=='), b64('AgM=')] }, sk: { N: '1' }, id: { S: 'k1' } },
      OldImage: { ns: { NS: ['-1.5', '1', '100'] }, sk: { N: '1' }, id: { S: 'k1' } },
      SizeBytes: 39,
    });
  });
});

describe('SizeBytes on table Items7 (id S, sk N; NEW_AND_OLD_IMAGES)', () => {
  it('matches the records of the empty-value and number writes', async () => {
    const { db } = await makeDb();
    const table = makeTable(db, { name: 'Items7', sortKey: 'N' });
    const item = (id: string, a: AttributeMap) => () =>
      table.putItem({ Item: { id: { S: id }, sk: { N: '1' }, ...a } });
    expect(sizeOf(db, table, item('emptyattr', { a: { S: '' } }))).toBe(31);
    expect(sizeOf(db, table, item('emptyb', { b: { B: new Uint8Array(0) } }))).toBe(25);
    expect(sizeOf(db, table, item('k', { a: { N: '1e125' } }))).toBe(17);
    expect(sizeOf(db, table, item('nmax', { a: { N: '9.9999999999999999999999999999999999999E+125' } }))).toBe(41);
    expect(sizeOf(db, table, item('k', { a: { N: '1e-130' } }))).toBe(27);
    expect(sizeOf(db, table, item('n38', { a: { N: '12345678901234567890123456789012345678' } }))).toBe(39);
    expect(sizeOf(db, table, item('n38z', { a: { N: '1234567890123456789012345678901234567800' } }))).toBe(41);
    expect(sizeOf(db, table, item('nplus', { a: { N: '+1' } }))).toBe(25);
    expect(sizeOf(db, table, item('ndot', { a: { N: '.5' } }))).toBe(23);
    expect(sizeOf(db, table, item('ndot2', { a: { N: '5.' } }))).toBe(25);
  });

  it('the 1e125 -> 1e-130 MODIFY holds both numbers in plain digits', async () => {
    const { db } = await makeDb();
    const table = makeTable(db, { name: 'Items7', sortKey: 'N' });
    table.putItem({ Item: { id: { S: 'k' }, sk: { N: '1' }, a: { N: '1e125' } } });
    table.putItem({ Item: { id: { S: 'k' }, sk: { N: '1' }, a: { N: '1e-130' } } });
    const modify = recordsOf(db, table)[1]!;
    expect(modify.dynamodb.NewImage?.a).toEqual({ N: '0.' + '0'.repeat(129) + '1' });
    expect(modify.dynamodb.OldImage?.a).toEqual({ N: '1' + '0'.repeat(125) });
    expect(modify.dynamodb.SizeBytes).toBe(27);
  });

  it('matches the number-normalisation item (122) and its overwrite through sk "1.500" (145)', async () => {
    const { db } = await makeDb();
    const table = makeTable(db, { name: 'Items7', sortKey: 'N' });
    // n1-n10 as the request wrote them; the rest of the request was cut in the docs, so as DynamoDB Local stored them.
    const nums: AttributeMap = {
      id: { S: 'nums' },
      sk: { N: '01.50' },
      n1: { N: '-0' },
      n2: { N: '01.50' },
      n3: { N: '1E+2' },
      n4: { N: '0.000' },
      n5: { N: '1.0' },
      n6: { N: '100' },
      n7: { N: '1e2' },
      n8: { N: '-1.50' },
      n9: { N: '0.0001' },
      n10: { N: '1e-5' },
      n11: { N: '123456789012345678901234567890123456780000' },
      n12: { N: '7' },
      n13: { N: '0' },
      n14: { N: '12' },
      n15: { N: '1.23e3' },
      n16: { N: '.5' },
      ns: { NS: ['1.50', '02', '3E1', '-0'] },
    };
    const stored: AttributeMap = {
      n1: { N: '0' },
      n2: { N: '1.5' },
      n3: { N: '100' },
      ns: { NS: ['0', '1.5', '2', '30'] },
      n4: { N: '0' },
      n5: { N: '1' },
      n6: { N: '100' },
      n7: { N: '100' },
      n8: { N: '-1.5' },
      n9: { N: '0.0001' },
      n10: { N: '0.00001' },
      n12: { N: '7' },
      n11: { N: '123456789012345678901234567890123456780000' },
      n14: { N: '12' },
      n13: { N: '0' },
      n16: { N: '0.5' },
      n15: { N: '1230' },
      sk: { N: '1.5' },
      id: { S: 'nums' },
    };
    expect(sizeOf(db, table, () => table.putItem({ Item: nums }))).toBe(122);
    expect(table.getItem({ Key: { id: { S: 'nums' }, sk: { N: '1.5' } } }).Item).toEqual(stored);
    expect(table.getItem({ Key: { id: { S: 'nums' }, sk: { N: '01.50' } } }).Item).toEqual(stored);
    const overwrite = { id: { S: 'nums' }, sk: { N: '1.500' }, x: { S: 'overwritten' } };
    let old: AttributeMap | undefined;
    const [record] = newRecords(db, table, () => {
      old = table.putItem({ Item: overwrite, ReturnValues: 'ALL_OLD' }).Attributes;
    });
    expect(old).toEqual(stored);
    expect(record!.eventName).toBe('MODIFY');
    expect(record!.dynamodb.Keys).toEqual({ sk: { N: '1.5' }, id: { S: 'nums' } });
    expect(record!.dynamodb.NewImage).toEqual({ sk: { N: '1.5' }, x: { S: 'overwritten' }, id: { S: 'nums' } });
    expect(record!.dynamodb.OldImage).toEqual(stored);
    expect(record!.dynamodb.SizeBytes).toBe(145);
    expect(table.itemCount).toBe(1);
  });
});

describe('SizeBytes of the smaller tables in the docs', () => {
  it('Upd3, Open1 {id:"a"}: 6; Del1 {id, v:1}: 9', async () => {
    const { db } = await makeDb();
    const upd3 = makeTable(db, { name: 'Upd3' });
    const del1 = makeTable(db, { name: 'Del1' });
    expect(sizeOf(db, upd3, () => upd3.putItem({ Item: { id: { S: 'a' } } }))).toBe(6);
    for (const id of ['a', 'b', 'c'])
      expect(sizeOf(db, del1, () => del1.putItem({ Item: { id: { S: id }, v: { N: '1' } } }))).toBe(9);
    expect(db.describeTable({ TableName: 'Upd3' }).Table.TableSizeBytes).toBe(3);
    expect(db.describeTable({ TableName: 'Del1' }).Table.TableSizeBytes).toBe(18);
  });

  it('Noop11: INSERT 11, MODIFY 19, key-only INSERT 10', async () => {
    const { db } = await makeDb();
    const table = makeTable(db, { name: 'Noop11' });
    expect(sizeOf(db, table, () => table.putItem({ Item: { id: { S: 'x' }, a: { S: '1' }, n: { N: '1.0' } } }))).toBe(
      11,
    );
    expect(
      sizeOf(db, table, () =>
        table.updateItem({ Key: { id: { S: 'x' } }, update: (current) => ({ ...current, a: { S: '2' } }) }),
      ),
    ).toBe(19);
    expect(sizeOf(db, table, () => table.updateItem({ Key: { id: { S: 'new' } }, update: () => ({}) }))).toBe(10);
    expect(recordsOf(db, table).map((record) => record.dynamodb.NewImage)).toEqual([
      { a: { S: '1' }, id: { S: 'x' }, n: { N: '1' } },
      { a: { S: '2' }, id: { S: 'x' }, n: { N: '1' } },
      { id: { S: 'new' } },
    ]);
  });

  it('Proto8: INSERT 70, MODIFY of __proto__ 137', async () => {
    const { db } = await makeDb();
    const table = makeTable(db, { name: 'Proto8' });
    const item = JSON.parse(
      '{"id":{"S":"p"},"__proto__":{"S":"x"},"constructor":{"N":"1"},"hasOwnProperty":{"M":{"__proto__":{"BOOL":true}}},"toString":{"L":[{"S":"t"}]}}',
    ) as AttributeMap;
    expect(sizeOf(db, table, () => table.putItem({ Item: item }))).toBe(70);
    const setProto = (current: AttributeMap | undefined): AttributeMap => {
      const next = { ...current };
      Object.defineProperty(next, '__proto__', {
        value: { S: 'y' },
        enumerable: true,
        writable: true,
        configurable: true,
      });
      return next;
    };
    expect(sizeOf(db, table, () => table.updateItem({ Key: { id: { S: 'p' } }, update: setProto }))).toBe(137);
  });

  it('SizeBytes follows the view type: Keys, plus the images the record carries', async () => {
    const { db } = await makeDb();
    const sizes: Record<string, number[]> = {};
    for (const viewType of ['KEYS_ONLY', 'NEW_IMAGE', 'OLD_IMAGE', 'NEW_AND_OLD_IMAGES'] as const) {
      const table = makeTable(db, { name: `View_${viewType}`, viewType });
      table.putItem({ Item: { id: { S: 'k' }, a: { S: 'xx' } } }); // item 6 bytes, key 3
      table.putItem({ Item: { id: { S: 'k' }, a: { S: 'xxxxx' } } }); // item 9 bytes
      table.deleteItem({ Key: { id: { S: 'k' } } });
      sizes[viewType] = recordsOf(db, table).map((record) => record.dynamodb.SizeBytes);
    }
    expect(sizes).toEqual({
      KEYS_ONLY: [3, 3, 3],
      NEW_IMAGE: [3 + 6, 3 + 9, 3],
      OLD_IMAGE: [3, 3 + 6, 3 + 9],
      NEW_AND_OLD_IMAGES: [3 + 6, 3 + 9 + 6, 3 + 9],
    });
  });

  it('a number key counts by its canonical value in Keys', async () => {
    const { db } = await makeDb();
    const table = makeTable(db, { partitionKey: { name: 'id', type: 'N' }, viewType: 'KEYS_ONLY' });
    table.putItem({ Item: { id: { N: '000123.000' } } });
    const [record] = recordsOf(db, table);
    expect(record!.dynamodb.Keys).toEqual({ id: { N: '123' } });
    expect(record!.dynamodb.SizeBytes).toBe(2 + 3);
    expect(normalizeNumber('000123.000')).toBe('123');
  });
});
