/**
 * Which of several problems a request reports, as DynamoDB Local (2.9.30) answers. Found by the random sequences
 * of conformance/random-operations.test.ts and pinned here, so `npm test` keeps them without Java: in a request
 * of many items the values of every item come first, a key given twice is found request by request, an
 * UpdateItem's Key comes before its AttributeUpdates, and numbers are compared in canonical form.
 */
import {
  BatchGetItemCommand,
  BatchWriteItemCommand,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  ScanCommand,
  TransactWriteItemsCommand,
  UpdateItemCommand,
  type AttributeValue,
} from '@aws-sdk/client-dynamodb';
import { DescribeStreamCommand, GetShardIteratorCommand } from '@aws-sdk/client-dynamodb-streams';
import { describe, expect, it } from 'vitest';
import { makeWire } from '../support/sdk-clients.js';
import { expectSdkError, sdkValidation } from '../support/sdk-errors.js';
import { KEY_ID_SK, defIdSk } from '../support/tables.js';

async function fixture() {
  const wire = await makeWire();
  wire.db.createTable({
    TableName: 'items',
    KeySchema: KEY_ID_SK,
    AttributeDefinitions: defIdSk('N'),
    StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
  });
  return wire;
}

const key = (id: string, sk: AttributeValue) => ({ id: { S: id }, sk });
const EMPTY_KEY = sdkValidation(
  'One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty string value. Key: id',
);
const NOT_A_NUMBER = sdkValidation('A value provided cannot be converted into a number');
const EMPTY_SET = sdkValidation('One or more parameter values were invalid: An number set  may not be empty');
const DUPLICATES = sdkValidation('Provided list of item keys contains duplicates');
const ONE_ITEM_TWICE = sdkValidation('Transaction request cannot include multiple operations on one item');
const TYPE_MISMATCH = sdkValidation('One or more parameter values were invalid: Type mismatch for key');

describe('BatchWriteItem', () => {
  it('reports a bad value in a later request before an empty key in an earlier one', async () => {
    const { client, db } = await fixture();
    const put = (Item: Record<string, AttributeValue>) => ({ PutRequest: { Item } });
    await expectSdkError(
      client.send(
        new BatchWriteItemCommand({ RequestItems: { items: [put(key('', { N: '1' })), put(key('a', { N: '1x' }))] } }),
      ),
      NOT_A_NUMBER,
    );
    await expectSdkError(
      client.send(
        new BatchWriteItemCommand({
          RequestItems: {
            items: [{ DeleteRequest: { Key: key('', { N: '1' }) } }, put({ ...key('a', { N: '2' }), z: { NS: [] } })],
          },
        }),
      ),
      EMPTY_SET,
    );
    // A value is checked before the table is looked up.
    await expectSdkError(
      client.send(new BatchWriteItemCommand({ RequestItems: { missing: [put(key('a', { N: '1x' }))] } })),
      NOT_A_NUMBER,
    );
    expect(db.table('items').itemCount).toBe(0);
  });

  it('reports a key given twice before a bad key after it', async () => {
    const { client } = await fixture();
    const remove = (Key: Record<string, AttributeValue>) => ({ DeleteRequest: { Key } });
    await expectSdkError(
      client.send(
        new BatchWriteItemCommand({
          RequestItems: {
            items: [remove(key('b', { N: '1' })), remove(key('b', { N: '01' })), remove(key('', { N: '1' }))],
          },
        }),
      ),
      DUPLICATES,
    );
    await expectSdkError(
      client.send(
        new BatchWriteItemCommand({
          RequestItems: {
            items: [remove(key('c', { N: '1' })), remove(key('c', { N: '1' })), remove(key('a', { S: '1' }))],
          },
        }),
      ),
      DUPLICATES,
    );
    // The bad key first: it is reported.
    await expectSdkError(
      client.send(
        new BatchWriteItemCommand({
          RequestItems: {
            items: [remove(key('', { N: '1' })), remove(key('b', { N: '1' })), remove(key('b', { N: '1' }))],
          },
        }),
      ),
      EMPTY_KEY,
    );
  });
});

