/**
 * A reader away longer than the stream's memory: the stream keeps its last 1024 expired shards (and any that
 * expired within a retention) and forgets older ones, so a loss in a forgotten shard cannot be counted and
 * the lineage from a forgotten shard to its descendants is cut. The loss is still reported, once (as an
 * uncounted loss, `lostRecords` undefined), never hidden, and the reader still reaches every shard the stream
 * remembers, counting what they lost, and delivers what is still there.
 */
import { describe, expect, it } from 'vitest';
import {
  InMemoryCheckpointStore,
  RecordsTrimmedError,
  StreamReader,
  type Stream,
  type StreamReaderEvents,
} from '../../src/index.js';
import { setup, type ReaderFixture } from '../support/reader-fixture.js';
import { trimmedEvents } from '../support/reader-events.js';
import { drainIds } from '../support/reader-results.js';
import { openShardIds as openShards } from '../support/shards.js';
import { DAY, HOUR } from '../support/time.js';

type Trimmed = StreamReaderEvents['trimmed'];

/** Rolls the open shard over `times` times at this instant: a chain of empty shards. Returns the chain's ids. */
function rollovers(stream: Stream, times: number): string[] {
  const chain: string[] = [];
  let open = openShards(stream)[0]!;
  for (let i = 0; i < times; i++) {
    open = stream.rolloverShard(open).shardId;
    chain.push(open);
  }
  return chain;
}

/**
 * From the single open shard S (written to by the caller first): 1100 rollovers now, so S and 1099 empty
 * shards expire together a day later, then a day more, and one more shard expires: the stream forgets the
 * oldest of the 1101 beyond 1024, S and the first 76 of the chain. Returns S and the last one forgotten.
 */
function forgetShard(fixture: ReaderFixture): { shard: string; lastForgotten: string } {
  const { clock, stream } = fixture;
  const shard = openShards(stream)[0]!;
  const chain = rollovers(stream, 1100);
  clock.advance(2 * DAY + HOUR);
  rollovers(stream, 1);
  expect(stream.shardInfo(shard)).toBeUndefined();
  expect(chain.findIndex((id) => stream.shardInfo(id) !== undefined)).toBe(76);
  return { shard, lastForgotten: chain[75]! };
}

