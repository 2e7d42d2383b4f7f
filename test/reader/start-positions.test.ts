import { describe, expect, it } from 'vitest';
import { InMemoryCheckpointStore, StreamReader, type Checkpoint, type CheckpointStore } from '../../src/index.js';
import { setup } from '../support/reader-fixture.js';
import { flat, ids, seqOf } from '../support/reader-results.js';
import { recordingSource } from '../support/recording-source.js';
import { openShardIds as openShards } from '../support/shards.js';

describe('StreamReader: where reading starts', () => {
  it('TRIM_HORIZON (the default): every record already in the stream, in write order, then new ones', async () => {
    const { table, stream } = await setup();
    table.put({ id: 'a' });
    table.put({ id: 'b' });
    table.delete({ id: 'a' });
    const reader = new StreamReader(stream);
    expect(ids(reader.drainRecords())).toEqual(['a', 'b', '~a']);
    table.put({ id: 'c' });
    expect(ids(reader.drainRecords())).toEqual(['c']);
    expect(reader.drainRecords()).toEqual([]);
  });

  it('TRIM_HORIZON asks GetShardIterator for TRIM_HORIZON on every root shard, once', async () => {
    const { table, stream } = await setup({ initialShards: 3 });
    table.put({ id: 'a' });
    const recording = recordingSource(stream);
    const reader = new StreamReader(recording.source, { startAt: 'TRIM_HORIZON' });
    reader.drain();
    reader.drain();
    const iterators = recording.of('getShardIterator');
    expect(iterators.map((call) => call.input.ShardIteratorType)).toEqual([
      'TRIM_HORIZON',
      'TRIM_HORIZON',
      'TRIM_HORIZON',
    ]);
    expect(new Set(iterators.map((call) => call.input.ShardId))).toEqual(new Set(openShards(stream)));
  });

  it('LATEST: nothing written before the first poll, everything after; closed shards are skipped', async () => {
    const { table, stream } = await setup({ initialShards: 2 });
    table.put({ id: 'old1' });
    stream.splitShard(openShards(stream)[0]!);
    table.put({ id: 'old2' });
    const reader = new StreamReader(stream, { startAt: 'LATEST' });
    expect(reader.drain()).toEqual([]);
    table.put({ id: 'new1' });
    table.put({ id: 'old1', v: 2 });
    // Different shards: no order between them.
    expect(ids(reader.drainRecords()).sort()).toEqual(['new1', 'old1']);
    const metrics = reader.metrics();
    // The split parent is closed: skipped, never read. The two roots' other shard and both children are read from LATEST.
    expect(metrics.filter((shard) => shard.status === 'done').map((shard) => shard.endedBy)).toEqual(['SKIPPED']);
    expect(metrics.filter((shard) => shard.status === 'reading')).toHaveLength(3);
  });

  it('LATEST is taken when the reader first polls, not when it is constructed', async () => {
    const { table, stream } = await setup();
    const reader = new StreamReader(stream, { startAt: 'LATEST' });
    table.put({ id: 'between' });
    expect(reader.drain()).toEqual([]);
    table.put({ id: 'after' });
    expect(ids(reader.drainRecords())).toEqual(['after']);
  });

  it('a checkpoint: resumes AFTER_SEQUENCE_NUMBER the saved position, and takes precedence over startAt', async () => {
    const { table, stream } = await setup();
    for (const id of ['a', 'b', 'c']) table.put({ id });
    const first = new StreamReader(stream, { limit: 2 });
    const batch = first.poll()[0]!;
    expect(ids(batch.records)).toEqual(['a', 'b']);
    const checkpoint = first.checkpoint();
    expect(checkpoint).toEqual({ [batch.shardId]: seqOf(batch.records[1]!) });

    const recording = recordingSource(stream);
    const resumed = new StreamReader(recording.source, { checkpoint, startAt: 'LATEST' });
    table.put({ id: 'd' });
    expect(ids(resumed.drainRecords())).toEqual(['c', 'd']);
    expect(recording.of('getShardIterator')[0]!.input).toEqual({
      ShardId: batch.shardId,
      ShardIteratorType: 'AFTER_SEQUENCE_NUMBER',
      SequenceNumber: seqOf(batch.records[1]!),
    });
  });

  it('a checkpoint with the TRIM_HORIZON or LATEST sentinel resumes there', async () => {
    const { table, stream } = await setup();
    const shardId = openShards(stream)[0]!;
    table.put({ id: 'a' });
    expect(ids(new StreamReader(stream, { checkpoint: { [shardId]: 'TRIM_HORIZON' } }).drainRecords())).toEqual(['a']);
    const latest = new StreamReader(stream, { checkpoint: { [shardId]: 'LATEST' } });
    expect(latest.drainRecords()).toEqual([]);
    table.put({ id: 'b' });
    expect(ids(latest.drainRecords())).toEqual(['b']);
  });

  it('an empty checkpoint is a start at TRIM_HORIZON', async () => {
    const { table, stream } = await setup();
    table.put({ id: 'a' });
    expect(ids(new StreamReader(stream, { checkpoint: {}, startAt: 'LATEST' }).drainRecords())).toEqual(['a']);
  });

  it('the checkpoint option is copied: changing the object later changes nothing', async () => {
    const { table, stream } = await setup();
    table.put({ id: 'a' });
    table.put({ id: 'b' });
    const shardId = openShards(stream)[0]!;
    const first = new StreamReader(stream, { limit: 1 });
    first.poll();
    const checkpoint: Checkpoint = first.checkpoint();
    const resumed = new StreamReader(stream, { checkpoint });
    checkpoint[shardId] = 'TRIM_HORIZON';
    expect(resumed.checkpoint()).not.toEqual(checkpoint);
    expect(ids(resumed.drainRecords())).toEqual(['b']);
  });

  it('limit: at most that many records a GetRecords call (1 to 1000)', async () => {
    const { table, stream } = await setup();
    for (let i = 0; i < 5; i++) table.put({ id: `k${i}` });
    const reader = new StreamReader(stream, { limit: 2 });
    expect(reader.drain().map((batch) => batch.records.length)).toEqual([2, 2, 1]);
    for (const limit of [0, 1001, 1.5, Number.NaN]) {
      expect(() => new StreamReader(stream, { limit })).toThrow(
        new RangeError(`limit must be an integer from 1 to 1000, got ${String(limit)}`),
      );
    }
  });

  describe('StreamReader.fromStore', () => {
    it('an empty store: starts at startAt', async () => {
      const { table, stream } = await setup();
      table.put({ id: 'a' });
      expect(ids(StreamReader.fromStore(stream, new InMemoryCheckpointStore()).drainRecords())).toEqual(['a']);
      expect(
        StreamReader.fromStore(stream, new InMemoryCheckpointStore(), { startAt: 'LATEST' }).drainRecords(),
      ).toEqual([]);
    });

    it('a saved checkpoint: resumes after it, with the other options kept', async () => {
      const { table, stream } = await setup();
      for (const id of ['a', 'b', 'c', 'd']) table.put({ id });
      const store = new InMemoryCheckpointStore();
      const first = new StreamReader(stream, { limit: 1 });
      store.save(first.poll()[0]!.checkpoint);
      const resumed = StreamReader.fromStore(stream, store, { limit: 2 });
      expect(resumed.drain().map((batch) => ids(batch.records))).toEqual([['b', 'c'], ['d']]);
    });

    it('a store that loads asynchronously needs fromStoreAsync', async () => {
      const { table, stream } = await setup();
      table.put({ id: 'a' });
      table.put({ id: 'b' });
      const saved = new StreamReader(stream, { limit: 1 }).poll()[0]!.checkpoint;
      const store: CheckpointStore = { load: async () => saved, save: async () => undefined };
      expect(() => StreamReader.fromStore(stream, store)).toThrow(
        new TypeError('This checkpoint store loads asynchronously: use StreamReader.fromStoreAsync'),
      );
      const reader = await StreamReader.fromStoreAsync(stream, store);
      expect(ids(flat(await reader.drainAsync()))).toEqual(['b']);
    });
  });
});
