import { describe, expect, it } from 'vitest';
import { ValidationException, type AttributeMap } from '../../src/index.js';
import { expectThrows } from '../support/aws-errors.js';
import { makeDb } from '../support/database.js';
import { makeTable } from '../support/tables.js';

const ids = (items: AttributeMap[] | undefined) =>
  (items ?? []).map((item) => item.sk!.S ?? item.sk!.N ?? Buffer.from(item.sk!.B!).toString('hex'));

describe('Table.query (legacy KeyConditions)', () => {
  it('returns one partition in sort key order: numbers by value', async () => {
    const { db } = await makeDb();
    const table = makeTable(db, { sortKey: 'N' });
    for (const sk of ['10', '-1.5', '2', '100', '0.25']) table.putItem({ Item: { id: { S: 'p' }, sk: { N: sk } } });
    table.putItem({ Item: { id: { S: 'other' }, sk: { N: '1' } } });
    const out = table.query({ KeyConditions: { id: { ComparisonOperator: 'EQ', AttributeValueList: [{ S: 'p' }] } } });
    expect(ids(out.Items)).toEqual(['-1.5', '0.25', '2', '10', '100']);
    expect(out).toMatchObject({ Count: 5, ScannedCount: 5 });
    expect(out.LastEvaluatedKey).toBeUndefined();
    const backwards = table.query({
      KeyConditions: { id: { ComparisonOperator: 'EQ', AttributeValueList: [{ S: 'p' }] } },
      ScanIndexForward: false,
    });
    expect(ids(backwards.Items)).toEqual(['100', '10', '2', '0.25', '-1.5']);
  });

  it('sorts strings by UTF-8 bytes (a character above U+FFFF after U+FFFD) and binary by unsigned bytes', async () => {
    const { db } = await makeDb();
    const strings = makeTable(db, { name: 'strings', sortKey: 'S' });
    for (const sk of ['b', 'B', 'a', '\u{1F600}', '\uFFFD', 'ab', ''])
      if (sk !== '') strings.putItem({ Item: { id: { S: 'p' }, sk: { S: sk } } });
    const out = strings.query({
      KeyConditions: { id: { ComparisonOperator: 'EQ', AttributeValueList: [{ S: 'p' }] } },
    });
    expect(ids(out.Items)).toEqual(['B', 'a', 'ab', 'b', '\uFFFD', '\u{1F600}']);

    const binary = makeTable(db, { name: 'binary', sortKey: 'B' });
    for (const bytes of [[0x80], [0x01, 0x00], [0x01], [0xff], [0x7f, 0xff]])
      binary.putItem({ Item: { id: { S: 'p' }, sk: { B: new Uint8Array(bytes) } } });
    const bin = binary.query({ KeyConditions: { id: { ComparisonOperator: 'EQ', AttributeValueList: [{ S: 'p' }] } } });
    expect(ids(bin.Items)).toEqual(['01', '0100', '7fff', '80', 'ff']);
  });

  it('supports EQ, LT, LE, GT, GE, BEGINS_WITH and BETWEEN on the sort key', async () => {
    const { db } = await makeDb();
    const table = makeTable(db, { sortKey: 'S' });
    for (const sk of ['a1', 'a2', 'b1', 'b2', 'c']) table.putItem({ Item: { id: { S: 'p' }, sk: { S: sk } } });
    const run = (ComparisonOperator: never, ...values: string[]) =>
      ids(
        table.query({
          KeyConditions: {
            id: { ComparisonOperator: 'EQ', AttributeValueList: [{ S: 'p' }] },
            sk: { ComparisonOperator, AttributeValueList: values.map((S) => ({ S })) },
          },
        }).Items,
      );
    expect(run('EQ' as never, 'b1')).toEqual(['b1']);
    expect(run('LT' as never, 'b1')).toEqual(['a1', 'a2']);
    expect(run('LE' as never, 'b1')).toEqual(['a1', 'a2', 'b1']);
    expect(run('GT' as never, 'b1')).toEqual(['b2', 'c']);
    expect(run('GE' as never, 'b1')).toEqual(['b1', 'b2', 'c']);
    expect(run('BEGINS_WITH' as never, 'a')).toEqual(['a1', 'a2']);
    expect(run('BETWEEN' as never, 'a2', 'b2')).toEqual(['a2', 'b1', 'b2']);
  });

  it('pages by Limit with LastEvaluatedKey, forwards and backwards, and Select COUNT counts', async () => {
    const { db } = await makeDb();
    const table = makeTable(db, { sortKey: 'N' });
    for (let i = 1; i <= 5; i++) table.putItem({ Item: { id: { S: 'p' }, sk: { N: String(i) } } });
    const hash = { id: { ComparisonOperator: 'EQ' as const, AttributeValueList: [{ S: 'p' }] } };
    for (const forward of [true, false]) {
      const seen: string[] = [];
      let start: AttributeMap | undefined;
      let pages = 0;
      do {
        const page = table.query({
          KeyConditions: hash,
          Limit: 2,
          ScanIndexForward: forward,
          ...(start === undefined ? {} : { ExclusiveStartKey: start }),
        });
        seen.push(...ids(page.Items));
        start = page.LastEvaluatedKey;
        pages++;
      } while (start !== undefined);
      expect(seen).toEqual(forward ? ['1', '2', '3', '4', '5'] : ['5', '4', '3', '2', '1']);
      expect(pages).toBe(3);
    }
    // AWS: a page that Limit filled has a LastEvaluatedKey even when nothing is left; the next page is empty.
    const full = table.query({ KeyConditions: hash, Limit: 5 });
    expect(full.LastEvaluatedKey).toEqual({ id: { S: 'p' }, sk: { N: '5' } });
    expect(table.query({ KeyConditions: hash, Limit: 5, ExclusiveStartKey: full.LastEvaluatedKey! })).toEqual({
      Items: [],
      Count: 0,
      ScannedCount: 0,
    });
    expect(table.query({ KeyConditions: hash, Select: 'COUNT' })).toEqual({ Count: 5, ScannedCount: 5 });
    // The start key need not exist any more.
    table.deleteItem({ Key: { id: { S: 'p' }, sk: { N: '2' } } });
    expect(
      ids(table.query({ KeyConditions: hash, ExclusiveStartKey: { id: { S: 'p' }, sk: { N: '2' } } }).Items),
    ).toEqual(['3', '4', '5']);
  });

  it('rejects bad KeyConditions with AWS messages', async () => {
    const { db } = await makeDb();
    const table = makeTable(db, { sortKey: 'N' });
    const hash = { id: { ComparisonOperator: 'EQ' as const, AttributeValueList: [{ S: 'p' }] } };
    const rejects = (input: unknown, message: string) =>
      expectThrows(() => table.query(input as never), ValidationException, message);
    rejects({}, 'Either the KeyConditions or KeyConditionExpression parameter must be specified in the request.');
    rejects(
      { KeyConditions: { sk: { ComparisonOperator: 'EQ', AttributeValueList: [{ N: '1' }] } } },
      'Query condition missed key schema element: id',
    );
    rejects(
      { KeyConditions: { id: { ComparisonOperator: 'GT', AttributeValueList: [{ S: 'p' }] } } },
      'Query key condition not supported',
    );
    rejects(
      { KeyConditions: { ...hash, sk: { ComparisonOperator: 'NE', AttributeValueList: [{ N: '1' }] } } },
      'Query key condition not supported',
    );
    rejects(
      { KeyConditions: { ...hash, other: { ComparisonOperator: 'EQ', AttributeValueList: [{ N: '1' }] } } },
      'Query condition missed key schema element: sk',
    );
    rejects(
      { KeyConditions: { ...hash, sk: { ComparisonOperator: 'BETWEEN', AttributeValueList: [{ N: '1' }] } } },
      'One or more parameter values were invalid: Invalid number of argument(s) for the BETWEEN ComparisonOperator',
    );
    rejects(
      { KeyConditions: { ...hash, sk: { ComparisonOperator: 'EQ', AttributeValueList: [{ S: '1' }] } } },
      'One or more parameter values were invalid: Condition parameter type does not match schema type',
    );
    rejects(
      { KeyConditions: { ...hash, sk: { ComparisonOperator: 'BEGINS_WITH', AttributeValueList: [{ N: '1' }] } } },
      'One or more parameter values were invalid: ComparisonOperator BEGINS_WITH is not valid for N AttributeValue type',
    );
    rejects(
      { KeyConditions: hash, Limit: 0 },
      "1 validation error detected: Value '0' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1",
    );
    rejects(
      { KeyConditions: hash, ExclusiveStartKey: { id: { S: 'p' } } },
      'The provided starting key is invalid: The provided key element does not match the schema',
    );
    rejects(
      { KeyConditions: hash, ExclusiveStartKey: { id: { S: 'q' }, sk: { N: '1' } } },
      'The provided starting key is invalid: Exclusive Start Key must have same hash key value as the query',
    );
    rejects(
      { KeyConditionExpression: 'id = :v', KeyConditions: hash },
      'Can not use both expression and non-expression parameters in the same request: Non-expression parameters: {KeyConditions} Expression parameters: {KeyConditionExpression}',
    );
    rejects(
      { KeyConditions: hash, FilterExpression: 'a = :b' },
      'Can not use both expression and non-expression parameters in the same request: Non-expression parameters: {KeyConditions} Expression parameters: {FilterExpression}',
    );
    rejects({ KeyConditions: hash, IndexName: 'byDate' }, 'The table does not have the specified index: byDate');
  });
});