describe('TransactWriteItems', () => {
  it('reports a bad value in a later item before a problem of an earlier one', async () => {
    const { client } = await fixture();
    const put = (Item: Record<string, AttributeValue>, TableName = 'items') => ({ Put: { TableName, Item } });
    await expectSdkError(
      client.send(
        new TransactWriteItemsCommand({ TransactItems: [put(key('', { N: '1' })), put(key('a', { N: '1x' }))] }),
      ),
      NOT_A_NUMBER,
    );
    await expectSdkError(
      client.send(
        new TransactWriteItemsCommand({
          TransactItems: [put(key('a', { N: '1' }), 'missing'), put(key('a', { N: '1x' }))],
        }),
      ),
      NOT_A_NUMBER,
    );
    await expectSdkError(
      client.send(
        new TransactWriteItemsCommand({
          TransactItems: [put({ id: { S: 'a' } }), put({ ...key('a', { N: '2' }), z: { NS: [] } })],
        }),
      ),
      EMPTY_SET,
    );
  });

  it('takes one item written two ways for one item, and reports that before a key of the wrong type cancels', async () => {
    const { client, db } = await fixture();
    const put = (sk: AttributeValue) => ({ Put: { TableName: 'items', Item: key('a', sk) } });
    const remove = (sk: AttributeValue) => ({ Delete: { TableName: 'items', Key: key('a', sk) } });
    await expectSdkError(
      client.send(new TransactWriteItemsCommand({ TransactItems: [remove({ N: '01' }), put({ N: '1' })] })),
      ONE_ITEM_TWICE,
    );
    await expectSdkError(
      client.send(new TransactWriteItemsCommand({ TransactItems: [remove({ N: '0' }), remove({ N: '-0' })] })),
      ONE_ITEM_TWICE,
    );
    await expectSdkError(
      client.send(
        new TransactWriteItemsCommand({ TransactItems: [remove({ S: '1' }), put({ N: '1' }), remove({ N: '1' })] }),
      ),
      ONE_ITEM_TWICE,
    );
    expect(db.table('items').itemCount).toBe(0);
    // No duplicate: the key of the wrong type cancels, with its reason in its place.
    await expect(
      client.send(new TransactWriteItemsCommand({ TransactItems: [remove({ S: '1' }), put({ N: '1' })] })),
    ).rejects.toMatchObject({
      name: 'TransactionCanceledException',
      CancellationReasons: [{ Code: 'ValidationError', Message: TYPE_MISMATCH.message }, { Code: 'None' }],
    });
  });
});

describe('BatchGetItem', () => {
  it('reports a bad value before a bad key or a missing table, and one key written twice', async () => {
    const { client } = await fixture();
    await expectSdkError(
      client.send(
        new BatchGetItemCommand({ RequestItems: { items: { Keys: [key('', { N: '1' }), key('a', { N: '1x' })] } } }),
      ),
      NOT_A_NUMBER,
    );
    await expectSdkError(
      client.send(new BatchGetItemCommand({ RequestItems: { missing: { Keys: [key('a', { N: '1x' })] } } })),
      NOT_A_NUMBER,
    );
    // Written the same way, before a bad key after it; written two ways ('1', '1.0'), one key all the same.
    await expectSdkError(
      client.send(
        new BatchGetItemCommand({
          RequestItems: { items: { Keys: [key('c', { N: '01' }), key('a', { S: '1' }), key('c', { N: '01' })] } },
        }),
      ),
      DUPLICATES,
    );
    await expectSdkError(
      client.send(
        new BatchGetItemCommand({ RequestItems: { items: { Keys: [key('a', { N: '1' }), key('a', { N: '1.0' })] } } }),
      ),
      DUPLICATES,
    );
  });
});

describe('UpdateItem with AttributeUpdates', () => {
  it('checks the Key before the updates', async () => {
    const { client } = await fixture();
    const update = (Key: Record<string, AttributeValue>, Value: AttributeValue) =>
      new UpdateItemCommand({ TableName: 'items', Key, AttributeUpdates: { x: { Action: 'PUT', Value } } });
    await expectSdkError(client.send(update(key('a', { N: '1x' }), { NS: ['1', '1.0'] })), NOT_A_NUMBER);
    await expectSdkError(client.send(update(key('a', { S: '1' }), { N: 'abc' })), TYPE_MISMATCH);
    await expectSdkError(client.send(update(key('', { N: '1' }), { NS: [] })), EMPTY_KEY);
  });
});

describe('Query with KeyConditions', () => {
  it('answers a BETWEEN whose bounds are the wrong way round in DynamoDB Local words', async () => {
    const { client } = await fixture();
    const between = new QueryCommand({
      TableName: 'items',
      KeyConditions: {
        id: { ComparisonOperator: 'EQ', AttributeValueList: [{ S: 'a' }] },
        sk: { ComparisonOperator: 'BETWEEN', AttributeValueList: [{ N: '2' }, { N: '1' }] },
      },
    });
    await expectSdkError(
      client.send(between),
      sdkValidation('The BETWEEN condition was provided a range where the lower bound is greater than the upper bound'),
    );
    await expect(
      client.send(new GetItemCommand({ TableName: 'items', Key: key('a', { N: '1' }) })),
    ).resolves.not.toHaveProperty('Item');
  });
});

