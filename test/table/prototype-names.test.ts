/**
 * Attribute names are data: `__proto__`, `constructor`, `hasOwnProperty` and `toString` are stored, returned
 * and streamed as ordinary attributes, at the top level, nested in maps and as key attributes, and
 * Object.prototype is never touched (docs/ddb-local-observed-core.md, section 8).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ValidationException, type AttributeMap, type AttributeValue } from '../../src/index.js';
import { toLambdaRecord } from '../../src/lambda/index.js';
import { expectRejected } from '../support/aws-errors.js';
import { makeDb } from '../support/database.js';
import { recordsOf } from '../support/stream-reads.js';
import { makeTable } from '../support/tables.js';

const PROTO_ITEM_JSON =
  '{"id":{"S":"p"},"__proto__":{"S":"x"},"constructor":{"N":"1"},"hasOwnProperty":{"M":{"__proto__":{"BOOL":true}}},"toString":{"L":[{"S":"t"}]}}';

function own(map: object, name: string): unknown {
  return Object.getOwnPropertyDescriptor(map, name)?.value;
}

/** Checks every prototype-ish attribute of the Proto8 item is an own data property with the right value. */
function expectProtoItem(item: AttributeMap | undefined, protoValue = 'x'): void {
  expect(item).toBeDefined();
  const map = item as AttributeMap;
  expect(Object.getPrototypeOf(map)).toBe(Object.prototype);
  expect(Object.keys(map).sort()).toEqual(['__proto__', 'constructor', 'hasOwnProperty', 'id', 'toString']);
  expect(own(map, '__proto__')).toEqual({ S: protoValue });
  expect(own(map, 'constructor')).toEqual({ N: '1' });
  const nested = (own(map, 'hasOwnProperty') as AttributeValue).M as AttributeMap;
  expect(Object.keys(nested)).toEqual(['__proto__']);
  expect(own(nested, '__proto__')).toEqual({ BOOL: true });
  expect(own(map, 'toString')).toEqual({ L: [{ S: 't' }] });
}

let prototypeNames: string[];
beforeEach(() => {
  prototypeNames = Object.getOwnPropertyNames(Object.prototype);
});
afterEach(() => {
  // Nothing was added to, or replaced on, Object.prototype.
  expect(Object.getOwnPropertyNames(Object.prototype)).toEqual(prototypeNames);
  expect(({} as Record<string, unknown>).S).toBeUndefined();
  expect(({} as Record<string, unknown>).BOOL).toBeUndefined();
  expect(typeof Object.prototype.toString).toBe('function');
  expect(typeof Object.prototype.hasOwnProperty).toBe('function');
});