describe('StreamReader: a loss in a shard the stream has forgotten is reported, uncounted, once', () => {
  it('regression: resumed at TRIM_HORIZON of a forgotten shard, the loss is reported (it was taken for none), once across restarts', async () => {
    // The bug: the count of a forgotten shard's trimmed records (undefined) was read as 0, so the 3 records
    // owed there vanished with lostRecords 0 and no trimmed event.
    const fixture = await setup();
    const { table, stream } = fixture;
    const store = new InMemoryCheckpointStore();
    expect(drainIds(StreamReader.fromStore(stream, store), store)).toEqual([]);
    for (const id of ['a', 'b', 'c']) table.put({ id });
    const { shard, lastForgotten } = forgetShard(fixture);
    expect(Object.entries(store.load()!)).toEqual([[shard, 'TRIM_HORIZON']]);
    table.put({ id: 'd' });

    const resumed = StreamReader.fromStore(stream, store);
    const trimmed = trimmedEvents(resumed);
    expect(drainIds(resumed, store)).toEqual(['d']);
    // S's own loss, and that of the forgotten shards between S and the open one (only the last is known by ID).
    // (The resumed reader meets the forgotten chain first, walking up from the open shard it lists.)
    expect(trimmed).toHaveLength(2);
    expect(trimmed).toEqual(
      expect.arrayContaining([
        { shardId: shard, lostRecords: undefined, after: undefined },
        { shardId: lastForgotten, lostRecords: undefined, after: undefined },
      ]),
    );
    expect(resumed.uncountedLosses).toBe(2);
    expect(resumed.lostRecords).toBeUndefined();
    // Saved with the loss: a reader resumed from the store does not report it again.
    for (let restart = 0; restart < 2; restart++) {
      const again = StreamReader.fromStore(stream, store);
      const more = trimmedEvents(again);
      expect(drainIds(again, store)).toEqual([]);
      expect([more, again.uncountedLosses, again.lostRecords]).toEqual([[], 0, 0]);
    }
  });

  it("regression: a running reader under onTrimmed 'throw' throws the uncounted loss once, then delivers what followed", async () => {
    const fixture = await setup();
    const { table, stream } = fixture;
    const reader = new StreamReader(stream, { onTrimmed: 'throw' });
    const trimmed = trimmedEvents(reader);
    expect(drainIds(reader)).toEqual([]);
    for (const id of ['a', 'b', 'c']) table.put({ id });
    const { shard, lastForgotten } = forgetShard(fixture);
    table.put({ id: 'd' });
    // S's loss and that of the forgotten shards after it are found together: thrown once, before d.
    const thrown = drainIds(reader);
    expect(thrown).toBeInstanceOf(RecordsTrimmedError);
    expect(thrown).toMatchObject({ name: 'TrimmedDataAccessException', lostRecords: undefined });
    expect((thrown as Error).message).toContain('an unknown number of record(s) trimmed');
    expect(drainIds(reader)).toEqual(['d']);
    expect(drainIds(reader)).toEqual([]);
    expect(trimmed.map((event) => [event.shardId, event.lostRecords])).toEqual([
      [shard, undefined],
      [lastForgotten, undefined],
    ]);
    expect(reader.uncountedLosses).toBe(2);
  });

  it('a position among records whose numbers the stream no longer keeps (an open shard, years of records): uncounted, once, then exact again', async () => {
    const { clock, table, stream } = await setup();
    const store = new InMemoryCheckpointStore();
    table.put({ id: 'a' });
    expect(drainIds(StreamReader.fromStore(stream, store), store)).toEqual(['a']);
    // 300 records, then over twice the retention: the numbers of the oldest are forgotten (256 are kept).
    for (let i = 0; i < 300; i++) table.put({ id: `old${i}` });
    clock.advance(2 * DAY + HOUR);
    table.put({ id: 'new' });
    const resumed = StreamReader.fromStore(stream, store);
    const trimmed = trimmedEvents(resumed);
    expect(drainIds(resumed, store)).toEqual(['new']);
    expect(trimmed).toMatchObject([{ lostRecords: undefined }]);
    expect(resumed.uncountedLosses).toBe(1);
    // From the trim horizon on, counted exactly again.
    table.put({ id: 'later' });
    clock.advance(DAY + HOUR);
    const next = StreamReader.fromStore(stream, store);
    expect(trimmedEvents(next)).toEqual([]);
    expect(drainIds(next, store)).toEqual([]);
    expect([next.lostRecords, next.uncountedLosses]).toEqual([1, 0]);
  });
});

