/**
 * Query with IndexName: the index's key conditions, order, paging, projections and filters, with the texts AWS
 * answers (DynamoDB Local 2.9.30's where AWS's are not recorded; the differences are in index-reads.ts).
 */
import { describe, expect, it } from 'vitest';
import { ValidationException, type AttributeMap, type QueryInput, type Table } from '../../src/index.js';
import { expectThrows } from '../support/aws-errors.js';
import { makeDb } from '../support/database.js';
import { fillOrders, keysOf, makeIndexedTable, orderItem } from '../support/index-read-tables.js';

async function orders(): Promise<Table> {
  const { db } = await makeDb();
  const table = makeIndexedTable(db);
  fillOrders(table);
  return table;
}

const G: Partial<QueryInput> = {
  IndexName: 'gsi1',
  KeyConditionExpression: 'g = :g',
  ExpressionAttributeValues: { ':g': { S: 'G' } },
};
const LSI_A: Partial<QueryInput> = {
  IndexName: 'lsi1',
  KeyConditionExpression: 'pk = :p',
  ExpressionAttributeValues: { ':p': { S: 'a' } },
};

/** Every page of a query, Limit at a time, following LastEvaluatedKey. */
function allPages(table: Table, input: QueryInput): { items: AttributeMap[]; pages: number } {
  const items: AttributeMap[] = [];
  let pages = 0;
  let start: AttributeMap | undefined;
  do {
    const page = table.query({ ...input, ...(start === undefined ? {} : { ExclusiveStartKey: start }) });
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
    pages++;
  } while (start !== undefined && pages < 100);
  return { items, pages };
}

describe('Query on a secondary index: order', () => {
  it('reads a GSI partition in index sort key order, equal index keys in table key order; descending reverses', async () => {
    const table = await orders();
    const up = table.query({ ...G });
    // h: b/1 has 0; a/1, a/3, b/2 have 1 (table key order); a/2 has 2. The sparse c/1 has no g.
    expect(keysOf(up.Items)).toEqual(['b/1', 'a/1', 'a/3', 'b/2', 'a/2']);
    expect(up).toMatchObject({ Count: 5, ScannedCount: 5 });
    expect(up.LastEvaluatedKey).toBeUndefined();
    // KEYS_ONLY: the table's key and the index's key.
    expect(up.Items?.[0]).toEqual({ pk: { S: 'b' }, sk: { S: '1' }, g: { S: 'G' }, h: { N: '0' } });
    expect(keysOf(table.query({ ...G, ScanIndexForward: false }).Items)).toEqual(['a/2', 'b/2', 'a/3', 'a/1', 'b/1']);
  });

  it('applies the sort key condition to the index sort key, and takes the legacy KeyConditions', async () => {
    const table = await orders();
    const range = table.query({
      IndexName: 'gsi1',
      KeyConditionExpression: 'g = :g AND h BETWEEN :lo AND :hi',
      ExpressionAttributeValues: { ':g': { S: 'G' }, ':lo': { N: '1' }, ':hi': { N: '1' } },
    });
    expect(keysOf(range.Items)).toEqual(['a/1', 'a/3', 'b/2']);
    const legacy = table.query({
      IndexName: 'gsi1',
      KeyConditions: {
        g: { ComparisonOperator: 'EQ', AttributeValueList: [{ S: 'G' }] },
        h: { ComparisonOperator: 'GT', AttributeValueList: [{ N: '0' }] },
      },
    });
    expect(keysOf(legacy.Items)).toEqual(['a/1', 'a/3', 'b/2', 'a/2']);
  });

  it('reads an LSI partition by the LSI sort key and projects its attributes (INCLUDE x)', async () => {
    const table = await orders();
    const out = table.query({ ...LSI_A });
    expect(keysOf(out.Items)).toEqual(['a/2', 'a/1', 'a/3']);
    expect(out.Items?.[0]).toEqual({ pk: { S: 'a' }, sk: { S: '2' }, l: { N: '4' }, x: { S: 'xx' } });
  });

  it('a hash-only GSI orders its partition by the table key', async () => {
    const table = await orders();
    const out = table.query({
      IndexName: 'gsi2',
      KeyConditionExpression: 'g2 = :g',
      ExpressionAttributeValues: { ':g': { S: 'X' } },
    });
    expect(keysOf(out.Items)).toEqual(['a/1', 'a/2', 'a/3', 'b/1', 'b/2']);
    expect(out.Items?.[0]).toEqual({ pk: { S: 'a' }, sk: { S: '1' }, g2: { S: 'X' }, x: { S: 'xx' } });
  });

  it('sees writes: an item leaves the index when its index key is removed, and moves when it changes', async () => {
    const table = await orders();
    table.updateItem({ Key: { pk: { S: 'a' }, sk: { S: '1' } }, UpdateExpression: 'REMOVE h' });
    table.updateItem({
      Key: { pk: { S: 'b' }, sk: { S: '1' } },
      UpdateExpression: 'SET h = :h',
      ExpressionAttributeValues: { ':h': { N: '9' } },
    });
    expect(keysOf(table.query({ ...G }).Items)).toEqual(['a/3', 'b/2', 'a/2', 'b/1']);
  });
});

