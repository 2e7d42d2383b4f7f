import { describe, expect, it } from 'vitest';
import {
  EVERY_SHARD,
  InMemoryCheckpointStore,
  SHARD_END,
  StreamReader,
  checkpointAfter,
  type DynamoDBRecord,
  type ReaderBatch,
} from '../../src/index.js';
import { setup } from '../support/reader-fixture.js';
import { flat, ids, seqOf } from '../support/reader-results.js';
import { recordingSource, uncountedSource } from '../support/recording-source.js';
import { keyIn, openShardIds as openShards } from '../support/shards.js';

describe('StreamReader.checkpoint()', () => {
  it("before the first poll: the checkpoint it was given, or its start position for every shard ('*')", async () => {
    const { stream } = await setup();
    expect(new StreamReader(stream).checkpoint()).toEqual({ [EVERY_SHARD]: 'TRIM_HORIZON' });
    expect(new StreamReader(stream, { startAt: 'LATEST' }).checkpoint()).toEqual({ '*': 'LATEST' });
    const given = { [openShards(stream)[0]!]: 'TRIM_HORIZON' };
    expect(new StreamReader(stream, { checkpoint: given }).checkpoint()).toEqual(given);
    // A reader resumed from a start position answers the same before its own first poll.
    expect(new StreamReader(stream, { checkpoint: { '*': 'LATEST' } }).checkpoint()).toEqual({ '*': 'LATEST' });
  });

  it("a LATEST reader's checkpoint from before its first poll resumes at LATEST, not at the trim horizon", async () => {
    const { table, stream } = await setup();
    table.put({ id: 'history' });
    const store = new InMemoryCheckpointStore();
    store.save(new StreamReader(stream, { startAt: 'LATEST' }).checkpoint());
    table.put({ id: 'before-the-first-poll' });
    // startAt is the default TRIM_HORIZON here: the checkpoint decides, as any checkpoint does.
    const resumed = StreamReader.fromStore(stream, store);
    // LATEST is taken at the resumed reader's first poll, as it would have been at the first reader's.
    expect(resumed.drainRecords()).toEqual([]);
    table.put({ id: 'after' });
    expect(ids(resumed.drainRecords())).toEqual(['after']);
  });

  it("a TRIM_HORIZON reader's checkpoint from before its first poll resumes at TRIM_HORIZON, even with startAt LATEST", async () => {
    const { table, stream } = await setup();
    table.put({ id: 'a' });
    const checkpoint = new StreamReader(stream).checkpoint();
    expect(ids(new StreamReader(stream, { checkpoint, startAt: 'LATEST' }).drainRecords())).toEqual(['a']);
  });

  it("'*' must be alone and name TRIM_HORIZON or LATEST: anything else is refused before any call", async () => {
    const { stream } = await setup();
    const recording = recordingSource(stream);
    const shardId = openShards(stream)[0]!;
    for (const checkpoint of [
      { '*': 'LATEST', [shardId]: 'TRIM_HORIZON' },
      { '*': SHARD_END },
      { '*': '100000000000000000001' },
    ]) {
      expect(() => new StreamReader(recording.source, { checkpoint })).toThrow(
        new TypeError(
          "checkpoint['*'] (a reader's start before its first poll) must be alone, with TRIM_HORIZON or LATEST",
        ),
      );
    }
    expect(recording.calls).toEqual([]);
  });

  it('a shard started with nothing read yet: TRIM_HORIZON, or LATEST as TRIM_HORIZON:<records before it>; then the last delivered sequence number', async () => {
    const { table, stream } = await setup();
    const shardId = openShards(stream)[0]!;
    const horizon = new StreamReader(stream);
    horizon.drain();
    expect(horizon.checkpoint()).toEqual({ [shardId]: 'TRIM_HORIZON' });
    table.put({ id: 'history' });
    table.put({ id: 'history', v: 1 });
    const latest = new StreamReader(stream, { startAt: 'LATEST' });
    const uncounted = new StreamReader(uncountedSource(stream), { startAt: 'LATEST' });
    latest.drain();
    uncounted.drain();
    // LATEST is "after the shard's first 2 records" where the source counts them; a source that cannot (the
    // wire) says LATEST, and a reader resumed from it takes LATEST again, as the KCL does.
    expect(latest.checkpoint()).toEqual({ [shardId]: 'TRIM_HORIZON:2' });
    expect(uncounted.checkpoint()).toEqual({ [shardId]: 'LATEST' });
    table.put({ id: 'a' });
    table.put({ id: 'b' });
    const records = horizon.drainRecords();
    latest.drain();
    expect(horizon.checkpoint()).toEqual({ [shardId]: seqOf(records[3]!) });
    expect(latest.checkpoint()).toEqual({ [shardId]: seqOf(records[3]!) });
  });

  it('a LATEST position survives a restart: the records written after it, before the resumed reader started, are delivered', async () => {
    const { table, stream } = await setup();
    table.put({ id: 'history' });
    const store = new InMemoryCheckpointStore();
    const first = new StreamReader(stream, { startAt: 'LATEST' });
    first.drainEach(() => undefined, { checkpointStore: store });
    table.put({ id: 'while-away' });
    // A new LATEST would start after `while-away`: it was written after the first reader's start, so it is owed.
    expect(ids(StreamReader.fromStore(stream, store).drainRecords())).toEqual(['while-away']);
  });

  it('SHARD_END names a finished shard only while none of its children has started', async () => {
    const { table, stream } = await setup({ initialShards: 2 });
    const [left, right] = openShards(stream) as [string, string];
    const inLeft = await keyIn(stream, left);
    const inRight = await keyIn(stream, right);
    table.put({ id: inLeft });
    table.put({ id: inRight });
    table.put({ id: inRight, v: 1 });
    const child = stream.mergeShards(left, right).shardId;
    const reader = new StreamReader(stream, { limit: 1 });
    const first = flat(reader.poll());
    const rightFirst = first.find((record) => record.dynamodb.Keys.id!.S === inRight)!;
    // Left ended (its child waits for the right parent): SHARD_END. Right is mid-shard. The child is not named.
    expect(reader.checkpoint()).toEqual({ [left]: SHARD_END, [right]: seqOf(rightFirst) });
    reader.poll();
    // Both parents done, the child started: neither parent is named any more.
    expect(reader.checkpoint()).toEqual({ [child]: 'TRIM_HORIZON' });
  });

  it('a LATEST reader names the shards it reads, not the closed history it skipped', async () => {
    const { table, stream } = await setup();
    let shardId = openShards(stream)[0]!;
    for (let i = 0; i < 3; i++) {
      table.put({ id: `k${i}` });
      shardId = stream.rolloverShard(shardId).shardId;
    }
    const reader = new StreamReader(stream, { startAt: 'LATEST' });
    reader.drain();
    // The open shard had no record when LATEST was taken: every record it gets is owed.
    expect(reader.checkpoint()).toEqual({ [shardId]: 'TRIM_HORIZON' });
    table.put({ id: 'new' });
    const resumed = new StreamReader(stream, { checkpoint: reader.checkpoint() });
    expect(ids(resumed.drainRecords())).toEqual(['new']);
    // Over a source that cannot count, a shard resumed at LATEST with nothing read starts at the then-latest record (as the KCL does).
    const uncounted = new StreamReader(uncountedSource(stream), { startAt: 'LATEST' });
    uncounted.drain();
    expect(uncounted.checkpoint()).toEqual({ [shardId]: 'LATEST' });
    table.put({ id: 'newer' });
    expect(new StreamReader(uncountedSource(stream), { checkpoint: uncounted.checkpoint() }).drainRecords()).toEqual(
      [],
    );
  });

  it('a disabled stream read to the end: SHARD_END for the last shards of each lineage, nothing for their ancestors', async () => {
    const { db, table, stream } = await setup();
    table.put({ id: 'a' });
    const [low, high] = stream.splitShard(openShards(stream)[0]!);
    db.updateTable({ TableName: 'items', StreamSpecification: { StreamEnabled: false } });
    const reader = new StreamReader(stream);
    reader.drain();
    expect(reader.checkpoint()).toEqual({ [low.shardId]: SHARD_END, [high.shardId]: SHARD_END });
    // Resuming from it reads nothing and finishes at once.
    const resumed = new StreamReader(stream, { checkpoint: reader.checkpoint() });
    expect(resumed.drain()).toEqual([]);
    expect(resumed.metrics().every((shard) => shard.status === 'done')).toBe(true);
  });

  it('batch.checkpoint is a prefix: shards read later in the same poll keep their earlier position', async () => {
    const { table, stream } = await setup({ initialShards: 2 });
    const [left, right] = openShards(stream) as [string, string];
    const inLeft = await keyIn(stream, left);
    const inRight = await keyIn(stream, right);
    table.put({ id: inLeft });
    table.put({ id: inRight });
    const reader = new StreamReader(stream);
    const batches = reader.poll();
    expect(batches).toHaveLength(2);
    const [first, second] = batches as [ReaderBatch, ReaderBatch];
    expect(first.checkpoint).toEqual({ [first.shardId]: first.sequenceNumber, [second.shardId]: 'TRIM_HORIZON' });
    expect(second.checkpoint).toEqual({
      [first.shardId]: first.sequenceNumber,
      [second.shardId]: second.sequenceNumber,
    });
    expect(second.checkpoint).toEqual(reader.checkpoint());
  });

  it('checkpointAfter(batch, record): resuming from it delivers the rest of the batch, and nothing before', async () => {
    const { table, stream } = await setup();
    for (const id of ['a', 'b', 'c', 'd']) table.put({ id });
    const [batch] = new StreamReader(stream).poll();
    const checkpoint = checkpointAfter(batch!, batch!.records[1]!);
    expect(checkpoint).toEqual({ [batch!.shardId]: seqOf(batch!.records[1]!) });
    expect(ids(new StreamReader(stream, { checkpoint }).drainRecords())).toEqual(['c', 'd']);
  });
});

