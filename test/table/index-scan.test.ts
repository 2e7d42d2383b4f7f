/**
 * Scan with IndexName: every entry of the index in index order (index partition key, index sort key, then the
 * table key), paged and segmented like a table's Scan, each item as the index projects it.
 */
import { describe, expect, it } from 'vitest';
import { ValidationException, type AttributeMap, type ScanInput, type Table } from '../../src/index.js';
import { expectThrows } from '../support/aws-errors.js';
import { makeDb } from '../support/database.js';
import { fillOrders, keysOf, makeIndexedTable, orderItem } from '../support/index-read-tables.js';

/** Items spread over index partitions g = p0..p4 (two per partition, some with equal h) and a sparse item. */
async function spread(): Promise<Table> {
  const { db } = await makeDb();
  const table = makeIndexedTable(db);
  for (let i = 0; i < 10; i++) {
    const item = orderItem([`t${i % 3}`, String(i), i % 2, i]);
    table.putItem({ Item: { ...item, g: { S: `p${i % 5}` } } });
  }
  table.putItem({ Item: { pk: { S: 'c' }, sk: { S: '1' }, x: { S: 'xx' } } });
  return table;
}

/** [g, h, pk/sk] of each entry. */
const entries = (items: readonly AttributeMap[] | undefined) =>
  (items ?? []).map((item) => `${item.g?.S}:${item.h?.N}:${item.pk?.S}/${item.sk?.S}`);

function allPages(table: Table, input: ScanInput): AttributeMap[] {
  const items: AttributeMap[] = [];
  let start: AttributeMap | undefined;
  let pages = 0;
  do {
    const page = table.scan({ ...input, ...(start === undefined ? {} : { ExclusiveStartKey: start }) });
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start !== undefined && ++pages < 100);
  return items;
}

const WHOLE = [
  'p0:0:t0/0',
  'p0:1:t2/5',
  'p1:0:t0/6',
  'p1:1:t1/1',
  'p2:0:t2/2',
  'p2:1:t1/7',
  'p3:0:t2/8',
  'p3:1:t0/3',
  'p4:0:t1/4',
  'p4:1:t0/9',
];

