/**
 * Bad inputs: malformed requests to every operation, compared by HTTP status, `__type` and message, word for
 * word. Each scenario sets up what the requests need (a table, a stream, a valid iterator) and then sends them.
 */
import {
  BatchGetItemCommand,
  BatchWriteItemCommand,
  CreateTableCommand,
  DeleteItemCommand,
  DeleteTableCommand,
  DescribeTableCommand,
  GetItemCommand,
  ListTablesCommand,
  PutItemCommand,
  QueryCommand,
  ScanCommand,
  TransactWriteItemsCommand,
  UpdateItemCommand,
  UpdateTableCommand,
  type AttributeValue,
} from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  GetRecordsCommand,
  GetShardIteratorCommand,
  ListStreamsCommand,
} from '@aws-sdk/client-dynamodb-streams';
import { describe, it } from 'vitest';
import type { KnownDifferenceId } from './known-differences.js';
import { expectSameOnBoth } from './scenario.js';
import { idSkTable } from './id-sk-table.js';

/** Requests the SDK's types would not let through: the wire is what is under test. */
const loose = <T>(input: unknown): T => input as T;

const createInput = idSkTable;

describe('bad inputs', () => {
  it('CreateTable, DescribeTable, UpdateTable, DeleteTable, ListTables', async () => {
    await expectSameOnBoth(async ({ client, step, table }) => {
      const name = table('bad_tables');
      const create = (label: string, input: unknown, known: KnownDifferenceId[] = []) =>
        step(label, () => client.send(new CreateTableCommand(loose(input))), known);
      await create('no TableName', { ...createInput(name), TableName: undefined });
      await create('TableName too short', createInput('ab'));
      await create('TableName with a space', createInput('bad name!'));
      await create('TableName of 256 characters', createInput('t'.repeat(256)));
      await create('no KeySchema', { ...createInput(name), KeySchema: undefined });
      await create('empty KeySchema', createInput(name, { KeySchema: [] }));
      await create(
        'hash key not defined',
        createInput(name, { AttributeDefinitions: [{ AttributeName: 'sk', AttributeType: 'N' }] }),
      );
      await create(
        'range key not defined',
        createInput(name, { AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }] }),
      );
      await create(
        'two HASH keys',
        createInput(name, {
          KeySchema: [
            { AttributeName: 'id', KeyType: 'HASH' },
            { AttributeName: 'sk', KeyType: 'HASH' },
          ],
        }),
      );
      await create('RANGE only', createInput(name, { KeySchema: [{ AttributeName: 'sk', KeyType: 'RANGE' }] }));
      await create(
        'an unused attribute definition',
        createInput(name, {
          AttributeDefinitions: [
            ...(createInput(name).AttributeDefinitions ?? []),
            { AttributeName: 'x', AttributeType: 'S' },
          ],
        }),
      );
      await create(
        'AttributeType BOOL',
        createInput(name, {
          AttributeDefinitions: [
            { AttributeName: 'id', AttributeType: loose('BOOL') },
            { AttributeName: 'sk', AttributeType: 'N' },
          ],
        }),
      );
      await create(
        'KeyType PRIMARY',
        createInput(name, { KeySchema: [{ AttributeName: 'id', KeyType: loose('PRIMARY') }] }),
      );
      await create('PROVISIONED without throughput', createInput(name, { BillingMode: 'PROVISIONED' }));
      // A table of its own: DynamoDB Local creates it.
      await step(
        'PAY_PER_REQUEST with throughput',
        () =>
          client.send(
            new CreateTableCommand(
              createInput(table('bad_ppr'), { ProvisionedThroughput: { ReadCapacityUnits: 1, WriteCapacityUnits: 1 } }),
            ),
          ),
        ['pay-per-request-with-throughput'],
      );
      await create(
        'ReadCapacityUnits 0',
        createInput(name, {
          BillingMode: 'PROVISIONED',
          ProvisionedThroughput: { ReadCapacityUnits: 0, WriteCapacityUnits: 1 },
        }),
        ['throughput-below-one'],
      );
      await create('BillingMode BOGUS', createInput(name, { BillingMode: loose('BOGUS') }), ['billing-mode-enum']);
      await create(
        'stream enabled without a view type',
        createInput(name, { StreamSpecification: { StreamEnabled: true } }),
      );
      await create(
        'StreamViewType BOGUS',
        createInput(name, { StreamSpecification: { StreamEnabled: true, StreamViewType: loose('BOGUS') } }),
      );
      await create(
        'stream disabled with a view type',
        createInput(name, { StreamSpecification: { StreamEnabled: false, StreamViewType: 'KEYS_ONLY' } }),
      );
      await step('DescribeTable of an unknown table', () =>
        client.send(new DescribeTableCommand({ TableName: table('nope') })),
      );
      await step('DescribeTable, TableName too short', () =>
        client.send(new DescribeTableCommand({ TableName: 'ab' })),
      );
      await step('DeleteTable of an unknown table', () =>
        client.send(new DeleteTableCommand({ TableName: table('nope') })),
      );
      await step('UpdateTable of an unknown table', () =>
        client.send(
          new UpdateTableCommand({ TableName: table('nope'), StreamSpecification: { StreamEnabled: false } }),
        ),
      );
      await step('ListTables Limit 0', () => client.send(new ListTablesCommand({ Limit: 0 })));
      await step('ListTables Limit 101', () => client.send(new ListTablesCommand({ Limit: 101 })));
      await create('a valid table, at last', createInput(name));
      await step('UpdateTable with nothing to update', () => client.send(new UpdateTableCommand({ TableName: name })));
      await step('UpdateTable: stream enabled without a view type', () =>
        client.send(new UpdateTableCommand({ TableName: name, StreamSpecification: { StreamEnabled: true } })),
      );
    });
  });

  it('PutItem, GetItem, DeleteItem: keys, values, sizes, ReturnValues', async () => {
    await expectSameOnBoth(async ({ client, step, table }) => {
      const name = table('bad_items');
      await client.send(new CreateTableCommand(createInput(name)));
      const key = { id: { S: 'k' }, sk: { N: '1' } };
      const put = (label: string, Item: unknown, extra: Record<string, unknown> = {}) =>
        step(label, () => client.send(new PutItemCommand(loose({ TableName: name, Item, ...extra }))));
      await put('unknown table', key, { TableName: table('nope') });
      await put('no Item', undefined);
      await put('no sort key', { id: { S: 'k' } });
      await put('no keys at all', { other: { S: 'x' } });
      await put('hash key of the wrong type', { id: { N: '1' }, sk: { N: '1' } });
      await put('sort key of the wrong type', { id: { S: 'k' }, sk: { S: '1' } });
      await put('empty string hash key', { id: { S: '' }, sk: { N: '1' } });
      await put('number that is not one', { ...key, n: { N: 'abc' } });
      await put('number of 39 digits', { ...key, n: { N: '123456789012345678901234567890123456789' } });
      await put('number too large', { ...key, n: { N: '1E+126' } });
      await put('number too small', { ...key, n: { N: '1E-131' } });
      await put('empty string set', { ...key, ss: { SS: [] } });
      await put('duplicate set members', { ...key, ss: { SS: ['a', 'a'] } });
      await put('duplicate number set members', { ...key, ns: { NS: ['1', '1.0'] } });
      await put('a value with two types', { ...key, v: { S: 'a', N: '1' } });
      await put('an empty attribute value', { ...key, v: {} });
      await put('NULL false', { ...key, v: { NULL: false } });
      // Sizes by AWS's rules: id 2 + 1, sk 2 + 2 (the number 1), data 4 + its length.
      const ofSize = (bytes: number) => ({ ...key, data: { S: 'x'.repeat(bytes - 11) } });
      await put('an item of 409,601 bytes', ofSize(409_601));
      await put('an item of 409,600 bytes (accepted)', ofSize(409_600));
      await step(
        'the 409,600-byte item is there',
        async () => (await client.send(new GetItemCommand({ TableName: name, Key: key }))).Item?.data?.S?.length,
      );
      await put('ReturnValues ALL_NEW', key, { ReturnValues: 'ALL_NEW' });
      await put('ReturnValues BOGUS', key, { ReturnValues: 'BOGUS' });
      await put('ReturnValuesOnConditionCheckFailure BOGUS', key, { ReturnValuesOnConditionCheckFailure: 'BOGUS' });
      const get = (label: string, Key: unknown, extra: Record<string, unknown> = {}) =>
        step(label, () => client.send(new GetItemCommand(loose({ TableName: name, Key, ...extra }))));
      await get('GetItem: no Key', undefined);
      await get('GetItem: a key missing its sort key', { id: { S: 'k' } });
      await get('GetItem: a key with an extra attribute', { ...key, other: { S: 'x' } });
      await get('GetItem: a key of the wrong type', { id: { S: 'k' }, sk: { S: '1' } });
      await get('GetItem: an empty string key', { id: { S: '' }, sk: { N: '1' } });
      await get('GetItem: unknown table', key, { TableName: table('nope') });
      const del = (label: string, Key: unknown, extra: Record<string, unknown> = {}) =>
        step(label, () => client.send(new DeleteItemCommand(loose({ TableName: name, Key, ...extra }))));
      await del('DeleteItem: no Key', undefined);
      await del('DeleteItem: ReturnValues UPDATED_NEW', key, { ReturnValues: 'UPDATED_NEW' });
      await del('DeleteItem: a key with an extra attribute', { ...key, other: { S: 'x' } });
      await del('DeleteItem: unknown table', key, { TableName: table('nope') });
    });
  });

  it('UpdateItem: AttributeUpdates and Expected', async () => {
    await expectSameOnBoth(async ({ client, step, table }) => {
      const name = table('bad_updates');
      await client.send(new CreateTableCommand(createInput(name)));
      const Key = { id: { S: 'k' }, sk: { N: '1' } };
      await client.send(new PutItemCommand({ TableName: name, Item: { ...Key, s: { S: 'text' }, ss: { SS: ['a'] } } }));
      const update = (label: string, extra: Record<string, unknown>, known: KnownDifferenceId[] = []) =>
        step(label, () => client.send(new UpdateItemCommand(loose({ TableName: name, Key, ...extra }))), known);
      await update('updates a key attribute', { AttributeUpdates: { id: { Action: 'PUT', Value: { S: 'other' } } } });
      await update('ADD to a string', { AttributeUpdates: { s: { Action: 'ADD', Value: { N: '1' } } } });
      await update('ADD a string', { AttributeUpdates: { n: { Action: 'ADD', Value: { S: 'x' } } } }, [
        'add-type-name',
      ]);
      await update('DELETE a number set from a string set', {
        AttributeUpdates: { ss: { Action: 'DELETE', Value: { NS: ['1'] } } },
      });
      await update('PUT without a value', { AttributeUpdates: { s: { Action: 'PUT' } } });
      await update('ADD a list to a string', {
        AttributeUpdates: { s: { Action: 'ADD', Value: { L: [{ S: 'x' }] } } },
      });
      await update('ADD a list to a new attribute', {
        AttributeUpdates: { l: { Action: 'ADD', Value: { L: [{ S: 'x' }] } } },
        ReturnValues: 'ALL_NEW',
      });
      await update('ADD a list to that list', {
        AttributeUpdates: { l: { Action: 'ADD', Value: { L: [{ N: '1' }, { S: 'y' }] } } },
        ReturnValues: 'UPDATED_NEW',
      });
      await update('Expected: Value with ComparisonOperator GT', {
        Expected: { ss: { Value: { S: 'a' }, ComparisonOperator: 'GT' } },
      });
      await update('Expected: Value with BEGINS_WITH', {
        Expected: { s: { Value: { S: 'te' }, ComparisonOperator: 'BEGINS_WITH' } },
        AttributeUpdates: { hit: { Action: 'PUT', Value: { BOOL: true } } },
        ReturnValues: 'ALL_NEW',
      });
      await update('Expected: Value and AttributeValueList', {
        Expected: { s: { Value: { S: 'a' }, AttributeValueList: [{ S: 'a' }], ComparisonOperator: 'EQ' } },
      });
      await update('Expected: AttributeValueList without an operator', {
        Expected: { s: { AttributeValueList: [{ S: 'a' }] } },
      });
      await update('Expected: Exists false with an operator', {
        Expected: { s: { Exists: false, ComparisonOperator: 'NULL' } },
      });
      await update('Expected: an empty entry', { Expected: { s: {} } });
      await update('ReturnValues BOGUS', {
        AttributeUpdates: { s: { Action: 'PUT', Value: { S: 'x' } } },
        ReturnValues: 'BOGUS',
      });
      await update('Expected with Exists true and no value', { Expected: { s: { Exists: true } } });
      await update('Expected with Exists false and a value', {
        Expected: { s: { Exists: false, Value: { S: 'text' } } },
      });
      await update('Expected BETWEEN with one value', {
        Expected: { s: { ComparisonOperator: 'BETWEEN', AttributeValueList: [{ S: 'a' }] } },
      });
      await update('unknown table', {
        TableName: table('nope'),
        AttributeUpdates: { s: { Action: 'PUT', Value: { S: 'x' } } },
      });
    });
  });

  it('BatchWriteItem, BatchGetItem, TransactWriteItems', async () => {
    await expectSameOnBoth(async ({ client, step, table }) => {
      const name = table('bad_batches');
      await client.send(new CreateTableCommand(createInput(name)));
      const item = (i: number): Record<string, AttributeValue> => ({ id: { S: 'k' }, sk: { N: String(i) } });
      const batchWrite = (label: string, RequestItems: unknown) =>
        step(label, () => client.send(new BatchWriteItemCommand(loose({ RequestItems }))));
      await batchWrite('BatchWriteItem: no requests', {});
      await batchWrite('BatchWriteItem: 26 puts', {
        [name]: Array.from({ length: 26 }, (_, i) => ({ PutRequest: { Item: item(i) } })),
      });
      await batchWrite('BatchWriteItem: one key twice', {
        [name]: [{ PutRequest: { Item: item(1) } }, { DeleteRequest: { Key: item(1) } }],
      });
      await batchWrite('BatchWriteItem: unknown table', { [table('nope')]: [{ PutRequest: { Item: item(1) } }] });
      await batchWrite('BatchWriteItem: a put without its sort key', {
        [name]: [{ PutRequest: { Item: { id: { S: 'k' } } } }],
      });
      await batchWrite('BatchWriteItem: an empty list', { [name]: [] });
      const batchGet = (label: string, RequestItems: unknown, known: KnownDifferenceId[] = []) =>
        step(label, () => client.send(new BatchGetItemCommand(loose({ RequestItems }))), known);
      await batchGet('BatchGetItem: no requests', {}, ['batch-get-empty']);
      await batchGet('BatchGetItem: 101 keys', { [name]: { Keys: Array.from({ length: 101 }, (_, i) => item(i)) } });
      await batchGet('BatchGetItem: one key twice', { [name]: { Keys: [item(1), item(1)] } });
      await batchGet('BatchGetItem: no keys', { [name]: { Keys: [] } }, ['batch-get-empty']);
      await batchGet('BatchGetItem: unknown table', { [table('nope')]: { Keys: [item(1)] } });
      await batchGet('BatchGetItem: a key of the wrong type', {
        [name]: { Keys: [{ id: { S: 'k' }, sk: { S: '1' } }] },
      });
      const transact = (label: string, TransactItems: unknown) =>
        step(label, () => client.send(new TransactWriteItemsCommand(loose({ TransactItems }))));
      await transact('TransactWriteItems: no items', []);
      await transact(
        'TransactWriteItems: 101 items',
        Array.from({ length: 101 }, (_, i) => ({ Put: { TableName: name, Item: item(i) } })),
      );
      await transact('TransactWriteItems: one key twice', [
        { Put: { TableName: name, Item: item(1) } },
        { Delete: { TableName: name, Key: item(1) } },
      ]);
      await transact('TransactWriteItems: unknown table', [{ Put: { TableName: table('nope'), Item: item(1) } }]);
      await transact('TransactWriteItems: a key of the wrong type', [
        { Delete: { TableName: name, Key: { id: { S: 'k' }, sk: { S: '1' } } } },
      ]);
      await transact('TransactWriteItems: a key of the wrong type after a good item', [
        { Put: { TableName: name, Item: item(1) } },
        { Delete: { TableName: name, Key: { id: { S: 'k' }, sk: { S: '1' } } } },
      ]);
      await transact('TransactWriteItems: a key of the wrong type, then a missing key', [
        { Delete: { TableName: name, Key: { id: { S: 'k' }, sk: { S: '1' } } } },
        { Put: { TableName: name, Item: { id: { S: 'k' } } } },
      ]);
      await transact('TransactWriteItems: an empty string key', [
        { Put: { TableName: name, Item: { id: { S: '' }, sk: { N: '1' } } } },
      ]);
      await transact('TransactWriteItems: an item too large', [
        { Put: { TableName: name, Item: { ...item(1), d: { S: 'x'.repeat(409_600) } } } },
      ]);
    });
  });

  it('Query and Scan', async () => {
    await expectSameOnBoth(async ({ client, step, table }) => {
      const name = table('bad_queries');
      await client.send(new CreateTableCommand(createInput(name)));
      const eq = { id: { ComparisonOperator: 'EQ', AttributeValueList: [{ S: 'k' }] } };
      const query = (label: string, extra: Record<string, unknown>, known: KnownDifferenceId[] = []) =>
        step(label, () => client.send(new QueryCommand(loose({ TableName: name, ...extra }))), known);
      await query('no key condition', {});
      await query(
        'a condition on a non-key attribute only',
        { KeyConditions: { other: { ComparisonOperator: 'EQ', AttributeValueList: [{ S: 'x' }] } } },
        ['query-missed-key-name'],
      );
      await query(
        'no condition on the hash key',
        { KeyConditions: { sk: { ComparisonOperator: 'EQ', AttributeValueList: [{ N: '1' }] } } },
        ['query-missed-key-name'],
      );
      await query('hash key with GT', {
        KeyConditions: { id: { ComparisonOperator: 'GT', AttributeValueList: [{ S: 'k' }] } },
      });
      await query('EQ with two values', {
        KeyConditions: { id: { ComparisonOperator: 'EQ', AttributeValueList: [{ S: 'k' }, { S: 'l' }] } },
      });
      await query('value of the wrong type', {
        KeyConditions: { id: { ComparisonOperator: 'EQ', AttributeValueList: [{ N: '1' }] } },
      });
      await query('Limit 0', { KeyConditions: eq, Limit: 0 }, ['read-limit-zero']);
      await query('unknown table', { TableName: table('nope'), KeyConditions: eq });
      const scan = (label: string, extra: Record<string, unknown>, known: KnownDifferenceId[] = []) =>
        step(label, () => client.send(new ScanCommand(loose({ TableName: name, ...extra }))), known);
      await scan('Scan Limit 0', { Limit: 0 }, ['read-limit-zero']);
      await scan('Scan Segment without TotalSegments', { Segment: 0 });
      await scan('Scan Segment not below TotalSegments', { Segment: 2, TotalSegments: 2 });
      await scan('Scan TotalSegments without Segment', { TotalSegments: 2 });
      await scan('Scan unknown table', { TableName: table('nope') });
      await scan('ScanFilter BETWEEN with one value', {
        ScanFilter: { v: { ComparisonOperator: 'BETWEEN', AttributeValueList: [{ N: '1' }] } },
      });
      await scan('ScanFilter IN with no value', {
        ScanFilter: { v: { ComparisonOperator: 'IN', AttributeValueList: [] } },
      });
      await scan('ScanFilter NULL with a value', {
        ScanFilter: { v: { ComparisonOperator: 'NULL', AttributeValueList: [{ S: 'x' }] } },
      });
      await scan('ScanFilter LT on a list', {
        ScanFilter: { v: { ComparisonOperator: 'LT', AttributeValueList: [{ L: [] }] } },
      });
      await scan('ScanFilter operator BOGUS', {
        ScanFilter: { v: { ComparisonOperator: 'BOGUS', AttributeValueList: [{ S: 'x' }] } },
      });
      await scan('AttributesToGet twice the same', { AttributesToGet: ['a', 'a'] });
      await scan('Select SPECIFIC_ATTRIBUTES without attributes', { Select: 'SPECIFIC_ATTRIBUTES' });
      await scan('Select ALL_ATTRIBUTES with AttributesToGet', { Select: 'ALL_ATTRIBUTES', AttributesToGet: ['a'] });
      await scan('Select COUNT with AttributesToGet', { Select: 'COUNT', AttributesToGet: ['a'] });
      await query('QueryFilter on a key attribute', {
        KeyConditions: eq,
        QueryFilter: { sk: { ComparisonOperator: 'EQ', AttributeValueList: [{ N: '1' }] } },
      });
      await query('ConditionalOperator without a filter', { KeyConditions: eq, ConditionalOperator: 'OR' });
      await step('GetItem: AttributesToGet empty', () =>
        client.send(
          new GetItemCommand(loose({ TableName: name, Key: { id: { S: 'k' }, sk: { N: '1' } }, AttributesToGet: [] })),
        ),
      );
    });
  });

  it('DescribeStream, GetShardIterator, GetRecords, ListStreams', async () => {
    await expectSameOnBoth(async ({ client, streams, step, table }) => {
      const name = table('bad_streams');
      const created = await client.send(new CreateTableCommand(createInput(name)));
      const StreamArn = created.TableDescription?.LatestStreamArn as string;
      await client.send(new PutItemCommand({ TableName: name, Item: { id: { S: 'k' }, sk: { N: '1' } } }));
      const description = await streams.send(new DescribeStreamCommand({ StreamArn }));
      const ShardId = description.StreamDescription?.Shards?.[0]?.ShardId as string;
      const { ShardIterator } = await streams.send(
        new GetShardIteratorCommand({ StreamArn, ShardId, ShardIteratorType: 'TRIM_HORIZON' }),
      );
      const unknownArn = StreamArn.replace(`table/${name}/`, `table/${table('nope')}/`);
      const otherLabel = StreamArn.replace(/stream\/.*$/, 'stream/2000-01-01T00:00:00.000');

      const describeStream = (label: string, input: unknown, known: KnownDifferenceId[] = []) =>
        step(label, () => streams.send(new DescribeStreamCommand(loose(input))), known);
      await describeStream('DescribeStream: no StreamArn', {}, ['streams-missing-member']);
      await describeStream('DescribeStream: the stream of an unknown table', { StreamArn: unknownArn });
      await describeStream('DescribeStream: an unknown label', { StreamArn: otherLabel });
      await describeStream('DescribeStream: not an ARN', { StreamArn: 'garbage' });
      await describeStream('DescribeStream: Limit 0', { StreamArn, Limit: 0 });
      await describeStream('DescribeStream: Limit 101', { StreamArn, Limit: 101 });

      const iterator = (label: string, input: Record<string, unknown>, known: KnownDifferenceId[] = []) =>
        step(label, () => streams.send(new GetShardIteratorCommand(loose({ StreamArn, ShardId, ...input }))), known);
      await iterator('GetShardIterator: type BOGUS', { ShardIteratorType: 'BOGUS' });
      await iterator('GetShardIterator: no type', {}, ['streams-missing-member']);
      await iterator('GetShardIterator: no StreamArn', { StreamArn: undefined, ShardIteratorType: 'TRIM_HORIZON' }, [
        'streams-missing-member',
      ]);
      await iterator('GetShardIterator: an unknown shard', {
        ShardId: 'shardId-00000000000000000000-00000000',
        ShardIteratorType: 'TRIM_HORIZON',
      });
      await iterator('GetShardIterator: the stream of an unknown table', {
        StreamArn: unknownArn,
        ShardIteratorType: 'TRIM_HORIZON',
      });
      await iterator('GetShardIterator: AT_SEQUENCE_NUMBER "abc"', {
        ShardIteratorType: 'AT_SEQUENCE_NUMBER',
        SequenceNumber: 'abc',
      });
      await iterator('GetShardIterator: AT_SEQUENCE_NUMBER "1"', {
        ShardIteratorType: 'AT_SEQUENCE_NUMBER',
        SequenceNumber: '1',
      });
      await iterator('GetShardIterator: AT_SEQUENCE_NUMBER without one', { ShardIteratorType: 'AT_SEQUENCE_NUMBER' });
      await iterator('GetShardIterator: AFTER_SEQUENCE_NUMBER without one', {
        ShardIteratorType: 'AFTER_SEQUENCE_NUMBER',
      });
      await iterator('GetShardIterator: TRIM_HORIZON with a sequence number', {
        ShardIteratorType: 'TRIM_HORIZON',
        SequenceNumber: '0'.repeat(21),
      });
      await iterator('GetShardIterator: LATEST with a sequence number', {
        ShardIteratorType: 'LATEST',
        SequenceNumber: '0'.repeat(21),
      });

      const records = (label: string, input: unknown, known: KnownDifferenceId[] = []) =>
        step(label, () => streams.send(new GetRecordsCommand(loose(input))), known);
      await records('GetRecords: not an iterator', { ShardIterator: 'garbage' });
      await records('GetRecords: an iterator cut short', { ShardIterator: ShardIterator?.slice(0, -5) });
      await records('GetRecords: no iterator', {}, ['streams-missing-member']);
      await records('GetRecords: Limit 0', { ShardIterator, Limit: 0 });
      await records('GetRecords: Limit 1001', { ShardIterator, Limit: 1001 });

      await step('ListStreams: Limit 0', () => streams.send(new ListStreamsCommand({ Limit: 0 })));
      await step('ListStreams: Limit 101', () => streams.send(new ListStreamsCommand({ Limit: 101 })));
      await step('ListStreams: of an unknown table', () =>
        streams.send(new ListStreamsCommand({ TableName: table('nope') })),
      );
    });
  });
});
