/**
 * A TTL deletion read through the AWS SDK in process: enabled with UpdateTimeToLive, the item written with PutItem,
 * deleted by the sweeper once the clock passes its expiry and the delay, and read back with GetRecords as a REMOVE
 * whose `userIdentity` is `{ PrincipalId, Type }`, as AWS's Streams API shapes it.
 */
import { GetItemCommand, PutItemCommand, UpdateTimeToLiveCommand } from '@aws-sdk/client-dynamodb';
import { DescribeStreamCommand, GetRecordsCommand, GetShardIteratorCommand } from '@aws-sdk/client-dynamodb-streams';
import { describe, expect, it } from 'vitest';
import { makeWire } from '../support/sdk-clients.js';
import { makeTable } from '../support/tables.js';
import { MINUTE } from '../support/time.js';

describe('a TTL deletion through the SDK', () => {
  it('is a REMOVE with the service identity in GetRecords, after the delay, and the item reads until then', async () => {
    const { client, streams, clock, db } = await makeWire({ timeToLive: { delay: { minutes: 10 } } });
    const table = makeTable(db);
    await client.send(
      new UpdateTimeToLiveCommand({
        TableName: 'items',
        TimeToLiveSpecification: { AttributeName: 'expires', Enabled: true },
      }),
    );
    const expires = String(Math.floor(clock.now() / 1000) + 60);
    await client.send(new PutItemCommand({ TableName: 'items', Item: { id: { S: 'a' }, expires: { N: expires } } }));
    await client.send(new PutItemCommand({ TableName: 'items', Item: { id: { S: 'b' } } }));
    clock.advance(5 * MINUTE); // expired, not deleted yet
    const before = await client.send(new GetItemCommand({ TableName: 'items', Key: { id: { S: 'a' } } }));
    expect(before.Item).toEqual({ id: { S: 'a' }, expires: { N: expires } });
    clock.advance(10 * MINUTE);
    const after = await client.send(new GetItemCommand({ TableName: 'items', Key: { id: { S: 'a' } } }));
    expect(after.Item).toBeUndefined();

    const StreamArn = table.stream!.arn;
    const { StreamDescription } = await streams.send(new DescribeStreamCommand({ StreamArn }));
    const ShardId = StreamDescription!.Shards![0]!.ShardId!;
    const { ShardIterator } = await streams.send(
      new GetShardIteratorCommand({ StreamArn, ShardId, ShardIteratorType: 'TRIM_HORIZON' }),
    );
    const { Records } = await streams.send(new GetRecordsCommand({ ShardIterator }));
    expect(Records?.map((record) => [record.eventName, record.dynamodb?.Keys?.id?.S, record.userIdentity])).toEqual([
      ['INSERT', 'a', undefined],
      ['INSERT', 'b', undefined],
      ['REMOVE', 'a', { PrincipalId: 'dynamodb.amazonaws.com', Type: 'Service' }],
    ]);
    expect(Records?.[2]?.dynamodb?.OldImage).toEqual({ id: { S: 'a' }, expires: { N: expires } });
  });
});