describe('resuming from a checkpoint', () => {
  /** Writes `count` changes spread over keys k0..k5 (puts and deletes, some keys repeated). */
  function write(table: Awaited<ReturnType<typeof setup>>['table'], round: number, count: number): void {
    for (let i = 0; i < count; i++) {
      const id = `k${(round * 7 + i) % 6}`;
      if ((round + i) % 5 === 4) table.delete({ id });
      else table.put({ id, round, i });
    }
  }

  function byKey(records: readonly DynamoDBRecord[]): Map<string, string[]> {
    const out = new Map<string, string[]>();
    for (const record of records) {
      const key = record.dynamodb.Keys.id!.S!;
      out.set(key, [...(out.get(key) ?? []), record.dynamodb.SequenceNumber]);
    }
    return out;
  }

  it('sees no record twice and misses none, across splits, merges and rollovers made while it was away', async () => {
    const { db, table, stream } = await setup({ initialShards: 2 });
    const written: DynamoDBRecord[] = [];
    db.on('record', ({ record }) => written.push(record));
    const store = new InMemoryCheckpointStore();
    const delivered: DynamoDBRecord[] = [];

    write(table, 0, 12);
    let reader = StreamReader.fromStore(stream, store, { limit: 3 });
    for (const batch of reader.poll()) {
      delivered.push(...batch.records);
      store.save(batch.checkpoint);
    }
    // Away: the stream reshapes itself.
    const [left, right] = openShards(stream) as [string, string];
    stream.splitShard(left);
    write(table, 1, 10);
    stream.mergeShards(openShards(stream)[1]!, right);
    write(table, 2, 10);
    stream.rolloverShard(openShards(stream)[0]!);
    write(table, 3, 10);

    reader = StreamReader.fromStore(stream, store, { limit: 3 });
    for (const batch of reader.poll()) {
      delivered.push(...batch.records);
      store.save(batch.checkpoint);
    }
    write(table, 4, 6);
    reader = StreamReader.fromStore(stream, store, { limit: 3 });
    for (const batch of reader.drain()) {
      delivered.push(...batch.records);
      store.save(batch.checkpoint);
    }

    expect(delivered.map(seqOf).sort()).toEqual(written.map(seqOf).sort());
    // Every key's records in write order (sequence numbers increase with writes).
    expect(byKey(delivered)).toEqual(byKey(written));
  });

  it('resumes from a checkpoint saved mid-poll (after the first of two batches) without losing the second', async () => {
    const { table, stream } = await setup({ initialShards: 2 });
    const [left, right] = openShards(stream) as [string, string];
    table.put({ id: await keyIn(stream, left) });
    table.put({ id: await keyIn(stream, right) });
    const [first, second] = new StreamReader(stream).poll();
    expect(second).toBeDefined();
    const resumed = new StreamReader(stream, { checkpoint: first!.checkpoint });
    expect(resumed.drainRecords()).toEqual(second!.records);
  });
});

describe('InMemoryCheckpointStore', () => {
  it('is empty until saved, keeps copies, and counts its saves', () => {
    const store = new InMemoryCheckpointStore();
    expect(store.load()).toBeUndefined();
    expect(store.saves).toBe(0);
    const checkpoint = { a: '100000000000000000001' };
    store.save(checkpoint);
    checkpoint.a = 'changed';
    const loaded = store.load()!;
    expect(loaded).toEqual({ a: '100000000000000000001' });
    loaded.a = 'changed too';
    expect(store.load()).toEqual({ a: '100000000000000000001' });
    store.save({ b: SHARD_END });
    expect(store.load()).toEqual({ b: SHARD_END });
    expect(store.saves).toBe(2);
  });

  it('can start with a checkpoint (copied too)', () => {
    const initial = { a: 'TRIM_HORIZON' };
    const store = new InMemoryCheckpointStore(initial);
    initial.a = 'LATEST';
    expect(store.load()).toEqual({ a: 'TRIM_HORIZON' });
    expect(store.saves).toBe(0);
  });
});
