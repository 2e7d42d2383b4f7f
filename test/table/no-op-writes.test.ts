/**
 * A write that changes nothing writes no stream record (AWS: "If you perform a PutItem or UpdateItem operation
 * that does not change any data in an item, DynamoDB Streams does not write a stream record";
 * docs/ddb-local-observed-core.md, section 11), and a batch or transaction writes one record per item it
 * changes.
 */
import { describe, expect, it } from 'vitest';
import { type AttributeMap, type Database, type Table } from '../../src/index.js';
import { makeDb } from '../support/database.js';
import { recordsOf } from '../support/stream-reads.js';
import { makeTable } from '../support/tables.js';

/** The number of records the call appended to the table's stream. */
function recordsAdded(db: Database, table: Table, call: () => unknown): number {
  const before = recordsOf(db, table).length;
  call();
  return recordsOf(db, table).length - before;
}

async function noop11() {
  const fixture = await makeDb();
  const table = makeTable(fixture.db, { name: 'Noop11' });
  table.putItem({ Item: { id: { S: 'x' }, a: { S: '1' }, n: { N: '1.0' } } });
  return { ...fixture, table };
}

describe('no-op writes append no record', () => {
  it('an identical PutItem', async () => {
    const { db, table } = await noop11();
    expect(
      recordsAdded(db, table, () => table.putItem({ Item: { id: { S: 'x' }, a: { S: '1' }, n: { N: '1.0' } } })),
    ).toBe(0);
  });

  it('the same number in another text form ("1" for "1.0", "1E0", "01.000")', async () => {
    const { db, table } = await noop11();
    for (const n of ['1', '1E0', '01.000', '+1', '100e-2']) {
      expect(
        recordsAdded(db, table, () => table.putItem({ Item: { id: { S: 'x' }, a: { S: '1' }, n: { N: n } } })),
      ).toBe(0);
    }
    expect(
      recordsAdded(db, table, () => table.putItem({ Item: { id: { S: 'x' }, a: { S: '1' }, n: { N: '1.01' } } })),
    ).toBe(1);
  });

  it('attributes in another order, sets in another order, numbers in another form at any depth', async () => {
    const { db } = await makeDb();
    const table = makeTable(db);
    const item: AttributeMap = {
      id: { S: 'k' },
      ss: { SS: ['a', 'b', 'c'] },
      ns: { NS: ['1', '2.5', '-3'] },
      bs: { BS: [new Uint8Array([1]), new Uint8Array([2, 3])] },
      m: { M: { p: { N: '10' }, q: { L: [{ N: '0.5' }, { NS: ['7', '8'] }] } } },
    };
    table.putItem({ Item: item });
    const same: AttributeMap = {
      m: { M: { q: { L: [{ N: '.50' }, { NS: ['8.0', '7'] }] }, p: { N: '1e1' } } },
      bs: { BS: [new Uint8Array([2, 3]), new Uint8Array([1])] },
      ns: { NS: ['-3.0', '2.50', '01'] },
      ss: { SS: ['c', 'a', 'b'] },
      id: { S: 'k' },
    };
    expect(recordsAdded(db, table, () => table.putItem({ Item: same }))).toBe(0);
    // A list is ordered: the same elements in another order are a change.
    const reordered: AttributeMap = {
      ...item,
      m: { M: { p: { N: '10' }, q: { L: [{ NS: ['7', '8'] }, { N: '0.5' }] } } },
    };
    expect(recordsAdded(db, table, () => table.putItem({ Item: reordered }))).toBe(1);
  });

  it('values that look alike but are not equal are changes', async () => {
    const { db } = await makeDb();
    const table = makeTable(db);
    table.putItem({ Item: { id: { S: 'k' }, v: { S: '1' } } });
    const changes: AttributeMap[] = [
      { id: { S: 'k' }, v: { N: '1' } },
      { id: { S: 'k' }, v: { SS: ['1'] } },
      { id: { S: 'k' }, v: { NS: ['1'] } },
      { id: { S: 'k' }, v: { L: [{ N: '1' }] } },
      { id: { S: 'k' }, v: { BOOL: true } },
      { id: { S: 'k' }, v: { NULL: true } },
      { id: { S: 'k' }, v: { BOOL: false } },
      { id: { S: 'k' }, v: { B: new Uint8Array([49]) } },
      { id: { S: 'k' }, v: { BS: [new Uint8Array([49])] } },
      { id: { S: 'k' }, v: { M: {} } },
      { id: { S: 'k' }, v: { L: [] } },
      { id: { S: 'k' }, v: { S: '' } },
      { id: { S: 'k' } },
      { id: { S: 'k' }, w: { S: '' } },
    ];
    for (const item of changes) expect(recordsAdded(db, table, () => table.putItem({ Item: item }))).toBe(1);
  });

  it('an UpdateItem that returns an equal item, or changes nothing, or only names the key', async () => {
    const { db, table } = await noop11();
    const key = { id: { S: 'x' } };
    expect(recordsAdded(db, table, () => table.updateItem({ Key: key, update: (current) => ({ ...current }) }))).toBe(
      0,
    );
    expect(
      recordsAdded(db, table, () =>
        table.updateItem({ Key: key, update: (current) => ({ ...current, a: { S: '1' } }) }),
      ),
    ).toBe(0);
    // REMOVE of an attribute that does not exist.
    expect(
      recordsAdded(db, table, () =>
        table.updateItem({
          Key: key,
          update: (current) => ({ ...current, nothere: undefined }) as unknown as AttributeMap,
        }),
      ),
    ).toBe(0);
    // Key attributes left out are kept: the same item.
    expect(
      recordsAdded(db, table, () => table.updateItem({ Key: key, update: () => ({ a: { S: '1' }, n: { N: '1' } }) })),
    ).toBe(0);
    expect(recordsAdded(db, table, () => table.update({ id: 'x' }, (current) => ({ ...current, n: 1 })))).toBe(0);
    // SET a = "2": a MODIFY.
    expect(
      recordsAdded(db, table, () =>
        table.updateItem({ Key: key, update: (current) => ({ ...current, a: { S: '2' } }) }),
      ),
    ).toBe(1);
  });

  it('an UpdateItem with only the key creates an absent item (INSERT), and then changes nothing', async () => {
    const { db, table } = await noop11();
    expect(recordsAdded(db, table, () => table.updateItem({ Key: { id: { S: 'new' } }, update: () => ({}) }))).toBe(1);
    expect(table.getItem({ Key: { id: { S: 'new' } } }).Item).toEqual({ id: { S: 'new' } });
    expect(recordsOf(db, table).at(-1)?.eventName).toBe('INSERT');
    expect(
      recordsAdded(db, table, () =>
        table.updateItem({ Key: { id: { S: 'new' } }, update: (current) => current as AttributeMap }),
      ),
    ).toBe(0);
  });

  it('a DeleteItem of an absent key', async () => {
    const { db, table } = await noop11();
    expect(recordsAdded(db, table, () => table.deleteItem({ Key: { id: { S: 'absent' } } }))).toBe(0);
    expect(table.delete({ id: 'absent' })).toBeUndefined();
    expect(recordsOf(db, table)).toHaveLength(1);
  });

  it('an identical put through BatchWriteItem and TransactWriteItems', async () => {
    const { db, table } = await noop11();
    const item = { id: { S: 'x' }, a: { S: '1' }, n: { N: '1' } };
    expect(
      recordsAdded(db, table, () => db.batchWriteItem({ RequestItems: { Noop11: [{ PutRequest: { Item: item } }] } })),
    ).toBe(0);
    expect(
      recordsAdded(db, table, () =>
        db.transactWriteItems({ TransactItems: [{ Put: { TableName: 'Noop11', Item: item } }] }),
      ),
    ).toBe(0);
    expect(
      recordsAdded(db, table, () =>
        db.batchWriteItem({ RequestItems: { Noop11: [{ DeleteRequest: { Key: { id: { S: 'absent' } } } }] } }),
      ),
    ).toBe(0);
    expect(
      recordsAdded(db, table, () =>
        db.transactWriteItems({ TransactItems: [{ Delete: { TableName: 'Noop11', Key: { id: { S: 'absent' } } } }] }),
      ),
    ).toBe(0);
  });

  it('a no-op changes neither the table size nor the record numbering', async () => {
    const { db, table } = await noop11();
    const size = db.describeTable({ TableName: 'Noop11' }).Table.TableSizeBytes;
    const last = recordsOf(db, table).at(-1)!.dynamodb.SequenceNumber;
    table.putItem({ Item: { id: { S: 'x' }, a: { S: '1' }, n: { N: '1' } } });
    table.deleteItem({ Key: { id: { S: 'absent' } } });
    expect(db.describeTable({ TableName: 'Noop11' }).Table.TableSizeBytes).toBe(size);
    table.putItem({ Item: { id: { S: 'y' } } });
    const next = recordsOf(db, table).at(-1)!.dynamodb.SequenceNumber;
    expect(BigInt(next) - BigInt(last)).toBe(1n);
  });
});

