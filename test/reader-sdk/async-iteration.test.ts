/**
 * `for await` over each source. Neither the embedded stream nor the SDK source sleeps for real: the reader
 * waits on the shared ManualClock, so these tests move it with clock.advance(). Before moving it they wait
 * for the reader to be waiting (ScheduleWatch: its wait is a timer on the source), never for a fixed number
 * of event-loop turns: how many turns an SDK round trip takes depends on I/O, and so on the machine's load.
 */
import { describe, expect, it } from 'vitest';
import { InMemoryCheckpointStore, StreamReader, type Checkpoint } from '../../src/index.js';
import { setup } from '../support/reader-fixture.js';
import { ids } from '../support/reader-results.js';
import { openShardIds as openShards } from '../support/shards.js';
import { SOURCES, forAwaitLoop } from '../support/reader-sources.js';

describe.each(SOURCES)('StreamReader over $name: for await', ({ make }) => {
  it('yields what is there, picks up new records once the poll interval passes, and stops on an AbortSignal', async () => {
    const fixture = await setup();
    const { clock, table } = fixture;
    table.put({ id: 'a' });
    const { waits, controller, seen, loop } = forAwaitLoop(make(fixture));
    let finished = false;
    void loop.then(
      () => (finished = true),
      () => undefined, // a failed loop fails the test at `await loop`
    );
    // The first wait: a was read, then a poll found nothing.
    await waits.reached(1);
    expect(seen).toEqual(['a']);

    // Over the SDK the poll interval wakes the reader; the embedded stream wakes it on the append already.
    table.put({ id: 'b' });
    clock.advance(500);
    await waits.reached(2);
    expect(seen).toEqual(['a', 'b']);

    // Waiting on the clock: an abort ends the loop without another poll.
    expect(finished).toBe(false);
    controller.abort();
    await loop;
    expect(finished).toBe(true);
    table.put({ id: 'c' });
    clock.advance(500);
    expect(seen).toEqual(['a', 'b']);
    expect(waits.count).toBe(2);
  });

  it('saves each batch checkpoint to the store after the loop body handled it, and ends once a disabled stream is read', async () => {
    const fixture = await setup();
    const { db, table, stream } = fixture;
    const shardId = openShards(stream)[0]!;
    for (const id of ['a', 'b', 'c']) table.put({ id });
    db.updateTable({ TableName: 'items', StreamSpecification: { StreamEnabled: false } });
    const store = new InMemoryCheckpointStore();
    const saved: (Checkpoint | undefined)[] = [];
    const seen: string[] = [];
    let last: string | undefined;
    const reader = new StreamReader(make(fixture), { limit: 2 });
    for await (const batch of reader.batches({ checkpointStore: store })) {
      saved.push(await store.load());
      seen.push(...ids(batch.records));
      last = batch.sequenceNumber;
    }
    expect(seen).toEqual(['a', 'b', 'c']);
    // Saved after the body: when the body of the second batch runs, the first batch's checkpoint is stored
    // (for the first one, the reader's start, saved before anything was read).
    expect(saved[0]).toEqual({ [shardId]: 'TRIM_HORIZON' });
    expect(saved[1]).toEqual({ [shardId]: expect.any(String) });
    // The last batch's checkpoint; the reader itself has since seen the shard end.
    expect(await store.load()).toEqual({ [shardId]: last });
    expect(reader.checkpoint()).toEqual({ [shardId]: 'SHARD_END' });
    expect(reader.metrics().map((shard) => shard.endedBy)).toEqual(['SHARD_END']);
  });
});