describe('legacy conditions (Expected, QueryFilter, ScanFilter)', () => {
  const put = (Item: Record<string, AttributeValue>, extra: Record<string, unknown> = {}) =>
    new PutItemCommand({ TableName: 'items', Item, ...extra });

  it('checks the item before Expected, and Expected before a lone ConditionalOperator', async () => {
    const { client, db } = await fixture();
    const twoValues = { id: { ComparisonOperator: 'EQ' as const, AttributeValueList: [{ S: 'a' }, { S: 'b' }] } };
    await expectSdkError(client.send(put(key('', { N: '1' }), { Expected: twoValues })), EMPTY_KEY);
    await expectSdkError(
      client.send(put({ ...key('a', { N: '1' }), x: { N: 'abc' } }, { Expected: twoValues })),
      NOT_A_NUMBER,
    );
    await expectSdkError(
      client.send(put(key('a', { N: '1' }), { Expected: twoValues, ConditionalOperator: 'AND' })),
      sdkValidation(
        'One or more parameter values were invalid: Invalid number of argument(s) for the EQ ComparisonOperator',
      ),
    );
    await expectSdkError(
      client.send(put(key('a', { N: '1' }), { Expected: { id: { Exists: false } }, ConditionalOperator: 'AND' })),
      sdkValidation('ConditionalOperator can only be used when Filter or Expected has two or more elements'),
    );
    await expectSdkError(client.send(put(key('', { N: '1' }), { ConditionalOperator: 'OR' })), EMPTY_KEY);
    await expectSdkError(
      client.send(put(key('a', { N: '1' }), { ConditionalOperator: 'OR' })),
      sdkValidation('ConditionalOperator cannot be used without Filter or Expected'),
    );
    await expectSdkError(
      client.send(put(key('a', { N: '1' }), { Expected: { id: { ComparisonOperator: 'BETWEEN' } } })),
      sdkValidation(
        'One or more parameter values were invalid: Value or AttributeValueList must be used with ComparisonOperator: BETWEEN for Attribute: id',
      ),
    );
    expect(db.table('items').itemCount).toBe(0);
  });

  it('checks every value of IN and both bounds of BETWEEN', async () => {
    const { client } = await fixture();
    const scan = (x: Record<string, unknown>) =>
      client.send(new ScanCommand({ TableName: 'items', ScanFilter: { x: x as never } }));
    await expectSdkError(
      scan({ ComparisonOperator: 'IN', AttributeValueList: [{ N: '0' }, { BOOL: false }] }),
      sdkValidation(
        'One or more parameter values were invalid: ComparisonOperator IN is not valid for BOOL AttributeValue type',
      ),
    );
    await expectSdkError(
      scan({ ComparisonOperator: 'IN', AttributeValueList: [{ N: '0' }, { S: 'a' }] }),
      sdkValidation(
        'One or more parameter values were invalid: AttributeValues inside AttributeValueList must be of same type',
      ),
    );
    await expectSdkError(
      scan({ ComparisonOperator: 'BETWEEN', AttributeValueList: [{ B: new Uint8Array([1]) }, { NULL: true }] }),
      sdkValidation(
        'One or more parameter values were invalid: ComparisonOperator BETWEEN is not valid for NULL AttributeValue type',
      ),
    );
    await expectSdkError(
      scan({ ComparisonOperator: 'BETWEEN', AttributeValueList: [{ N: '0' }, { B: new Uint8Array([1]) }] }),
      sdkValidation(
        'One or more parameter values were invalid: AttributeValues inside AttributeValueList must be of same type',
      ),
    );
    await expectSdkError(
      scan({ ComparisonOperator: 'BETWEEN', AttributeValueList: [{ N: '10' }, { N: '9' }] }),
      sdkValidation('The BETWEEN condition was provided a range where the lower bound is greater than the upper bound'),
    );
    await expectSdkError(
      client.send(
        new ScanCommand({
          TableName: 'items',
          ScanFilter: { x: { ComparisonOperator: 'NULL' } },
          ConditionalOperator: 'OR',
        }),
      ),
      sdkValidation('ConditionalOperator can only be used when Filter or Expected has two or more elements'),
    );
  });
});

describe('Streams requests', () => {
  it('check the iterator type and DescribeStream Limit before looking the stream up', async () => {
    const { streams } = await fixture();
    const unknown = 'arn:aws:dynamodb:us-east-1:000000000000:table/gone/stream/2026-01-01T00:00:00.000';
    await expectSdkError(
      streams.send(
        new GetShardIteratorCommand({
          StreamArn: unknown,
          ShardId: 'shardId-00000000000000000000-00000000',
          ShardIteratorType: 'BOGUS' as never,
        }),
      ),
      sdkValidation('Invalid ShardIteratorType.'),
    );
    await expectSdkError(
      streams.send(
        new GetShardIteratorCommand({
          StreamArn: unknown,
          ShardId: 'shardId-00000000000000000000-00000000',
          ShardIteratorType: 'AT_SEQUENCE_NUMBER',
        }),
      ),
      sdkValidation('One or more parameter values were invalid: Invalid SequenceNumber'),
    );
    await expectSdkError(
      streams.send(new DescribeStreamCommand({ StreamArn: 'arn:aws:dynamodb:nowhere', Limit: 101 })),
      sdkValidation('One or more parameter values were invalid: Limit cannot be greater than the maximum: 100'),
    );
    await expectSdkError(streams.send(new DescribeStreamCommand({ StreamArn: unknown })), {
      name: 'ResourceNotFoundException',
      message: `Requested resource not found: Stream: ${unknown} not found`,
    });
  });
});
