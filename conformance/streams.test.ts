/**
 * Streams: records of every view type for INSERT, MODIFY and REMOVE (none for a write that changes nothing),
 * their Keys, images and SizeBytes; DescribeStream's shape; the four iterator types; GetRecords' Limit and
 * paging; a closed shard's end; ListStreams paging; on both endpoints.
 */
import {
  CreateTableCommand,
  DeleteItemCommand,
  DeleteTableCommand,
  PutItemCommand,
  UpdateItemCommand,
  UpdateTableCommand,
  type AttributeValue,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  GetRecordsCommand,
  GetShardIteratorCommand,
  ListStreamsCommand,
  type StreamViewType,
} from '@aws-sdk/client-dynamodb-streams';
import { describe, it } from 'vitest';
import { expectSameOnBoth, type ScenarioContext } from './scenario.js';
import { readStream } from './stream-reading.js';

async function createStreamTable(
  client: DynamoDBClient,
  TableName: string,
  view: StreamViewType,
  sortType?: 'S' | 'N' | 'B',
): Promise<string | undefined> {
  const created = await client.send(
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
      StreamSpecification: { StreamEnabled: true, StreamViewType: view },
    }),
  );
  return created.TableDescription?.LatestStreamArn;
}

/** The only shard of a stream (DynamoDB Local never has more) and an iterator on it. */
async function onlyShard({ streams, step }: ScenarioContext, StreamArn: string | undefined, label: string) {
  const description = await step(`${label}: describe stream`, () =>
    streams.send(new DescribeStreamCommand({ StreamArn })),
  );
  const ShardId = description?.StreamDescription?.Shards?.[0]?.ShardId;
  const iterator = async (
    stepLabel: string,
    ShardIteratorType: 'TRIM_HORIZON' | 'LATEST' | 'AT_SEQUENCE_NUMBER' | 'AFTER_SEQUENCE_NUMBER',
    SequenceNumber?: string,
  ) =>
    (
      await step(stepLabel, () =>
        streams.send(new GetShardIteratorCommand({ StreamArn, ShardId, ShardIteratorType, SequenceNumber })),
      )
    )?.ShardIterator;
  return { ShardId, iterator };
}

