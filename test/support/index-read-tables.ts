import type { AttributeMap, Database, Table } from '../../src/index.js';

/**
 * A table `orders` (pk S, sk S) with three GSIs and an LSI, as the index read tests use it (the same shape was
 * probed against DynamoDB Local 2.9.30):
 * - gsi1: g (S) / h (N), KEYS_ONLY;
 * - gsi2: g2 (S), no sort key, INCLUDE x;
 * - gsiall: g (S), no sort key, ALL;
 * - lsi1: pk / l (N), INCLUDE x.
 */
export function makeIndexedTable(db: Database, name = 'orders'): Table {
  return db.createTable({
    TableName: name,
    KeySchema: [
      { AttributeName: 'pk', KeyType: 'HASH' },
      { AttributeName: 'sk', KeyType: 'RANGE' },
    ],
    AttributeDefinitions: [
      { AttributeName: 'pk', AttributeType: 'S' },
      { AttributeName: 'sk', AttributeType: 'S' },
      { AttributeName: 'g', AttributeType: 'S' },
      { AttributeName: 'h', AttributeType: 'N' },
      { AttributeName: 'l', AttributeType: 'N' },
      { AttributeName: 'g2', AttributeType: 'S' },
    ],
    GlobalSecondaryIndexes: [
      {
        IndexName: 'gsi1',
        KeySchema: [
          { AttributeName: 'g', KeyType: 'HASH' },
          { AttributeName: 'h', KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'KEYS_ONLY' },
      },
      {
        IndexName: 'gsi2',
        KeySchema: [{ AttributeName: 'g2', KeyType: 'HASH' }],
        Projection: { ProjectionType: 'INCLUDE', NonKeyAttributes: ['x'] },
      },
      {
        IndexName: 'gsiall',
        KeySchema: [{ AttributeName: 'g', KeyType: 'HASH' }],
        Projection: { ProjectionType: 'ALL' },
      },
    ],
    LocalSecondaryIndexes: [
      {
        IndexName: 'lsi1',
        KeySchema: [
          { AttributeName: 'pk', KeyType: 'HASH' },
          { AttributeName: 'l', KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'INCLUDE', NonKeyAttributes: ['x'] },
      },
    ],
  });
}

/** The probe's five items ([pk, sk, h, l], every one with g G, g2 X, x, y and a map z), and one sparse item. */
export const ORDER_ROWS: readonly (readonly [string, string, number, number])[] = [
  ['a', '3', 1, 5],
  ['a', '1', 1, 5],
  ['b', '2', 1, 5],
  ['a', '2', 2, 4],
  ['b', '1', 0, 7],
];

export function orderItem([pk, sk, h, l]: readonly [string, string, number, number]): AttributeMap {
  return {
    pk: { S: pk },
    sk: { S: sk },
    g: { S: 'G' },
    h: { N: String(h) },
    l: { N: String(l) },
    g2: { S: 'X' },
    x: { S: 'xx' },
    y: { S: 'yy' },
    z: { M: { a: { S: '1' } } },
  };
}

/** The indexed table holding ORDER_ROWS and an item `c/1` that has none of the index keys (in no index). */
export function fillOrders(table: Table): void {
  for (const row of ORDER_ROWS) table.putItem({ Item: orderItem(row) });
  table.putItem({ Item: { pk: { S: 'c' }, sk: { S: '1' }, x: { S: 'xx' } } });
}

/** `pk/sk` of each item, to compare orders. */
export const keysOf = (items: readonly AttributeMap[] | undefined): string[] =>
  (items ?? []).map((item) => `${item.pk?.S}/${item.sk?.S}`);
