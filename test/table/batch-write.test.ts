/**
 * BatchWriteItem (db.batchWriteItem) and its document form (table.batchWrite), with DynamoDB Local's messages
 * (docs/ddb-local-observed-core.md, section 9). A rejected batch changes nothing.
 */
import { describe, expect, it } from 'vitest';
import { ResourceNotFoundException, ValidationException, type WriteRequest } from '../../src/index.js';
import { expectRejected } from '../support/aws-errors.js';
import { makeDb } from '../support/database.js';
import { recordsOf } from '../support/stream-reads.js';
import { makeTable } from '../support/tables.js';

const TOO_MANY = 'Too many items requested for the BatchWriteItem call';
const DUPLICATES = 'Provided list of item keys contains duplicates';
const NO_REQUESTS = 'BatchWriteItem cannot have a null or no requests set';
const NO_TABLE = 'Cannot do operations on a non-existent table';
const MANY =
  'Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes';

async function batch9() {
  const fixture = await makeDb();
  const table = makeTable(fixture.db, { name: 'Batch9' });
  table.putItem({ Item: { id: { S: 'existing' } } });
  return { ...fixture, table };
}

const puts = (count: number, prefix = 'k'): WriteRequest[] =>
  Array.from({ length: count }, (_, i) => ({ PutRequest: { Item: { id: { S: `${prefix}${i}` } } } }));

describe('db.batchWriteItem', () => {
  it('writes up to 25 requests and reports no unprocessed items', async () => {
    const { db, table } = await batch9();
    expect(db.batchWriteItem({ RequestItems: { Batch9: puts(25) } })).toEqual({ UnprocessedItems: {} });
    expect(table.itemCount).toBe(26);
    expect(recordsOf(db, table)).toHaveLength(26);
  });

  it('rejects 26 requests, in one table or across two', async () => {
    const { db } = await batch9();
    makeTable(db, { name: 'Other' });
    expectRejected(db, () => db.batchWriteItem({ RequestItems: { Batch9: puts(26) } }), ValidationException, TOO_MANY);
    expectRejected(
      db,
      () => db.batchWriteItem({ RequestItems: { Batch9: puts(13), Other: puts(13) } }),
      ValidationException,
      TOO_MANY,
    );
  });

  it('rejects two requests for one key: two puts, a put and a delete, two deletes', async () => {
    const { db } = await batch9();
    const put = { PutRequest: { Item: { id: { S: 'dup' } } } };
    const del = { DeleteRequest: { Key: { id: { S: 'dup' } } } };
    expectRejected(
      db,
      () => db.batchWriteItem({ RequestItems: { Batch9: [put, put] } }),
      ValidationException,
      DUPLICATES,
    );
    expectRejected(
      db,
      () => db.batchWriteItem({ RequestItems: { Batch9: [put, del] } }),
      ValidationException,
      DUPLICATES,
    );
    expectRejected(
      db,
      () => db.batchWriteItem({ RequestItems: { Batch9: [del, del] } }),
      ValidationException,
      DUPLICATES,
    );
  });

  it('compares keys by value: "1" and "1.0" are one number key', async () => {
    const { db } = await makeDb();
    makeTable(db, { name: 'Nums', sortKey: 'N' });
    expectRejected(
      db,
      () =>
        db.batchWriteItem({
          RequestItems: {
            Nums: [
              { PutRequest: { Item: { id: { S: 'a' }, sk: { N: '1' } } } },
              { DeleteRequest: { Key: { id: { S: 'a' }, sk: { N: '1.0' } } } },
            ],
          },
        }),
      ValidationException,
      DUPLICATES,
    );
  });

  it('allows one key in two different tables', async () => {
    const { db } = await batch9();
    const other = makeTable(db, { name: 'Other' });
    db.batchWriteItem({ RequestItems: { Batch9: puts(1, 'same'), Other: puts(1, 'same') } });
    expect(other.getItem({ Key: { id: { S: 'same0' } } }).Item).toEqual({ id: { S: 'same0' } });
  });

  it('rejects an empty or missing RequestItems, and a table with an empty list', async () => {
    const { db } = await batch9();
    expectRejected(db, () => db.batchWriteItem({ RequestItems: {} }), ValidationException, NO_REQUESTS);
    expectRejected(db, () => db.batchWriteItem({} as never), ValidationException, NO_REQUESTS);
    expectRejected(
      db,
      () => db.batchWriteItem({ RequestItems: { Batch9: [] } }),
      ValidationException,
      'The batch write request list for a table cannot be null or empty: Batch9',
    );
  });

  it('rejects a nonexistent table, also next to a valid one', async () => {
    const { db } = await batch9();
    expectRejected(
      db,
      () => db.batchWriteItem({ RequestItems: { NoSuchTable: puts(1) } }),
      ResourceNotFoundException,
      NO_TABLE,
    );
    expectRejected(
      db,
      () => db.batchWriteItem({ RequestItems: { Batch9: puts(2), NoSuchTable: puts(1) } }),
      ResourceNotFoundException,
      NO_TABLE,
    );
  });

  it('rejects a request with both PutRequest and DeleteRequest, or neither (DynamoDB Local’s AttributeValue text)', async () => {
    const { db } = await batch9();
    const both = { PutRequest: { Item: { id: { S: 'x' } } }, DeleteRequest: { Key: { id: { S: 'x' } } } };
    expectRejected(db, () => db.batchWriteItem({ RequestItems: { Batch9: [both] } }), ValidationException, MANY);
    expectRejected(db, () => db.batchWriteItem({ RequestItems: { Batch9: [{}] } }), ValidationException, MANY);
  });

  it('validates every request: a missing hash key, a key with an extra attribute, a bad value', async () => {
    const { db } = await batch9();
    expectRejected(
      db,
      () => db.batchWriteItem({ RequestItems: { Batch9: [{ PutRequest: { Item: { a: { S: 'x' } } } }] } }),
      ValidationException,
      'One of the required keys was not given a value',
    );
    expectRejected(
      db,
      () =>
        db.batchWriteItem({
          RequestItems: { Batch9: [{ DeleteRequest: { Key: { id: { S: 'p' }, x: { S: '1' } } } }] },
        }),
      ValidationException,
      'The number of conditions on the keys is invalid',
    );
    expectRejected(
      db,
      () =>
        db.batchWriteItem({
          RequestItems: { Batch9: [...puts(3), { PutRequest: { Item: { id: { S: 'p' }, q: { N: 'x' } } } }] },
        }),
      ValidationException,
      'A value provided cannot be converted into a number',
    );
  });

  it('applies puts and deletes together', async () => {
    const { db, table } = await batch9();
    db.batchWriteItem({
      RequestItems: {
        Batch9: [
          { PutRequest: { Item: { id: { S: 'b1' } } } },
          { PutRequest: { Item: { id: { S: 'b2' } } } },
          { DeleteRequest: { Key: { id: { S: 'existing' } } } },
        ],
      },
    });
    expect([...table.items()].map((item) => item.id?.S).sort()).toEqual(['b1', 'b2']);
  });
});

