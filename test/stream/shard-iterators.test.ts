import { describe, expect, it } from 'vitest';
import type { Database, ShardIteratorType, Stream, Table } from '../../src/index.js';
import { expectError, notFound, validation } from '../support/aws-errors.js';
import { makeDb } from '../support/database.js';
import { onlyShardId, trimHorizon } from '../support/shards.js';
import { eventNames, readShard, sequenceNumbers } from '../support/stream-reads.js';
import { makeTable, streamOf } from '../support/tables.js';

interface Setup {
  db: Database;
  table: Table;
  stream: Stream;
  shardId: string;
  seqs: string[];
}

/** A table with three records a, b, c on its one shard. */
async function threeRecords(): Promise<Setup> {
  const { db } = await makeDb();
  const table = makeTable(db);
  for (const id of ['a', 'b', 'c']) table.put({ id });
  const stream = streamOf(table);
  const shardId = onlyShardId(stream);
  const seqs = sequenceNumbers(readShard(db, trimHorizon(stream, shardId)).records);
  return { db, table, stream, shardId, seqs };
}

const ids = (setup: Setup, iterator: string) =>
  readShard(setup.db, iterator).records.map((record) => record.dynamodb.Keys.id!.S);

describe('GetShardIterator: the four iterator types', () => {
  it('TRIM_HORIZON starts at the oldest record', async () => {
    const setup = await threeRecords();
    expect(ids(setup, trimHorizon(setup.stream, setup.shardId))).toEqual(['a', 'b', 'c']);
  });

  it('TRIM_HORIZON on an empty shard reads nothing yet, then every later record', async () => {
    const { db } = await makeDb();
    const table = makeTable(db);
    const stream = streamOf(table);
    const iterator = trimHorizon(stream, onlyShardId(stream));
    const empty = db.getRecords({ ShardIterator: iterator });
    expect(empty.Records).toEqual([]);
    expect(empty.NextShardIterator).toBeDefined();
    table.put({ id: 'x' });
    expect(
      db.getRecords({ ShardIterator: empty.NextShardIterator! }).Records.map((record) => record.dynamodb.Keys.id!.S),
    ).toEqual(['x']);
    // The iterator itself, taken while the shard was empty, starts at the oldest record too (DynamoDB Local answers
    // TrimmedDataAccessException here: conformance/known-differences.md, "Not compared").
    expect(db.getRecords({ ShardIterator: iterator }).Records.map((record) => record.dynamodb.Keys.id!.S)).toEqual([
      'x',
    ]);
  });

  it('LATEST reads only records written after it was issued', async () => {
    const setup = await threeRecords();
    const latest = setup.stream.getShardIterator({ ShardId: setup.shardId, ShardIteratorType: 'LATEST' }).ShardIterator;
    const page = setup.db.getRecords({ ShardIterator: latest });
    expect(page.Records).toEqual([]);
    expect(page.NextShardIterator).toBeDefined();
    setup.table.put({ id: 'd' });
    setup.table.put({ id: 'e' });
    expect(ids(setup, latest)).toEqual(['d', 'e']);
    expect(ids(setup, page.NextShardIterator!)).toEqual(['d', 'e']);
  });

  it('LATEST taken before any write returns all later writes (as DynamoDB Local)', async () => {
    const { db } = await makeDb();
    const table = makeTable(db);
    const stream = streamOf(table);
    const latest = stream.getShardIterator({ ShardId: onlyShardId(stream), ShardIteratorType: 'LATEST' }).ShardIterator;
    table.put({ id: 'a' });
    table.put({ id: 'b' });
    expect(readShard(db, latest).records).toHaveLength(2);
  });

  it('LATEST is per shard: records in other shards do not move it', async () => {
    const { db } = await makeDb();
    const table = makeTable(db, { streamOptions: { initialShards: 4 } });
    const stream = streamOf(table);
    const latest = new Map(
      stream
        .listShards()
        .map((shard) => [
          shard.shardId,
          stream.getShardIterator({ ShardId: shard.shardId, ShardIteratorType: 'LATEST' }).ShardIterator,
        ]),
    );
    for (let i = 0; i < 40; i++) table.put({ id: `k${i}` });
    let total = 0;
    for (const iterator of latest.values()) total += readShard(db, iterator).records.length;
    expect(total).toBe(40);
  });

  it('LATEST on a closed shard reads nothing and returns no NextShardIterator', async () => {
    const setup = await threeRecords();
    setup.stream.rolloverShard(setup.shardId);
    const latest = setup.stream.getShardIterator({ ShardId: setup.shardId, ShardIteratorType: 'LATEST' }).ShardIterator;
    setup.table.put({ id: 'd' }); // goes to the child
    expect(setup.db.getRecords({ ShardIterator: latest })).toEqual({ Records: [] });
  });

  it('AT_SEQUENCE_NUMBER starts at that record; AFTER_SEQUENCE_NUMBER just after it', async () => {
    const setup = await threeRecords();
    const at = (type: ShardIteratorType, seq: string) =>
      setup.db.getShardIterator({
        StreamArn: setup.stream.arn,
        ShardId: setup.shardId,
        ShardIteratorType: type,
        SequenceNumber: seq,
      }).ShardIterator;
    expect(ids(setup, at('AT_SEQUENCE_NUMBER', setup.seqs[0]!))).toEqual(['a', 'b', 'c']);
    expect(ids(setup, at('AT_SEQUENCE_NUMBER', setup.seqs[1]!))).toEqual(['b', 'c']);
    expect(ids(setup, at('AFTER_SEQUENCE_NUMBER', setup.seqs[0]!))).toEqual(['b', 'c']);
    expect(ids(setup, at('AFTER_SEQUENCE_NUMBER', setup.seqs[1]!))).toEqual(['c']);
    const afterLast = at('AFTER_SEQUENCE_NUMBER', setup.seqs[2]!);
    expect(ids(setup, afterLast)).toEqual([]);
    setup.table.put({ id: 'd' });
    expect(ids(setup, afterLast)).toEqual(['d']);
  });

  it('an iterator can be used more than once (as DynamoDB Local)', async () => {
    const setup = await threeRecords();
    const iterator = trimHorizon(setup.stream, setup.shardId);
    const first = setup.db.getRecords({ ShardIterator: iterator });
    const second = setup.db.getRecords({ ShardIterator: iterator });
    expect(second.Records).toEqual(first.Records);
    expect(eventNames(second.Records)).toEqual(['INSERT', 'INSERT', 'INSERT']);
  });

  it('AT/AFTER past the end are accepted and read as empty (DynamoDB Local: last + 1000 gives 0 records and an iterator)', async () => {
    const setup = await threeRecords();
    const last = BigInt(setup.seqs[2]!);
    for (const seq of [String(last + 1000n), '999999999999999999999', '1'.padEnd(40, '9')]) {
      for (const type of ['AT_SEQUENCE_NUMBER', 'AFTER_SEQUENCE_NUMBER'] as const) {
        const { ShardIterator } = setup.stream.getShardIterator({
          ShardId: setup.shardId,
          ShardIteratorType: type,
          SequenceNumber: seq,
        });
        const page = setup.db.getRecords({ ShardIterator });
        expect(page.Records).toEqual([]);
        expect(page.NextShardIterator).toBeDefined();
      }
    }
  });

  it('AT_SEQUENCE_NUMBER past the end of a closed shard reads nothing and ends the shard', async () => {
    const setup = await threeRecords();
    setup.stream.rolloverShard(setup.shardId);
    const { ShardIterator } = setup.stream.getShardIterator({
      ShardId: setup.shardId,
      ShardIteratorType: 'AT_SEQUENCE_NUMBER',
      SequenceNumber: '999999999999999999999',
    });
    expect(setup.db.getRecords({ ShardIterator })).toEqual({ Records: [] });
  });
});