describe('StreamReader: the lineage from a forgotten shard is cut, and the reader still reaches what the stream remembers', () => {
  /**
   * The reader reads a of S, then b is written to S. S and the 1100 shards after it expire together; then C
   * (the next, with x) and D (with y) expire, and E is open with z. The stream forgets the oldest 78: S and
   * the first 77 of the chain. The rest of the chain, C and D are remembered; the reader's way to them from
   * S went through forgotten shards.
   */
  async function brokenLineage() {
    const fixture = await setup();
    const { clock, table, stream } = fixture;
    const s = openShards(stream)[0]!;
    const store = new InMemoryCheckpointStore();
    const reader = StreamReader.fromStore(stream, store);
    table.put({ id: 'a' });
    expect(drainIds(reader, store)).toEqual(['a']);
    table.put({ id: 'b' });
    const chain = rollovers(stream, 1100);
    const c = chain.at(-1)!;
    clock.advance(HOUR);
    table.put({ id: 'x' });
    const [d] = rollovers(stream, 1);
    table.put({ id: 'y' });
    clock.advance(2 * DAY + HOUR);
    const [e] = rollovers(stream, 1);
    table.put({ id: 'z' });
    expect(stream.shardInfo(s)).toBeUndefined();
    const firstRemembered = chain.findIndex((id) => stream.shardInfo(id) !== undefined);
    expect(firstRemembered).toBe(77);
    expect(stream.shardInfo(d!)).toMatchObject({ expired: true });
    return { ...fixture, reader, store, s, c, d: d!, e: e!, lastForgotten: chain[firstRemembered - 1]! };
  }

  it('regression: a reader away beyond the horizon reports the forgotten part uncounted and the remembered shards exactly, and delivers the rest', async () => {
    // The bug: the walk from E up its lineage stopped at the first forgotten shard and took E for a shard
    // older than the reader's start: the records of C and D, and any trimmed from E, vanished unreported.
    const { reader, s, c, d, e, lastForgotten } = await brokenLineage();
    const trimmed = trimmedEvents(reader);
    expect(drainIds(reader)).toEqual(['z']);
    expect(trimmed).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ shardId: s, lostRecords: undefined }),
        { shardId: lastForgotten, lostRecords: undefined, after: undefined },
        { shardId: c, lostRecords: 1, after: undefined },
        { shardId: d, lostRecords: 1, after: undefined },
      ]),
    );
    expect(trimmed).toHaveLength(4);
    expect(reader.uncountedLosses).toBe(2);
    expect(reader.lostRecords).toBeUndefined();
    // Everything reached is read to its end: the reader now reads E alone.
    expect(
      reader
        .metrics()
        .filter((shard) => shard.status !== 'done')
        .map((shard) => shard.shardId),
    ).toEqual([e]);
  });

  it('the same resumed from a store, three times: each loss is reported once', async () => {
    const { stream, store, s, c, d, lastForgotten } = await brokenLineage();
    const reports: Trimmed[][] = [];
    for (let restart = 0; restart < 3; restart++) {
      const resumed = StreamReader.fromStore(stream, store);
      const trimmed = trimmedEvents(resumed);
      expect(drainIds(resumed, store)).toEqual(restart === 0 ? ['z'] : []);
      reports.push(trimmed);
    }
    expect(reports[0]!.map((event) => [event.shardId, event.lostRecords]).sort()).toEqual(
      [
        [s, undefined],
        [lastForgotten, undefined],
        [c, 1],
        [d, 1],
      ].sort(),
    );
    expect(reports.slice(1)).toEqual([[], []]);
  });

  it("regression: a stream that is gone: a forgotten shard's loss is reported (it was hidden), and the shards still remembered after it are reached through it, their loss counted", async () => {
    const fixture = await setup();
    const { clock, db, table, stream } = fixture;
    const s = openShards(stream)[0]!;
    const reader = new StreamReader(stream);
    table.put({ id: 'a' });
    expect(drainIds(reader)).toEqual(['a']);
    table.put({ id: 'b' });
    // S and 1023 more expire together, then the last (with x) when the stream is disabled: 1025, S forgotten.
    const chain = rollovers(stream, 1024);
    clock.advance(HOUR);
    table.put({ id: 'x' });
    clock.advance(2 * DAY);
    db.updateTable({ TableName: 'items', StreamSpecification: { StreamEnabled: false } });
    expect(stream.shardInfo(s)).toBeUndefined();
    expect(stream.shardInfo(chain[0]!)).toMatchObject({ expired: true });
    clock.advance(DAY + HOUR);
    expect(stream.expired).toBe(true);
    const trimmed = trimmedEvents(reader);
    expect(drainIds(reader)).toEqual([]);
    expect(trimmed.map((event) => [event.shardId, event.lostRecords])).toEqual([
      [s, undefined],
      [chain.at(-1)!, 1],
    ]);
    expect(reader.uncountedLosses).toBe(1);
  });
});

describe("the stream's side: what a reader can still learn of a forgotten shard", () => {
  it('childShardIds names the children of a forgotten shard that the stream still remembers (they lead on from it)', async () => {
    const { clock, table, stream } = await setup();
    stream.rememberExpiredShards(0);
    const first = openShards(stream)[0]!;
    const [child] = rollovers(stream, 1);
    // The child gets a record and closes 2 hours later, so it expires 2 hours after the first.
    clock.advance(2 * HOUR);
    table.put({ id: 'x' });
    rollovers(stream, 1);
    // A day after the first expired (not yet the child), a shard expires: the first is forgotten.
    clock.advance(2 * DAY - HOUR);
    rollovers(stream, 1);
    expect(stream.shardInfo(first)).toBeUndefined();
    expect(stream.shardInfo(child!)).toMatchObject({ expired: true });
    expect(stream.childShardIds(first)).toEqual([child]);
    // A shard the stream never had has no children to name.
    expect(stream.childShardIds('shardId-00000000000000000001-00000000')).toBeUndefined();
    expect(() => stream.rememberExpiredShards(-1)).toThrow(RangeError);
  });
});