describe('table.batchWrite (document API)', () => {
  it('writes puts and deletes of plain objects', async () => {
    const { db, table } = await batch9();
    table.batchWrite([
      { put: { id: 'a', n: 1 } },
      { put: { id: 'b', tags: new Set(['x']) } },
      { delete: { id: 'existing' } },
    ]);
    expect(table.get({ id: 'a' })).toEqual({ id: 'a', n: 1 });
    expect(table.get({ id: 'b' })).toEqual({ id: 'b', tags: new Set(['x']) });
    expect(table.get({ id: 'existing' })).toBeUndefined();
    expect(recordsOf(db, table).map((record) => record.eventName)).toEqual(['INSERT', 'INSERT', 'INSERT', 'REMOVE']);
  });

  it('has the same limits and messages', async () => {
    const { db, table } = await batch9();
    expectRejected(
      db,
      () => table.batchWrite(Array.from({ length: 26 }, (_, i) => ({ put: { id: `k${i}` } }))),
      ValidationException,
      TOO_MANY,
    );
    expectRejected(
      db,
      () => table.batchWrite([]),
      ValidationException,
      'The batch write request list for a table cannot be null or empty: Batch9',
    );
    expectRejected(
      db,
      () => table.batchWrite([{ put: { id: 'a' } }, { delete: { id: 'a' } }]),
      ValidationException,
      DUPLICATES,
    );
    expectRejected(
      db,
      () => table.batchWrite([{ put: { id: 'a' } }, { put: { nokey: 1 } }]),
      ValidationException,
      'One of the required keys was not given a value',
    );
  });

  it('fails on a deleted table', async () => {
    const { db, table } = await batch9();
    db.deleteTable({ TableName: 'Batch9' });
    expectRejected(db, () => table.batchWrite([{ put: { id: 'a' } }]), ResourceNotFoundException, NO_TABLE);
  });
});