describe('prototype-ish attribute names through the AttributeValue API', () => {
  it('PutItem and GetItem keep them as own attributes (item built with JSON.parse)', async () => {
    const { db } = await makeDb();
    const table = makeTable(db, { name: 'Proto8' });
    table.putItem({ Item: JSON.parse(PROTO_ITEM_JSON) as AttributeMap });
    expectProtoItem(table.getItem({ Key: { id: { S: 'p' } } }).Item);
    expect(db.describeTable({ TableName: 'Proto8' }).Table.TableSizeBytes).toBe(67);
  });

  it('PutItem and GetItem keep them as own attributes (item built with Object.defineProperty)', async () => {
    const { db } = await makeDb();
    const table = makeTable(db, { name: 'Proto8' });
    const nested: AttributeMap = {};
    Object.defineProperty(nested, '__proto__', { value: { BOOL: true }, enumerable: true });
    const item: AttributeMap = { id: { S: 'p' } };
    Object.defineProperty(item, '__proto__', { value: { S: 'x' }, enumerable: true });
    Object.defineProperty(item, 'constructor', { value: { N: '1' }, enumerable: true });
    Object.defineProperty(item, 'hasOwnProperty', { value: { M: nested }, enumerable: true });
    Object.defineProperty(item, 'toString', { value: { L: [{ S: 't' }] }, enumerable: true });
    table.putItem({ Item: item });
    expectProtoItem(table.getItem({ Key: { id: { S: 'p' } } }).Item);
    expectProtoItem(table.putItem({ Item: { id: { S: 'p' } }, ReturnValues: 'ALL_OLD' }).Attributes);
  });

  it('stream images carry them as own attributes; an update of __proto__ is a MODIFY', async () => {
    const { db } = await makeDb();
    const table = makeTable(db, { name: 'Proto8' });
    table.putItem({ Item: JSON.parse(PROTO_ITEM_JSON) as AttributeMap });
    const updated = table.updateItem({
      Key: { id: { S: 'p' } },
      update: (current) => {
        const next: AttributeMap = { ...current };
        Object.defineProperty(next, '__proto__', {
          value: { S: 'y' },
          enumerable: true,
          writable: true,
          configurable: true,
        });
        return next;
      },
      ReturnValues: 'ALL_NEW',
    });
    expectProtoItem(updated.Attributes, 'y');
    const [insert, modify] = recordsOf(db, table);
    expectProtoItem(insert!.dynamodb.NewImage);
    expect(modify!.eventName).toBe('MODIFY');
    expectProtoItem(modify!.dynamodb.NewImage, 'y');
    expectProtoItem(modify!.dynamodb.OldImage, 'x');
    expect(modify!.dynamodb.SizeBytes).toBe(137);
  });

  it('a condition sees them as own attributes, and an identical put is a no-op', async () => {
    const { db } = await makeDb();
    const table = makeTable(db, { name: 'Proto8' });
    table.putItem({ Item: JSON.parse(PROTO_ITEM_JSON) as AttributeMap });
    let seen: AttributeMap | undefined;
    table.putItem({
      Item: JSON.parse(PROTO_ITEM_JSON) as AttributeMap,
      condition: (current) => {
        seen = current;
        return current !== undefined && Object.hasOwn(current, '__proto__');
      },
    });
    expectProtoItem(seen);
    expect(recordsOf(db, table)).toHaveLength(1);
  });

  it('a __proto__ attribute is distinct from its absence', async () => {
    const { db } = await makeDb();
    const table = makeTable(db, { name: 'Proto8' });
    table.putItem({ Item: { id: { S: 'p' } } });
    table.putItem({ Item: JSON.parse('{"id":{"S":"p"},"__proto__":{"S":"x"}}') as AttributeMap });
    table.putItem({ Item: { id: { S: 'p' } } });
    expect(recordsOf(db, table).map((record) => record.eventName)).toEqual(['INSERT', 'MODIFY', 'MODIFY']);
    expect(table.getItem({ Key: { id: { S: 'p' } } }).Item).toEqual({ id: { S: 'p' } });
  });
});

describe('prototype-ish attribute names through the document API', () => {
  it('put and get keep them as own properties, nested ones too', async () => {
    const { db } = await makeDb();
    const table = makeTable(db, { name: 'Proto8' });
    const item = JSON.parse(
      '{"id":"p","__proto__":"x","constructor":1,"hasOwnProperty":{"__proto__":true},"toString":["t"]}',
    ) as Record<string, unknown>;
    table.put(item);
    const back = table.get({ id: 'p' }) as Record<string, unknown>;
    expect(Object.getPrototypeOf(back)).toBe(Object.prototype);
    expect(Object.keys(back).sort()).toEqual(['__proto__', 'constructor', 'hasOwnProperty', 'id', 'toString']);
    expect(own(back, '__proto__')).toBe('x');
    expect(back.constructor).toBe(1);
    expect(own(back.hasOwnProperty as object, '__proto__')).toBe(true);
    expect(back.toString).toEqual(['t']);
    expectProtoItem(table.getItem({ Key: { id: { S: 'p' } } }).Item);
  });

  it('update and delete hand them to the caller as own properties', async () => {
    const { db } = await makeDb();
    const table = makeTable(db, { name: 'Proto8' });
    table.put(JSON.parse('{"id":"p","__proto__":"x"}') as Record<string, unknown>);
    const next = table.update({ id: 'p' }, (current) => {
      expect(own(current as object, '__proto__')).toBe('x');
      return { ...current, constructor: 'c' };
    });
    expect(own(next, '__proto__')).toBe('x');
    expect(next.constructor).toBe('c');
    const deleted = table.delete({ id: 'p' }) as Record<string, unknown>;
    expect(Object.keys(deleted).sort()).toEqual(['__proto__', 'constructor', 'id']);
    expect(own(deleted, '__proto__')).toBe('x');
  });
});