describe('Table.scan', () => {
  it('returns every item in key order and pages by Limit and ExclusiveStartKey', async () => {
    const { db } = await makeDb();
    const table = makeTable(db, { sortKey: 'N' });
    for (const [id, sk] of [
      ['b', '2'],
      ['a', '10'],
      ['b', '1'],
      ['a', '9'],
    ] as const)
      table.putItem({ Item: { id: { S: id }, sk: { N: sk } } });
    const keyOf = (item: AttributeMap) => `${item.id!.S}/${item.sk!.N}`;
    expect(table.scan().Items!.map(keyOf)).toEqual(['a/9', 'a/10', 'b/1', 'b/2']);
    const first = table.scan({ Limit: 3 });
    expect(first.Items!.map(keyOf)).toEqual(['a/9', 'a/10', 'b/1']);
    expect(first.LastEvaluatedKey).toEqual({ id: { S: 'b' }, sk: { N: '1' } });
    const second = table.scan({ Limit: 3, ExclusiveStartKey: first.LastEvaluatedKey! });
    expect(second.Items!.map(keyOf)).toEqual(['b/2']);
    expect(second.LastEvaluatedKey).toBeUndefined();
    expect(table.scan({ Select: 'COUNT' })).toEqual({ Count: 4, ScannedCount: 4 });
  });

  it('sees every write: overwrites, inserts and deletes after a scan', async () => {
    const { db } = await makeDb();
    const table = makeTable(db);
    table.put({ id: 'b', v: 1 });
    expect(table.scan().Count).toBe(1);
    table.put({ id: 'b', v: 2 });
    table.put({ id: 'a' });
    expect(table.scan().Items).toEqual([{ id: { S: 'a' } }, { id: { S: 'b' }, v: { N: '2' } }]);
    table.delete({ id: 'a' });
    expect(table.scan().Items).toEqual([{ id: { S: 'b' }, v: { N: '2' } }]);
  });

  it('stops a page at 1 MB of items', async () => {
    const { db } = await makeDb();
    const table = makeTable(db, { viewType: null });
    const big = 'x'.repeat(300_000);
    for (let i = 0; i < 5; i++) table.put({ id: `k${i}`, big });
    const first = table.scan();
    expect(first.Count).toBe(4); // the fourth crosses 1 MB and ends the page
    expect(first.LastEvaluatedKey).toEqual({ id: { S: 'k3' } });
    expect(table.scan({ ExclusiveStartKey: first.LastEvaluatedKey! }).Count).toBe(1);
  });

  it('rejects a bad Select by name', async () => {
    const { db } = await makeDb();
    const table = makeTable(db);
    expectThrows(
      () => table.scan({ Select: 'ALL' } as never),
      ValidationException,
      "1 validation error detected: Value 'ALL' at 'select' failed to satisfy constraint: Member must satisfy enum value set: [SPECIFIC_ATTRIBUTES, COUNT, ALL_ATTRIBUTES, ALL_PROJECTED_ATTRIBUTES]",
    );
  });
});