describe('Scan on a secondary index', () => {
  it('reads every entry in index order and leaves out items without the index key (sparse)', async () => {
    const table = await spread();
    const out = table.scan({ IndexName: 'gsi1' });
    expect(entries(out.Items)).toEqual(WHOLE);
    expect(out).toMatchObject({ Count: 10, ScannedCount: 10 });
    expect(out.Items?.[0]).toEqual({ pk: { S: 't0' }, sk: { S: '0' }, g: { S: 'p0' }, h: { N: '0' } });
  });

  it('orders equal index keys by the table key', async () => {
    const { db } = await makeDb();
    const table = makeIndexedTable(db);
    fillOrders(table);
    expect(keysOf(table.scan({ IndexName: 'gsi1' }).Items)).toEqual(['b/1', 'a/1', 'a/3', 'b/2', 'a/2']);
    expect(keysOf(table.scan({ IndexName: 'lsi1' }).Items)).toEqual(['a/2', 'a/1', 'a/3', 'b/2', 'b/1']);
  });

  it('every Limit pages through exactly the whole index; LastEvaluatedKey is the table key and the index key', async () => {
    const table = await spread();
    for (let limit = 1; limit <= 11; limit++)
      expect(entries(allPages(table, { IndexName: 'gsi1', Limit: limit })), `Limit ${limit}`).toEqual(WHOLE);
    expect(table.scan({ IndexName: 'gsi1', Limit: 1 }).LastEvaluatedKey).toEqual({
      pk: { S: 't0' },
      sk: { S: '0' },
      g: { S: 'p0' },
      h: { N: '0' },
    });
    expect(table.scan({ IndexName: 'gsi2', Limit: 1 }).LastEvaluatedKey).toEqual({
      pk: { S: 't0' },
      sk: { S: '0' },
      g2: { S: 'X' },
    });
  });

  it('parallel segments divide the index by its partition key: disjoint, together the whole', async () => {
    const table = await spread();
    for (let total = 1; total <= 4; total++) {
      const seen: string[] = [];
      for (let segment = 0; segment < total; segment++) {
        const part = entries(allPages(table, { IndexName: 'gsi1', Segment: segment, TotalSegments: total, Limit: 2 }));
        // Each index partition lies in one segment only.
        const partitions = new Set(part.map((entry) => entry.split(':')[0]));
        for (const other of seen) expect(partitions.has(other.split(':')[0])).toBe(false);
        seen.push(...part);
      }
      expect(seen.sort()).toEqual([...WHOLE].sort());
    }
  });

  it("a filter sees the index's entry: an attribute it does not project is absent", async () => {
    const table = await spread();
    const out = table.scan({
      IndexName: 'gsi1',
      FilterExpression: 'attribute_not_exists(y) AND pk = :t',
      ExpressionAttributeValues: { ':t': { S: 't0' } },
    });
    expect(out).toMatchObject({ Count: 4, ScannedCount: 10 });
    expect(table.scan({ IndexName: 'gsi1', ScanFilter: { y: { ComparisonOperator: 'NOT_NULL' } } }).Count).toBe(0);
  });

  it('an LSI returns whole items with ALL_ATTRIBUTES and reads consistently; ALL_PROJECTED_ATTRIBUTES and COUNT', async () => {
    const { db } = await makeDb();
    const table = makeIndexedTable(db);
    fillOrders(table);
    expect(table.scan({ IndexName: 'lsi1', Select: 'ALL_ATTRIBUTES', ConsistentRead: true, Limit: 1 }).Items).toEqual([
      orderItem(['a', '2', 2, 4]),
    ]);
    expect(table.scan({ IndexName: 'lsi1', Select: 'ALL_PROJECTED_ATTRIBUTES', Limit: 1 }).Items).toEqual([
      { pk: { S: 'a' }, sk: { S: '2' }, l: { N: '4' }, x: { S: 'xx' } },
    ]);
    expect(table.scan({ IndexName: 'gsi2', Select: 'COUNT' })).toEqual({ Count: 5, ScannedCount: 5 });
  });

  it('resumes strictly after the start key', async () => {
    const table = await spread();
    const start = { pk: { S: 't2' }, sk: { S: '2' }, g: { S: 'p2' }, h: { N: '0' } };
    expect(entries(table.scan({ IndexName: 'gsi1', ExclusiveStartKey: start }).Items)).toEqual(WHOLE.slice(5));
  });
});

describe('Scan on a secondary index: refused requests', () => {
  const invalid = 'One or more parameter values were invalid: ';
  const cases: { name: string; input: ScanInput; message: string }[] = [
    {
      name: 'unknown index',
      input: { IndexName: 'nope' },
      message: 'The table does not have the specified index: nope',
    },
    {
      name: 'ConsistentRead on a GSI (AWS text), before the start key',
      input: { IndexName: 'gsi1', ConsistentRead: true, ExclusiveStartKey: { pk: { S: 'a' } } },
      message: 'Consistent reads are not supported on global secondary indexes',
    },
    {
      name: 'Select ALL_ATTRIBUTES on a GSI that does not project ALL',
      input: { IndexName: 'gsi1', Select: 'ALL_ATTRIBUTES' },
      message: `${invalid}Select type ALL_ATTRIBUTES is not supported for global secondary index gsi1 because its projection type is not ALL`,
    },
    {
      name: 'a ProjectionExpression of an unprojected attribute',
      input: { IndexName: 'gsi2', ProjectionExpression: 'x, y' },
      message: `${invalid}Global secondary index gsi2 does not project [y]`,
    },
    {
      name: 'a start key with the table key only',
      input: { IndexName: 'gsi1', ExclusiveStartKey: { pk: { S: 'a' }, sk: { S: '1' } } },
      message: 'The provided starting key is invalid',
    },
    {
      name: 'a bad start key before an unprojected ProjectionExpression',
      input: { IndexName: 'gsi1', ProjectionExpression: 'y', ExclusiveStartKey: { pk: { S: 'a' } } },
      message: 'The provided starting key is invalid',
    },
    {
      name: 'ALL_PROJECTED_ATTRIBUTES without IndexName',
      input: { Select: 'ALL_PROJECTED_ATTRIBUTES' },
      message: 'ALL_PROJECTED_ATTRIBUTES can be used only when Querying using an IndexName',
    },
  ];
  for (const { name, input, message } of cases) {
    it(name, async () => {
      const table = await spread();
      expectThrows(() => table.scan(input), ValidationException, message);
    });
  }
});