describe('Query on a secondary index: paging', () => {
  const cases: { name: string; input: QueryInput; whole: string[] }[] = [
    { name: 'gsi1 ascending', input: { ...G }, whole: ['b/1', 'a/1', 'a/3', 'b/2', 'a/2'] },
    { name: 'gsi1 descending', input: { ...G, ScanIndexForward: false }, whole: ['a/2', 'b/2', 'a/3', 'a/1', 'b/1'] },
    {
      name: 'gsi2 (hash only)',
      input: { IndexName: 'gsi2', KeyConditionExpression: 'g2 = :g', ExpressionAttributeValues: { ':g': { S: 'X' } } },
      whole: ['a/1', 'a/2', 'a/3', 'b/1', 'b/2'],
    },
    { name: 'lsi1', input: { ...LSI_A }, whole: ['a/2', 'a/1', 'a/3'] },
    { name: 'lsi1 descending', input: { ...LSI_A, ScanIndexForward: false }, whole: ['a/3', 'a/1', 'a/2'] },
  ];
  for (const { name, input, whole } of cases) {
    it(`${name}: every Limit pages through exactly the whole answer`, async () => {
      const table = await orders();
      for (let limit = 1; limit <= whole.length + 1; limit++) {
        const { items, pages } = allPages(table, { ...input, Limit: limit });
        expect(keysOf(items), `Limit ${limit}`).toEqual(whole);
        // A page that ends exactly on the last item still carries LastEvaluatedKey: one empty page follows.
        expect(pages).toBe(Math.floor(whole.length / limit) + 1);
      }
    });
  }

  it('LastEvaluatedKey holds the table key and the index key (as DynamoDB Local answers)', async () => {
    const table = await orders();
    expect(table.query({ ...G, Limit: 1 }).LastEvaluatedKey).toEqual({
      pk: { S: 'b' },
      sk: { S: '1' },
      g: { S: 'G' },
      h: { N: '0' },
    });
    expect(table.query({ ...LSI_A, Limit: 1 }).LastEvaluatedKey).toEqual({
      pk: { S: 'a' },
      sk: { S: '2' },
      l: { N: '4' },
    });
    expect(
      table.query({
        IndexName: 'gsiall',
        KeyConditionExpression: 'g = :g',
        ExpressionAttributeValues: { ':g': { S: 'G' } },
        Limit: 1,
      }).LastEvaluatedKey,
    ).toEqual({ pk: { S: 'a' }, sk: { S: '1' }, g: { S: 'G' } });
  });

  it('resumes strictly after the start key in (index key, table key) order, even when that item is gone', async () => {
    const table = await orders();
    const start = { pk: { S: 'a' }, sk: { S: '1' }, g: { S: 'G' }, h: { N: '1' } };
    expect(keysOf(table.query({ ...G, ExclusiveStartKey: start }).Items)).toEqual(['a/3', 'b/2', 'a/2']);
    expect(keysOf(table.query({ ...G, ScanIndexForward: false, ExclusiveStartKey: start }).Items)).toEqual(['b/1']);
    table.deleteItem({ Key: { pk: { S: 'a' }, sk: { S: '1' } } });
    expect(keysOf(table.query({ ...G, ExclusiveStartKey: start }).Items)).toEqual(['a/3', 'b/2', 'a/2']);
    // A start key between entries (no such item): a/15 sorts after a/1 and before a/3.
    const between = { ...start, sk: { S: '15' } };
    expect(keysOf(table.query({ ...G, ExclusiveStartKey: between }).Items)).toEqual(['a/3', 'b/2', 'a/2']);
  });

  it('ends a page at 1 MB of PROJECTED entries: a KEYS_ONLY index reads big items in one page, an ALL index does not', async () => {
    const { db } = await makeDb();
    const table = makeIndexedTable(db);
    const big = 'v'.repeat(300_000);
    for (let i = 0; i < 6; i++) table.putItem({ Item: { ...orderItem(['p', String(i), i, i]), big: { S: big } } });
    const keysOnly = table.query({ ...G });
    expect(keysOnly.Count).toBe(6);
    expect(keysOnly.LastEvaluatedKey).toBeUndefined();
    const all = table.query({
      IndexName: 'gsiall',
      KeyConditionExpression: 'g = :g',
      ExpressionAttributeValues: { ':g': { S: 'G' } },
    });
    // 300 KB each: the fourth item crosses 1 MB and ends the page.
    expect(all.Count).toBe(4);
    expect(all.LastEvaluatedKey).toEqual({ pk: { S: 'p' }, sk: { S: '3' }, g: { S: 'G' } });
  });
});