/**
 * The legacy ScanFilter, QueryFilter, AttributesToGet and parallel-scan segments. The expectations are the answers
 * DynamoDB Local 2.x gave to the same requests on the same ten items (recorded 2026-11-30), except for item order
 * (DynamoDB Local scans in its own hash order; shardline in key order) and where noted.
 */
describe('Query and Scan: filters, AttributesToGet and segments', () => {
  async function tenItems() {
    const { db } = await makeDb();
    const table = makeTable(db, { sortKey: 'N' });
    for (let i = 0; i < 10; i++) {
      table.putItem({
        Item: {
          id: { S: `p${i % 3}` },
          sk: { N: String(i) },
          v: { N: String(i * 10) },
          tag: { S: i % 2 ? 'odd' : 'even' },
        },
      });
    }
    return table;
  }
  const odd = { tag: { ComparisonOperator: 'EQ' as const, AttributeValueList: [{ S: 'odd' }] } };
  const p0 = { id: { ComparisonOperator: 'EQ' as const, AttributeValueList: [{ S: 'p0' }] } };

  it('ScanFilter: Limit counts the items read; Count those kept; LastEvaluatedKey is the last read', async () => {
    const table = await tenItems();
    // Key order: p0 (0,3,6,9), p1 (1,4,7), p2 (2,5,8); the first four read are p0's.
    const out = table.scan({ ScanFilter: odd, Limit: 4 });
    expect(ids(out.Items)).toEqual(['3', '9']);
    expect(out).toMatchObject({ Count: 2, ScannedCount: 4, LastEvaluatedKey: { id: { S: 'p0' }, sk: { N: '9' } } });
    const rest = table.scan({ ScanFilter: odd, ExclusiveStartKey: out.LastEvaluatedKey! });
    expect(ids(rest.Items)).toEqual(['1', '7', '5']);
    expect(rest).toMatchObject({ Count: 3, ScannedCount: 6 });
  });

  it('ScanFilter: may name key attributes; ConditionalOperator OR joins the conditions', async () => {
    const table = await tenItems();
    const byKey = table.scan({ ScanFilter: { id: { ComparisonOperator: 'EQ', AttributeValueList: [{ S: 'p1' }] } } });
    expect(byKey).toMatchObject({ Count: 3, ScannedCount: 10 });
    const either = table.scan({
      ScanFilter: { ...odd, v: { ComparisonOperator: 'LT', AttributeValueList: [{ N: '20' }] } },
      ConditionalOperator: 'OR',
    });
    expect(either).toMatchObject({ Count: 6, ScannedCount: 10 });
    const both = table.scan({
      ScanFilter: { ...odd, v: { ComparisonOperator: 'LT', AttributeValueList: [{ N: '20' }] } },
    });
    expect(ids(both.Items)).toEqual(['1']);
  });

  it('QueryFilter: filters one partition, and may not name a key attribute', async () => {
    const table = await tenItems();
    const out = table.query({
      KeyConditions: p0,
      QueryFilter: { tag: { ComparisonOperator: 'EQ', AttributeValueList: [{ S: 'even' }] } },
      Limit: 2,
    });
    expect(ids(out.Items)).toEqual(['0']);
    expect(out).toMatchObject({ Count: 1, ScannedCount: 2, LastEvaluatedKey: { id: { S: 'p0' }, sk: { N: '3' } } });
    expect(
      table.query({ KeyConditions: p0, QueryFilter: { zz: { ComparisonOperator: 'NULL' } }, Select: 'COUNT' }),
    ).toEqual({ Count: 4, ScannedCount: 4 });
    expectThrows(
      () =>
        table.query({
          KeyConditions: p0,
          QueryFilter: { sk: { ComparisonOperator: 'EQ', AttributeValueList: [{ N: '3' }] } },
        }),
      ValidationException,
      'QueryFilter can only contain non-primary key attributes: Primary key attribute: sk',
    );
  });

  it('filter errors: an unknown operator, a wrong argument count, ConditionalOperator alone', async () => {
    const table = await tenItems();
    expectThrows(
      () =>
        table.scan({ ScanFilter: { tag: { ComparisonOperator: 'XX' as never, AttributeValueList: [{ S: 'odd' }] } } }),
      ValidationException,
      'Comparison type does not exist in DynamoDB',
    );
    expectThrows(
      () => table.scan({ ScanFilter: { tag: { ComparisonOperator: 'EQ' } } }),
      ValidationException,
      'One or more parameter values were invalid: Invalid number of argument(s) for the EQ ComparisonOperator',
    );
    expectThrows(
      () => table.scan({ ConditionalOperator: 'OR' }),
      ValidationException,
      'ConditionalOperator cannot be used without Filter or Expected',
    );
  });

  it('AttributesToGet: only those attributes (absent ones left out), with the Select rules', async () => {
    const table = await tenItems();
    const out = table.scan({ AttributesToGet: ['v', 'nope'], Limit: 2 });
    expect(out.Items).toEqual([{ v: { N: '0' } }, { v: { N: '30' } }]);
    expect(out.LastEvaluatedKey).toEqual({ id: { S: 'p0' }, sk: { N: '3' } });
    expect(table.query({ KeyConditions: p0, AttributesToGet: ['tag'], Select: 'SPECIFIC_ATTRIBUTES' }).Items).toEqual([
      { tag: { S: 'even' } },
      { tag: { S: 'odd' } },
      { tag: { S: 'even' } },
      { tag: { S: 'odd' } },
    ]);
    expectThrows(
      () => table.scan({ AttributesToGet: ['v'], Select: 'ALL_ATTRIBUTES' }),
      ValidationException,
      'Cannot specify the AttributesToGet when choosing to get ALL_ATTRIBUTES',
    );
    expectThrows(
      () => table.scan({ AttributesToGet: ['v'], Select: 'COUNT' }),
      ValidationException,
      'Cannot specify the AttributesToGet when choosing to get only the Count',
    );
    expectThrows(
      () => table.scan({ AttributesToGet: ['v', 'v'] }),
      ValidationException,
      'Cannot have two attributes with the same name',
    );
    expectThrows(
      () => table.scan({ Select: 'SPECIFIC_ATTRIBUTES' }),
      ValidationException,
      'Must specify the AttributesToGet or ProjectionExpression when choosing to get SPECIFIC_ATTRIBUTES',
    );
    // AWS's model requires at least one name (DynamoDB Local returns empty items instead).
    expectThrows(
      () => table.scan({ AttributesToGet: [] }),
      ValidationException,
      "1 validation error detected: Value '[]' at 'attributesToGet' failed to satisfy constraint: Member must have length greater than or equal to 1",
    );
  });

  it('AttributesToGet hands out copies: a projected binary cannot change the table', async () => {
    const { db } = await makeDb();
    const table = makeTable(db);
    table.putItem({ Item: { id: { S: 'k' }, bytes: { B: new Uint8Array([1, 2]) } } });
    const [projected] = table.scan({ AttributesToGet: ['bytes'] }).Items!;
    (projected!.bytes!.B as Uint8Array)[0] = 99;
    expect(table.getItem({ Key: { id: { S: 'k' } } }).Item!.bytes!.B).toEqual(new Uint8Array([1, 2]));
  });

  it('segments: every partition in exactly one segment; together they are the whole table; each pages on its own', async () => {
    const { db } = await makeDb();
    const table = makeTable(db, { sortKey: 'N' });
    for (let i = 0; i < 200; i++) table.putItem({ Item: { id: { S: `p${i % 37}` }, sk: { N: String(i) } } });
    const key = (item: AttributeMap) => `${item.id!.S}/${item.sk!.N}`;
    for (const total of [1, 2, 3, 7]) {
      const seen: string[] = [];
      const partitionsBySegment = new Map<string, number>();
      for (let segment = 0; segment < total; segment++) {
        let start: AttributeMap | undefined;
        do {
          const out = table.scan({
            Segment: segment,
            TotalSegments: total,
            Limit: 9,
            ...(start ? { ExclusiveStartKey: start } : {}),
          });
          for (const item of out.Items!) {
            seen.push(key(item));
            const before = partitionsBySegment.get(item.id!.S!);
            expect(before === undefined || before === segment).toBe(true);
            partitionsBySegment.set(item.id!.S!, segment);
          }
          start = out.LastEvaluatedKey;
        } while (start !== undefined);
      }
      expect(seen.sort()).toEqual(table.scan().Items!.map(key).sort());
      if (total > 1) expect(new Set(partitionsBySegment.values()).size).toBeGreaterThan(1);
    }
  });

  it('segment errors, as DynamoDB Local words them', async () => {
    const table = await tenItems();
    expectThrows(
      () => table.scan({ Segment: 0 }),
      ValidationException,
      'If segment is specified, total segment must also be specified',
    );
    expectThrows(
      () => table.scan({ TotalSegments: 2 }),
      ValidationException,
      'If total segments is specified, a particular segment must also be specified for this request',
    );
    expectThrows(
      () => table.scan({ Segment: 2, TotalSegments: 2 }),
      ValidationException,
      "1 validation error detected: Value '2' at 'segment' failed to satisfy constraint: Member must have value less than or equal to 1",
    );
    expectThrows(
      () => table.scan({ Segment: 0, TotalSegments: 0 }),
      ValidationException,
      "1 validation error detected: Value '0' at 'totalSegments' failed to satisfy constraint: Member must have value greater than or equal to 1",
    );
  });
});
