/**
 * The 400 KB item limit through the table (docs/ddb-local-observed-core.md, section 7, "Item size boundary"):
 * an item of 409600 bytes is accepted, 409601 is rejected, and a rejected write leaves table and stream as
 * they were.
 */
import { describe, expect, it } from 'vitest';
import { ValidationException, type AttributeMap } from '../../src/index.js';
import { expectRejected } from '../support/aws-errors.js';
import { makeDb } from '../support/database.js';
import { recordsOf } from '../support/stream-reads.js';
import { makeTable } from '../support/tables.js';

const TOO_BIG = 'Item size has exceeded the maximum allowed size';

/** {id:"k", d:<L x's>}: 4 + L bytes. */
function itemOf(length: number, char = 'x', extra: AttributeMap = {}): AttributeMap {
  return { id: { S: 'k' }, d: { S: char.repeat(length) }, ...extra };
}

describe('the 400 KB item limit', () => {
  it('accepts 409600 bytes and rejects 409601, leaving the table and stream unchanged', async () => {
    const { db } = await makeDb();
    const table = makeTable(db, { name: 'Size7' });
    table.putItem({ Item: { id: { S: 'other' } } });
    table.putItem({ Item: itemOf(409596) });
    expect(table.sizeBytes).toBe(409600 + 7); // {id:"other"} is 7 bytes
    const records = recordsOf(db, table);
    expect(records).toHaveLength(2);
    expect(records[1]!.dynamodb.SizeBytes).toBe(3 + 409600);

    expectRejected(db, () => table.putItem({ Item: itemOf(409597) }), ValidationException, TOO_BIG);
    expectRejected(db, () => table.putItem({ Item: itemOf(409600) }), ValidationException, TOO_BIG);
    expect(table.getItem({ Key: { id: { S: 'k' } } }).Item?.d?.S).toHaveLength(409596);
  });

  it('counts UTF-8 bytes: "é" x 204798 (409596 bytes) fits, "é" x 204799 does not', async () => {
    const { db } = await makeDb();
    const table = makeTable(db, { name: 'Size7' });
    table.putItem({ Item: itemOf(204798, 'é') });
    expect(db.describeTable({ TableName: 'Size7' }).Table.TableSizeBytes).toBe(409600);
    expectRejected(db, () => table.putItem({ Item: itemOf(204799, 'é') }), ValidationException, TOO_BIG);
  });

  it.each([
    ['0', 409594],
    ['1', 409593],
    ['12', 409593],
    ['123', 409592],
    ['-1', 409592],
    ['1.5', 409592],
    ['-1.5', 409591],
    ['100', 409593],
    ['0.5', 409593],
    ['0.01', 409593],
    ['1000000', 409593],
    ['1.23', 409592],
    ['12345678901234567890', 409584],
  ])('with n:{N:"%s"} the largest accepted d is %i characters (DynamoDB Local bisection)', async (n, largest) => {
    const { db } = await makeDb();
    const table = makeTable(db, { name: 'Size7', viewType: null });
    table.putItem({ Item: itemOf(largest, 'x', { n: { N: n } }) });
    expectRejected(
      db,
      () => table.putItem({ Item: itemOf(largest + 1, 'x', { n: { N: n } }) }),
      ValidationException,
      TOO_BIG,
    );
  });

  it('counts list and map overhead toward the limit', async () => {
    const { db } = await makeDb();
    const table = makeTable(db, { name: 'Size7' });
    // {id:"k"} 3 + "l" 1 + L overhead 3 + element (1 + S) = 8 + S.
    table.putItem({ Item: { id: { S: 'k' }, l: { L: [{ S: 'x'.repeat(409592) }] } } });
    expectRejected(
      db,
      () => table.putItem({ Item: { id: { S: 'k' }, l: { L: [{ S: 'x'.repeat(409593) }] } } }),
      ValidationException,
      TOO_BIG,
    );
    // {id:"k"} 3 + "m" 1 + M overhead 3 + entry ("e" 1 + S + 1) = 9 + S.
    table.putItem({ Item: { id: { S: 'k' }, m: { M: { e: { S: 'x'.repeat(409591) } } } } });
    expectRejected(
      db,
      () => table.putItem({ Item: { id: { S: 'k' }, m: { M: { e: { S: 'x'.repeat(409592) } } } } }),
      ValidationException,
      TOO_BIG,
    );
  });

  it('rejects an oversized item from UpdateItem, BatchWriteItem and TransactWriteItems without a trace', async () => {
    const { db } = await makeDb();
    const table = makeTable(db, { name: 'Size7' });
    table.putItem({ Item: itemOf(10) });
    expectRejected(
      db,
      () =>
        table.updateItem({
          Key: { id: { S: 'k' } },
          update: (current) => ({ ...current, d: { S: 'x'.repeat(409597) } }),
        }),
      ValidationException,
      'Item size to update has exceeded the maximum allowed size',
    );
    expectRejected(
      db,
      () =>
        db.batchWriteItem({
          RequestItems: {
            Size7: [{ PutRequest: { Item: { id: { S: 'a' } } } }, { PutRequest: { Item: itemOf(409597) } }],
          },
        }),
      ValidationException,
      TOO_BIG,
    );
    expectRejected(
      db,
      () =>
        db.transactWriteItems({
          TransactItems: [
            { Put: { TableName: 'Size7', Item: { id: { S: 'a' } } } },
            { Put: { TableName: 'Size7', Item: itemOf(409597) } },
          ],
        }),
      ValidationException,
      TOO_BIG,
    );
    expect(table.itemCount).toBe(1);
  });

  it('checks the size before the key: an oversized item without its key is "too big" (DynamoDB Local)', async () => {
    const { db } = await makeDb();
    const table = makeTable(db, { name: 'Size7' });
    expectRejected(db, () => table.putItem({ Item: { z: { S: 'x'.repeat(409600) } } }), ValidationException, TOO_BIG);
    // ...and the AttributeValues before the size.
    expectRejected(
      db,
      () => table.putItem({ Item: { id: { S: 'k' }, y: { N: 'x' }, z: { S: 'x'.repeat(409600) } } }),
      ValidationException,
      'A value provided cannot be converted into a number',
    );
  });
});
