import { describe, expect, it } from 'vitest';
import type { Database, Stream, Table } from '../../src/index.js';
import { TRIMMED, expectError } from '../support/aws-errors.js';
import { makeDb } from '../support/database.js';
import { onlyShardId, trimHorizon } from '../support/shards.js';
import { readShard, sequenceNumbers } from '../support/stream-reads.js';
import { makeTable, streamOf } from '../support/tables.js';
import { DAY, HOUR, MINUTE, T0 } from '../support/time.js';

interface Setup {
  db: Database;
  clock: Awaited<ReturnType<typeof makeDb>>['clock'];
  table: Table;
  stream: Stream;
  shardId: string;
  seqs: string[];
}

/** One shard (no rollover), records r0 at T0, r1 at T0+1h, r2 at T0+2h. */
async function hourly(): Promise<Setup> {
  const { db, clock } = await makeDb();
  const table = makeTable(db, { streamOptions: { rolloverAfter: false } });
  for (let i = 0; i < 3; i++) {
    if (i > 0) clock.advance(HOUR);
    table.put({ id: `r${i}` });
  }
  const stream = streamOf(table);
  const shardId = onlyShardId(stream);
  const seqs = sequenceNumbers(readShard(db, trimHorizon(stream, shardId)).records);
  return { db, clock, table, stream, shardId, seqs };
}

const ids = (setup: Setup, iterator: string) =>
  readShard(setup.db, iterator).records.map((record) => record.dynamodb.Keys.id!.S);

describe('retention: records older than 24 hours are trimmed', () => {
  it('a record is readable at exactly 24 h old and trimmed 1 ms later (trimmed when age > retention)', async () => {
    const setup = await hourly();
    setup.clock.set(T0 + DAY);
    expect(ids(setup, trimHorizon(setup.stream, setup.shardId))).toEqual(['r0', 'r1', 'r2']);
    expect(setup.stream.listShards()[0]!.retainedRecords).toBe(3);
    setup.clock.set(T0 + DAY + 1);
    expect(ids(setup, trimHorizon(setup.stream, setup.shardId))).toEqual(['r1', 'r2']);
    expect(setup.stream.listShards()[0]!.retainedRecords).toBe(2);
  });

  it('TRIM_HORIZON moves with the trim horizon, down to an empty (still open) shard', async () => {
    const setup = await hourly();
    setup.clock.set(T0 + DAY + HOUR + 1);
    expect(ids(setup, trimHorizon(setup.stream, setup.shardId))).toEqual(['r2']);
    setup.clock.set(T0 + DAY + 2 * HOUR + 1);
    const iterator = trimHorizon(setup.stream, setup.shardId);
    const page = setup.db.getRecords({ ShardIterator: iterator });
    expect(page.Records).toEqual([]);
    expect(page.NextShardIterator).toBeDefined();
    expect(setup.stream.listShards()[0]!.retainedRecords).toBe(0);
    setup.table.put({ id: 'r3' });
    expect(ids(setup, iterator)).toEqual(['r3']);
  });

  it('trimming is independent of when anyone looks: a 3-day jump keeps exactly the last 24 hours', async () => {
    const { db, clock } = await makeDb();
    const table = makeTable(db, { streamOptions: { rolloverAfter: false } });
    for (let i = 0; i < 72; i++) {
      table.put({ id: `h${i}` });
      clock.advance(HOUR);
    }
    // Now T0 + 72 h: h48 (written at T0 + 48 h) is exactly 24 h old.
    const stream = streamOf(table);
    const kept = readShard(db, trimHorizon(stream, onlyShardId(stream))).records.map(
      (record) => record.dynamodb.Keys.id!.S,
    );
    expect(kept).toEqual(Array.from({ length: 24 }, (_, i) => `h${48 + i}`));
  });

  it('an iterator pointing at a record that is trimmed before it is used gets TrimmedDataAccessException', async () => {
    const setup = await hourly();
    setup.clock.set(T0 + DAY - 5 * MINUTE);
    const iterator = trimHorizon(setup.stream, setup.shardId); // points at r0, still there
    const afterR0 = setup.db.getRecords({ ShardIterator: iterator, Limit: 1 }).NextShardIterator!; // points at r1
    setup.clock.advance(6 * MINUTE); // r0 is now past retention; both iterators are 6 minutes old
    expectError(() => setup.db.getRecords({ ShardIterator: iterator }), TRIMMED);
    expect(ids(setup, afterR0)).toEqual(['r1', 'r2']);
  });

  it('AT_/AFTER_SEQUENCE_NUMBER below the trim horizon get TrimmedDataAccessException; AFTER the last trimmed record is fine', async () => {
    const setup = await hourly();
    setup.clock.set(T0 + DAY + HOUR + 1); // r0 and r1 trimmed
    const at = (type: 'AT_SEQUENCE_NUMBER' | 'AFTER_SEQUENCE_NUMBER', seq: string) => () =>
      setup.stream.getShardIterator({ ShardId: setup.shardId, ShardIteratorType: type, SequenceNumber: seq })
        .ShardIterator;
    expectError(at('AT_SEQUENCE_NUMBER', setup.seqs[0]!), TRIMMED);
    expectError(at('AT_SEQUENCE_NUMBER', setup.seqs[1]!), TRIMMED);
    expectError(at('AFTER_SEQUENCE_NUMBER', setup.seqs[0]!), TRIMMED);
    expect(ids(setup, at('AFTER_SEQUENCE_NUMBER', setup.seqs[1]!)())).toEqual(['r2']);
    expect(ids(setup, at('AT_SEQUENCE_NUMBER', setup.seqs[2]!)())).toEqual(['r2']);
    // Below the shard's start is still a ValidationException, not a trim (as DynamoDB Local).
    expect(at('AT_SEQUENCE_NUMBER', '100000000000000000000')).toThrow('Invalid SequenceNumber for the shard');
  });

  it('the trim happens on the clock, also for a shard nobody writes to or reads', async () => {
    const { db, clock } = await makeDb();
    const table = makeTable(db, { streamOptions: { initialShards: 2, rolloverAfter: false } });
    for (let i = 0; i < 20; i++) table.put({ id: `k${i}` });
    clock.advance(DAY + 1);
    const stream = streamOf(table);
    for (const shard of stream.listShards()) {
      expect(shard.retainedRecords).toBe(0);
      expect(readShard(db, trimHorizon(stream, shard.shardId)).records).toEqual([]);
    }
  });
});

