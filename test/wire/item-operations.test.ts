import {
  BatchGetItemCommand,
  BatchWriteItemCommand,
  ConditionalCheckFailedException as SdkConditionalCheckFailed,
  DeleteItemCommand,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  ScanCommand,
  TransactionCanceledException as SdkTransactionCanceled,
  TransactWriteItemsCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import { describe, expect, it, vi } from 'vitest';
import { TransactionCanceledException } from '../../src/index.js';
import { makeWire, withoutMetadata } from '../support/sdk-clients.js';
import { expectSdkError, sdkValidation } from '../support/sdk-errors.js';
import { DEF_ID, KEY_ID, KEY_ID_SK, defIdSk } from '../support/tables.js';

async function withTable(sortType?: 'S' | 'N' | 'B') {
  const fixture = await makeWire();
  fixture.db.createTable({
    TableName: 'items',
    KeySchema: sortType === undefined ? KEY_ID : KEY_ID_SK,
    AttributeDefinitions: sortType === undefined ? DEF_ID : defIdSk(sortType),
    StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
  });
  return fixture;
}

const NOT_FOUND = { name: 'ResourceNotFoundException', message: 'Cannot do operations on a non-existent table' };

describe('PutItem, GetItem, DeleteItem through DynamoDBClient', () => {
  it('round-trips every attribute type, binary included, with ReturnValues ALL_OLD', async () => {
    const { client, db } = await withTable();
    const item = {
      id: { S: 'a' },
      n: { N: '01.50' },
      b: { B: new Uint8Array([0, 1, 254, 255]) },
      bs: { BS: [new Uint8Array([1]), new Uint8Array([2, 3])] },
      ss: { SS: ['x', 'y'] },
      ns: { NS: ['1', '2.5'] },
      t: { BOOL: true },
      z: { NULL: true },
      l: { L: [{ S: 'e' }, { B: new Uint8Array([9]) }] },
      m: { M: { inner: { B: new Uint8Array([7, 7]) }, s: { S: 'é€' } } },
    };
    const put = await client.send(new PutItemCommand({ TableName: 'items', Item: item }));
    expect(withoutMetadata(put)).toEqual({});
    const got = await client.send(new GetItemCommand({ TableName: 'items', Key: { id: { S: 'a' } } }));
    expect(got.Item).toEqual({ ...item, n: { N: '1.5' } });
    expect(got.Item).toEqual(db.getItem({ TableName: 'items', Key: { id: { S: 'a' } } }).Item);
    expect(got.Item!.b!.B).toBeInstanceOf(Uint8Array);

    const replaced = await client.send(
      new PutItemCommand({ TableName: 'items', Item: { id: { S: 'a' } }, ReturnValues: 'ALL_OLD' }),
    );
    expect(replaced.Attributes).toEqual(got.Item);
    const deleted = await client.send(
      new DeleteItemCommand({ TableName: 'items', Key: { id: { S: 'a' } }, ReturnValues: 'ALL_OLD' }),
    );
    expect(deleted.Attributes).toEqual({ id: { S: 'a' } });
    expect(
      withoutMetadata(await client.send(new GetItemCommand({ TableName: 'items', Key: { id: { S: 'a' } } }))),
    ).toEqual({});
  });

  it('errors: absent table, bad keys, bad ReturnValues, invalid base64, expressions named as unsupported', async () => {
    const { client } = await withTable();
    await expectSdkError(client.send(new PutItemCommand({ TableName: 'nope1', Item: { id: { S: 'a' } } })), NOT_FOUND);
    await expectSdkError(
      client.send(new PutItemCommand({ TableName: 'items', Item: { other: { S: 'a' } } })),
      sdkValidation('One of the required keys was not given a value'),
    );
    await expectSdkError(
      client.send(new GetItemCommand({ TableName: 'items', Key: { id: { N: '1' } } })),
      sdkValidation('One or more parameter values were invalid: Type mismatch for key'),
    );
    await expectSdkError(
      client.send(new PutItemCommand({ TableName: 'items', Item: { id: { S: 'a' } }, ReturnValues: 'ALL_NEW' })),
      sdkValidation('Return values set to invalid value'),
    );
    await expectSdkError(
      client.send(
        new PutItemCommand({
          TableName: 'items',
          Item: { id: { S: 'a' } },
          ConditionExpression: 'attribute_not_exists(id)',
          ExpressionAttributeValues: { ':v': { S: 'unused' } },
        }),
      ),
      sdkValidation('Value provided in ExpressionAttributeValues unused in expressions: keys: {:v}'),
    );
    await expectSdkError(
      client.send(
        new DeleteItemCommand({
          TableName: 'items',
          Key: { id: { S: 'a' } },
          Expected: { id: { ComparisonOperator: 'CONTAINS', AttributeValueList: [{ SS: ['a'] }] } },
        }),
      ),
      sdkValidation(
        'One or more parameter values were invalid: ComparisonOperator CONTAINS is not valid for SS AttributeValue type',
      ),
    );
    await expectSdkError(
      client.send(new GetItemCommand({ TableName: 'items', Key: { id: { S: 'a' } }, ProjectionExpression: 'id, id' })),
      sdkValidation(
        'Invalid ProjectionExpression: Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [id], path two: [id]',
      ),
    );
  });

  it('legacy Expected: Exists, Value and comparisons guard writes; a failure carries the item with ALL_OLD', async () => {
    const { client, db } = await withTable();
    const item = { id: { S: 'a' }, b: { B: new Uint8Array([1, 2]) }, n: { N: '5' } };
    await client.send(new PutItemCommand({ TableName: 'items', Item: item, Expected: { id: { Exists: false } } }));
    const failed = await expectSdkError(
      client.send(
        new PutItemCommand({
          TableName: 'items',
          Item: { id: { S: 'a' } },
          Expected: { id: { Exists: false } },
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      ),
      { name: 'ConditionalCheckFailedException', message: 'The conditional request failed' },
    );
    expect(failed).toBeInstanceOf(SdkConditionalCheckFailed);
    expect(failed.Item).toEqual(item);
    const withoutItem = await expectSdkError(
      client.send(
        new DeleteItemCommand({ TableName: 'items', Key: { id: { S: 'a' } }, Expected: { n: { Value: { N: '6' } } } }),
      ),
      { name: 'ConditionalCheckFailedException', message: 'The conditional request failed' },
    );
    expect(withoutItem.Item).toBeUndefined();
    const guarded = (Expected: object, ConditionalOperator?: 'AND' | 'OR') =>
      client.send(
        new UpdateItemCommand({
          TableName: 'items',
          Key: { id: { S: 'a' } },
          AttributeUpdates: { n: { Action: 'ADD', Value: { N: '1' } } },
          Expected: Expected as never,
          ...(ConditionalOperator === undefined ? {} : { ConditionalOperator }),
        }),
      );
    await guarded({
      n: { ComparisonOperator: 'BETWEEN', AttributeValueList: [{ N: '1' }, { N: '5' }] },
      b: { Exists: true, Value: { B: new Uint8Array([1, 2]) } },
    });
    await guarded(
      { n: { ComparisonOperator: 'LT', AttributeValueList: [{ N: '0' }] }, missing: { ComparisonOperator: 'NULL' } },
      'OR',
    );
    await expectSdkError(guarded({ n: { ComparisonOperator: 'GE', AttributeValueList: [{ N: '100' }] } }), {
      name: 'ConditionalCheckFailedException',
      message: 'The conditional request failed',
    });
    await expectSdkError(
      guarded({ n: { Exists: false, Value: { N: '1' } } }),
      sdkValidation(
        'One or more parameter values were invalid: Value cannot be used when Exists is false for Attribute: n',
      ),
    );
    expect(db.getItem({ TableName: 'items', Key: { id: { S: 'a' } } }).Item!.n).toEqual({ N: '7' });
  });
});

describe('UpdateItem through DynamoDBClient', () => {
  it('AttributeUpdates: PUT, DELETE, ADD on numbers and sets, DELETE from sets; ReturnValues', async () => {
    const { client } = await withTable();
    const update = (AttributeUpdates: object, ReturnValues?: 'ALL_NEW' | 'UPDATED_OLD' | 'UPDATED_NEW' | 'ALL_OLD') =>
      client.send(
        new UpdateItemCommand({
          TableName: 'items',
          Key: { id: { S: 'a' } },
          AttributeUpdates: AttributeUpdates as never,
          ...(ReturnValues === undefined ? {} : { ReturnValues }),
        }),
      );
    const created = await update(
      {
        count: { Action: 'ADD', Value: { N: '5' } },
        tags: { Action: 'ADD', Value: { SS: ['x'] } },
        name: { Value: { S: 'first' } },
      },
      'ALL_NEW',
    );
    expect(created.Attributes).toEqual({
      id: { S: 'a' },
      count: { N: '5' },
      tags: { SS: ['x'] },
      name: { S: 'first' },
    });
    const next = await update(
      {
        count: { Action: 'ADD', Value: { N: '-0.5' } },
        tags: { Action: 'ADD', Value: { SS: ['y', 'x'] } },
        name: { Action: 'DELETE' },
        bytes: { Action: 'PUT', Value: { BS: [new Uint8Array([1]), new Uint8Array([2])] } },
      },
      'UPDATED_NEW',
    );
    expect(next.Attributes).toEqual({
      count: { N: '4.5' },
      tags: { SS: ['x', 'y'] },
      bytes: { BS: [new Uint8Array([1]), new Uint8Array([2])] },
    });
    const old = await update(
      {
        tags: { Action: 'DELETE', Value: { SS: ['x', 'y'] } },
        bytes: { Action: 'DELETE', Value: { BS: [new Uint8Array([1])] } },
      },
      'UPDATED_OLD',
    );
    expect(old.Attributes).toEqual({
      tags: { SS: ['x', 'y'] },
      bytes: { BS: [new Uint8Array([1]), new Uint8Array([2])] },
    });
    const final = await client.send(new GetItemCommand({ TableName: 'items', Key: { id: { S: 'a' } } }));
    expect(final.Item).toEqual({ id: { S: 'a' }, count: { N: '4.5' }, bytes: { BS: [new Uint8Array([2])] } });
  });

  it('AttributeUpdates ADD of a list appends to the list, or makes it; ADD to another type is a type mismatch', async () => {
    // As AWS (dynalite's recorded validations take L for ADD) and DynamoDB Local 2.9.30 (probed) answer.
    const { client, db } = await withTable();
    const add = (name: string, value: object, ReturnValues: 'ALL_NEW' | 'UPDATED_NEW' = 'ALL_NEW', id = 'a') =>
      client.send(
        new UpdateItemCommand({
          TableName: 'items',
          Key: { id: { S: id } },
          AttributeUpdates: { [name]: { Action: 'ADD', Value: value } } as never,
          ReturnValues,
        }),
      );
    db.putItem({ TableName: 'items', Item: { id: { S: 'a' }, l: { L: [{ S: 'x' }] }, n: { N: '1' }, s: { S: 't' } } });
    expect((await add('l', { L: [{ S: 'y' }, { N: '2' }] })).Attributes?.l).toEqual({
      L: [{ S: 'x' }, { S: 'y' }, { N: '2' }],
    });
    expect((await add('fresh', { L: [{ S: 'y' }] }, 'UPDATED_NEW')).Attributes).toEqual({ fresh: { L: [{ S: 'y' }] } });
    expect((await add('l', { L: [{ S: 'y' }] }, 'ALL_NEW', 'new-item')).Attributes).toEqual({
      id: { S: 'new-item' },
      l: { L: [{ S: 'y' }] },
    });
    const recordCount = () =>
      db
        .table('items')
        .stream!.listShards()
        .reduce((n, shard) => n + shard.retainedRecords, 0);
    const records = recordCount();
    // An empty list appends nothing: the item is unchanged, so no stream record.
    await add('l', { L: [] });
    expect(recordCount()).toBe(records);
    const mismatch = { name: 'ValidationException', message: 'Type mismatch for attribute to update' };
    for (const target of ['n', 's']) await expectSdkError(add(target, { L: [{ S: 'y' }] }), mismatch);
    await expectSdkError(add('l', { N: '3' }), mismatch);
    expect(recordCount()).toBe(records);
    expect(db.getItem({ TableName: 'items', Key: { id: { S: 'a' } } }).Item).toEqual({
      id: { S: 'a' },
      l: { L: [{ S: 'x' }, { S: 'y' }, { N: '2' }] },
      fresh: { L: [{ S: 'y' }] },
      n: { N: '1' },
      s: { S: 't' },
    });
  });

  it('with only Key: creates the item with its key alone, and leaves an existing one as it is', async () => {
    const { client, db } = await withTable('N');
    const key = { id: { S: 'a' }, sk: { N: '1' } };
    expect(
      withoutMetadata(
        await client.send(new UpdateItemCommand({ TableName: 'items', Key: key, ReturnValues: 'ALL_NEW' })),
      ),
    ).toEqual({ Attributes: key });
    db.putItem({ TableName: 'items', Item: { ...key, x: { S: 'kept' } } });
    expect(
      (await client.send(new UpdateItemCommand({ TableName: 'items', Key: key, ReturnValues: 'ALL_NEW' }))).Attributes,
    ).toEqual({ ...key, x: { S: 'kept' } });
  });

  it('errors with AWS messages', async () => {
    const { client, db } = await withTable();
    db.putItem({ TableName: 'items', Item: { id: { S: 'a' }, s: { S: 'text' }, n: { N: '1' } } });
    const update = (AttributeUpdates: object, extra: object = {}) =>
      client.send(
        new UpdateItemCommand({
          TableName: 'items',
          Key: { id: { S: 'a' } },
          AttributeUpdates: AttributeUpdates as never,
          ...extra,
        }),
      );
    await expectSdkError(
      update({ id: { Value: { S: 'b' } } }),
      sdkValidation(
        'One or more parameter values were invalid: Cannot update attribute id. This attribute is part of the key',
      ),
    );
    await expectSdkError(
      update({ x: { Action: 'PUT' } }),
      sdkValidation(
        'One or more parameter values were invalid: Only DELETE action is allowed when no attribute value is specified',
      ),
    );
    await expectSdkError(
      update({ x: { Action: 'ADD', Value: { S: 'a' } } }),
      sdkValidation('One or more parameter values were invalid: ADD action is not supported for the type S'),
    );
    await expectSdkError(
      update({ x: { Action: 'DELETE', Value: { N: '1' } } }),
      sdkValidation(
        'One or more parameter values were invalid: DELETE action with value is not supported for the type N',
      ),
    );
    await expectSdkError(
      update({ s: { Action: 'ADD', Value: { N: '1' } } }),
      sdkValidation('Type mismatch for attribute to update'),
    );
    await expectSdkError(
      update({ x: { Action: 'REPLACE', Value: { N: '1' } } }),
      sdkValidation(
        "1 validation error detected: Value 'REPLACE' at 'attributeUpdates.x.member.action' failed to satisfy constraint: Member must satisfy enum value set: [ADD, PUT, DELETE]",
      ),
    );
    await expectSdkError(
      update({ x: { Value: { N: '1' } } }, { UpdateExpression: 'SET x = :v' }),
      sdkValidation(
        'Can not use both expression and non-expression parameters in the same request: Non-expression parameters: {AttributeUpdates} Expression parameters: {UpdateExpression}',
      ),
    );
    await expectSdkError(
      client.send(
        new UpdateItemCommand({
          TableName: 'items',
          Key: { id: { S: 'a' } },
          UpdateExpression: 'SET x = :v, x = :v',
          ExpressionAttributeValues: { ':v': { S: 'y' } },
        }),
      ),
      sdkValidation(
        'Invalid UpdateExpression: Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [x], path two: [x]',
      ),
    );
    expect(db.getItem({ TableName: 'items', Key: { id: { S: 'a' } } }).Item).toEqual({
      id: { S: 'a' },
      s: { S: 'text' },
      n: { N: '1' },
    });
  });
});

describe('BatchWriteItem, BatchGetItem, TransactWriteItems through DynamoDBClient', () => {
  it('BatchWriteItem puts and deletes across tables; BatchGetItem reads them back', async () => {
    const { client, db } = await withTable();
    db.createTable({ TableName: 'more', KeySchema: KEY_ID, AttributeDefinitions: DEF_ID });
    db.putItem({ TableName: 'items', Item: { id: { S: 'gone' } } });
    const written = await client.send(
      new BatchWriteItemCommand({
        RequestItems: {
          items: [
            { PutRequest: { Item: { id: { S: 'a' }, b: { B: new Uint8Array([5]) } } } },
            { DeleteRequest: { Key: { id: { S: 'gone' } } } },
          ],
          more: [{ PutRequest: { Item: { id: { S: 'm' } } } }],
        },
      }),
    );
    expect(written.UnprocessedItems).toEqual({});
    const read = await client.send(
      new BatchGetItemCommand({
        RequestItems: {
          items: { Keys: [{ id: { S: 'a' } }, { id: { S: 'gone' } }] },
          more: { Keys: [{ id: { S: 'm' } }] },
        },
      }),
    );
    expect(read.Responses).toEqual({
      items: [{ id: { S: 'a' }, b: { B: new Uint8Array([5]) } }],
      more: [{ id: { S: 'm' } }],
    });
    expect(read.UnprocessedKeys).toEqual({});
  });

  it('batch errors with AWS and DynamoDB Local messages', async () => {
    const { client } = await withTable();
    await expectSdkError(
      client.send(
        new BatchWriteItemCommand({
          RequestItems: {
            items: [{ PutRequest: { Item: { id: { S: 'a' } } } }, { PutRequest: { Item: { id: { S: 'a' } } } }],
          },
        }),
      ),
      sdkValidation('Provided list of item keys contains duplicates'),
    );
    await expectSdkError(
      client.send(new BatchWriteItemCommand({ RequestItems: {} })),
      sdkValidation('BatchWriteItem cannot have a null or no requests set'),
    );
    await expectSdkError(
      client.send(new BatchGetItemCommand({ RequestItems: {} })),
      sdkValidation(
        "1 validation error detected: Value '{}' at 'requestItems' failed to satisfy constraint: Member must have length greater than or equal to 1",
      ),
    );
    await expectSdkError(
      client.send(
        new BatchGetItemCommand({ RequestItems: { items: { Keys: [{ id: { S: 'a' } }, { id: { S: 'a' } }] } } }),
      ),
      sdkValidation('Provided list of item keys contains duplicates'),
    );
    const keys = Array.from({ length: 101 }, (_, i) => ({ id: { S: `k${i}` } }));
    await expectSdkError(
      client.send(new BatchGetItemCommand({ RequestItems: { items: { Keys: keys } } })),
      sdkValidation('Too many items requested for the BatchGetItem call'),
    );
    await expectSdkError(
      client.send(new BatchGetItemCommand({ RequestItems: { nope1: { Keys: [{ id: { S: 'a' } }] } } })),
      NOT_FOUND,
    );
  });

  it('TransactWriteItems puts and deletes all or nothing', async () => {
    const { client, db } = await withTable();
    db.putItem({ TableName: 'items', Item: { id: { S: 'old' } } });
    await client.send(
      new TransactWriteItemsCommand({
        TransactItems: [
          { Put: { TableName: 'items', Item: { id: { S: 'new' }, b: { B: new Uint8Array([1]) } } } },
          { Delete: { TableName: 'items', Key: { id: { S: 'old' } } } },
        ],
      }),
    );
    expect([...db.table('items').items()]).toEqual([{ id: { S: 'new' }, b: { B: new Uint8Array([1]) } }]);
    await expectSdkError(
      client.send(
        new TransactWriteItemsCommand({
          TransactItems: [
            { Put: { TableName: 'items', Item: { id: { S: 'x' } } } },
            { Update: { TableName: 'items', Key: { id: { S: 'new' } } } as never },
          ],
        }),
      ),
      sdkValidation(
        "1 validation error detected: Value null at 'transactItems.2.member.update.updateExpression' failed to satisfy constraint: Member must not be null",
      ),
    );
    await expectSdkError(
      client.send(
        new TransactWriteItemsCommand({
          TransactItems: [
            {
              ConditionCheck: {
                TableName: 'items',
                Key: { id: { S: 'new' } },
                ConditionExpression: 'attribute_not_exists(id)',
              },
            },
          ],
        }),
      ),
      {
        name: 'TransactionCanceledException',
        message:
          'Transaction cancelled, please refer cancellation reasons for specific reasons [ConditionalCheckFailed]',
      },
    );
    await expectSdkError(
      client.send(
        new TransactWriteItemsCommand({
          TransactItems: [
            { Put: { TableName: 'items', Item: { id: { S: 'x' } } } },
            { Delete: { TableName: 'items', Key: { id: { S: 'x' } } } },
          ],
        }),
      ),
      sdkValidation('Transaction request cannot include multiple operations on one item'),
    );
    expect(db.table('items').itemCount).toBe(1);
  });

  it('a TransactionCanceledException carries its CancellationReasons (with items, binary included) over the wire', async () => {
    const { client, db } = await withTable();
    const item = { id: { S: 'a' }, b: { B: new Uint8Array([3, 4]) } };
    // No ConditionExpression over the wire yet: the typed API's cancellation stands in for one.
    vi.spyOn(db, 'transactWriteItems').mockImplementation(() => {
      throw new TransactionCanceledException([
        { Code: 'None' },
        { Item: item, Code: 'ConditionalCheckFailed', Message: 'The conditional request failed' },
      ]);
    });
    const error = await expectSdkError(
      client.send(
        new TransactWriteItemsCommand({
          TransactItems: [
            { Put: { TableName: 'items', Item: { id: { S: 'b' } } } },
            { Delete: { TableName: 'items', Key: { id: { S: 'a' } } } },
          ],
        }),
      ),
      {
        name: 'TransactionCanceledException',
        message:
          'Transaction cancelled, please refer cancellation reasons for specific reasons [None, ConditionalCheckFailed]',
      },
    );
    expect(error).toBeInstanceOf(SdkTransactionCanceled);
    expect(error.CancellationReasons).toEqual([
      { Code: 'None' },
      { Item: item, Code: 'ConditionalCheckFailed', Message: 'The conditional request failed' },
    ]);
  });
});

describe('Query and Scan through DynamoDBClient', () => {
  it('Query with KeyConditions: range conditions, ScanIndexForward, Limit and ExclusiveStartKey', async () => {
    const { client, db } = await withTable('N');
    for (const sk of ['3', '1', '20', '2', '10'])
      db.putItem({
        TableName: 'items',
        Item: { id: { S: 'p' }, sk: { N: sk }, b: { B: new Uint8Array([Number(sk)]) } },
      });
    db.putItem({ TableName: 'items', Item: { id: { S: 'q' }, sk: { N: '1' } } });
    const hash = { id: { ComparisonOperator: 'EQ' as const, AttributeValueList: [{ S: 'p' }] } };
    const sks = (items: Record<string, { N?: string }>[] | undefined) => (items ?? []).map((item) => item.sk!.N);
    const all = await client.send(new QueryCommand({ TableName: 'items', KeyConditions: hash }));
    expect(sks(all.Items as never)).toEqual(['1', '2', '3', '10', '20']);
    expect(all.Items![0]!.b!.B).toEqual(new Uint8Array([1]));
    expect(all).toMatchObject({ Count: 5, ScannedCount: 5 });
    const between = await client.send(
      new QueryCommand({
        TableName: 'items',
        KeyConditions: {
          ...hash,
          sk: { ComparisonOperator: 'BETWEEN', AttributeValueList: [{ N: '2' }, { N: '10' }] },
        },
        ScanIndexForward: false,
      }),
    );
    expect(sks(between.Items as never)).toEqual(['10', '3', '2']);
    const page1 = await client.send(new QueryCommand({ TableName: 'items', KeyConditions: hash, Limit: 3 }));
    expect(page1.LastEvaluatedKey).toEqual({ id: { S: 'p' }, sk: { N: '3' } });
    const page2 = await client.send(
      new QueryCommand({
        TableName: 'items',
        KeyConditions: hash,
        Limit: 3,
        ExclusiveStartKey: page1.LastEvaluatedKey,
      }),
    );
    expect(sks(page2.Items as never)).toEqual(['10', '20']);
    expect(page2.LastEvaluatedKey).toBeUndefined();
    expect(
      withoutMetadata(
        await client.send(new QueryCommand({ TableName: 'items', KeyConditions: hash, Select: 'COUNT' })),
      ),
    ).toEqual({ Count: 5, ScannedCount: 5 });
  });

  it('Scan pages in key order', async () => {
    const { client, db } = await withTable();
    for (const id of ['c', 'a', 'b']) db.putItem({ TableName: 'items', Item: { id: { S: id } } });
    const first = await client.send(new ScanCommand({ TableName: 'items', Limit: 2 }));
    expect(first.Items).toEqual([{ id: { S: 'a' } }, { id: { S: 'b' } }]);
    const second = await client.send(
      new ScanCommand({ TableName: 'items', Limit: 2, ExclusiveStartKey: first.LastEvaluatedKey }),
    );
    expect(second.Items).toEqual([{ id: { S: 'c' } }]);
    expect(second.LastEvaluatedKey).toBeUndefined();
  });

  it('errors: expressions named, Limit and Select constraints, absent table', async () => {
    const { client } = await withTable('N');
    await expectSdkError(
      client.send(
        new QueryCommand({
          TableName: 'items',
          KeyConditionExpression: 'id <> :v',
          ExpressionAttributeValues: { ':v': { S: 'p' } },
        }),
      ),
      sdkValidation('Invalid operator used in KeyConditionExpression: <>'),
    );
    await expectSdkError(
      client.send(
        new ScanCommand({
          TableName: 'items',
          FilterExpression: 'x = :v',
          ExpressionAttributeValues: { ':v': { S: 'p' }, ':w': { S: 'unused' } },
        }),
      ),
      sdkValidation('Value provided in ExpressionAttributeValues unused in expressions: keys: {:w}'),
    );
    await expectSdkError(
      client.send(new ScanCommand({ TableName: 'items', Limit: 0, Select: 'NOPE' as never })),
      sdkValidation(
        "2 validation errors detected: Value 'NOPE' at 'select' failed to satisfy constraint: Member must satisfy enum value set: [SPECIFIC_ATTRIBUTES, COUNT, ALL_ATTRIBUTES, ALL_PROJECTED_ATTRIBUTES]; Value '0' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1",
      ),
    );
    await expectSdkError(
      client.send(new QueryCommand({ TableName: 'items' })),
      sdkValidation('Either the KeyConditions or KeyConditionExpression parameter must be specified in the request.'),
    );
    await expectSdkError(client.send(new ScanCommand({ TableName: 'nope1' })), NOT_FOUND);
  });
});
