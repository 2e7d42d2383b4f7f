import { describe, expect, it } from 'vitest';
import type { Shard } from '../../src/index.js';
import { loadHasher } from '../../src/stream/hasher.js';
import { expectError, notFound, validation } from '../support/aws-errors.js';
import { makeDb } from '../support/database.js';
import { openShardIds } from '../support/shards.js';
import { makeTable, streamOf } from '../support/tables.js';
import { DAY, HOUR, T0 } from '../support/time.js';

async function manyShards(count: number) {
  const { db, clock } = await makeDb();
  const table = makeTable(db, { streamOptions: { initialShards: count } });
  return { db, clock, table, stream: streamOf(table) };
}

describe('DescribeStream: the description', () => {
  it('has the stream attributes, the key schema and every shard', async () => {
    const { db } = await makeDb();
    const table = makeTable(db, { sortKey: 'N', viewType: 'NEW_IMAGE' });
    const stream = streamOf(table);
    const { StreamDescription } = db.describeStream({ StreamArn: stream.arn });
    expect(StreamDescription).toEqual({
      StreamArn: stream.arn,
      StreamLabel: '2026-01-01T12:30:15.250',
      StreamStatus: 'ENABLED',
      StreamViewType: 'NEW_IMAGE',
      CreationRequestDateTime: new Date(T0),
      TableName: 'items',
      KeySchema: [
        { AttributeName: 'id', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
      Shards: [
        {
          ShardId: stream.listShards()[0]!.shardId,
          SequenceNumberRange: { StartingSequenceNumber: '100000000000000000001' },
        },
      ],
    });
    // Key order as DynamoDB Local sends it.
    expect(Object.keys(StreamDescription)).toEqual([
      'StreamArn',
      'StreamLabel',
      'StreamStatus',
      'StreamViewType',
      'CreationRequestDateTime',
      'TableName',
      'KeySchema',
      'Shards',
    ]);
    const hashOnly = streamOf(makeTable(db, { name: 'hashonly' }));
    expect(hashOnly.describeStream().StreamDescription.KeySchema).toEqual([{ AttributeName: 'id', KeyType: 'HASH' }]);
  });

  it('StreamStatus is DISABLED once the stream is turned off; closed shards show EndingSequenceNumber', async () => {
    const { db } = await makeDb();
    const table = makeTable(db);
    table.put({ id: 'a' });
    const stream = streamOf(table);
    db.updateTable({ TableName: 'items', StreamSpecification: { StreamEnabled: false } });
    const { StreamDescription } = stream.describeStream();
    expect(StreamDescription.StreamStatus).toBe('DISABLED');
    expect(StreamDescription.Shards[0]!.SequenceNumberRange).toEqual({
      StartingSequenceNumber: '100000000000000000001',
      EndingSequenceNumber: '100000000000000000001',
    });
  });

  it('is a copy: changing it changes nothing', async () => {
    const { stream } = await manyShards(2);
    const first = stream.describeStream().StreamDescription;
    first.Shards.pop();
    first.KeySchema[0]!.AttributeName = 'x';
    (first.Shards[0] as Shard).ShardId = 'x';
    first.CreationRequestDateTime.setTime(0);
    const again = stream.describeStream().StreamDescription;
    expect(again.Shards).toHaveLength(2);
    expect(again.KeySchema[0]!.AttributeName).toBe('id');
    expect(again.CreationRequestDateTime).toEqual(new Date(T0));
  });

  it('an unknown stream: "Requested resource not found: Stream: <arn> not found" (as DynamoDB Local)', async () => {
    const { db } = await makeDb();
    expectError(
      () => db.describeStream({ StreamArn: 'garbage' }),
      notFound('Requested resource not found: Stream: garbage not found'),
    );
    const arn = 'arn:aws:dynamodb:us-east-1:000000000000:table/Zzz/stream/2026-11-23T00:00:00.000';
    expectError(
      () => db.describeStream({ StreamArn: arn }),
      notFound(`Requested resource not found: Stream: ${arn} not found`),
    );
  });
});

describe('DescribeStream: Limit and pagination', () => {
  it('returns at most 100 shards by default, with LastEvaluatedShardId while more remain', async () => {
    const { stream } = await manyShards(150);
    const all = stream.listShards().map((shard) => shard.shardId);
    const first = stream.describeStream().StreamDescription;
    expect(first.Shards).toHaveLength(100);
    expect(first.LastEvaluatedShardId).toBe(first.Shards[99]!.ShardId);
    const second = stream.describeStream({ ExclusiveStartShardId: first.LastEvaluatedShardId! }).StreamDescription;
    expect(second.Shards).toHaveLength(50);
    expect('LastEvaluatedShardId' in second).toBe(false);
    expect([...first.Shards, ...second.Shards].map((shard) => shard.ShardId)).toEqual(all);
  });

  it('pages through >100 shards with any Limit, every shard exactly once', async () => {
    const { stream } = await manyShards(130);
    // Some closed shards and children too.
    const open = openShardIds(stream);
    stream.splitShard(open[0]!);
    stream.mergeShards(open[5]!, open[6]!);
    stream.rolloverShard(open[9]!);
    const all = stream.listShards().map((shard) => shard.shardId);
    expect(all).toHaveLength(134);
    for (const limit of [1, 7, 33, 100]) {
      const seen: string[] = [];
      let start: string | undefined;
      let pages = 0;
      do {
        const page: { Shards: Shard[]; LastEvaluatedShardId?: string } = stream.describeStream({
          Limit: limit,
          ...(start === undefined ? {} : { ExclusiveStartShardId: start }),
        }).StreamDescription;
        expect(page.Shards.length).toBeLessThanOrEqual(limit);
        seen.push(...page.Shards.map((shard) => shard.ShardId));
        start = page.LastEvaluatedShardId;
        pages++;
      } while (start !== undefined);
      expect(seen).toEqual(all);
      expect(pages).toBe(Math.ceil(all.length / limit));
    }
  });

  it('a page that ends exactly at the last shard has no LastEvaluatedShardId', async () => {
    const { stream } = await manyShards(4);
    expect(stream.describeStream({ Limit: 4 }).StreamDescription).not.toHaveProperty('LastEvaluatedShardId');
    expect(stream.describeStream({ Limit: 3 }).StreamDescription.LastEvaluatedShardId).toBeDefined();
  });

  it('Limit 0, 101 and non-integers are rejected with DynamoDB Local messages', async () => {
    const { db, stream } = await manyShards(1);
    expectError(
      () => db.describeStream({ StreamArn: stream.arn, Limit: 0 }),
      validation(
        "1 validation error detected: Value '0' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1",
      ),
    );
    expectError(
      () => db.describeStream({ StreamArn: stream.arn, Limit: 101 }),
      validation('One or more parameter values were invalid: Limit cannot be greater than the maximum: 100'),
    );
    expectError(
      () => db.describeStream({ StreamArn: stream.arn, Limit: 2.5 }),
      validation(
        "1 validation error detected: Value '2.5' at 'limit' failed to satisfy constraint: Member must be an integer",
      ),
    );
    expect(db.describeStream({ StreamArn: stream.arn, Limit: 100 }).StreamDescription.Shards).toHaveLength(1);
  });

  it('ExclusiveStartShardId: the last shard gives no shards; an unknown id is a position in shard-id order (as DynamoDB Local)', async () => {
    const { stream } = await manyShards(3);
    const ids = stream.listShards().map((shard) => shard.shardId);
    expect(stream.describeStream({ ExclusiveStartShardId: ids[2]! }).StreamDescription.Shards).toEqual([]);
    expect(
      stream
        .describeStream({ ExclusiveStartShardId: 'shardId-00000000000000000000-00000000' })
        .StreamDescription.Shards.map((shard) => shard.ShardId),
    ).toEqual(ids);
    expect(
      stream.describeStream({ ExclusiveStartShardId: 'shardId-99999999999999999999-ffffffff' }).StreamDescription
        .Shards,
    ).toEqual([]);
  });

  it('regression: a page boundary shard that expires before the next page does not make the next page skip a shard', async () => {
    const hasher = await loadHasher();
    // Keys that land in the low and the high half of the hash space.
    const keys = Array.from({ length: 40 }, (_, i) => `key${i}`);
    const lowKey = keys.find((key) => hasher.h64(key) < 1n << 63n)!;
    const highKey = keys.find((key) => hasher.h64(key) >= 1n << 63n)!;
    // A seed whose split gives the high child a smaller shard id than the low one (both share the millisecond).
    let found: Awaited<ReturnType<typeof makeDb>> | undefined;
    for (let seed = 1; found === undefined; seed++) {
      const candidate = await makeDb({ seed });
      const stream = streamOf(makeTable(candidate.db, { streamOptions: { rolloverAfter: false } }));
      const [low, high] = stream.splitShard(openShardIds(stream)[0]!);
      if (high.shardId < low.shardId) found = candidate;
    }
    const { db, clock } = found;
    const table = db.table('items');
    const stream = streamOf(table);
    const [low, high] = openShardIds(stream) as [string, string];
    table.put({ id: lowKey }); // the low child's last record: T0
    clock.advance(HOUR);
    table.put({ id: highKey }); // the high child's last record: T0 + 1 h
    stream.rolloverShard(low);
    stream.rolloverShard(high);
    const all = stream.listShards().map((shard) => shard.shardId); // parent, low, high, low', high'
    expect(all.slice(1, 3)).toEqual([low, high]);
    const first = stream.describeStream({ Limit: 2 }).StreamDescription;
    expect(first.LastEvaluatedShardId).toBe(low);
    clock.set(T0 + DAY + 1); // the parent and the low child expire; the high child (record at T0 + 1 h) stays
    expect(stream.listShards().map((shard) => shard.shardId)).toEqual(all.slice(2));
    const second = stream.describeStream({ ExclusiveStartShardId: low }).StreamDescription;
    expect(second.Shards.map((shard) => shard.ShardId)).toEqual(all.slice(2));
  });

  it('ExclusiveStartShardId outside 28-65 characters is rejected with the model constraint', async () => {
    const { stream } = await manyShards(1);
    expectError(
      () => stream.describeStream({ ExclusiveStartShardId: 'abc' }),
      validation(
        "1 validation error detected: Value 'abc' at 'exclusiveStartShardId' failed to satisfy constraint: Member must have length greater than or equal to 28",
      ),
    );
    const long = `shardId-${'0'.repeat(58)}`;
    expectError(
      () => stream.describeStream({ ExclusiveStartShardId: long }),
      validation(
        `1 validation error detected: Value '${long}' at 'exclusiveStartShardId' failed to satisfy constraint: Member must have length less than or equal to 65`,
      ),
    );
  });
});

describe('DescribeStream: values that cannot be turned into text', () => {
  it('regression: Limit, ExclusiveStartShardId or ShardFilter.Type with a broken toString get ValidationExceptions, not TypeErrors', async () => {
    const { db, stream } = await manyShards(1);
    const weird = Object.create(null) as never;
    expectError(
      () => stream.describeStream({ Limit: weird }),
      validation(
        "1 validation error detected: Value '[object Object]' at 'limit' failed to satisfy constraint: Member must be an integer",
      ),
    );
    expectError(
      () => stream.describeStream({ ExclusiveStartShardId: weird }),
      validation(
        "1 validation error detected: Value '[object Object]' at 'exclusiveStartShardId' failed to satisfy constraint: Member must have length greater than or equal to 28",
      ),
    );
    expectError(
      () =>
        stream.describeStream({ ShardFilter: { Type: { toString: 0 } as never, ShardId: openShardIds(stream)[0]! } }),
      validation(
        "1 validation error detected: Value '[object Object]' at 'shardFilter.type' failed to satisfy constraint: Member must satisfy enum value set: [CHILD_SHARDS]",
      ),
    );
    expectError(
      () => db.listStreams({ Limit: weird }),
      validation(
        "1 validation error detected: Value '[object Object]' at 'limit' failed to satisfy constraint: Member must be an integer",
      ),
    );
  });
});

describe('DescribeStream: ShardFilter CHILD_SHARDS', () => {
  const children = (stream: ReturnType<typeof streamOf>, shardId: string) =>
    stream
      .describeStream({ ShardFilter: { Type: 'CHILD_SHARDS', ShardId: shardId } })
      .StreamDescription.Shards.map((shard) => shard.ShardId);

  it('finds the two children of a split', async () => {
    const { stream } = await manyShards(1);
    const [parent] = openShardIds(stream);
    const [low, high] = stream.splitShard(parent!);
    expect(children(stream, parent!)).toEqual([low.shardId, high.shardId]);
    expect(children(stream, low.shardId)).toEqual([]);
  });

  it('finds the child of a merge from either parent', async () => {
    const { stream } = await manyShards(2);
    const [a, b] = openShardIds(stream) as [string, string];
    const child = stream.mergeShards(a, b);
    expect(children(stream, a)).toEqual([child.shardId]);
    expect(children(stream, b)).toEqual([child.shardId]);
  });

  it('finds the child of a rollover, automatic or explicit', async () => {
    const { clock, stream } = await manyShards(1);
    const [first] = openShardIds(stream);
    clock.advance({ hours: 4 });
    const [second] = openShardIds(stream);
    expect(children(stream, first!)).toEqual([second]);
    const third = stream.rolloverShard(second!);
    expect(children(stream, second!)).toEqual([third.shardId]);
  });

  it('an unknown shard has no children; a Type other than CHILD_SHARDS is rejected (the API model enum)', async () => {
    const { stream } = await manyShards(1);
    const [only] = openShardIds(stream);
    expect(children(stream, 'shardId-00000000000000000000-00000000')).toEqual([]);
    expectError(
      () => stream.describeStream({ ShardFilter: { Type: 'BOGUS' as never, ShardId: only! } }),
      validation(
        "1 validation error detected: Value 'BOGUS' at 'shardFilter.type' failed to satisfy constraint: Member must satisfy enum value set: [CHILD_SHARDS]",
      ),
    );
  });

  it('combines with Limit and ExclusiveStartShardId', async () => {
    const { stream } = await manyShards(1);
    const [parent] = openShardIds(stream);
    const [low, high] = stream.splitShard(parent!);
    const page = stream.describeStream({
      Limit: 1,
      ShardFilter: { Type: 'CHILD_SHARDS', ShardId: parent! },
    }).StreamDescription;
    expect(page.Shards.map((shard) => shard.ShardId)).toEqual([low.shardId]);
    expect(page.LastEvaluatedShardId).toBe(low.shardId);
    const next = stream.describeStream({
      ExclusiveStartShardId: low.shardId,
      ShardFilter: { Type: 'CHILD_SHARDS', ShardId: parent! },
    }).StreamDescription;
    expect(next.Shards.map((shard) => shard.ShardId)).toEqual([high.shardId]);
    expect(next).not.toHaveProperty('LastEvaluatedShardId');
  });
});
