/**
 * One suite of stream scenarios, run twice: over the typed API (`db.getRecords(...)`) and over the wire, through
 * the real `DynamoDBStreamsClient` with shardline's in-process request handler. Same records, same shards,
 * same errors (name and message) either way.
 */
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
  ListStreamsCommand,
  type DescribeStreamCommandInput,
  type GetRecordsCommandInput,
  type GetShardIteratorCommandInput,
  type ListStreamsCommandInput,
} from '@aws-sdk/client-dynamodb-streams';
import { describe, expect, it } from 'vitest';
import {
  Database,
  ManualClock,
  type DescribeStreamOutput,
  type DynamoDBRecord,
  type GetRecordsOutput,
  type GetShardIteratorOutput,
  type ListStreamsOutput,
  type StreamOptions,
  type StreamViewType,
  type Table,
} from '../../src/index.js';
import { clientConfig, sdkMode, withoutMetadata } from '../support/sdk-clients.js';
import { HOUR, MINUTE, T0 } from '../support/time.js';

/** The four Streams operations, as one caller sees them. */
interface StreamsApi {
  listStreams(input: ListStreamsCommandInput): Promise<ListStreamsOutput>;
  describeStream(input: DescribeStreamCommandInput): Promise<DescribeStreamOutput>;
  getShardIterator(input: GetShardIteratorCommandInput): Promise<GetShardIteratorOutput>;
  getRecords(input: GetRecordsCommandInput): Promise<GetRecordsOutput>;
}

type Factory = (db: Database) => StreamsApi;

const typedFactory: Factory = (db) => ({
  listStreams: async (input) => db.listStreams(input),
  describeStream: async (input) => db.describeStream(input as never),
  getShardIterator: async (input) => db.getShardIterator(input as never),
  getRecords: async (input) => db.getRecords(input as never),
});

const sdkFactory: Factory = (db) => {
  const client = sdkMode(new DynamoDBStreamsClient(clientConfig(db)), db);
  return {
    listStreams: async (input) =>
      withoutMetadata(await client.send(new ListStreamsCommand(input))) as ListStreamsOutput,
    describeStream: async (input) =>
      withoutMetadata(await client.send(new DescribeStreamCommand(input))) as DescribeStreamOutput,
    getShardIterator: async (input) =>
      withoutMetadata(await client.send(new GetShardIteratorCommand(input))) as GetShardIteratorOutput,
    getRecords: async (input) => withoutMetadata(await client.send(new GetRecordsCommand(input))) as GetRecordsOutput,
  };
};

async function rejection(promise: Promise<unknown>): Promise<{ name: string; message: string }> {
  try {
    await promise;
  } catch (error) {
    return { name: (error as Error).name, message: (error as Error).message };
  }
  throw new Error('expected the call to fail');
}

