/**
 * drainEach: what drain() reads, handed to a handler batch by batch as it is read, so a consumer of a large
 * backlog never holds more than one batch.
 */
import { describe, expect, it } from 'vitest';
import { InMemoryCheckpointStore, StreamReader, type CheckpointStore, type ReaderBatch } from '../../src/index.js';
import { setup } from '../support/reader-fixture.js';
import { flat, ids } from '../support/reader-results.js';
import { recordingSource } from '../support/recording-source.js';
import { keyIn, openShardIds as openShards } from '../support/shards.js';

describe('StreamReader.drainEach', () => {
  it('hands over the same batches as drain(), in the same order, and returns the number of records', async () => {
    const { table, stream } = await setup({ initialShards: 2 });
    for (let i = 0; i < 9; i++) table.put({ id: `k${i}` });
    stream.splitShard(openShards(stream)[0]!);
    for (let i = 0; i < 9; i++) table.put({ id: `k${i}`, v: 1 });
    const expected = new StreamReader(stream, { limit: 2 }).drain();
    const handed: ReaderBatch[] = [];
    const reader = new StreamReader(stream, { limit: 2 });
    expect(reader.drainEach((batch) => handed.push(batch))).toBe(18);
    expect(handed).toEqual(expected);
    // Caught up, as after drain(): nothing more now, then only what is new.
    expect(reader.drainEach(() => undefined)).toBe(0);
    table.put({ id: 'new' });
    const late: ReaderBatch[] = [];
    expect(reader.drainEach((batch) => late.push(batch))).toBe(1);
    expect(ids(flat(late))).toEqual(['new']);
  });

  it('each batch reaches the handler before the reader makes its next GetRecords call', async () => {
    const { table, stream } = await setup({ initialShards: 2 });
    const [left, right] = openShards(stream) as [string, string];
    for (let i = 0; i < 3; i++) table.put({ id: await keyIn(stream, left, `l${i}-`) });
    for (let i = 0; i < 3; i++) table.put({ id: await keyIn(stream, right, `r${i}-`) });
    const recording = recordingSource(stream);
    const reader = new StreamReader(recording.source, { limit: 2 });
    const callsWhenHandled: number[] = [];
    reader.drainEach(() => callsWhenHandled.push(recording.of('getRecords').length));
    // Four batches (2 + 1 records from each shard); each handled right after the call that read it.
    expect(callsWhenHandled).toEqual([1, 2, 3, 4]);
  });

  it('with a checkpointStore: each batch saved once the handler has returned', async () => {
    const { table, stream } = await setup();
    for (let i = 0; i < 5; i++) table.put({ id: `k${i}` });
    const store = new InMemoryCheckpointStore();
    const savedWhenHandling: unknown[] = [];
    const handled: ReaderBatch[] = [];
    new StreamReader(stream, { limit: 2 }).drainEach(
      (batch) => {
        savedWhenHandling.push(store.load());
        handled.push(batch);
      },
      { checkpointStore: store },
    );
    // The reader's start is saved before anything is read; then each batch once handled.
    const start = { [openShards(stream)[0]!]: 'TRIM_HORIZON' };
    expect(savedWhenHandling).toEqual([start, handled[0]!.checkpoint, handled[1]!.checkpoint]);
    expect(store.load()).toEqual(handled[2]!.checkpoint);
    expect(store.saves).toBe(4);
  });

  it('a handler that throws stops the drain with its error, its batch unsaved: a reader resumed from the store reads it again', async () => {
    const { table, stream } = await setup();
    for (let i = 0; i < 5; i++) table.put({ id: `k${i}` });
    const store = new InMemoryCheckpointStore();
    const handled: string[] = [];
    const reader = new StreamReader(stream, { limit: 2 });
    expect(() =>
      reader.drainEach(
        (batch) => {
          if (handled.length === 2) throw new Error('handler failed');
          handled.push(...ids(batch.records));
        },
        { checkpointStore: store },
      ),
    ).toThrow('handler failed');
    expect(handled).toEqual(['k0', 'k1']);
    expect(ids(StreamReader.fromStore(stream, store).drainRecords())).toEqual(['k2', 'k3', 'k4']);
  });

  it('refuses an asynchronous handler or store with a TypeError (drainEachAsync awaits them)', async () => {
    const { table, stream } = await setup();
    table.put({ id: 'a' });
    const message =
      'This batch handler or checkpoint store answers asynchronously: use drainEachAsync() or `for await`';
    expect(() => new StreamReader(stream).drainEach(async () => undefined)).toThrow(new TypeError(message));
    const asyncStore: CheckpointStore = { load: async () => undefined, save: async () => undefined };
    expect(() => new StreamReader(stream).drainEach(() => undefined, { checkpointStore: asyncStore })).toThrow(
      new TypeError(message),
    );
  });

  it('drainEachAsync awaits an asynchronous handler and store before the next read', async () => {
    const { table, stream } = await setup();
    for (let i = 0; i < 5; i++) table.put({ id: `k${i}` });
    const recording = recordingSource(stream);
    const saved: string[] = [];
    const store: CheckpointStore = {
      load: async () => undefined,
      save: async (checkpoint) => {
        await Promise.resolve();
        saved.push(Object.values(checkpoint)[0]!);
      },
    };
    const log: string[] = [];
    const reader = new StreamReader(recording.source, { limit: 2 });
    const count = await reader.drainEachAsync(
      async (batch) => {
        await Promise.resolve();
        log.push(
          `${ids(batch.records).join(',')} after ${recording.of('getRecords').length} reads, ${saved.length} saved`,
        );
      },
      { checkpointStore: store },
    );
    expect(count).toBe(5);
    // The start (saved before the first read), then each batch.
    expect(log).toEqual(['k0,k1 after 1 reads, 1 saved', 'k2,k3 after 2 reads, 2 saved', 'k4 after 3 reads, 3 saved']);
    expect(saved).toHaveLength(4);
  });
});