describe('streams', () => {
  for (const view of ['KEYS_ONLY', 'NEW_IMAGE', 'OLD_IMAGE', 'NEW_AND_OLD_IMAGES'] as const) {
    it(`${view}: INSERT, MODIFY and REMOVE records, none for writes that change nothing`, async () => {
      await expectSameOnBoth(async (context) => {
        const { client, step, table } = context;
        const name = table(`stream_${view.toLowerCase()}`);
        await createStreamTable(client, name, view, 'N');
        const key = { id: { S: 'k1' }, sk: { N: '10' } };
        const item: Record<string, AttributeValue> = {
          ...key,
          s: { S: 'héllo' },
          n: { N: '-123.4500' },
          b: { B: new Uint8Array([1, 2, 3]) },
          m: { M: { a: { L: [{ N: '1' }, { BOOL: true }] } } },
        };
        await step('insert', () => client.send(new PutItemCommand({ TableName: name, Item: item })));
        await step('put the same item (no record)', () =>
          client.send(new PutItemCommand({ TableName: name, Item: { ...item, n: { N: '-123.45' } } })),
        );
        await step('modify', () =>
          client.send(
            new PutItemCommand({ TableName: name, Item: { ...item, s: { S: 'changed' }, ss: { SS: ['b', 'a'] } } }),
          ),
        );
        await step('update with the same value (no record)', () =>
          client.send(
            new UpdateItemCommand({
              TableName: name,
              Key: key,
              AttributeUpdates: { s: { Action: 'PUT', Value: { S: 'changed' } } },
            }),
          ),
        );
        await step('update that adds', () =>
          client.send(
            new UpdateItemCommand({
              TableName: name,
              Key: key,
              AttributeUpdates: { counter: { Action: 'ADD', Value: { N: '7' } } },
            }),
          ),
        );
        await step('insert a second key', () =>
          client.send(new PutItemCommand({ TableName: name, Item: { id: { S: 'k2' }, sk: { N: '-1.5' } } })),
        );
        await step('remove', () => client.send(new DeleteItemCommand({ TableName: name, Key: key })));
        await step(
          'remove again (no record)',
          () => client.send(new DeleteItemCommand({ TableName: name, Key: key })),
          ['delete-absent-consumed-capacity'],
        );
        await readStream(context, name, 'stream');
      });
    });
  }

  it('SizeBytes over every attribute type, nested documents and multi-byte strings', async () => {
    await expectSameOnBoth(async (context) => {
      const { client, step, table } = context;
      const name = table('stream_sizes');
      await createStreamTable(client, name, 'NEW_AND_OLD_IMAGES', 'B');
      const key = { id: { S: 'ключ' }, sk: { B: new Uint8Array([0, 255]) } };
      const numbers = [
        '0',
        '1',
        '12',
        '100',
        '0.5',
        '0.01',
        '123',
        '1.5',
        '-1',
        '-1.5',
        '12345678901234567890',
        '9.9999999999999999999999999999999999999E+125',
        '1E-130',
      ];
      await step('put numbers', () =>
        client.send(
          new PutItemCommand({
            TableName: name,
            Item: { ...key, ...Object.fromEntries(numbers.map((n, i) => [`n${i}`, { N: n }])) },
          }),
        ),
      );
      await step('put sets and documents', () =>
        client.send(
          new PutItemCommand({
            TableName: name,
            Item: {
              ...key,
              ss: { SS: ['a', 'bb', 'ccc'] },
              ns: { NS: ['1', '22', '333'] },
              bs: { BS: [new Uint8Array([1]), new Uint8Array([2, 2])] },
              l: { L: [{ S: '' }, { NULL: true }, { M: { x: { S: '😀' } } }] },
              empty: { M: {} },
              emptyList: { L: [] },
            },
          }),
        ),
      );
      await step('delete', () => client.send(new DeleteItemCommand({ TableName: name, Key: key })));
      await readStream(context, name, 'stream');
    });
  });

  it('iterator types: TRIM_HORIZON, LATEST, AT_ and AFTER_SEQUENCE_NUMBER; GetRecords Limit and paging; iterators reused', async () => {
    await expectSameOnBoth(async (context) => {
      const { client, streams, step, table } = context;
      const name = table('stream_iterators');
      const StreamArn = await createStreamTable(client, name, 'KEYS_ONLY');
      const { iterator } = await onlyShard(context, StreamArn, 'empty');
      const emptyTrim = await iterator('TRIM_HORIZON on an empty shard', 'TRIM_HORIZON');
      const latestBefore = await iterator('LATEST before any write', 'LATEST');
      await step('GetRecords on an empty shard', () =>
        streams.send(new GetRecordsCommand({ ShardIterator: emptyTrim })),
      );
      for (let i = 1; i <= 5; i++)
        await client.send(new PutItemCommand({ TableName: name, Item: { id: { S: `k${i}` } } }));
      await step('LATEST taken before the writes sees them', () =>
        streams.send(new GetRecordsCommand({ ShardIterator: latestBefore })),
      );
      const trim = await iterator('TRIM_HORIZON', 'TRIM_HORIZON');
      const page1 = await step('Limit 2', () => streams.send(new GetRecordsCommand({ ShardIterator: trim, Limit: 2 })));
      const page2 = await step('next, Limit 2', () =>
        streams.send(new GetRecordsCommand({ ShardIterator: page1?.NextShardIterator, Limit: 2 })),
      );
      const page3 = await step('next, no Limit', () =>
        streams.send(new GetRecordsCommand({ ShardIterator: page2?.NextShardIterator })),
      );
      await step('after the end of an open shard', () =>
        streams.send(new GetRecordsCommand({ ShardIterator: page3?.NextShardIterator })),
      );
      await step('the first iterator again', () =>
        streams.send(new GetRecordsCommand({ ShardIterator: trim, Limit: 1 })),
      );
      const second = page1?.Records?.[1]?.dynamodb?.SequenceNumber;
      const last = page3?.Records?.at(-1)?.dynamodb?.SequenceNumber;
      await step('AT_SEQUENCE_NUMBER of the second', async () =>
        streams.send(
          new GetRecordsCommand({ ShardIterator: await iterator('AT iterator', 'AT_SEQUENCE_NUMBER', second) }),
        ),
      );
      await step('AFTER_SEQUENCE_NUMBER of the second', async () =>
        streams.send(
          new GetRecordsCommand({
            ShardIterator: await iterator('AFTER iterator', 'AFTER_SEQUENCE_NUMBER', second),
            Limit: 1,
          }),
        ),
      );
      await step('AFTER_SEQUENCE_NUMBER of the last', async () =>
        streams.send(
          new GetRecordsCommand({
            ShardIterator: await iterator('AFTER last iterator', 'AFTER_SEQUENCE_NUMBER', last),
          }),
        ),
      );
      const latest = await iterator('LATEST after the writes', 'LATEST');
      await step('LATEST reads nothing', () => streams.send(new GetRecordsCommand({ ShardIterator: latest })));
      await client.send(new PutItemCommand({ TableName: name, Item: { id: { S: 'k6' } } }));
      await step('LATEST then sees the next write', () =>
        streams.send(new GetRecordsCommand({ ShardIterator: latest })),
      );
    });
  });

  it('sequence numbers around the shard: below its start, its first, far past its end', async () => {
    await expectSameOnBoth(async (context) => {
      const { client, streams, step, table } = context;
      const name = table('stream_positions');
      const StreamArn = await createStreamTable(client, name, 'KEYS_ONLY');
      for (let i = 1; i <= 3; i++)
        await client.send(new PutItemCommand({ TableName: name, Item: { id: { S: `k${i}` } } }));
      const { iterator } = await onlyShard(context, StreamArn, 'the stream');
      const all = await step('all records', async () =>
        streams.send(new GetRecordsCommand({ ShardIterator: await iterator('TRIM_HORIZON', 'TRIM_HORIZON') })),
      );
      const numbers = (all?.Records ?? []).map((record) => record.dynamodb?.SequenceNumber as string);
      // Each side's own numbers, in its own format (same length, as the numbers themselves).
      const shifted = (number: string | undefined, by: bigint) =>
        number === undefined ? undefined : (BigInt(number) + by).toString().padStart(number.length, '0');
      const description = await streams.send(new DescribeStreamCommand({ StreamArn }));
      const start = description.StreamDescription?.Shards?.[0]?.SequenceNumberRange?.StartingSequenceNumber;
      await step('AT_SEQUENCE_NUMBER one below the start', () =>
        iterator('AT below the start', 'AT_SEQUENCE_NUMBER', shifted(start, -1n)),
      );
      await step('AFTER_SEQUENCE_NUMBER one below the start', () =>
        iterator('AFTER below the start', 'AFTER_SEQUENCE_NUMBER', shifted(start, -1n)),
      );
      await step('AT_SEQUENCE_NUMBER of the first record', async () =>
        streams.send(
          new GetRecordsCommand({ ShardIterator: await iterator('AT the first', 'AT_SEQUENCE_NUMBER', numbers[0]) }),
        ),
      );
      await step('AT_SEQUENCE_NUMBER 1000 past the last', async () =>
        streams.send(
          new GetRecordsCommand({
            ShardIterator: await iterator('AT far past the end', 'AT_SEQUENCE_NUMBER', shifted(numbers.at(-1), 1000n)),
          }),
        ),
      );
    });
  });

  it('GetRecords stops a page at 1 MB', async () => {
    await expectSameOnBoth(async (context) => {
      const { client, streams, step, table } = context;
      const name = table('stream_megabyte');
      const StreamArn = await createStreamTable(client, name, 'NEW_IMAGE');
      // Five records of about 300 KB each: 1.5 MB in all.
      for (let i = 1; i <= 5; i++)
        await client.send(
          new PutItemCommand({ TableName: name, Item: { id: { S: `k${i}` }, data: { S: 'x'.repeat(300_000) } } }),
        );
      const { iterator } = await onlyShard(context, StreamArn, 'the stream');
      let ShardIterator = await iterator('TRIM_HORIZON', 'TRIM_HORIZON');
      // Each page as the SizeBytes of its records.
      const pages: number[][] = [];
      for (let page = 1; page <= 6 && ShardIterator !== undefined; page++) {
        const output = await streams.send(new GetRecordsCommand({ ShardIterator }));
        const sizes = (output.Records ?? []).map((record) => record.dynamodb?.SizeBytes as number);
        if (sizes.length === 0) break;
        pages.push(sizes);
        ShardIterator = output.NextShardIterator;
      }
      await step('pages, as the SizeBytes of their records', async () => pages, ['get-records-megabyte']);
      await step('Limit 1 still gives one', async () => {
        const output = await streams.send(
          new GetRecordsCommand({ ShardIterator: await iterator('TRIM_HORIZON again', 'TRIM_HORIZON'), Limit: 1 }),
        );
        return (output.Records ?? []).map((record) => record.dynamodb?.SizeBytes);
      });
    });
  });

  it('a closed shard: DeleteTable ends it, GetRecords reads to its end and gives no NextShardIterator', async () => {
    await expectSameOnBoth(async (context) => {
      const { client, streams, step, table } = context;
      const name = table('stream_closed');
      const StreamArn = await createStreamTable(client, name, 'NEW_IMAGE');
      for (let i = 1; i <= 3; i++)
        await client.send(new PutItemCommand({ TableName: name, Item: { id: { S: `k${i}` } } }));
      const { iterator } = await onlyShard(context, StreamArn, 'open');
      const latest = await iterator('LATEST while open', 'LATEST');
      const trim = await iterator('TRIM_HORIZON while open', 'TRIM_HORIZON');
      await step('delete the table', () => client.send(new DeleteTableCommand({ TableName: name })), [
        'delete-table-status',
      ]);
      await step('describe the disabled stream', () => streams.send(new DescribeStreamCommand({ StreamArn })));
      await step('read it all, Limit 2', () => streams.send(new GetRecordsCommand({ ShardIterator: trim, Limit: 2 })));
      const all = await step('read it all', () => streams.send(new GetRecordsCommand({ ShardIterator: trim })));
      await step('LATEST of the closed shard', () => streams.send(new GetRecordsCommand({ ShardIterator: latest })));
      const last = all?.Records?.at(-1)?.dynamodb?.SequenceNumber;
      await step('AFTER the last record of the closed shard', async () =>
        streams.send(
          new GetRecordsCommand({ ShardIterator: await iterator('AFTER iterator', 'AFTER_SEQUENCE_NUMBER', last) }),
        ),
      );
      await step('list streams of the deleted table', () => streams.send(new ListStreamsCommand({ TableName: name })));
    });
  });

  it('DescribeStream Limit and ExclusiveStartShardId; ListStreams Limit and ExclusiveStartStreamArn', async () => {
    await expectSameOnBoth(async (context) => {
      const { client, streams, step, table } = context;
      const name = table('stream_pages');
      const StreamArn = await createStreamTable(client, name, 'KEYS_ONLY');
      const first = await step('describe, Limit 1', () =>
        streams.send(new DescribeStreamCommand({ StreamArn, Limit: 1 })),
      );
      const ShardId = first?.StreamDescription?.Shards?.[0]?.ShardId;
      await step('describe after the only shard', () =>
        streams.send(new DescribeStreamCommand({ StreamArn, ExclusiveStartShardId: ShardId })),
      );
      await client.send(new UpdateTableCommand({ TableName: name, StreamSpecification: { StreamEnabled: false } }));
      await client.send(
        new UpdateTableCommand({
          TableName: name,
          StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_IMAGE' },
        }),
      );
      const page = await step('list streams, Limit 1', () =>
        streams.send(new ListStreamsCommand({ TableName: name, Limit: 1 })),
      );
      await step('list streams, the next page', () =>
        streams.send(
          new ListStreamsCommand({ TableName: name, Limit: 1, ExclusiveStartStreamArn: page?.LastEvaluatedStreamArn }),
        ),
      );
    });
  });

  it('ShardFilter CHILD_SHARDS of a shard without children', async () => {
    await expectSameOnBoth(async (context) => {
      const { client, streams, step, table } = context;
      const name = table('stream_filter');
      const StreamArn = await createStreamTable(client, name, 'KEYS_ONLY');
      const { ShardId } = await onlyShard(context, StreamArn, 'the stream');
      await step(
        'children of the only shard',
        () => streams.send(new DescribeStreamCommand({ StreamArn, ShardFilter: { Type: 'CHILD_SHARDS', ShardId } })),
        ['shard-filter-ignored'],
      );
    });
  });
});