describe('Query on a secondary index: Select and projections', () => {
  it('returns what the index projects by default and with ALL_PROJECTED_ATTRIBUTES; COUNT counts', async () => {
    const table = await orders();
    const explicit = table.query({ ...G, Select: 'ALL_PROJECTED_ATTRIBUTES' });
    expect(explicit.Items).toEqual(table.query({ ...G }).Items);
    expect(table.query({ ...G, Select: 'COUNT' })).toEqual({ Count: 5, ScannedCount: 5 });
  });

  it('an LSI fetches what it does not project from the table: ALL_ATTRIBUTES, a ProjectionExpression, AttributesToGet', async () => {
    const table = await orders();
    expect(table.query({ ...LSI_A, Select: 'ALL_ATTRIBUTES', Limit: 1 }).Items).toEqual([orderItem(['a', '2', 2, 4])]);
    expect(table.query({ ...LSI_A, ProjectionExpression: 'y, z.a', Limit: 1 }).Items).toEqual([
      { y: { S: 'yy' }, z: { M: { a: { S: '1' } } } },
    ]);
    expect(
      table.query({
        IndexName: 'lsi1',
        KeyConditions: { pk: { ComparisonOperator: 'EQ', AttributeValueList: [{ S: 'a' }] } },
        AttributesToGet: ['y', 'x'],
        Limit: 1,
      }).Items,
    ).toEqual([{ x: { S: 'xx' }, y: { S: 'yy' } }]);
  });

  it('a GSI returns projected attributes by name, and every attribute when it projects ALL', async () => {
    const table = await orders();
    expect(table.query({ ...G, ProjectionExpression: 'pk, h', Limit: 1 }).Items).toEqual([
      { pk: { S: 'b' }, h: { N: '0' } },
    ]);
    const all = table.query({
      IndexName: 'gsiall',
      KeyConditionExpression: 'g = :g',
      ExpressionAttributeValues: { ':g': { S: 'G' } },
      Select: 'ALL_ATTRIBUTES',
      Limit: 1,
    });
    expect(all.Items).toEqual([orderItem(['a', '1', 1, 5])]);
  });

  it('a filter may name the table key on a GSI, and the table sort key on an LSI (not the index key)', async () => {
    const table = await orders();
    const byTableKey = table.query({
      ...G,
      FilterExpression: 'pk = :a',
      ExpressionAttributeValues: { ':g': { S: 'G' }, ':a': { S: 'a' } },
    });
    expect(keysOf(byTableKey.Items)).toEqual(['a/1', 'a/3', 'a/2']);
    expect(byTableKey).toMatchObject({ Count: 3, ScannedCount: 5 });
    const bySk = table.query({
      ...LSI_A,
      FilterExpression: 'sk = :s',
      ExpressionAttributeValues: { ':p': { S: 'a' }, ':s': { S: '3' } },
    });
    expect(keysOf(bySk.Items)).toEqual(['a/3']);
    const legacy = table.query({
      IndexName: 'gsi1',
      KeyConditions: { g: { ComparisonOperator: 'EQ', AttributeValueList: [{ S: 'G' }] } },
      QueryFilter: { pk: { ComparisonOperator: 'EQ', AttributeValueList: [{ S: 'b' }] } },
    });
    expect(keysOf(legacy.Items)).toEqual(['b/1', 'b/2']);
  });

  it('hands out items that share no mutable state with the index', async () => {
    const { db } = await makeDb();
    const table = makeIndexedTable(db);
    table.putItem({ Item: { ...orderItem(['a', '1', 1, 1]), bin: { B: new Uint8Array([1, 2]) } } });
    const query = () =>
      table.query({
        IndexName: 'gsiall',
        KeyConditionExpression: 'g = :g',
        ExpressionAttributeValues: { ':g': { S: 'G' } },
      }).Items?.[0] as AttributeMap;
    const first = query();
    first.bin?.B?.set([9, 9]);
    try {
      (first as Record<string, unknown>).added = { S: 'x' };
    } catch {
      // A frozen item refuses the change, which is as good.
    }
    const keysOnly = table.query({ ...G }).Items?.[0] as AttributeMap;
    (keysOnly as Record<string, unknown>).added = { S: 'x' };
    expect(query()).toEqual({ ...orderItem(['a', '1', 1, 1]), bin: { B: new Uint8Array([1, 2]) } });
    expect(table.query({ ...G }).Items?.[0]).toEqual({ pk: { S: 'a' }, sk: { S: '1' }, g: { S: 'G' }, h: { N: '1' } });
  });
});

