/**
 * The async iterator never sleeps for real: it waits on the source's clock (a ManualClock here) or for an
 * append, so these tests drive it with clock.advance() and by awaiting promises.
 */
import { describe, expect, it } from 'vitest';
import {
  InMemoryCheckpointStore,
  StreamReader,
  type Checkpoint,
  type ReaderBatch,
  type StreamSource,
} from '../../src/index.js';
import { setup } from '../support/reader-fixture.js';
import { flat, ids } from '../support/reader-results.js';
import { recordingSource } from '../support/recording-source.js';
import { isSettled, settle } from '../support/settle.js';
import { keyIn, openShardIds as openShards } from '../support/shards.js';

describe('StreamReader: for await', () => {
  it('yields the records already there, then waits until a record is appended', async () => {
    const { table, stream } = await setup();
    table.put({ id: 'a' });
    const reader = new StreamReader(stream);
    const batches = reader.batches();
    expect(ids((await batches.next()).value!.records)).toEqual(['a']);

    const next = batches.next();
    expect(await isSettled(next)).toBe(false);
    table.put({ id: 'b' });
    const result = await next;
    expect(result.done).toBe(false);
    expect(ids((result.value as ReaderBatch).records)).toEqual(['b']);
    await batches.return();
  });

  it('without append notifications, waits for the clock to pass the poll interval (default 1000 ms)', async () => {
    const { clock, table, stream } = await setup();
    const { source } = recordingSource(stream, { omitOnRecords: true });
    const batches = new StreamReader(source).batches();
    const next = batches.next();
    expect(await isSettled(next)).toBe(false);
    table.put({ id: 'a' });
    expect(await isSettled(next)).toBe(false);
    clock.advance(999);
    expect(await isSettled(next)).toBe(false);
    clock.advance(1);
    expect(ids((await next).value!.records)).toEqual(['a']);
    await batches.return();
  });

  it('pollIntervalMs sets the wait, and an empty poll between two waits costs one GetRecords per shard', async () => {
    const { clock, table, stream } = await setup();
    const recording = recordingSource(stream, { omitOnRecords: true });
    const batches = new StreamReader(recording.source, { pollIntervalMs: 5_000 }).batches();
    const next = batches.next();
    await settle();
    const polls = recording.of('getRecords').length;
    clock.advance(4_999);
    await settle();
    expect(recording.of('getRecords')).toHaveLength(polls);
    clock.advance(1);
    await settle();
    expect(recording.of('getRecords')).toHaveLength(polls + 1);
    table.put({ id: 'a' });
    clock.advance(5_000);
    expect(ids((await next).value!.records)).toEqual(['a']);
    await batches.return();
  });

  it('`for await (const batch of reader)` works, and an AbortSignal stops a waiting iterator', async () => {
    const { table, stream } = await setup();
    table.put({ id: 'a' });
    const reader = new StreamReader(stream);
    const controller = new AbortController();
    const seen: string[] = [];
    const loop = (async () => {
      for await (const batch of reader.batches({ signal: controller.signal })) seen.push(...ids(batch.records));
    })();
    await settle();
    table.put({ id: 'b' });
    await settle();
    expect(seen).toEqual(['a', 'b']);
    expect(await isSettled(loop)).toBe(false);
    controller.abort();
    await loop;
    expect(seen).toEqual(['a', 'b']);

    const plain: string[] = [];
    const iterator = reader[Symbol.asyncIterator]();
    table.put({ id: 'c' });
    plain.push(...ids((await iterator.next()).value!.records));
    expect(plain).toEqual(['c']);
    await iterator.return();
  });

  it('an abort that arrives while a poll is in flight stops the iterator without waiting for the clock', async () => {
    const { stream } = await setup();
    const controller = new AbortController();
    const inner = recordingSource(stream, { omitOnRecords: true });
    let getRecords = 0;
    // The source aborts during the second poll's GetRecords: the abort event fires before the reader waits.
    const source: StreamSource = {
      ...inner.source,
      getRecords: async (input) => {
        if (++getRecords === 2) controller.abort();
        return inner.source.getRecords(input);
      },
    };
    const batches = new StreamReader(source).batches({ signal: controller.signal });
    const next = batches.next();
    expect(await isSettled(next)).toBe(true);
    expect(await next).toEqual({ done: true, value: undefined });
    expect(getRecords).toBe(2);
  });

  it('an already aborted signal yields nothing', async () => {
    const { table, stream } = await setup();
    table.put({ id: 'a' });
    const recording = recordingSource(stream);
    const batches = new StreamReader(recording.source).batches({ signal: AbortSignal.abort() });
    expect(await batches.next()).toEqual({ done: true, value: undefined });
    expect(recording.calls).toEqual([]);
  });

  it('aborting from inside the loop body ends the loop after that batch', async () => {
    const { table, stream } = await setup({ initialShards: 2 });
    for (let i = 0; i < 10; i++) table.put({ id: `k${i}` });
    const controller = new AbortController();
    const handled: ReaderBatch[] = [];
    for await (const batch of new StreamReader(stream).batches({ signal: controller.signal })) {
      handled.push(batch);
      controller.abort();
    }
    expect(handled).toHaveLength(1);
  });

  it('ends by itself once a disabled stream has been read to the end (through a split and a merge)', async () => {
    const { clock, db, table, stream } = await setup({ initialShards: 2 });
    for (let i = 0; i < 6; i++) table.put({ id: `k${i}` });
    const [left, right] = openShards(stream) as [string, string];
    stream.mergeShards(left, right);
    stream.splitShard(openShards(stream)[0]!);
    for (let i = 0; i < 6; i++) table.put({ id: `k${i}`, v: 1 });
    const reader = new StreamReader(stream, { limit: 2 });
    const seen: string[] = [];
    const loop = (async () => {
      for await (const batch of reader) seen.push(...ids(batch.records));
    })();
    await settle();
    expect(seen).toHaveLength(12);
    expect(await isSettled(loop)).toBe(false);
    db.updateTable({ TableName: 'items', StreamSpecification: { StreamEnabled: false } });
    clock.advance(1_000);
    await loop;
    expect(reader.metrics().every((shard) => shard.status === 'done')).toBe(true);
  });

  describe('batches({ checkpointStore })', () => {
    it("saves each batch's checkpoint once the loop body has handled it, not before", async () => {
      const { table, stream } = await setup({ initialShards: 2 });
      for (let i = 0; i < 10; i++) table.put({ id: `k${i}` });
      const store = new InMemoryCheckpointStore();
      const controller = new AbortController();
      const reader = new StreamReader(stream, { limit: 2 });
      const savedWhenHandling: (Checkpoint | undefined)[] = [];
      const handled: ReaderBatch[] = [];
      for await (const batch of reader.batches({ signal: controller.signal, checkpointStore: store })) {
        savedWhenHandling.push(store.load());
        handled.push(batch);
        if (handled.length === 4) controller.abort();
      }
      // While batch i is handled, the store holds batch i-1's checkpoint (the first batch: the reader's start,
      // saved before anything was read); after the loop, the last handled one.
      const start = Object.fromEntries(openShards(stream).map((shardId) => [shardId, 'TRIM_HORIZON']));
      expect(savedWhenHandling).toEqual([start, ...handled.slice(0, 3).map((batch) => batch.checkpoint)]);
      expect(store.load()).toEqual(handled[3]!.checkpoint);
      expect(store.saves).toBe(5);
    });

    it('aborting from inside the body after handling a batch saves it (the way to stop after a handled batch)', async () => {
      const { table, stream } = await setup({ initialShards: 2 });
      for (let i = 0; i < 10; i++) table.put({ id: `k${i}` });
      const store = new InMemoryCheckpointStore();
      const controller = new AbortController();
      const handled: ReaderBatch[] = [];
      for await (const batch of new StreamReader(stream, { limit: 2 }).batches({
        signal: controller.signal,
        checkpointStore: store,
      })) {
        handled.push(batch);
        if (handled.length === 3) controller.abort();
      }
      expect(store.load()).toEqual(handled[2]!.checkpoint);
      const rest = StreamReader.fromStore(stream, store).drainRecords();
      expect([...ids(flat(handled)), ...ids(rest)].sort()).toEqual(
        Array.from({ length: 10 }, (_, i) => `k${i}`).sort(),
      );
    });

    it('`break` does not save the batch in hand (a generator cannot tell it from a throw): it is read again, at least once', async () => {
      const { table, stream } = await setup();
      for (let i = 0; i < 6; i++) table.put({ id: `k${i}` });
      const store = new InMemoryCheckpointStore();
      const handled: ReaderBatch[] = [];
      for await (const batch of new StreamReader(stream, { limit: 2 }).batches({ checkpointStore: store })) {
        handled.push(batch);
        if (handled.length === 2) break;
      }
      expect(store.load()).toEqual(handled[0]!.checkpoint);
      expect(ids(StreamReader.fromStore(stream, store).drainRecords())).toEqual(['k2', 'k3', 'k4', 'k5']);
      // Saving the batch's checkpoint before `break` makes it count as handled.
      const saving = new InMemoryCheckpointStore();
      for await (const batch of new StreamReader(stream, { limit: 2 }).batches({ checkpointStore: saving })) {
        if (batch.records.length > 0) {
          saving.save(batch.checkpoint);
          break;
        }
      }
      expect(ids(StreamReader.fromStore(stream, saving).drainRecords())).toEqual(['k2', 'k3', 'k4', 'k5']);
    });

    it('reads a shard only when the loop asks for its batch: a loop stopped after one batch has not moved the other shards', async () => {
      const { table, stream } = await setup({ initialShards: 2 });
      const [left, right] = openShards(stream) as [string, string];
      table.put({ id: await keyIn(stream, left) });
      table.put({ id: await keyIn(stream, right) });
      const recording = recordingSource(stream);
      const reader = new StreamReader(recording.source);
      const controller = new AbortController();
      const handled: ReaderBatch[] = [];
      for await (const batch of reader.batches({ signal: controller.signal })) {
        handled.push(batch);
        controller.abort();
      }
      expect(recording.of('getRecords')).toHaveLength(1);
      const other = handled[0]!.shardId === left ? right : left;
      expect(reader.checkpoint()[other]).toBe('TRIM_HORIZON');
    });

    it('a loop body that throws leaves the failed batch unsaved: a reader resumed from the store reads it again, and only it', async () => {
      const { table, stream } = await setup({ initialShards: 2 });
      for (let i = 0; i < 10; i++) table.put({ id: `k${i}` });
      const store = new InMemoryCheckpointStore();
      const handled: ReaderBatch[] = [];
      // Both shards are read in the first round: the second batch's shard is ahead of what was handled.
      await expect(
        (async () => {
          for await (const batch of new StreamReader(stream).batches({ checkpointStore: store })) {
            if (handled.length === 1) throw new Error('handler failed');
            handled.push(batch);
          }
        })(),
      ).rejects.toThrow('handler failed');
      const resumed = StreamReader.fromStore(stream, store);
      const again = resumed.drainRecords();
      expect(ids([...flat(handled), ...again]).sort()).toEqual(Array.from({ length: 10 }, (_, i) => `k${i}`).sort());
    });
  });
});