describe('prototype-ish names as key attributes', () => {
  it('a table keyed by __proto__ stores, finds, streams and deletes items (docs: Proto8b)', async () => {
    const { db } = await makeDb();
    const table = makeTable(db, { name: 'Proto8b', partitionKey: { name: '__proto__', type: 'S' } });
    expect(db.describeTable({ TableName: 'Proto8b' }).Table.KeySchema).toEqual([
      { AttributeName: '__proto__', KeyType: 'HASH' },
    ]);
    const item = JSON.parse('{"__proto__":{"S":"k"},"constructor":{"S":"c"}}') as AttributeMap;
    table.putItem({ Item: item });
    const key = JSON.parse('{"__proto__":{"S":"k"}}') as AttributeMap;
    const got = table.getItem({ Key: key }).Item as AttributeMap;
    expect(Object.keys(got).sort()).toEqual(['__proto__', 'constructor']);
    expect(own(got, '__proto__')).toEqual({ S: 'k' });
    expect(table.get({ ['__proto__']: 'k' })).toEqual(JSON.parse('{"__proto__":"k","constructor":"c"}'));
    const [insert] = recordsOf(db, table);
    expect(Object.keys(insert!.dynamodb.Keys)).toEqual(['__proto__']);
    expect(own(insert!.dynamodb.Keys, '__proto__')).toEqual({ S: 'k' });
    expect(insert!.dynamodb.SizeBytes).toBe(10 + 10 + 12); // Keys 10; NewImage 10 + constructor 12
    table.deleteItem({ Key: key });
    expect(table.itemCount).toBe(0);
  });

  it('an item missing the __proto__ key is rejected, not mistaken for Object.prototype', async () => {
    const { db } = await makeDb();
    const table = makeTable(db, { name: 'Proto8b', partitionKey: { name: '__proto__', type: 'S' } });
    expectRejected(
      db,
      () => table.putItem({ Item: { constructor: { S: 'c' } } }),
      ValidationException,
      'One of the required keys was not given a value',
    );
    expectRejected(
      db,
      () => table.put({ constructor: 'c' }),
      ValidationException,
      'One of the required keys was not given a value',
    );
    expectRejected(
      db,
      () => table.getItem({ Key: { constructor: { S: 'c' } } }),
      ValidationException,
      'One of the required keys was not given a value',
    );
  });

  it('a table keyed by constructor (hash) and hasOwnProperty (range)', async () => {
    const { db } = await makeDb();
    const table = db.createTable({
      TableName: 'ProtoKeys',
      KeySchema: [
        { AttributeName: 'constructor', KeyType: 'HASH' },
        { AttributeName: 'hasOwnProperty', KeyType: 'RANGE' },
      ],
      AttributeDefinitions: [
        { AttributeName: 'constructor', AttributeType: 'S' },
        { AttributeName: 'hasOwnProperty', AttributeType: 'N' },
      ],
      StreamSpecification: { StreamEnabled: true, StreamViewType: 'KEYS_ONLY' },
    });
    table.put({ constructor: 'a', hasOwnProperty: 1, toString: 'v' });
    expect(table.get({ constructor: 'a', hasOwnProperty: 1 })).toEqual({
      constructor: 'a',
      hasOwnProperty: 1,
      toString: 'v',
    });
    expectRejected(
      db,
      () => table.put({ toString: 'v' }),
      ValidationException,
      'One of the required keys was not given a value',
    );
    expect(recordsOf(db, table)[0]!.dynamodb.Keys).toEqual({ constructor: { S: 'a' }, hasOwnProperty: { N: '1' } });
  });
});

describe('prototype-ish attribute names in the Lambda event', () => {
  it("an image with binary values, converted for the event, keeps __proto__ (it set the copy's prototype instead)", async () => {
    const { db } = await makeDb();
    const table = makeTable(db, { name: 'Proto8' });
    const item = JSON.parse('{"id":{"S":"p"},"__proto__":{"S":"x"},"m":{"M":{"__proto__":{"N":"1"}}}}') as AttributeMap;
    item.b = { B: new Uint8Array([255]) };
    table.putItem({ Item: item });
    const image = toLambdaRecord(recordsOf(db, table)[0]!, 'arn').dynamodb!.NewImage as Record<string, unknown>;
    expect(Object.getPrototypeOf(image)).toBe(Object.prototype);
    expect(Object.keys(image)).toEqual(['id', '__proto__', 'm', 'b']);
    expect(own(image, '__proto__')).toEqual({ S: 'x' });
    expect(own((image.m as { M: object }).M, '__proto__')).toEqual({ N: '1' });
    expect(image.b).toEqual({ B: '/w==' });
  });
});