describe('Query on a secondary index: refused requests', () => {
  const invalid = 'One or more parameter values were invalid: ';
  const cases: { name: string; input: QueryInput; message: string }[] = [
    {
      name: 'unknown index',
      input: { ...G, IndexName: 'nope' },
      message: 'The table does not have the specified index: nope',
    },
    {
      name: 'unknown index before a bad key condition',
      input: { ...G, IndexName: 'nope', KeyConditionExpression: 'g = ' },
      message: 'The table does not have the specified index: nope',
    },
    {
      name: 'ConsistentRead on a GSI (AWS text), before the key condition',
      input: { ...G, ConsistentRead: true, KeyConditionExpression: 'pk = :g' },
      message: 'Consistent reads are not supported on global secondary indexes',
    },
    {
      name: 'a key condition on the table key, not the index key',
      input: { ...G, KeyConditionExpression: 'pk = :g' },
      message: 'Query condition missed key schema element: g',
    },
    {
      name: 'legacy KeyConditions on the table key',
      input: {
        IndexName: 'gsi1',
        KeyConditions: { pk: { ComparisonOperator: 'EQ', AttributeValueList: [{ S: 'a' }] } },
      },
      message: 'Query condition missed key schema element: g',
    },
    {
      name: 'a filter on the index partition key',
      input: { ...G, FilterExpression: 'g = :g' },
      message: 'Filter Expression can only contain non-primary key attributes: Primary key attribute: g',
    },
    {
      name: 'a filter on the index sort key',
      input: { ...G, FilterExpression: 'h = :h', ExpressionAttributeValues: { ':g': { S: 'G' }, ':h': { N: '1' } } },
      message: 'Filter Expression can only contain non-primary key attributes: Primary key attribute: h',
    },
    {
      name: 'a filter on the LSI sort key',
      input: {
        ...LSI_A,
        FilterExpression: 'l = :l',
        ExpressionAttributeValues: { ':p': { S: 'a' }, ':l': { N: '5' } },
      },
      message: 'Filter Expression can only contain non-primary key attributes: Primary key attribute: l',
    },
    {
      name: 'a QueryFilter on the index sort key',
      input: {
        IndexName: 'gsi1',
        KeyConditions: { g: { ComparisonOperator: 'EQ', AttributeValueList: [{ S: 'G' }] } },
        QueryFilter: { h: { ComparisonOperator: 'NOT_NULL' } },
      },
      message: 'QueryFilter can only contain non-primary key attributes: Primary key attribute: h',
    },
    {
      name: 'a filter on unprojected attributes of a GSI: top-level names, sorted, once',
      input: { ...G, FilterExpression: 'z.a = :g AND y = :g AND x = :g AND y <> :g' },
      message: `${invalid}Secondary index gsi1 does not project one or more filter attributes: [x, y, z]`,
    },
    {
      name: 'a filter on unprojected attributes of an LSI',
      input: { ...LSI_A, FilterExpression: 'z.a = :p OR y = :p OR x = :p' },
      message: `${invalid}Secondary index lsi1 does not project one or more filter attributes: [y, z]`,
    },
    {
      name: 'a QueryFilter on unprojected attributes',
      input: {
        IndexName: 'gsi1',
        KeyConditions: { g: { ComparisonOperator: 'EQ', AttributeValueList: [{ S: 'G' }] } },
        QueryFilter: {
          y: { ComparisonOperator: 'EQ', AttributeValueList: [{ S: 'yy' }] },
          x: { ComparisonOperator: 'NOT_NULL' },
        },
      },
      message: `${invalid}Secondary index gsi1 does not project one or more filter attributes: [x, y]`,
    },
    {
      name: 'an unprojected filter attribute before Select ALL_ATTRIBUTES',
      input: { ...G, Select: 'ALL_ATTRIBUTES', FilterExpression: 'y = :g' },
      message: `${invalid}Secondary index gsi1 does not project one or more filter attributes: [y]`,
    },
    {
      name: 'Select ALL_ATTRIBUTES on a GSI that does not project ALL',
      input: { ...G, Select: 'ALL_ATTRIBUTES' },
      message: `${invalid}Select type ALL_ATTRIBUTES is not supported for global secondary index gsi1 because its projection type is not ALL`,
    },
    {
      name: 'a ProjectionExpression of unprojected attributes of a GSI: top-level names, sorted',
      input: { ...G, ProjectionExpression: 'y, x, z.a' },
      message: `${invalid}Global secondary index gsi1 does not project [x, y, z]`,
    },
    {
      name: 'a ProjectionExpression of a list element',
      input: { ...G, ProjectionExpression: 'z[0], x, pk' },
      message: `${invalid}Global secondary index gsi1 does not project [x, z]`,
    },
    {
      name: 'AttributesToGet of unprojected attributes of a GSI',
      input: {
        IndexName: 'gsi1',
        KeyConditions: { g: { ComparisonOperator: 'EQ', AttributeValueList: [{ S: 'G' }] } },
        AttributesToGet: ['y', 'x'],
      },
      message: `${invalid}Global secondary index gsi1 does not project [x, y]`,
    },
    {
      name: 'ALL_PROJECTED_ATTRIBUTES with a ProjectionExpression',
      input: { ...G, Select: 'ALL_PROJECTED_ATTRIBUTES', ProjectionExpression: 'pk' },
      message: 'Cannot specify the ProjectionExpression when choosing to get ALL_PROJECTED_ATTRIBUTES',
    },
    {
      name: 'ALL_PROJECTED_ATTRIBUTES with AttributesToGet',
      input: {
        IndexName: 'gsi1',
        KeyConditions: { g: { ComparisonOperator: 'EQ', AttributeValueList: [{ S: 'G' }] } },
        Select: 'ALL_PROJECTED_ATTRIBUTES',
        AttributesToGet: ['pk'],
      },
      message: 'Cannot specify the AttributesToGet when choosing to get ALL_PROJECTED_ATTRIBUTES',
    },
    {
      name: 'ALL_ATTRIBUTES with a ProjectionExpression, before the projection check',
      input: { ...G, Select: 'ALL_ATTRIBUTES', ProjectionExpression: 'y' },
      message: 'Cannot specify the ProjectionExpression when choosing to get ALL_ATTRIBUTES',
    },
    {
      name: 'ALL_PROJECTED_ATTRIBUTES without IndexName',
      input: {
        KeyConditionExpression: 'pk = :p',
        ExpressionAttributeValues: { ':p': { S: 'a' } },
        Select: 'ALL_PROJECTED_ATTRIBUTES',
      },
      message: 'ALL_PROJECTED_ATTRIBUTES can be used only when Querying using an IndexName',
    },
  ];
  for (const { name, input, message } of cases) {
    it(name, async () => {
      const table = await orders();
      expectThrows(() => table.query(input), ValidationException, message);
    });
  }

  it('IndexName null reads the table, as an absent member', async () => {
    const table = await orders();
    const out = table.query({
      IndexName: null as never,
      KeyConditionExpression: 'pk = :p',
      ExpressionAttributeValues: { ':p': { S: 'a' } },
    });
    expect(keysOf(out.Items)).toEqual(['a/1', 'a/2', 'a/3']);
    expect(table.scan({ IndexName: null as never }).Count).toBe(6);
  });

  it('ConsistentRead is allowed on an LSI', async () => {
    const table = await orders();
    expect(keysOf(table.query({ ...LSI_A, ConsistentRead: true }).Items)).toEqual(['a/2', 'a/1', 'a/3']);
  });

  it('refuses a GSI that UpdateTable is still filling (AWS text)', async () => {
    const table = await orders();
    const index = table.indexes.get('gsi1');
    if (index === undefined) throw new Error('gsi1 missing');
    index.status = 'CREATING';
    expectThrows(
      () => table.query({ ...G }),
      ValidationException,
      'Cannot read from backfilling global secondary index: gsi1',
    );
    expectThrows(
      () => table.scan({ IndexName: 'gsi1' }),
      ValidationException,
      'Cannot read from backfilling global secondary index: gsi1',
    );
  });
});