describe('batches and transactions append one record per item they change', () => {
  it('BatchWriteItem: one record per changed item, none for the no-ops, across tables', async () => {
    const { db } = await makeDb();
    const a = makeTable(db, { name: 'tableA' });
    const b = makeTable(db, { name: 'tableB', sortKey: 'N' });
    a.putItem({ Item: { id: { S: 'same' }, v: { N: '1' } } });
    a.putItem({ Item: { id: { S: 'gone' } } });
    db.batchWriteItem({
      RequestItems: {
        tableA: [
          { PutRequest: { Item: { id: { S: 'same' }, v: { N: '1.0' } } } }, // no-op
          { PutRequest: { Item: { id: { S: 'new' } } } }, // INSERT
          { DeleteRequest: { Key: { id: { S: 'gone' } } } }, // REMOVE
          { DeleteRequest: { Key: { id: { S: 'absent' } } } }, // no-op
        ],
        tableB: [
          { PutRequest: { Item: { id: { S: 'x' }, sk: { N: '1' } } } },
          { PutRequest: { Item: { id: { S: 'x' }, sk: { N: '2' } } } },
        ],
      },
    });
    expect(
      recordsOf(db, a)
        .slice(2)
        .map((record) => [record.eventName, record.dynamodb.Keys]),
    ).toEqual([
      ['INSERT', { id: { S: 'new' } }],
      ['REMOVE', { id: { S: 'gone' } }],
    ]);
    expect(recordsOf(db, b).map((record) => [record.eventName, record.dynamodb.Keys.sk])).toEqual([
      ['INSERT', { N: '1' }],
      ['INSERT', { N: '2' }],
    ]);
  });

  it('Table.batchWrite (document API) does the same', async () => {
    const { db } = await makeDb();
    const table = makeTable(db);
    table.put({ id: 'same', v: 1 });
    table.put({ id: 'gone' });
    table.batchWrite([
      { put: { id: 'same', v: 1 } },
      { put: { id: 'n1' } },
      { put: { id: 'n2', s: new Set(['b', 'a']) } },
      { delete: { id: 'gone' } },
      { delete: { id: 'absent' } },
    ]);
    expect(recordsOf(db, table).map((record) => [record.eventName, record.dynamodb.Keys.id?.S])).toEqual([
      ['INSERT', 'same'],
      ['INSERT', 'gone'],
      ['INSERT', 'n1'],
      ['INSERT', 'n2'],
      ['REMOVE', 'gone'],
    ]);
    expect(table.get({ id: 'n2' })).toEqual({ id: 'n2', s: new Set(['a', 'b']) });
  });

  it('TransactWriteItems: one record per written item that changed; a ConditionCheck writes none', async () => {
    const { db } = await makeDb();
    const a = makeTable(db, { name: 'tableA' });
    const b = makeTable(db, { name: 'tableB' });
    a.putItem({ Item: { id: { S: 'same' } } });
    b.putItem({ Item: { id: { S: 'checked' } } });
    db.transactWriteItems({
      TransactItems: [
        { Put: { TableName: 'tableA', Item: { id: { S: 'same' } } } },
        { Put: { TableName: 'tableA', Item: { id: { S: 'new' } } } },
        { Update: { TableName: 'tableB', Key: { id: { S: 'up' } }, update: () => ({ v: { N: '1' } }) } },
        {
          ConditionCheck: {
            TableName: 'tableB',
            Key: { id: { S: 'checked' } },
            condition: (item) => item !== undefined,
          },
        },
      ],
    });
    expect(recordsOf(db, a).map((record) => [record.eventName, record.dynamodb.Keys.id?.S])).toEqual([
      ['INSERT', 'same'],
      ['INSERT', 'new'],
    ]);
    expect(recordsOf(db, b).map((record) => [record.eventName, record.dynamodb.Keys.id?.S])).toEqual([
      ['INSERT', 'checked'],
      ['INSERT', 'up'],
    ]);
  });
});