describe('retention is configurable', () => {
  it('per table: streamOptions.retention on createTable', async () => {
    const { db, clock } = await makeDb();
    const short = makeTable(db, { name: 'short', streamOptions: { retention: { hours: 1 }, rolloverAfter: false } });
    const normal = makeTable(db, { name: 'normal', streamOptions: { rolloverAfter: false } });
    short.put({ id: 'a' });
    normal.put({ id: 'a' });
    clock.advance(HOUR);
    expect(readShard(db, trimHorizon(streamOf(short), onlyShardId(streamOf(short)))).records).toHaveLength(1);
    clock.advance(1);
    expect(readShard(db, trimHorizon(streamOf(short), onlyShardId(streamOf(short)))).records).toHaveLength(0);
    expect(readShard(db, trimHorizon(streamOf(normal), onlyShardId(streamOf(normal)))).records).toHaveLength(1);
    expect(streamOf(short).options.retentionMs).toBe(HOUR);
    expect(streamOf(normal).options.retentionMs).toBe(DAY);
  });

  it('for every stream: streamDefaults on Database.create, which a table can override', async () => {
    const { db, clock } = await makeDb({ streamDefaults: { retention: { minutes: 30 }, rolloverAfter: false } });
    const byDefault = makeTable(db, { name: 'defaulted' });
    const overridden = makeTable(db, { name: 'overridden', streamOptions: { retention: { hours: 2 } } });
    expect(streamOf(byDefault).options.retentionMs).toBe(30 * MINUTE);
    expect(streamOf(overridden).options.retentionMs).toBe(2 * HOUR);
    // The table's options are merged over the defaults: rolloverAfter: false still applies.
    expect(streamOf(overridden).options.rolloverAfterMs).toBeUndefined();
    byDefault.put({ id: 'a' });
    clock.advance(30 * MINUTE + 1);
    const stream = streamOf(byDefault);
    expect(readShard(db, trimHorizon(stream, onlyShardId(stream))).records).toEqual([]);
  });

  it('invalid retention is rejected and no table is created', async () => {
    const { db } = await makeDb();
    expect(() => makeTable(db, { streamOptions: { retention: 0 } })).toThrow(
      'Invalid stream option retention: must be > 0',
    );
    expect(db.listTables().TableNames).toEqual([]);
    expect(db.listStreams().Streams).toEqual([]);
  });
});
