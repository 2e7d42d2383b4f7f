import { describe, expect, it } from 'vitest';
import { StreamReader, type StreamReaderEvents } from '../../src/index.js';
import { lifecycle } from '../support/reader-events.js';
import { setup } from '../support/reader-fixture.js';
import { flat, ids } from '../support/reader-results.js';
import { recordingSource } from '../support/recording-source.js';
import { keyIn, openShardIds as openShards } from '../support/shards.js';

describe('StreamReader: parents strictly before children', () => {
  it('split: the parent is read to its end before either child starts, and both children are read', async () => {
    const { table, stream } = await setup();
    const parent = openShards(stream)[0]!;
    for (let i = 0; i < 5; i++) table.put({ id: `k${i}`, v: 1 });
    const [low, high] = stream.splitShard(parent);
    for (let i = 0; i < 5; i++) table.put({ id: `k${i}`, v: 2 });
    const reader = new StreamReader(stream, { limit: 2 });
    const log = lifecycle(reader);
    const records = reader.drainRecords();
    // Each key: the parent's INSERT, then the child's MODIFY.
    for (let i = 0; i < 5; i++) {
      expect(
        records.filter((record) => record.dynamodb.Keys.id!.S === `k${i}`).map((record) => record.eventName),
      ).toEqual(['INSERT', 'MODIFY']);
    }
    expect(ids(records.slice(0, 5))).toEqual(['k0', 'k1', 'k2', 'k3', 'k4']);
    expect(log.slice(0, 2)).toEqual([`+${parent}`, `-${parent}`]);
    expect(new Set(log.slice(2))).toEqual(new Set([`+${low.shardId}`, `+${high.shardId}`]));
  });

  it('merge: the child waits for BOTH parents, even while one of them is finished', async () => {
    const { table, stream } = await setup({ initialShards: 2 });
    const [left, right] = openShards(stream) as [string, string];
    const inLeft = await keyIn(stream, left, 'l');
    const inRight = await keyIn(stream, right, 'r');
    table.put({ id: inLeft, v: 1 });
    for (let v = 1; v <= 3; v++) table.put({ id: inRight, v });
    const child = stream.mergeShards(left, right).shardId;
    table.put({ id: inLeft, v: 2 });
    table.put({ id: inRight, v: 4 });

    // One record a call: the left parent ends in the first round, the right one has two more records.
    const reader = new StreamReader(stream, { limit: 1 });
    const log = lifecycle(reader);
    const status = () => Object.fromEntries(reader.metrics().map((shard) => [shard.shardId, shard.status]));

    expect(ids(flat(reader.poll())).sort()).toEqual([inLeft, inRight].sort());
    expect(status()).toEqual({ [left]: 'done', [right]: 'reading', [child]: 'waiting' });
    expect(ids(flat(reader.poll()))).toEqual([inRight]);
    expect(status()[child]).toBe('waiting');
    expect(reader.checkpoint()).toMatchObject({ [left]: 'SHARD_END' });
    // The right parent's last record ends it; the child starts in that round and is read in the next.
    expect(ids(flat(reader.poll()))).toEqual([inRight]);
    expect(status()).toEqual({ [left]: 'done', [right]: 'done', [child]: 'reading' });
    expect(ids(flat(reader.poll()))).toEqual([inLeft]);
    expect(ids(flat(reader.poll()))).toEqual([inRight]);
    expect(log).toEqual([`+${left}`, `+${right}`, `-${left}`, `-${right}`, `+${child}`]);
  });

  it('merge: the waiting child names both parents in its metrics and in shardStarted', async () => {
    const { table, stream } = await setup({ initialShards: 2 });
    const [left, right] = openShards(stream) as [string, string];
    const child = stream.mergeShards(left, right).shardId;
    table.put({ id: 'a' });
    const reader = new StreamReader(stream);
    const started: StreamReaderEvents['shardStarted'][] = [];
    reader.on('shardStarted', (event) => started.push(event));
    expect(ids(reader.drainRecords())).toEqual(['a']);
    expect(started.at(-1)).toEqual({ shardId: child, parentShardIds: [left, right] });
    expect(reader.metrics().find((shard) => shard.shardId === child)!.parentShardIds).toEqual([left, right]);
  });

  it('rollover: a chain of generations is read oldest first, each item in write order', async () => {
    const { table, stream } = await setup();
    for (let generation = 0; generation < 4; generation++) {
      table.put({ id: 'a', v: generation });
      table.put({ id: 'b', v: generation });
      stream.rolloverShard(openShards(stream)[0]!);
    }
    const records = new StreamReader(stream, { limit: 1 }).drainRecords();
    expect(ids(records)).toEqual(['a', 'b', 'a', 'b', 'a', 'b', 'a', 'b']);
    expect(records.map((record) => record.dynamodb.NewImage!.v!.N)).toEqual(['0', '0', '1', '1', '2', '2', '3', '3']);
  });

  it('follows new children as they appear while it reads, through CHILD_SHARDS, never re-listing the stream', async () => {
    const { table, stream } = await setup();
    const recording = recordingSource(stream);
    const reader = new StreamReader(recording.source);
    table.put({ id: 'a' });
    expect(ids(reader.drainRecords())).toEqual(['a']);

    const root = openShards(stream)[0]!;
    stream.splitShard(root);
    table.put({ id: 'a', v: 1 });
    expect(ids(reader.drainRecords())).toEqual(['a']);
    const [low, high] = openShards(stream) as [string, string];
    stream.mergeShards(low, high);
    stream.rolloverShard(openShards(stream)[0]!);
    table.put({ id: 'a', v: 2 });
    expect(ids(reader.drainRecords())).toEqual(['a']);

    const describes = recording.of('describeStream').map((call) => call.input);
    // One full listing at the start; after that only CHILD_SHARDS of each shard that ended.
    expect(describes[0]).toEqual({});
    expect(describes.slice(1).every((input) => input.ShardFilter?.Type === 'CHILD_SHARDS')).toBe(true);
    expect(describes.slice(1).map((input) => input.ShardFilter!.ShardId)).toEqual(
      reader
        .metrics()
        .filter((shard) => shard.status === 'done')
        .map((shard) => shard.shardId),
    );
    expect(reader.metrics().map((shard) => shard.status)).toEqual(['done', 'done', 'done', 'done', 'reading']);
  });

  it('poll() makes at most one GetRecords call per shard being read, and does not read a shard it started in that round', async () => {
    const { table, stream } = await setup({ initialShards: 3 });
    const shards = openShards(stream);
    for (const shardId of shards) {
      const key = await keyIn(stream, shardId, shardId.slice(-4));
      for (let v = 0; v < 3; v++) table.put({ id: key, v });
    }
    const recording = recordingSource(stream);
    const reader = new StreamReader(recording.source, { limit: 1 });
    for (let round = 0; round < 3; round++) {
      recording.calls.length = 0;
      expect(reader.poll()).toHaveLength(3);
      expect(
        recording
          .of('getRecords')
          .map((call) => call.shardId)
          .sort(),
      ).toEqual([...shards].sort());
    }
    // The first shard splits: its children start when it ends but are read only from the next round on.
    stream.splitShard(shards[0]!);
    recording.calls.length = 0;
    reader.poll();
    expect(
      recording
        .of('getRecords')
        .map((call) => call.shardId)
        .sort(),
    ).toEqual([...shards].sort());
    expect(reader.metrics().filter((shard) => shard.status === 'reading')).toHaveLength(4);
    recording.calls.length = 0;
    reader.poll();
    expect(recording.of('getRecords')).toHaveLength(4);
  });

  it('drain() returns everything readable now across the lineage; drainRecords() flattens it; then nothing is left', async () => {
    const { table, stream } = await setup();
    for (let i = 0; i < 7; i++) table.put({ id: `k${i}` });
    stream.splitShard(openShards(stream)[0]!);
    for (let i = 0; i < 7; i++) table.put({ id: `k${i}`, v: 1 });
    const reader = new StreamReader(stream, { limit: 3 });
    const batches = reader.drain();
    expect(batches.map((batch) => batch.records.length).reduce((a, b) => a + b)).toBe(14);
    expect(
      batches.every(
        (batch) => batch.records.length <= 3 && batch.sequenceNumber === batch.records.at(-1)!.dynamodb.SequenceNumber,
      ),
    ).toBe(true);
    expect(reader.drain()).toEqual([]);
    expect(reader.drainRecords()).toEqual([]);
    table.put({ id: 'k0', v: 2 });
    expect(ids(reader.drainRecords())).toEqual(['k0']);
  });

  it('a disabled stream is read to the end of every shard, and then the reader has nothing left to read', async () => {
    const { db, table, stream } = await setup({ initialShards: 2 });
    table.put({ id: 'a' });
    stream.splitShard(openShards(stream)[1]!);
    table.put({ id: 'b' });
    db.updateTable({ TableName: 'items', StreamSpecification: { StreamEnabled: false } });
    const reader = new StreamReader(stream);
    expect(ids(reader.drainRecords()).sort()).toEqual(['a', 'b']);
    expect(reader.metrics().every((shard) => shard.status === 'done' && shard.endedBy === 'SHARD_END')).toBe(true);
  });
});
