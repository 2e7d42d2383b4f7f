/**
 * Items: PutItem, GetItem, DeleteItem and UpdateItem (legacy AttributeUpdates and Expected) with every
 * ReturnValues, BatchWriteItem and BatchGetItem, TransactWriteItems, Query and Scan on their legacy
 * parameters, on both endpoints, each followed by the table's stream.
 */
import {
  BatchGetItemCommand,
  BatchWriteItemCommand,
  CreateTableCommand,
  DeleteItemCommand,
  DescribeTableCommand,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  ScanCommand,
  TransactWriteItemsCommand,
  UpdateItemCommand,
  type AttributeValue,
  type Condition,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import { describe, it } from 'vitest';
import { expectSameOnBoth } from './scenario.js';
import { canonical } from './canonical.js';
import { readStream } from './stream-reading.js';

async function createTable(client: DynamoDBClient, TableName: string, sortType?: 'S' | 'N' | 'B'): Promise<void> {
  await client.send(
    new CreateTableCommand({
      TableName,
      KeySchema:
        sortType === undefined
          ? [{ AttributeName: 'id', KeyType: 'HASH' }]
          : [
              { AttributeName: 'id', KeyType: 'HASH' },
              { AttributeName: 'sk', KeyType: 'RANGE' },
            ],
      AttributeDefinitions:
        sortType === undefined
          ? [{ AttributeName: 'id', AttributeType: 'S' }]
          : [
              { AttributeName: 'id', AttributeType: 'S' },
              { AttributeName: 'sk', AttributeType: sortType },
            ],
      BillingMode: 'PAY_PER_REQUEST',
      StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
    }),
  );
}

const EVERY_TYPE: Record<string, AttributeValue> = {
  id: { S: 'every-type' },
  s: { S: 'é€😀' },
  emptyString: { S: '' },
  n: { N: '01.50' },
  negative: { N: '-0.000123' },
  big: { N: '1E+125' },
  b: { B: new Uint8Array([0, 1, 254, 255]) },
  emptyBinary: { B: new Uint8Array([]) },
  ss: { SS: ['x', 'y'] },
  ns: { NS: ['3E1', '1.50', '-0'] },
  bs: { BS: [new Uint8Array([1]), new Uint8Array([2, 3])] },
  t: { BOOL: true },
  f: { BOOL: false },
  z: { NULL: true },
  l: { L: [{ S: 'e' }, { N: '2' }, { L: [] }, { M: {} }] },
  m: { M: { inner: { B: new Uint8Array([7]) }, deep: { M: { list: { L: [{ NULL: true }] } } } } },
};

describe('items', () => {
  it('PutItem, GetItem and DeleteItem with ReturnValues, every attribute type, numbers normalised', async () => {
    await expectSameOnBoth(async (context) => {
      const { client, step, table } = context;
      const name = table('items_basic');
      await createTable(client, name);
      await step('put every type', () => client.send(new PutItemCommand({ TableName: name, Item: EVERY_TYPE })));
      await step('get it', () =>
        client.send(new GetItemCommand({ TableName: name, Key: { id: { S: 'every-type' } } })),
      );
      await step('get it consistently', () =>
        client.send(new GetItemCommand({ TableName: name, Key: { id: { S: 'every-type' } }, ConsistentRead: true })),
      );
      await step('put the same item again (no change)', () =>
        client.send(new PutItemCommand({ TableName: name, Item: EVERY_TYPE, ReturnValues: 'ALL_OLD' })),
      );
      await step('replace it, ALL_OLD', () =>
        client.send(
          new PutItemCommand({
            TableName: name,
            Item: { id: { S: 'every-type' }, n: { N: '1.5' } },
            ReturnValues: 'ALL_OLD',
          }),
        ),
      );
      await step('replace it, NONE', () =>
        client.send(
          new PutItemCommand({
            TableName: name,
            Item: { id: { S: 'every-type' }, n: { N: '2' } },
            ReturnValues: 'NONE',
          }),
        ),
      );
      await step('put a new item, ALL_OLD', () =>
        client.send(new PutItemCommand({ TableName: name, Item: { id: { S: 'other' } }, ReturnValues: 'ALL_OLD' })),
      );
      await step('get an absent item', () =>
        client.send(new GetItemCommand({ TableName: name, Key: { id: { S: 'absent' } } })),
      );
      await step('describe the table with two items', () => client.send(new DescribeTableCommand({ TableName: name })));
      await step('delete, ALL_OLD', () =>
        client.send(
          new DeleteItemCommand({ TableName: name, Key: { id: { S: 'every-type' } }, ReturnValues: 'ALL_OLD' }),
        ),
      );
      await step('delete the other, NONE', () =>
        client.send(new DeleteItemCommand({ TableName: name, Key: { id: { S: 'other' } } })),
      );
      await step(
        'delete an absent item',
        () => client.send(new DeleteItemCommand({ TableName: name, Key: { id: { S: 'absent' } } })),
        ['delete-absent-consumed-capacity'],
      );
      await readStream(context, name, 'stream');
    });
  });

  it('UpdateItem with AttributeUpdates and each ReturnValues', async () => {
    await expectSameOnBoth(async (context) => {
      const { client, step, table } = context;
      const name = table('items_update');
      await createTable(client, name);
      const Key = { id: { S: 'u' } };
      await step('update an absent item with the key only', () =>
        client.send(new UpdateItemCommand({ TableName: name, Key, ReturnValues: 'ALL_NEW' })),
      );
      await step('update with the key only again (no change)', () =>
        client.send(new UpdateItemCommand({ TableName: name, Key, ReturnValues: 'ALL_NEW' })),
      );
      for (const ReturnValues of ['NONE', 'ALL_OLD', 'ALL_NEW', 'UPDATED_OLD', 'UPDATED_NEW'] as const) {
        await step(`PUT and ADD, ${ReturnValues}`, () =>
          client.send(
            new UpdateItemCommand({
              TableName: name,
              Key,
              AttributeUpdates: {
                count: { Action: 'ADD', Value: { N: '1' } },
                status: { Action: 'PUT', Value: { S: ReturnValues } },
                tags: { Action: 'ADD', Value: { SS: [ReturnValues] } },
              },
              ReturnValues,
            }),
          ),
        );
      }
      await step('DELETE a set member and an attribute, ALL_NEW', () =>
        client.send(
          new UpdateItemCommand({
            TableName: name,
            Key,
            AttributeUpdates: { tags: { Action: 'DELETE', Value: { SS: ['NONE'] } }, status: { Action: 'DELETE' } },
            ReturnValues: 'ALL_NEW',
          }),
        ),
      );
      await step('DELETE an absent attribute (no change)', () =>
        client.send(
          new UpdateItemCommand({
            TableName: name,
            Key,
            AttributeUpdates: { missing: { Action: 'DELETE' } },
            ReturnValues: 'UPDATED_OLD',
          }),
        ),
      );
      await step('PUT the same value (no change)', () =>
        client.send(
          new UpdateItemCommand({
            TableName: name,
            Key,
            AttributeUpdates: { count: { Action: 'PUT', Value: { N: '5' } } },
            ReturnValues: 'UPDATED_NEW',
          }),
        ),
      );
      await step('conditional update that fails, Expected', () =>
        client.send(
          new UpdateItemCommand({
            TableName: name,
            Key,
            AttributeUpdates: { count: { Action: 'PUT', Value: { N: '6' } } },
            Expected: { count: { Value: { N: '1' } } },
          }),
        ),
      );
      await step('conditional update that holds, Expected', () =>
        client.send(
          new UpdateItemCommand({
            TableName: name,
            Key,
            AttributeUpdates: { count: { Action: 'PUT', Value: { N: '6' } } },
            Expected: { count: { Value: { N: '5' } } },
            ReturnValues: 'UPDATED_OLD',
          }),
        ),
      );
      await step('conditional put that fails, ALL_OLD on failure', () =>
        client.send(
          new PutItemCommand({
            TableName: name,
            Item: Key,
            Expected: { id: { Exists: false } },
            ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
          }),
        ),
      );
      await step('conditional delete that fails, comparison operator', () =>
        client.send(
          new DeleteItemCommand({
            TableName: name,
            Key,
            Expected: { count: { ComparisonOperator: 'GT', AttributeValueList: [{ N: '100' }] } },
          }),
        ),
      );
      await step('conditional delete that holds, OR', () =>
        client.send(
          new DeleteItemCommand({
            TableName: name,
            Key,
            Expected: {
              count: { ComparisonOperator: 'GT', AttributeValueList: [{ N: '100' }] },
              id: { ComparisonOperator: 'NOT_NULL' },
            },
            ConditionalOperator: 'OR',
            ReturnValues: 'ALL_OLD',
          }),
        ),
      );
      await readStream(context, name, 'stream');
    });
  });

  it('BatchWriteItem and BatchGetItem across two tables', async () => {
    await expectSameOnBoth(async (context) => {
      const { client, step, table, scope } = context;
      const first = table('items_batch_a');
      const second = table('items_batch_b');
      await createTable(client, first);
      await createTable(client, second, 'N');
      await step('batch write', () =>
        client.send(
          new BatchWriteItemCommand({
            RequestItems: {
              [first]: [1, 2, 3].map((i) => ({ PutRequest: { Item: { id: { S: `a${i}` }, v: { N: String(i) } } } })),
              [second]: [1, 2].map((i) => ({ PutRequest: { Item: { id: { S: 'b' }, sk: { N: String(i) } } } })),
            },
          }),
        ),
      );
      await step('batch write: delete, replace, delete absent', () =>
        client.send(
          new BatchWriteItemCommand({
            RequestItems: {
              [first]: [
                { DeleteRequest: { Key: { id: { S: 'a1' } } } },
                { PutRequest: { Item: { id: { S: 'a2' }, v: { N: '20' } } } },
                { DeleteRequest: { Key: { id: { S: 'nope' } } } },
              ],
            },
          }),
        ),
      );
      await step("batch get (each table's items sorted: their order is not promised)", async () => {
        const output = await client.send(
          new BatchGetItemCommand({
            RequestItems: {
              [first]: { Keys: [{ id: { S: 'a1' } }, { id: { S: 'a2' } }, { id: { S: 'a3' } }] },
              [second]: {
                Keys: [
                  { id: { S: 'b' }, sk: { N: '1' } },
                  { id: { S: 'b' }, sk: { N: '2.0' } },
                ],
                ConsistentRead: true,
              },
            },
          }),
        );
        const sorted = (items: Record<string, AttributeValue>[] = []) =>
          [...items].sort((a, b) => (canonical(a) < canonical(b) ? -1 : 1));
        return {
          ...output,
          Responses: Object.fromEntries(
            Object.entries(output.Responses ?? {}).map(([name, items]) => [name, sorted(items)]),
          ),
        };
      });
      // The order of one batch's or transaction's changes is not promised: compare each stream as a set.
      scope('first');
      await readStream(context, first, 'stream of the first', { ordered: false });
      scope('second');
      await readStream(context, second, 'stream of the second', { ordered: false });
    });
  });

  it('TransactWriteItems: puts and deletes across tables, all at once', async () => {
    await expectSameOnBoth(async (context) => {
      const { client, step, table, scope } = context;
      const first = table('items_tx_a');
      const second = table('items_tx_b');
      await createTable(client, first);
      await createTable(client, second);
      await step('seed', () => client.send(new PutItemCommand({ TableName: second, Item: { id: { S: 'gone' } } })));
      await step('transaction', () =>
        client.send(
          new TransactWriteItemsCommand({
            TransactItems: [
              { Put: { TableName: first, Item: { id: { S: 't1' }, v: { S: 'one' } } } },
              { Put: { TableName: first, Item: { id: { S: 't2' } } } },
              { Delete: { TableName: second, Key: { id: { S: 'gone' } } } },
              { Delete: { TableName: second, Key: { id: { S: 'never-there' } } } },
            ],
          }),
        ),
      );
      await step('the same transaction again (no change)', () =>
        client.send(
          new TransactWriteItemsCommand({
            TransactItems: [
              { Put: { TableName: first, Item: { id: { S: 't1' }, v: { S: 'one' } } } },
              { Delete: { TableName: second, Key: { id: { S: 'gone' } } } },
            ],
          }),
        ),
      );
      await step('get t1', () => client.send(new GetItemCommand({ TableName: first, Key: { id: { S: 't1' } } })));
      // The order of one batch's or transaction's changes is not promised: compare each stream as a set.
      scope('first');
      await readStream(context, first, 'stream of the first', { ordered: false });
      scope('second');
      await readStream(context, second, 'stream of the second', { ordered: false });
    });
  });

  it('QueryFilter, ScanFilter (every operator), AttributesToGet and parallel Scan segments', async () => {
    await expectSameOnBoth(async (context) => {
      const { client, step, table, note } = context;
      const name = table('items_filters');
      await createTable(client, name, 'N');
      const rows: Record<string, AttributeValue>[] = [];
      for (const id of ['p', 'q', 'r']) {
        for (let sk = 1; sk <= 6; sk++) {
          const row: Record<string, AttributeValue> = {
            id: { S: id },
            sk: { N: String(sk) },
            v: { S: `${id}${sk}` },
            n: { N: String(sk * 10) },
          };
          if (sk % 2 === 0) row.tags = { SS: [`t${sk}`, 'even'] };
          if (sk === 3) row.flag = { BOOL: true };
          rows.push(row);
        }
      }
      for (const Item of rows) await client.send(new PutItemCommand({ TableName: name, Item }));
      const eq: Record<string, Condition> = { id: { ComparisonOperator: 'EQ', AttributeValueList: [{ S: 'p' }] } };
      await step('QueryFilter n > 20', () =>
        client.send(
          new QueryCommand({
            TableName: name,
            KeyConditions: eq,
            QueryFilter: { n: { ComparisonOperator: 'GT', AttributeValueList: [{ N: '20' }] } },
          }),
        ),
      );
      await step('QueryFilter with Limit 3 (counts before the filter)', () =>
        client.send(
          new QueryCommand({
            TableName: name,
            KeyConditions: eq,
            Limit: 3,
            QueryFilter: { n: { ComparisonOperator: 'GE', AttributeValueList: [{ N: '30' }] } },
          }),
        ),
      );
      await step('QueryFilter OR', () =>
        client.send(
          new QueryCommand({
            TableName: name,
            KeyConditions: eq,
            QueryFilter: {
              flag: { ComparisonOperator: 'NOT_NULL' },
              n: { ComparisonOperator: 'EQ', AttributeValueList: [{ N: '60' }] },
            },
            ConditionalOperator: 'OR',
          }),
        ),
      );
      await step('Query AttributesToGet', () =>
        client.send(new QueryCommand({ TableName: name, KeyConditions: eq, AttributesToGet: ['v', 'missing'] })),
      );
      await step('Query Select SPECIFIC_ATTRIBUTES', () =>
        client.send(
          new QueryCommand({
            TableName: name,
            KeyConditions: eq,
            Select: 'SPECIFIC_ATTRIBUTES',
            AttributesToGet: ['n'],
          }),
        ),
      );
      await step('GetItem AttributesToGet', () =>
        client.send(
          new GetItemCommand({
            TableName: name,
            Key: { id: { S: 'q' }, sk: { N: '2' } },
            AttributesToGet: ['tags', 'sk'],
          }),
        ),
      );
      await step('BatchGetItem AttributesToGet', () =>
        client.send(
          new BatchGetItemCommand({
            RequestItems: { [name]: { Keys: [{ id: { S: 'r' }, sk: { N: '3' } }], AttributesToGet: ['flag'] } },
          }),
        ),
      );
      const filters: Record<string, Condition> = {
        'EQ v': { ComparisonOperator: 'EQ', AttributeValueList: [{ S: 'q4' }] },
        'NE v': { ComparisonOperator: 'NE', AttributeValueList: [{ S: 'q4' }] },
        'LT n': { ComparisonOperator: 'LT', AttributeValueList: [{ N: '20' }] },
        'LE n': { ComparisonOperator: 'LE', AttributeValueList: [{ N: '20' }] },
        'BETWEEN n': { ComparisonOperator: 'BETWEEN', AttributeValueList: [{ N: '20' }, { N: '40' }] },
        'BEGINS_WITH v': { ComparisonOperator: 'BEGINS_WITH', AttributeValueList: [{ S: 'r' }] },
        'CONTAINS tags': { ComparisonOperator: 'CONTAINS', AttributeValueList: [{ S: 't4' }] },
        'NOT_CONTAINS tags': { ComparisonOperator: 'NOT_CONTAINS', AttributeValueList: [{ S: 'even' }] },
        'CONTAINS v': { ComparisonOperator: 'CONTAINS', AttributeValueList: [{ S: '5' }] },
        'IN v': { ComparisonOperator: 'IN', AttributeValueList: [{ S: 'p1' }, { S: 'r6' }, { S: 'zz' }] },
        'NULL flag': { ComparisonOperator: 'NULL' },
        'NOT_NULL flag': { ComparisonOperator: 'NOT_NULL' },
      };
      for (const [label, condition] of Object.entries(filters)) {
        const attribute = label.split(' ')[1] as string;
        // Scan order is not promised: the counts, then the items' v as a set.
        await step(`ScanFilter ${label}`, async () => {
          const { Count, ScannedCount, Items } = await client.send(
            new ScanCommand({ TableName: name, ScanFilter: { [attribute]: condition } }),
          );
          return { Count, ScannedCount, v: (Items ?? []).map((item) => item.v?.S).sort() };
        });
      }
      const segments: string[] = [];
      let scanned = 0;
      for (let Segment = 0; Segment < 3; Segment++) {
        const out = await client.send(new ScanCommand({ TableName: name, Segment, TotalSegments: 3 }));
        segments.push(...(out.Items ?? []).map((item) => item.v?.S as string));
        scanned += out.ScannedCount ?? 0;
      }
      // How a table is cut into segments is the service's choice: together they must hold every item once.
      note('three segments together', { scanned, items: segments.sort() });
    });
  });

  it('Query with KeyConditions, ScanIndexForward, Limit and ExclusiveStartKey; Scan with Limit', async () => {
    await expectSameOnBoth(async (context) => {
      const { client, step, table } = context;
      const name = table('items_query');
      await createTable(client, name, 'N');
      for (const id of ['p', 'q']) {
        for (const sk of ['1', '2', '10', '-3', '2.5'])
          await client.send(
            new PutItemCommand({ TableName: name, Item: { id: { S: id }, sk: { N: sk }, v: { S: `${id}${sk}` } } }),
          );
      }
      const eq: Record<string, Condition> = { id: { ComparisonOperator: 'EQ', AttributeValueList: [{ S: 'p' }] } };
      await step('query EQ', () => client.send(new QueryCommand({ TableName: name, KeyConditions: eq })));
      await step('query backwards', () =>
        client.send(new QueryCommand({ TableName: name, KeyConditions: eq, ScanIndexForward: false })),
      );
      await step('query BETWEEN', () =>
        client.send(
          new QueryCommand({
            TableName: name,
            KeyConditions: {
              ...eq,
              sk: { ComparisonOperator: 'BETWEEN', AttributeValueList: [{ N: '1' }, { N: '2.5' }] },
            },
          }),
        ),
      );
      await step('query GT', () =>
        client.send(
          new QueryCommand({
            TableName: name,
            KeyConditions: { ...eq, sk: { ComparisonOperator: 'GT', AttributeValueList: [{ N: '2' }] } },
          }),
        ),
      );
      await step('query COUNT', () =>
        client.send(new QueryCommand({ TableName: name, KeyConditions: eq, Select: 'COUNT' })),
      );
      const page = await step('query page 1', () =>
        client.send(new QueryCommand({ TableName: name, KeyConditions: eq, Limit: 2 })),
      );
      await step('query page 2', () =>
        client.send(
          new QueryCommand({ TableName: name, KeyConditions: eq, Limit: 2, ExclusiveStartKey: page?.LastEvaluatedKey }),
        ),
      );
      await step('query the last page exactly', () =>
        client.send(new QueryCommand({ TableName: name, KeyConditions: eq, Limit: 5 })),
      );
      await step('query an absent partition', () =>
        client.send(
          new QueryCommand({
            TableName: name,
            KeyConditions: { id: { ComparisonOperator: 'EQ', AttributeValueList: [{ S: 'none' }] } },
          }),
        ),
      );
      // Scan order is not promised (AWS scans in hash order): its counts, then its items as a set.
      const scanned = await step('scan: counts', async () => {
        const { Count, ScannedCount, LastEvaluatedKey, Items } = await client.send(
          new ScanCommand({ TableName: name }),
        );
        return { Count, ScannedCount, LastEvaluatedKey, Items: (Items ?? []).map((item) => item.v?.S).sort() };
      });
      context.note('scan, sorted', scanned?.Items);
      await step('scan COUNT', () => client.send(new ScanCommand({ TableName: name, Select: 'COUNT' })));
      let ExclusiveStartKey: Record<string, AttributeValue> | undefined;
      const seen: string[] = [];
      for (let i = 1; i <= 4; i++) {
        const out = await client.send(new ScanCommand({ TableName: name, Limit: 3, ExclusiveStartKey }));
        context.note(`scan page ${i}: counts`, {
          Count: out.Count,
          ScannedCount: out.ScannedCount,
          more: out.LastEvaluatedKey !== undefined,
        });
        seen.push(...(out.Items ?? []).map((item) => item.v?.S as string));
        ExclusiveStartKey = out.LastEvaluatedKey;
        if (ExclusiveStartKey === undefined) break;
      }
      context.note('scan pages, sorted', seen.sort());
    });
  });
});
