/**
 * Property: after random writes (sparse items, equal index keys, index keys removed and changed), every page-by-page
 * Query of an index partition, and every paged Scan of an index, equals the answer computed from the table's items:
 * the items with every index key, in index sort key order and then table key order.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AttributeMap, Table } from '../../src/index.js';
import { makeDb } from '../support/database.js';
import { makeIndexedTable } from '../support/index-read-tables.js';

interface Row {
  pk: string;
  sk: string;
  g?: string;
  h?: number;
  l?: number;
}

const row = fc.record(
  {
    pk: fc.constantFrom('a', 'b', 'c'),
    sk: fc.constantFrom('0', '1', '2', '3', '4', '5', '6'),
    g: fc.constantFrom('G', 'H'),
    h: fc.integer({ min: 0, max: 2 }),
    l: fc.integer({ min: 0, max: 2 }),
  },
  { requiredKeys: ['pk', 'sk'] },
);

function itemOf(r: Row): AttributeMap {
  const item: AttributeMap = { pk: { S: r.pk }, sk: { S: r.sk }, y: { S: 'y' } };
  if (r.g !== undefined) item.g = { S: r.g };
  if (r.h !== undefined) item.h = { N: String(r.h) };
  if (r.l !== undefined) item.l = { N: String(r.l) };
  return item;
}

const tableKey = (r: Row) => `${r.pk}/${r.sk}`;
const byTableKey = (a: Row, b: Row) => (tableKey(a) < tableKey(b) ? -1 : tableKey(a) > tableKey(b) ? 1 : 0);
const keysOf = (items: readonly AttributeMap[]) => items.map((item) => `${item.pk?.S}/${item.sk?.S}`);

function pages(read: (start: AttributeMap | undefined) => { Items?: AttributeMap[]; LastEvaluatedKey?: AttributeMap }) {
  const items: AttributeMap[] = [];
  let start: AttributeMap | undefined;
  let count = 0;
  do {
    const page = read(start);
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start !== undefined && ++count < 1000);
  return items;
}

describe('index reads equal a sort of the table items', () => {
  it('Query and Scan of gsi1 (g/h) and lsi1 (pk/l), every Limit and direction', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(row, { maxLength: 25 }),
        fc.array(fc.tuple(fc.constantFrom('a', 'b', 'c'), fc.constantFrom('0', '1', '2', '3')), { maxLength: 5 }),
        fc.integer({ min: 1, max: 5 }),
        fc.boolean(),
        async (writes, removals, limit, forward) => {
          const { db } = await makeDb();
          const table: Table = makeIndexedTable(db);
          const rows = new Map<string, Row>();
          for (const r of writes) {
            table.putItem({ Item: itemOf(r) });
            rows.set(tableKey(r), r);
          }
          for (const [pk, sk] of removals) {
            table.updateItem({ Key: { pk: { S: pk }, sk: { S: sk } }, UpdateExpression: 'REMOVE h' });
            const old = rows.get(`${pk}/${sk}`) ?? { pk, sk };
            const { h: _h, ...rest } = old;
            rows.set(`${pk}/${sk}`, rest);
          }
          const all = [...rows.values()];
          const direction = (list: string[]) => (forward ? list : list.reverse());
          for (const g of ['G', 'H']) {
            const expected = all
              .filter((r) => r.g === g && r.h !== undefined)
              .sort((a, b) => (a.h as number) - (b.h as number) || byTableKey(a, b))
              .map(tableKey);
            const got = pages((start) =>
              table.query({
                IndexName: 'gsi1',
                KeyConditionExpression: 'g = :g',
                ExpressionAttributeValues: { ':g': { S: g } },
                Limit: limit,
                ScanIndexForward: forward,
                ...(start === undefined ? {} : { ExclusiveStartKey: start }),
              }),
            );
            expect(keysOf(got)).toEqual(direction(expected));
          }
          for (const pk of ['a', 'b', 'c']) {
            const expected = all
              .filter((r) => r.pk === pk && r.l !== undefined)
              .sort((a, b) => (a.l as number) - (b.l as number) || byTableKey(a, b))
              .map(tableKey);
            const got = pages((start) =>
              table.query({
                IndexName: 'lsi1',
                KeyConditionExpression: 'pk = :p',
                ExpressionAttributeValues: { ':p': { S: pk } },
                Limit: limit,
                ScanIndexForward: forward,
                ...(start === undefined ? {} : { ExclusiveStartKey: start }),
              }),
            );
            expect(keysOf(got)).toEqual(direction(expected));
          }
          const scanned = pages((start) =>
            table.scan({
              IndexName: 'gsi1',
              Limit: limit,
              ...(start === undefined ? {} : { ExclusiveStartKey: start }),
            }),
          );
          const expectedScan = all
            .filter((r) => r.g !== undefined && r.h !== undefined)
            .sort(
              (a, b) =>
                (a.g as string).localeCompare(b.g as string) || (a.h as number) - (b.h as number) || byTableKey(a, b),
            )
            .map(tableKey);
          expect(keysOf(scanned)).toEqual(expectedScan);
        },
      ),
      { numRuns: 60, seed: 12 },
    );
  });
});
