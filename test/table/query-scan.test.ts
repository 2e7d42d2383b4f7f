import { describe, expect, it } from 'vitest';
import { ValidationException, type AttributeMap } from '../../src/index.js';
import { expectThrows, makeDb, makeTable } from './helpers.js';

const ids = (items: AttributeMap[] | undefined) => (items ?? []).map((item) => item.sk!.S ?? item.sk!.N ?? Buffer.from(item.sk!.B!).toString('hex'));

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
    const backwards = table.query({ KeyConditions: { id: { ComparisonOperator: 'EQ', AttributeValueList: [{ S: 'p' }] } }, ScanIndexForward: false });
    expect(ids(backwards.Items)).toEqual(['100', '10', '2', '0.25', '-1.5']);
  });

  it('sorts strings by UTF-8 bytes (a character above U+FFFF after U+FFFD) and binary by unsigned bytes', async () => {
    const { db } = await makeDb();
    const strings = makeTable(db, { name: 'strings', sortKey: 'S' });
    for (const sk of ['b', 'B', 'a', '\u{1F600}', '\uFFFD', 'ab', '']) if (sk !== '') strings.putItem({ Item: { id: { S: 'p' }, sk: { S: sk } } });
    const out = strings.query({ KeyConditions: { id: { ComparisonOperator: 'EQ', AttributeValueList: [{ S: 'p' }] } } });
    expect(ids(out.Items)).toEqual(['B', 'a', 'ab', 'b', '\uFFFD', '\u{1F600}']);

    const binary = makeTable(db, { name: 'binary', sortKey: 'B' });
    for (const bytes of [[0x80], [0x01, 0x00], [0x01], [0xff], [0x7f, 0xff]]) binary.putItem({ Item: { id: { S: 'p' }, sk: { B: new Uint8Array(bytes) } } });
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
          KeyConditions: { id: { ComparisonOperator: 'EQ', AttributeValueList: [{ S: 'p' }] }, sk: { ComparisonOperator, AttributeValueList: values.map((S) => ({ S })) } },
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
        const page = table.query({ KeyConditions: hash, Limit: 2, ScanIndexForward: forward, ...(start === undefined ? {} : { ExclusiveStartKey: start }) });
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
    expect(table.query({ KeyConditions: hash, Limit: 5, ExclusiveStartKey: full.LastEvaluatedKey! })).toEqual({ Items: [], Count: 0, ScannedCount: 0 });
    expect(table.query({ KeyConditions: hash, Select: 'COUNT' })).toEqual({ Count: 5, ScannedCount: 5 });
    // The start key need not exist any more.
    table.deleteItem({ Key: { id: { S: 'p' }, sk: { N: '2' } } });
    expect(ids(table.query({ KeyConditions: hash, ExclusiveStartKey: { id: { S: 'p' }, sk: { N: '2' } } }).Items)).toEqual(['3', '4', '5']);
  });

  it('rejects bad KeyConditions with AWS messages', async () => {
    const { db } = await makeDb();
    const table = makeTable(db, { sortKey: 'N' });
    const hash = { id: { ComparisonOperator: 'EQ' as const, AttributeValueList: [{ S: 'p' }] } };
    const rejects = (input: unknown, message: string) => expectThrows(() => table.query(input as never), ValidationException, message);
    rejects({}, 'Either the KeyConditions or KeyConditionExpression parameter must be specified in the request.');
    rejects({ KeyConditions: { sk: { ComparisonOperator: 'EQ', AttributeValueList: [{ N: '1' }] } } }, 'Query condition missed key schema element: id');
    rejects({ KeyConditions: { id: { ComparisonOperator: 'GT', AttributeValueList: [{ S: 'p' }] } } }, 'Query key condition not supported');
    rejects({ KeyConditions: { ...hash, sk: { ComparisonOperator: 'NE', AttributeValueList: [{ N: '1' }] } } }, 'Query key condition not supported');
    rejects({ KeyConditions: { ...hash, other: { ComparisonOperator: 'EQ', AttributeValueList: [{ N: '1' }] } } }, 'Query condition missed key schema element: sk');
    rejects(
      { KeyConditions: { ...hash, sk: { ComparisonOperator: 'BETWEEN', AttributeValueList: [{ N: '1' }] } } },
      'One or more parameter values were invalid: Invalid number of argument(s) for the BETWEEN ComparisonOperator',
    );
    rejects({ KeyConditions: { ...hash, sk: { ComparisonOperator: 'EQ', AttributeValueList: [{ S: '1' }] } } }, 'One or more parameter values were invalid: Condition parameter type does not match schema type');
    rejects(
      { KeyConditions: { ...hash, sk: { ComparisonOperator: 'BEGINS_WITH', AttributeValueList: [{ N: '1' }] } } },
      'One or more parameter values were invalid: ComparisonOperator BEGINS_WITH is not valid for N AttributeValue type',
    );
    rejects({ KeyConditions: hash, Limit: 0 }, "1 validation error detected: Value '0' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1");
    rejects({ KeyConditions: hash, ExclusiveStartKey: { id: { S: 'p' } } }, 'The provided starting key is invalid: The provided key element does not match the schema');
    rejects(
      { KeyConditions: hash, ExclusiveStartKey: { id: { S: 'q' }, sk: { N: '1' } } },
      'The provided starting key is invalid: Exclusive Start Key must have same hash key value as the query',
    );
    rejects(
      { KeyConditionExpression: 'id = :v', KeyConditions: hash },
      'KeyConditionExpression is not supported by shardline yet (Query): use the legacy KeyConditions parameter',
    );
    rejects({ KeyConditions: hash, FilterExpression: 'a = :b' }, 'FilterExpression is not supported by shardline yet (Query)');
    rejects({ KeyConditions: hash, IndexName: 'byDate' }, 'The table does not have the specified index: byDate');
  });
});

describe('Table.scan', () => {
  it('returns every item in key order and pages by Limit and ExclusiveStartKey', async () => {
    const { db } = await makeDb();
    const table = makeTable(db, { sortKey: 'N' });
    for (const [id, sk] of [['b', '2'], ['a', '10'], ['b', '1'], ['a', '9']] as const) table.putItem({ Item: { id: { S: id }, sk: { N: sk } } });
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

  it('rejects filters, segments and a bad Select by name', async () => {
    const { db } = await makeDb();
    const table = makeTable(db);
    expectThrows(() => table.scan({ ScanFilter: {} } as never), ValidationException, 'ScanFilter is not supported by shardline yet (Scan)');
    expectThrows(() => table.scan({ Segment: 0, TotalSegments: 2 } as never), ValidationException, 'Segment is not supported by shardline yet (Scan)');
    expectThrows(
      () => table.scan({ Select: 'ALL' } as never),
      ValidationException,
      "1 validation error detected: Value 'ALL' at 'select' failed to satisfy constraint: Member must satisfy enum value set: [SPECIFIC_ATTRIBUTES, COUNT, ALL_ATTRIBUTES, ALL_PROJECTED_ATTRIBUTES]",
    );
  });
});