describe.each([
  ['typed API', typedFactory],
  ['AWS SDK in-process', sdkFactory],
])('Streams API over the %s', (_way, factory) => {
  async function setup(viewType: StreamViewType = 'NEW_AND_OLD_IMAGES', streamOptions?: StreamOptions) {
    const clock = new ManualClock(T0);
    const db = await Database.create({ clock, seed: 42 });
    const table = db.createTable({
      TableName: 'orders',
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
      StreamSpecification: { StreamEnabled: true, StreamViewType: viewType },
      ...(streamOptions === undefined ? {} : { streamOptions }),
    });
    const api = factory(db);
    const streamArn = table.describe().LatestStreamArn as string;
    return { clock, db, table, api, streamArn };
  }

  async function firstShardId(api: StreamsApi, streamArn: string): Promise<string> {
    const { StreamDescription } = await api.describeStream({ StreamArn: streamArn });
    return StreamDescription.Shards[0]!.ShardId;
  }

  async function readAll(
    api: StreamsApi,
    iterator: string,
    limit?: number,
  ): Promise<{ records: DynamoDBRecord[]; calls: number; next: string | undefined }> {
    const records: DynamoDBRecord[] = [];
    let next: string | undefined = iterator;
    let calls = 0;
    while (next !== undefined) {
      const page: GetRecordsOutput = await api.getRecords(
        limit === undefined ? { ShardIterator: next } : { ShardIterator: next, Limit: limit },
      );
      calls++;
      records.push(...page.Records);
      next = page.NextShardIterator;
      if (page.Records.length === 0) break;
    }
    return { records, calls, next };
  }

  function writeHistory(table: Table): void {
    table.put({ id: 'a', qty: 1, blob: new Uint8Array([0, 255, 7]) });
    table.put({ id: 'a', qty: 2, blob: new Uint8Array([0, 255, 7]) });
    table.delete({ id: 'a' });
  }

  describe('record shapes per view type', () => {
    const images: Record<StreamViewType, { newImage: boolean; oldImage: boolean }> = {
      KEYS_ONLY: { newImage: false, oldImage: false },
      NEW_IMAGE: { newImage: true, oldImage: false },
      OLD_IMAGE: { newImage: false, oldImage: true },
      NEW_AND_OLD_IMAGES: { newImage: true, oldImage: true },
    };
    for (const viewType of Object.keys(images) as StreamViewType[]) {
      it(`${viewType}: INSERT, MODIFY, REMOVE with the images the view type carries`, async () => {
        const { api, table, streamArn, db } = await setup(viewType);
        writeHistory(table);
        const shardId = await firstShardId(api, streamArn);
        const { ShardIterator } = await api.getShardIterator({
          StreamArn: streamArn,
          ShardId: shardId,
          ShardIteratorType: 'TRIM_HORIZON',
        });
        const { records } = await readAll(api, ShardIterator);
        expect(records.map((record) => record.eventName)).toEqual(['INSERT', 'MODIFY', 'REMOVE']);
        const v1 = { id: { S: 'a' }, qty: { N: '1' }, blob: { B: new Uint8Array([0, 255, 7]) } };
        const v2 = { ...v1, qty: { N: '2' } };
        const { newImage, oldImage } = images[viewType];
        expect(records.map((record) => record.dynamodb.NewImage)).toEqual(
          newImage ? [v1, v2, undefined] : [undefined, undefined, undefined],
        );
        expect(records.map((record) => record.dynamodb.OldImage)).toEqual(
          oldImage ? [undefined, v1, v2] : [undefined, undefined, undefined],
        );
        for (const record of records) {
          expect(record).toMatchObject({ eventVersion: '1.1', eventSource: 'aws:dynamodb', awsRegion: 'us-east-1' });
          expect(record.dynamodb.Keys).toEqual({ id: { S: 'a' } });
          expect(record.dynamodb.StreamViewType).toBe(viewType);
          // Rounded down to the second, and a Date either way.
          expect(record.dynamodb.ApproximateCreationDateTime).toEqual(new Date(Math.floor(T0 / 1000) * 1000));
        }
        if (newImage) expect(records[0]!.dynamodb.NewImage!.blob!.B).toBeInstanceOf(Uint8Array);
        // The very records the typed API returns for the same iterator.
        expect(records).toEqual(db.getRecords({ ShardIterator }).Records);
      });
    }
  });

  describe('iterator types', () => {
    it('TRIM_HORIZON, LATEST, AT_SEQUENCE_NUMBER and AFTER_SEQUENCE_NUMBER start where AWS says', async () => {
      const { api, table, streamArn } = await setup();
      table.put({ id: 'a' });
      table.put({ id: 'b' });
      const shardId = await firstShardId(api, streamArn);
      const iterator = async (
        type: 'TRIM_HORIZON' | 'LATEST' | 'AT_SEQUENCE_NUMBER' | 'AFTER_SEQUENCE_NUMBER',
        sequenceNumber?: string,
      ) =>
        (
          await api.getShardIterator({
            StreamArn: streamArn,
            ShardId: shardId,
            ShardIteratorType: type,
            ...(sequenceNumber === undefined ? {} : { SequenceNumber: sequenceNumber }),
          })
        ).ShardIterator;
      const all = (await readAll(api, await iterator('TRIM_HORIZON'))).records;
      expect(all.map((record) => record.dynamodb.Keys.id!.S)).toEqual(['a', 'b']);
      const latest = await iterator('LATEST');
      const second = all[1]!.dynamodb.SequenceNumber;
      const at = await iterator('AT_SEQUENCE_NUMBER', second);
      const after = await iterator('AFTER_SEQUENCE_NUMBER', all[0]!.dynamodb.SequenceNumber);
      table.put({ id: 'c' });
      expect((await readAll(api, latest)).records.map((record) => record.dynamodb.Keys.id!.S)).toEqual(['c']);
      expect((await readAll(api, at)).records.map((record) => record.dynamodb.Keys.id!.S)).toEqual(['b', 'c']);
      expect((await readAll(api, after)).records.map((record) => record.dynamodb.Keys.id!.S)).toEqual(['b', 'c']);
    });

    it('rejects bad iterator requests with DynamoDB Local messages', async () => {
      const { api, table, streamArn } = await setup();
      table.put({ id: 'a' });
      const shardId = await firstShardId(api, streamArn);
      expect(
        await rejection(
          api.getShardIterator({ StreamArn: streamArn, ShardId: shardId, ShardIteratorType: 'AT_SEQUENCE_NUMBER' }),
        ),
      ).toEqual({
        name: 'ValidationException',
        message: 'One or more parameter values were invalid: Invalid SequenceNumber',
      });
      expect(
        await rejection(
          api.getShardIterator({
            StreamArn: streamArn,
            ShardId: shardId,
            ShardIteratorType: 'TRIM_HORIZON',
            SequenceNumber: '1'.padStart(21, '0'),
          }),
        ),
      ).toEqual({
        name: 'ValidationException',
        message:
          'One or more parameter values were invalid: SequenceNumber should not be passed for this iterator type',
      });
      expect(
        await rejection(
          api.getShardIterator({ StreamArn: streamArn, ShardId: shardId, ShardIteratorType: 'BOGUS' as never }),
        ),
      ).toEqual({
        name: 'ValidationException',
        message: 'Invalid ShardIteratorType.',
      });
      expect(
        await rejection(
          api.getShardIterator({
            StreamArn: streamArn,
            ShardId: 'shardId-00000001795459176702-00000000',
            ShardIteratorType: 'TRIM_HORIZON',
          }),
        ),
      ).toEqual({
        name: 'ResourceNotFoundException',
        message: 'Shard does not exist',
      });
      expect(
        await rejection(
          api.getShardIterator({ StreamArn: 'garbage', ShardId: shardId, ShardIteratorType: 'TRIM_HORIZON' }),
        ),
      ).toEqual({
        name: 'ResourceNotFoundException',
        message: 'Stream does not exist',
      });
      expect(
        await rejection(
          api.getShardIterator({
            StreamArn: streamArn,
            ShardId: shardId,
            ShardIteratorType: 'AFTER_SEQUENCE_NUMBER',
            SequenceNumber: 'abc',
          }),
        ),
      ).toEqual({
        name: 'ValidationException',
        message:
          "1 validation error detected: Value 'abc' at 'sequenceNumber' failed to satisfy constraint: Member must have length greater than or equal to 21",
      });
    });
  });

  describe('GetRecords', () => {
    it('pages by Limit, and a closed shard ends with no NextShardIterator', async () => {
      const { api, table, streamArn, db } = await setup();
      for (let i = 0; i < 5; i++) table.put({ id: `k${i}` });
      const shardId = await firstShardId(api, streamArn);
      const { ShardIterator } = await api.getShardIterator({
        StreamArn: streamArn,
        ShardId: shardId,
        ShardIteratorType: 'TRIM_HORIZON',
      });
      const open = await readAll(api, ShardIterator, 2);
      expect(open.records.map((record) => record.dynamodb.Keys.id!.S)).toEqual(['k0', 'k1', 'k2', 'k3', 'k4']);
      expect(open.calls).toBe(4); // 2 + 2 + 1, then the empty page of a caught-up open shard
      expect(open.next).toBeDefined();

      db.deleteTable({ TableName: 'orders' });
      const closed = await readAll(api, ShardIterator, 2);
      expect(closed.records).toHaveLength(5);
      expect(closed.next).toBeUndefined();
      const { StreamDescription } = await api.describeStream({ StreamArn: streamArn });
      expect(StreamDescription.StreamStatus).toBe('DISABLED');
      expect(StreamDescription.Shards[0]!.SequenceNumberRange.EndingSequenceNumber).toBe(
        closed.records[4]!.dynamodb.SequenceNumber,
      );
    });

    it('rejects a bad iterator and a bad Limit with DynamoDB Local messages', async () => {
      const { api, table, streamArn } = await setup();
      table.put({ id: 'a' });
      const shardId = await firstShardId(api, streamArn);
      const { ShardIterator } = await api.getShardIterator({
        StreamArn: streamArn,
        ShardId: shardId,
        ShardIteratorType: 'TRIM_HORIZON',
      });
      expect(await rejection(api.getRecords({ ShardIterator: 'garbage' }))).toEqual({
        name: 'ValidationException',
        message: 'Invalid ShardIterator',
      });
      expect(await rejection(api.getRecords({ ShardIterator: `${ShardIterator.slice(0, -4)}AAAA` }))).toEqual({
        name: 'ValidationException',
        message: 'Invalid ShardIterator',
      });
      expect(await rejection(api.getRecords({ ShardIterator, Limit: 0 }))).toEqual({
        name: 'ValidationException',
        message:
          "1 validation error detected: Value '0' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1",
      });
      expect(await rejection(api.getRecords({ ShardIterator, Limit: 1001 }))).toEqual({
        name: 'ValidationException',
        message: 'One or more parameter values were invalid: Limit should be less than or equal to 1000',
      });
    });

    it('an iterator older than 15 minutes is expired (ManualClock)', async () => {
      const { api, table, streamArn, clock } = await setup();
      table.put({ id: 'a' });
      const shardId = await firstShardId(api, streamArn);
      const { ShardIterator } = await api.getShardIterator({
        StreamArn: streamArn,
        ShardId: shardId,
        ShardIteratorType: 'TRIM_HORIZON',
      });
      clock.advance(15 * MINUTE);
      expect((await api.getRecords({ ShardIterator })).Records).toHaveLength(1);
      clock.advance(1);
      expect(await rejection(api.getRecords({ ShardIterator }))).toEqual({
        name: 'ExpiredIteratorException',
        message: 'The provided iterator exceeds the maximum age allowed.',
      });
    });

    it('records past retention are trimmed: an old iterator and TRIM_HORIZON by sequence number fail (ManualClock)', async () => {
      const { api, table, streamArn, clock } = await setup('NEW_AND_OLD_IMAGES', {
        retention: { hours: 1 },
        iteratorLifetime: { hours: 3 },
        rolloverAfter: false,
      });
      table.put({ id: 'old' });
      const shardId = await firstShardId(api, streamArn);
      const { ShardIterator } = await api.getShardIterator({
        StreamArn: streamArn,
        ShardId: shardId,
        ShardIteratorType: 'TRIM_HORIZON',
      });
      const oldSequence = (await api.getRecords({ ShardIterator })).Records[0]!.dynamodb.SequenceNumber;
      clock.advance(2 * HOUR);
      table.put({ id: 'new' });
      expect(await rejection(api.getRecords({ ShardIterator }))).toEqual({
        name: 'TrimmedDataAccessException',
        message: 'The operation attempted to read past the oldest stream record in a shard.',
      });
      expect(
        await rejection(
          api.getShardIterator({
            StreamArn: streamArn,
            ShardId: shardId,
            ShardIteratorType: 'AT_SEQUENCE_NUMBER',
            SequenceNumber: oldSequence,
          }),
        ),
      ).toEqual({
        name: 'TrimmedDataAccessException',
        message: 'The operation attempted to read past the oldest stream record in a shard.',
      });
      const fresh = await api.getShardIterator({
        StreamArn: streamArn,
        ShardId: shardId,
        ShardIteratorType: 'TRIM_HORIZON',
      });
      expect((await readAll(api, fresh.ShardIterator)).records.map((record) => record.dynamodb.Keys.id!.S)).toEqual([
        'new',
      ]);
    });
  });

  describe('DescribeStream', () => {
    it("pages shards by Limit and ExclusiveStartShardId, and finds a split parent's CHILD_SHARDS", async () => {
      const { api, table, streamArn } = await setup('KEYS_ONLY', { initialShards: 2 });
      const stream = table.stream!;
      const parent = stream.listShards().find((shard) => shard.status === 'OPEN')!.shardId;
      const [low, high] = stream.splitShard(parent);
      const all = (await api.describeStream({ StreamArn: streamArn })).StreamDescription.Shards.map(
        (shard) => shard.ShardId,
      );
      expect(all).toHaveLength(4);
      const seen: string[] = [];
      let start: string | undefined;
      for (;;) {
        const page: DescribeStreamOutput = await api.describeStream({
          StreamArn: streamArn,
          Limit: 1,
          ...(start === undefined ? {} : { ExclusiveStartShardId: start }),
        });
        seen.push(...page.StreamDescription.Shards.map((shard) => shard.ShardId));
        start = page.StreamDescription.LastEvaluatedShardId;
        if (start === undefined) break;
      }
      expect(seen).toEqual(all);
      const children = (
        await api.describeStream({ StreamArn: streamArn, ShardFilter: { Type: 'CHILD_SHARDS', ShardId: parent } })
      ).StreamDescription.Shards;
      expect(children.map((shard) => shard.ShardId).sort()).toEqual([low.shardId, high.shardId].sort());
      expect(children.every((shard) => shard.ParentShardId === parent)).toBe(true);
      const { StreamDescription } = await api.describeStream({ StreamArn: streamArn });
      expect(StreamDescription.CreationRequestDateTime).toEqual(new Date(T0));
      expect(StreamDescription.KeySchema).toEqual([{ AttributeName: 'id', KeyType: 'HASH' }]);
    });

    it('rejects an unknown stream, a short ExclusiveStartShardId and Limit 0 with DynamoDB Local messages', async () => {
      const { api, streamArn } = await setup();
      expect(await rejection(api.describeStream({ StreamArn: 'garbage' }))).toEqual({
        name: 'ResourceNotFoundException',
        message: 'Requested resource not found: Stream: garbage not found',
      });
      expect(await rejection(api.describeStream({ StreamArn: streamArn, ExclusiveStartShardId: 'abc' }))).toEqual({
        name: 'ValidationException',
        message:
          "1 validation error detected: Value 'abc' at 'exclusiveStartShardId' failed to satisfy constraint: Member must have length greater than or equal to 28",
      });
      expect(await rejection(api.describeStream({ StreamArn: streamArn, Limit: 0 }))).toEqual({
        name: 'ValidationException',
        message:
          "1 validation error detected: Value '0' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1",
      });
    });
  });

  describe('ListStreams', () => {
    it('lists streams by table and pages by Limit', async () => {
      const { api, db, streamArn } = await setup();
      db.createTable({
        TableName: 'other',
        KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
        AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
        StreamSpecification: { StreamEnabled: true, StreamViewType: 'KEYS_ONLY' },
      });
      expect((await api.listStreams({ TableName: 'orders' })).Streams).toEqual([
        { StreamArn: streamArn, TableName: 'orders', StreamLabel: streamArn.split('/stream/')[1] },
      ]);
      const first = await api.listStreams({ Limit: 1 });
      expect(first.Streams).toHaveLength(1);
      expect(first.LastEvaluatedStreamArn).toBe(first.Streams[0]!.StreamArn);
      const second = await api.listStreams({ Limit: 1, ExclusiveStartStreamArn: first.LastEvaluatedStreamArn! });
      expect(second.Streams).toHaveLength(1);
      expect(second.Streams[0]!.StreamArn).not.toBe(first.Streams[0]!.StreamArn);
      expect(second.LastEvaluatedStreamArn).toBeUndefined();
      expect(await rejection(api.listStreams({ Limit: 101 }))).toEqual({
        name: 'ValidationException',
        message:
          'One or more parameter values were invalid: Limit cannot be greater than the maximum allowed size: 100',
      });
    });
  });
});