describe('Query on a secondary index: ExclusiveStartKey', () => {
  const start = { pk: { S: 'a' }, sk: { S: '1' }, g: { S: 'G' }, h: { N: '1' } };
  const INVALID = 'The provided starting key is invalid';
  const SCHEMA = 'The provided starting key is invalid: The provided key element does not match the schema';
  const cases: { name: string; input: QueryInput; message: string }[] = [
    {
      name: 'the table key only',
      input: { ...G, ExclusiveStartKey: { pk: start.pk, sk: start.sk } },
      message: INVALID,
    },
    { name: 'the index key only', input: { ...G, ExclusiveStartKey: { g: start.g, h: start.h } }, message: INVALID },
    { name: 'an extra attribute', input: { ...G, ExclusiveStartKey: { ...start, x: { S: '1' } } }, message: INVALID },
    {
      name: 'the right size, a wrong name',
      input: { ...G, ExclusiveStartKey: { pk: start.pk, sk: start.sk, g: start.g, q: { N: '1' } } },
      message: INVALID,
    },
    {
      name: 'an LSI start key without the LSI key',
      input: { ...LSI_A, ExclusiveStartKey: { pk: start.pk, sk: start.sk } },
      message: INVALID,
    },
    {
      name: 'an index key of the wrong type',
      input: { ...G, ExclusiveStartKey: { ...start, h: { S: '1' } } },
      message: SCHEMA,
    },
    {
      name: 'a table key of the wrong type',
      input: { ...G, ExclusiveStartKey: { ...start, pk: { N: '1' } } },
      message: SCHEMA,
    },
    { name: 'an empty index key', input: { ...G, ExclusiveStartKey: { ...start, g: { S: '' } } }, message: SCHEMA },
    {
      name: 'another index partition',
      input: { ...G, ExclusiveStartKey: { ...start, g: { S: 'H' } } },
      message: 'The provided starting key is invalid: Exclusive Start Key must have same hash key value as the query',
    },
    {
      name: 'a bad start key before an unprojected filter attribute',
      input: { ...G, FilterExpression: 'y = :g', ExclusiveStartKey: { pk: start.pk } },
      message: INVALID,
    },
    {
      name: 'a bad key condition before a bad start key',
      input: { ...G, KeyConditionExpression: 'pk = :g', ExclusiveStartKey: { pk: start.pk } },
      message: 'Query condition missed key schema element: g',
    },
  ];
  for (const { name, input, message } of cases) {
    it(name, async () => {
      const table = await orders();
      expectThrows(() => table.query(input), ValidationException, message);
    });
  }
});
