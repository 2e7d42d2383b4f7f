import {
  BatchWriteItemCommand,
  CreateTableCommand,
  DeleteItemCommand,
  PutItemCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  ExpiredIteratorException,
  GetRecordsCommand,
  GetShardIteratorCommand,
  ListStreamsCommand,
  ResourceNotFoundException,
  TrimmedDataAccessException,
} from '@aws-sdk/client-dynamodb-streams';
import { describe, expect, it } from 'vitest';
import { makeWire, withoutMetadata } from '../support/sdk-clients.js';
import { expectSdkError } from '../support/sdk-errors.js';
import { DEF_ID, KEY_ID } from '../support/tables.js';

describe('DynamoDBStreamsClient over the in-process handler', () => {
  it('reads the same stream, shards and records as the typed API, for writes made through DynamoDBClient', async () => {
    const { client, streams, db } = await makeWire();
    const created = await client.send(
      new CreateTableCommand({
        TableName: 'ledger',
        KeySchema: KEY_ID,
        AttributeDefinitions: DEF_ID,
        BillingMode: 'PAY_PER_REQUEST',
        StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
      }),
    );
    const streamArn = created.TableDescription!.LatestStreamArn!;
    await client.send(
      new PutItemCommand({
        TableName: 'ledger',
        Item: { id: { S: 'a' }, amount: { N: '10' }, sig: { B: new Uint8Array([9, 8, 7]) } },
      }),
    );
    await client.send(
      new UpdateItemCommand({
        TableName: 'ledger',
        Key: { id: { S: 'a' } },
        AttributeUpdates: { amount: { Action: 'ADD', Value: { N: '5' } } },
      }),
    );
    await client.send(
      new BatchWriteItemCommand({ RequestItems: { ledger: [{ PutRequest: { Item: { id: { S: 'b' } } } }] } }),
    );
    await client.send(new DeleteItemCommand({ TableName: 'ledger', Key: { id: { S: 'a' } } }));

    expect(withoutMetadata(await streams.send(new ListStreamsCommand({})))).toEqual(db.listStreams());
    const described = withoutMetadata(await streams.send(new DescribeStreamCommand({ StreamArn: streamArn })));
    expect(described).toEqual(db.describeStream({ StreamArn: streamArn }));
    const shardId = described.StreamDescription!.Shards![0]!.ShardId!;
    const { ShardIterator } = await streams.send(
      new GetShardIteratorCommand({ StreamArn: streamArn, ShardId: shardId, ShardIteratorType: 'TRIM_HORIZON' }),
    );
    const overWire = withoutMetadata(await streams.send(new GetRecordsCommand({ ShardIterator })));
    const typed = db.getRecords({ ShardIterator: ShardIterator! });
    expect(overWire.Records).toEqual(typed.Records);
    expect(overWire.Records!.map((record) => record.eventName)).toEqual(['INSERT', 'MODIFY', 'INSERT', 'REMOVE']);
    expect(overWire.Records![1]!.dynamodb!.NewImage!.amount).toEqual({ N: '15' });
    expect(overWire.Records![0]!.dynamodb!.ApproximateCreationDateTime).toBeInstanceOf(Date);
    expect(overWire.NextShardIterator).toEqual(expect.any(String));
  });

  it("errors are the Streams client's own exception classes", async () => {
    const { client, streams, clock } = await makeWire();
    const created = await client.send(
      new CreateTableCommand({
        TableName: 'ledger',
        KeySchema: KEY_ID,
        AttributeDefinitions: DEF_ID,
        BillingMode: 'PAY_PER_REQUEST',
        StreamSpecification: { StreamEnabled: true, StreamViewType: 'KEYS_ONLY' },
      }),
    );
    const streamArn = created.TableDescription!.LatestStreamArn!;
    const shardId = (await streams.send(new DescribeStreamCommand({ StreamArn: streamArn }))).StreamDescription!
      .Shards![0]!.ShardId!;
    const { ShardIterator } = await streams.send(
      new GetShardIteratorCommand({ StreamArn: streamArn, ShardId: shardId, ShardIteratorType: 'LATEST' }),
    );
    clock.advance(16 * 60_000);
    const expired = await expectSdkError(streams.send(new GetRecordsCommand({ ShardIterator })), {
      name: 'ExpiredIteratorException',
      message: 'The provided iterator exceeds the maximum age allowed.',
    });
    expect(expired).toBeInstanceOf(ExpiredIteratorException);
    const missing = await expectSdkError(streams.send(new DescribeStreamCommand({ StreamArn: `${streamArn}x` })), {
      name: 'ResourceNotFoundException',
      message: `Requested resource not found: Stream: ${streamArn}x not found`,
    });
    expect(missing).toBeInstanceOf(ResourceNotFoundException);
    expect(TrimmedDataAccessException).toBeDefined();
  });
});
