/**
 * DynamoDB's limits on an item's shape (src/model/item-limits.ts): 32 levels of nesting, attribute names of at
 * most 65,535 bytes, key attribute names of at most 255, and the 400 KB size checked as the walk goes, so that
 * nothing past the first limit crossed is looked at (issue 9, items 10, 11 and 13). Boundaries, messages and
 * orders as observed on DynamoDB Local 2.9.30; the nesting boundary is real DynamoDB's too.
 */
import { DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { DynamoDBStreams } from '@aws-sdk/client-dynamodb-streams';
import { describe, expect, it } from 'vitest';
import { StreamReader, ValidationException, type AttributeMap, type AttributeValue } from '../../src/index.js';
import { sdkStreamSource } from '../../src/public/reader.js';
import { createAwsHandler } from '../../src/public/wire.js';
import { canonicalItem, canonicalValue } from '../../src/model/frozen-item.js';
import { dispatch } from '../../src/wire/dispatch.js';
import { expectRejected, expectThrows } from '../support/aws-errors.js';
import { makeDb } from '../support/database.js';
import { makeTable } from '../support/tables.js';

const TOO_DEEP =
  'Nesting Levels have exceeded supported limits: Attributes in the item have nested levels beyond supported limit';
const NAME_TOO_LONG = 'Attribute name is too large, must be less than 65536 bytes';
const KEY_NAME =
  'Names of key attributes and attributes projected into an index must be between 1 and 255 characters, inclusive';
const TOO_BIG = 'Item size has exceeded the maximum allowed size';
const EMPTY = 'Supplied AttributeValue is empty, must contain exactly one of the supported datatypes';
const DDB = 'DynamoDB_20120810.';

/** `leaf` inside `containers` maps (`{M:{a:...}}`) or lists (`{L:[...]}`), built without recursion. */
function nested(containers: number, kind: 'M' | 'L' = 'M', leaf: AttributeValue = { S: 'x' }): AttributeValue {
  let value = leaf;
  for (let i = 0; i < containers; i++) value = kind === 'M' ? { M: { a: value } } : { L: [value] };
  return value;
}

/** An error body of a wire call, as `{ type, message }`. */
function wireError(response: { statusCode: number; body: string }): { status: number; type: string; message: string } {
  const body = JSON.parse(response.body) as { __type: string; message: string };
  return { status: response.statusCode, type: body.__type.split('#')[1] as string, message: body.message };
}

describe('nesting: at most 32 levels, the item itself being the first', () => {
  it('a top-level map is level 2: 31 maps around a scalar are accepted, 32 are refused, and so are 31 around an empty map', async () => {
    const { db } = await makeDb();
    const table = makeTable(db);
    table.putItem({ Item: { id: { S: 'ok' }, v: nested(31) } });
    table.putItem({ Item: { id: { S: 'ok-list' }, v: nested(31, 'L') } });
    table.putItem({ Item: { id: { S: 'ok-empty' }, v: nested(30, 'M', { M: {} }) } });
    table.putItem({ Item: { id: { S: 'ok-set' }, v: nested(31, 'M', { SS: ['a'] }) } });
    expectRejected(
      db,
      () => table.putItem({ Item: { id: { S: 'deep' }, v: nested(32) } }),
      ValidationException,
      TOO_DEEP,
    );
    expectRejected(
      db,
      () => table.putItem({ Item: { id: { S: 'deep' }, v: nested(32, 'L') } }),
      ValidationException,
      TOO_DEEP,
    );
    expectRejected(
      db,
      () => table.putItem({ Item: { id: { S: 'deep' }, v: nested(31, 'M', { M: {} }) } }),
      ValidationException,
      TOO_DEEP,
    );
    expectRejected(
      db,
      () => table.putItem({ Item: { id: { S: 'deep' }, v: nested(31, 'L', { L: [] }) } }),
      ValidationException,
      TOO_DEEP,
    );
    expectRejected(
      db,
      () => table.putItem({ Item: { id: { S: 'deep' }, v: nested(16, 'L', nested(16, 'M')) } }),
      ValidationException,
      TOO_DEEP,
    );
  });

  it('checked in the order of the walk: an invalid value before the deep one is reported first, one after it is not', () => {
    expectThrows(() => canonicalItem({ a: {}, v: nested(40) }), ValidationException, EMPTY);
    expectThrows(() => canonicalItem({ v: nested(40), z: {} }), ValidationException, TOO_DEEP);
  });

  it('an item nested 100,000 levels deep is refused with that message (regression: RangeError past about 1,400 levels)', async () => {
    const { db } = await makeDb();
    const table = makeTable(db);
    expectRejected(
      db,
      () => table.putItem({ Item: { id: { S: 'deep' }, v: nested(100_000) } }),
      ValidationException,
      TOO_DEEP,
    );
    expectRejected(
      db,
      () => table.putItem({ Item: { id: { S: 'deep' }, v: nested(100_000, 'L') } }),
      ValidationException,
      TOO_DEEP,
    );
  });

  it('a map or list that contains itself is refused as too deep (regression: a circular map threw RangeError)', async () => {
    const { db } = await makeDb();
    const table = makeTable(db);
    const map: Record<string, AttributeValue> = {};
    map.self = { M: map };
    const list: AttributeValue[] = [];
    list.push({ L: list });
    expectRejected(
      db,
      () => table.putItem({ Item: { id: { S: 'cycle' }, m: { M: map } } }),
      ValidationException,
      TOO_DEEP,
    );
    expectRejected(
      db,
      () => table.putItem({ Item: { id: { S: 'cycle' }, l: { L: list } } }),
      ValidationException,
      TOO_DEEP,
    );
    expectThrows(() => canonicalValue({ M: map }), ValidationException, TOO_DEEP);
  });

  it('the document API: a plain object past the limit, or one that contains itself, is refused the same way', async () => {
    const { db } = await makeDb();
    const table = makeTable(db);
    const build = (levels: number): Record<string, unknown> => {
      let value: Record<string, unknown> = { leaf: 1 };
      for (let i = 0; i < levels; i++) value = { a: value };
      return value;
    };
    // build(30) is 31 maps: the outer one is the attribute's value.
    table.put({ id: 'ok', v: build(30) });
    expectRejected(db, () => table.put({ id: 'deep', v: build(31) }), ValidationException, TOO_DEEP);
    expectRejected(db, () => table.put({ id: 'deep', v: build(100_000) }), ValidationException, TOO_DEEP);
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    const cyclicList: unknown[] = [];
    cyclicList.push(cyclicList);
    expectRejected(db, () => table.put({ id: 'cycle', v: cyclic }), ValidationException, TOO_DEEP);
    expectRejected(db, () => table.put({ id: 'cycle', v: cyclicList }), ValidationException, TOO_DEEP);
    expectRejected(db, () => table.put({ id: 'cycle', v: new Map([['m', cyclic]]) }), ValidationException, TOO_DEEP);
  });

  it('keys, conditions and updates on the wire: GetItem Key, Expected, a Scan filter, AttributeUpdates, BatchWriteItem, TransactWriteItems', async () => {
    const { db } = await makeDb();
    makeTable(db);
    const deep = nested(40);
    const calls: [string, unknown][] = [
      ['GetItem', { TableName: 'items', Key: { id: deep } }],
      ['PutItem', { TableName: 'items', Item: { id: { S: 'k' } }, Expected: { a: { Value: deep } } }],
      ['Scan', { TableName: 'items', ScanFilter: { a: { ComparisonOperator: 'EQ', AttributeValueList: [deep] } } }],
      [
        'UpdateItem',
        { TableName: 'items', Key: { id: { S: 'k' } }, AttributeUpdates: { a: { Action: 'PUT', Value: deep } } },
      ],
      ['BatchWriteItem', { RequestItems: { items: [{ PutRequest: { Item: { id: { S: 'k' }, v: deep } } }] } }],
      ['TransactWriteItems', { TransactItems: [{ Put: { TableName: 'items', Item: { id: { S: 'k' }, v: deep } } }] }],
    ];
    for (const [operation, body] of calls) {
      expect([operation, wireError(dispatch(db, `${DDB}${operation}`, JSON.stringify(body)))]).toEqual([
        operation,
        { status: 400, type: 'ValidationException', message: TOO_DEEP },
      ]);
    }
    expect(db.table('items').itemCount).toBe(0);
  });

  it('on the wire the table is looked up first, as DynamoDB Local does', async () => {
    const { db } = await makeDb();
    const response = dispatch(
      db,
      `${DDB}PutItem`,
      JSON.stringify({ TableName: 'missing', Item: { id: { S: 'k' }, v: nested(40) } }),
    );
    expect(wireError(response).type).toBe('ResourceNotFoundException');
  });

  it('an item 1,100 levels deep written through the SDK is refused, and a StreamReader over sdkStreamSource reads on (regression: RangeError on its polls)', async () => {
    const { clock, db } = await makeDb();
    const table = makeTable(db);
    const config = {
      region: 'us-east-1',
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      requestHandler: createAwsHandler(db),
      maxAttempts: 1,
    };
    const client = new DynamoDBClient(config);
    // The SDK's own logging may fail on so deep an input after the answer; whatever it throws, the write is refused.
    await expect(
      client.send(new PutItemCommand({ TableName: 'items', Item: { id: { S: 'deep' }, v: nested(1_100) } })),
    ).rejects.toThrow();
    await expect(
      client.send(new PutItemCommand({ TableName: 'items', Item: { id: { S: 'deep' }, v: nested(32) } })),
    ).rejects.toThrow(TOO_DEEP);
    table.putItem({ Item: { id: { S: 'fine' }, v: nested(31) } });
    expect(table.itemCount).toBe(1);
    const reader = new StreamReader(
      sdkStreamSource(new DynamoDBStreams(config), { streamArn: table.stream!.arn, clock }),
    );
    const seen: string[] = [];
    for (let poll = 0; poll < 3; poll++) {
      for (const batch of await reader.pollAsync())
        seen.push(...batch.records.map((record) => record.dynamodb.Keys.id!.S as string));
    }
    expect(seen).toEqual(['fine']);
    client.destroy();
  });
});

describe('attribute names: at most 65,535 bytes', () => {
  it('65,535 bytes are accepted, 65,536 refused, at the top level, in a map and in a key (regression: 65,537 were accepted)', async () => {
    const { db } = await makeDb();
    const table = makeTable(db);
    const name = (bytes: number) => 'n'.repeat(bytes);
    table.putItem({ Item: { id: { S: 'ok' }, [name(65_535)]: { S: 'x' }, m: { M: { [name(65_535)]: { S: 'x' } } } } });
    expectRejected(
      db,
      () => table.putItem({ Item: { id: { S: 'long' }, [name(65_536)]: { S: 'x' } } }),
      ValidationException,
      NAME_TOO_LONG,
    );
    expectRejected(
      db,
      () => table.putItem({ Item: { id: { S: 'long' }, [name(65_537)]: { S: 'x' } } }),
      ValidationException,
      NAME_TOO_LONG,
    );
    expectRejected(
      db,
      () => table.putItem({ Item: { id: { S: 'long' }, m: { M: { [name(65_536)]: { S: 'x' } } } } }),
      ValidationException,
      NAME_TOO_LONG,
    );
    expectRejected(
      db,
      () => table.getItem({ Key: { [name(65_536)]: { S: 'x' } } }),
      ValidationException,
      NAME_TOO_LONG,
    );
    // Bytes of UTF-8, not characters: 32,768 two-byte characters are 65,536 bytes.
    expectRejected(
      db,
      () => table.putItem({ Item: { id: { S: 'long' }, ['é'.repeat(32_768)]: { S: 'x' } } }),
      ValidationException,
      NAME_TOO_LONG,
    );
    table.putItem({ Item: { id: { S: 'ok2' }, ['é'.repeat(32_767) + 'e']: { S: 'x' } } });
  });

  it("a name is checked after its value and before the size so far (DynamoDB Local's order)", () => {
    const long = 'n'.repeat(65_536);
    expectThrows(() => canonicalItem({ [long]: {} }), ValidationException, EMPTY);
    expectThrows(() => canonicalItem({ [long]: { S: 'x'.repeat(500_000) } }), ValidationException, NAME_TOO_LONG);
    expectThrows(
      () => canonicalItem({ x: { S: 'x'.repeat(400_000) }, [long]: { S: 'a' } }),
      ValidationException,
      NAME_TOO_LONG,
    );
    expectThrows(() => canonicalItem({ [long]: { S: 'x' }, z: {} }), ValidationException, NAME_TOO_LONG);
  });
});

describe('key attribute names: 1 to 255 bytes', () => {
  const create = (
    db: Awaited<ReturnType<typeof makeDb>>['db'],
    hash: string,
    definitions = [{ AttributeName: hash, AttributeType: 'S' as const }],
  ) =>
    db.createTable({
      TableName: `keys${db.listTables().TableNames.length}`,
      KeySchema: [{ AttributeName: hash, KeyType: 'HASH' }],
      AttributeDefinitions: definitions,
    });

  it('255 bytes are accepted; 256, 128 two-byte characters and an empty name are refused (regression: 256 were accepted)', async () => {
    const { db } = await makeDb();
    create(db, 'k'.repeat(255)).putItem({ Item: { ['k'.repeat(255)]: { S: 'v' } } });
    expectRejected(db, () => create(db, 'k'.repeat(256)), ValidationException, KEY_NAME);
    expectRejected(db, () => create(db, 'é'.repeat(128)), ValidationException, KEY_NAME);
    expectRejected(db, () => create(db, ''), ValidationException, KEY_NAME);
    expect(db.listTables().TableNames).toHaveLength(1);
  });

  it("checked on the AttributeDefinitions, after the key schema and before duplicates and types (DynamoDB Local's order)", async () => {
    const { db } = await makeDb();
    const long = 'k'.repeat(256);
    // A long name in the key schema alone: the hash key is not defined.
    expectThrows(
      () => create(db, long, [{ AttributeName: 'x', AttributeType: 'S' }]),
      ValidationException,
      'Hash Key not specified in Attribute Definitions.  Type unknown.',
    );
    expectThrows(
      () =>
        create(db, long, [
          { AttributeName: long, AttributeType: 'S' },
          { AttributeName: long, AttributeType: 'S' },
        ]),
      ValidationException,
      KEY_NAME,
    );
    expectThrows(
      () =>
        create(db, long, [
          { AttributeName: long, AttributeType: 'S' },
          { AttributeName: 'z', AttributeType: 'X' as 'S' },
        ]),
      ValidationException,
      KEY_NAME,
    );
    expectThrows(
      () =>
        create(db, 'h', [
          { AttributeName: 'h', AttributeType: 'S' },
          { AttributeName: long, AttributeType: 'S' },
        ]),
      ValidationException,
      KEY_NAME,
    );
  });

  it('over the wire too', async () => {
    const { db } = await makeDb();
    const body = {
      TableName: 'long',
      KeySchema: [{ AttributeName: 'k'.repeat(256), KeyType: 'HASH' }],
      AttributeDefinitions: [{ AttributeName: 'k'.repeat(256), AttributeType: 'S' }],
      BillingMode: 'PAY_PER_REQUEST',
    };
    expect(wireError(dispatch(db, `${DDB}CreateTable`, JSON.stringify(body)))).toEqual({
      status: 400,
      type: 'ValidationException',
      message: KEY_NAME,
    });
  });
});

describe('the 400 KB item size fails the walk the moment it is passed', () => {
  const pad = (count: number): AttributeMap =>
    Object.fromEntries(Array.from({ length: count }, (_, i) => [`p${i}`, { S: 'x'.repeat(20_000) }]));

  it("an invalid value after that point is not what is reported (DynamoDB Local's order; regression: the whole item was walked first)", async () => {
    const { db } = await makeDb();
    const table = makeTable(db);
    const late = { A: 'x' } as unknown as AttributeValue; // an AttributeValue of no known type
    expectRejected(
      db,
      () => table.putItem({ Item: { id: { S: 'k' }, ...pad(30), z: late } }),
      ValidationException,
      TOO_BIG,
    );
    expectRejected(
      db,
      () => table.putItem({ Item: { id: { S: 'k' }, z: { L: [...Object.values(pad(30)), late] } } }),
      ValidationException,
      TOO_BIG,
    );
    expectRejected(
      db,
      () => table.putItem({ Item: { id: { S: 'k' }, z: { M: { ...pad(30), y: late } } } }),
      ValidationException,
      TOO_BIG,
    );
    expectRejected(
      db,
      () => table.putItem({ Item: { id: { S: 'k' }, z: { N: 'not a number' }, ...pad(30) } }),
      ValidationException,
      'A value provided cannot be converted into a number',
    );
    // A set is checked whole before its size counts.
    const strings = Array.from({ length: 30 }, (_, i) => `${i}${'x'.repeat(20_000)}`);
    expect(() => table.putItem({ Item: { id: { S: 'k' }, s: { SS: [...strings, 'a', 'a'] } } })).toThrow(
      /contains duplicates/,
    );
  });

  it('the attributes after that point are never read', () => {
    const item: Record<string, unknown> = { id: { S: 'k' }, ...pad(30) };
    let reads = 0;
    Object.defineProperty(item, 'late', {
      enumerable: true,
      get: () => {
        reads++;
        return { S: 'x' };
      },
    });
    expectThrows(() => canonicalItem(item), ValidationException, TOO_BIG);
    expect(reads).toBe(0);
  });

  it('a key over 400 KB is refused with the same message, before its attributes are counted (DynamoDB Local)', async () => {
    const { db } = await makeDb();
    const table = makeTable(db);
    expectRejected(db, () => table.getItem({ Key: { id: { S: 'k' }, ...pad(30) } }), ValidationException, TOO_BIG);
    expectRejected(
      db,
      () => table.deleteItem({ Key: { id: { S: 'x'.repeat(500_000) } } }),
      ValidationException,
      TOO_BIG,
    );
  });

  it('700,000 tiny attributes: the same AWS text as ever, typed and on the wire', async () => {
    const { db } = await makeDb();
    const table = makeTable(db);
    const tiny = (count: number): AttributeMap => {
      const item: AttributeMap = { id: { S: 'big' } };
      for (let i = 0; i < count; i++) item[`a${i}`] = { NULL: true };
      return item;
    };
    expectRejected(db, () => table.putItem({ Item: tiny(700_000) }), ValidationException, TOO_BIG);
    // Fewer on the wire, to keep the suite quick: 70,000 are 490 KB.
    expect(
      wireError(dispatch(db, `${DDB}PutItem`, JSON.stringify({ TableName: 'items', Item: tiny(70_000) }))),
    ).toEqual({ status: 400, type: 'ValidationException', message: TOO_BIG });
  });
});