describe('GetShardIterator validation (DynamoDB Local messages, docs/ddb-local-observed-core.md §10)', () => {
  it('an unknown ShardIteratorType', async () => {
    const setup = await threeRecords();
    for (const type of ['BOGUS', 'trim_horizon', '', undefined, null, 3]) {
      expectError(
        () => setup.stream.getShardIterator({ ShardId: setup.shardId, ShardIteratorType: type as never }),
        validation('Invalid ShardIteratorType.'),
      );
    }
  });

  it('AT_/AFTER_SEQUENCE_NUMBER without a SequenceNumber', async () => {
    const setup = await threeRecords();
    for (const type of ['AT_SEQUENCE_NUMBER', 'AFTER_SEQUENCE_NUMBER'] as const) {
      expectError(
        () => setup.stream.getShardIterator({ ShardId: setup.shardId, ShardIteratorType: type }),
        validation('One or more parameter values were invalid: Invalid SequenceNumber'),
      );
    }
  });

  it('TRIM_HORIZON / LATEST with a SequenceNumber', async () => {
    const setup = await threeRecords();
    for (const type of ['TRIM_HORIZON', 'LATEST'] as const) {
      expectError(
        () =>
          setup.stream.getShardIterator({
            ShardId: setup.shardId,
            ShardIteratorType: type,
            SequenceNumber: setup.seqs[0]!,
          }),
        validation(
          'One or more parameter values were invalid: SequenceNumber should not be passed for this iterator type',
        ),
      );
    }
  });

  it('a SequenceNumber shorter than 21 characters (the model constraint)', async () => {
    const setup = await threeRecords();
    for (const seq of ['1', 'abc', '5', '10000000000000000001']) {
      expectError(
        () =>
          setup.stream.getShardIterator({
            ShardId: setup.shardId,
            ShardIteratorType: 'AFTER_SEQUENCE_NUMBER',
            SequenceNumber: seq,
          }),
        validation(
          `1 validation error detected: Value '${seq}' at 'sequenceNumber' failed to satisfy constraint: Member must have length greater than or equal to 21`,
        ),
      );
    }
  });

  it('a SequenceNumber longer than 40 characters (the model constraint)', async () => {
    const setup = await threeRecords();
    const seq = '1'.repeat(41);
    expectError(
      () =>
        setup.stream.getShardIterator({
          ShardId: setup.shardId,
          ShardIteratorType: 'AT_SEQUENCE_NUMBER',
          SequenceNumber: seq,
        }),
      validation(
        `1 validation error detected: Value '${seq}' at 'sequenceNumber' failed to satisfy constraint: Member must have length less than or equal to 40`,
      ),
    );
  });

  it('a SequenceNumber of 21+ characters that is not all digits', async () => {
    const setup = await threeRecords();
    for (const seq of ['10000000000000000000x', '-00000000000000000001', ' 100000000000000000001']) {
      expectError(
        () =>
          setup.stream.getShardIterator({
            ShardId: setup.shardId,
            ShardIteratorType: 'AT_SEQUENCE_NUMBER',
            SequenceNumber: seq,
          }),
        validation('Invalid SequenceNumber for the shard'),
      );
    }
  });

  it('a SequenceNumber below the shard start: "Invalid SequenceNumber for the shard", not TrimmedDataAccessException (as DynamoDB Local)', async () => {
    const setup = await threeRecords();
    const [child] = setup.stream.splitShard(setup.shardId);
    const belowChild = setup.seqs[2]!; // the parent's last record: one below the children's first number
    for (const type of ['AT_SEQUENCE_NUMBER', 'AFTER_SEQUENCE_NUMBER'] as const) {
      for (const seq of [belowChild, setup.seqs[0]!, '000000000000000000004', '099999999999999999999']) {
        expectError(
          () => setup.stream.getShardIterator({ ShardId: child.shardId, ShardIteratorType: type, SequenceNumber: seq }),
          validation('Invalid SequenceNumber for the shard'),
        );
      }
    }
    // The shard's own start is fine.
    expect(() =>
      setup.stream.getShardIterator({
        ShardId: child.shardId,
        ShardIteratorType: 'AT_SEQUENCE_NUMBER',
        SequenceNumber: child.startingSequenceNumber,
      }),
    ).not.toThrow();
  });

  it('an unknown ShardId: "Shard does not exist" (whatever its shape, as DynamoDB Local)', async () => {
    const setup = await threeRecords();
    for (const shardId of [
      'shardId-00000000000000000000-00000000',
      'abc',
      'shardId-0000000000000000000',
      `${setup.shardId}x`,
    ]) {
      expectError(
        () =>
          setup.db.getShardIterator({
            StreamArn: setup.stream.arn,
            ShardId: shardId,
            ShardIteratorType: 'TRIM_HORIZON',
          }),
        notFound('Shard does not exist'),
      );
    }
  });

  it('an unknown stream: "Stream does not exist"', async () => {
    const setup = await threeRecords();
    for (const arn of [
      'garbage',
      'arn:aws:dynamodb:us-east-1:000000000000:table/Zzz/stream/2026-11-23T00:00:00.000',
      `${setup.stream.arn}0`,
    ]) {
      expectError(
        () => setup.db.getShardIterator({ StreamArn: arn, ShardId: setup.shardId, ShardIteratorType: 'TRIM_HORIZON' }),
        notFound('Stream does not exist'),
      );
    }
  });

  it('a failed GetShardIterator changes nothing', async () => {
    const setup = await threeRecords();
    const before = JSON.stringify(setup.stream.describeStream());
    expect(() =>
      setup.stream.getShardIterator({
        ShardId: setup.shardId,
        ShardIteratorType: 'AT_SEQUENCE_NUMBER',
        SequenceNumber: '1',
      }),
    ).toThrow();
    expect(JSON.stringify(setup.stream.describeStream())).toBe(before);
    expect(ids(setup, trimHorizon(setup.stream, setup.shardId))).toEqual(['a', 'b', 'c']);
  });

  it('regression: a SequenceNumber whose toString is broken gets the ValidationException, not a TypeError', async () => {
    const setup = await threeRecords();
    for (const seq of [{ toString: 0 }, Object.create(null) as object]) {
      expectError(
        () =>
          setup.stream.getShardIterator({
            ShardId: setup.shardId,
            ShardIteratorType: 'AT_SEQUENCE_NUMBER',
            SequenceNumber: seq as never,
          }),
        validation(
          "1 validation error detected: Value '[object Object]' at 'sequenceNumber' failed to satisfy constraint: Member must have length greater than or equal to 21",
        ),
      );
    }
  });
});
