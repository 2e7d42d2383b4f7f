import { describe, expect, it } from 'vitest';
import {
  RecordsTrimmedError,
  StreamReader,
  TrimmedDataAccessException,
  type StreamReaderEvents,
} from '../../src/index.js';
import { setup } from '../support/reader-fixture.js';
import { flat, ids, seqOf } from '../support/reader-results.js';
import { openShardIds as openShards } from '../support/shards.js';
import { DAY, HOUR, ITERATOR_LIFETIME, T0 } from '../support/time.js';
import { SOURCES } from '../support/reader-sources.js';

function events(reader: StreamReader) {
  const expired: StreamReaderEvents['iteratorExpired'][] = [];
  const trimmed: StreamReaderEvents['trimmed'][] = [];
  reader.on('iteratorExpired', (event) => expired.push(event));
  reader.on('trimmed', (event) => trimmed.push(event));
  return { expired, trimmed };
}

describe.each(SOURCES)('StreamReader over $name: recovery', ({ make, countsLoss }) => {
  it('an iterator unused for 15 minutes + 1 ms is re-acquired after the last record: nothing lost, nothing twice', async () => {
    const fixture = await setup();
    const { clock, table, stream } = fixture;
    const shardId = openShards(stream)[0]!;
    const reader = new StreamReader(make(fixture));
    const { expired, trimmed } = events(reader);
    table.put({ id: 'a' });
    const [a] = flat(await reader.drainAsync());
    table.put({ id: 'b' });
    clock.advance(ITERATOR_LIFETIME + 1);
    expect(ids(flat(await reader.drainAsync()))).toEqual(['b']);
    expect(expired).toEqual([{ shardId, lastSequenceNumber: seqOf(a!) }]);
    expect(trimmed).toEqual([]);
    expect(reader.metrics()[0]!.expiredIterators).toBe(1);
  });

  it('repeated expiries between polls, over several shards: every record once', async () => {
    const fixture = await setup({ initialShards: 3 });
    const { clock, table } = fixture;
    const reader = new StreamReader(make(fixture), { limit: 2 });
    const { expired } = events(reader);
    const seen: string[] = [];
    for (let round = 0; round < 4; round++) {
      for (let i = 0; i < 5; i++) table.put({ id: `k${i}`, round });
      seen.push(...ids(flat(await reader.pollAsync())));
      clock.advance(ITERATOR_LIFETIME + 1);
    }
    seen.push(...ids(flat(await reader.drainAsync())));
    expect([...seen].sort()).toEqual(Array.from({ length: 20 }, (_, n) => `k${n % 5}`).sort());
    expect(expired.length).toBeGreaterThanOrEqual(9);
    expect(reader.lostRecords).toBe(0);
  });

  /** One shard: a at T0 (read, checkpointed), b at T0, c at T0+1h, d at T0+2h; the clock at T0+25h+1ms trims a, b, c. */
  async function behindTheHorizon() {
    const fixture = await setup();
    const { clock, table, stream } = fixture;
    const shardId = openShards(stream)[0]!;
    table.put({ id: 'a' });
    const first = new StreamReader(make(fixture));
    const [a] = flat(await first.drainAsync());
    const checkpoint = first.checkpoint();
    table.put({ id: 'b' });
    clock.advance(HOUR);
    table.put({ id: 'c' });
    clock.advance(HOUR);
    table.put({ id: 'd' });
    clock.set(T0 + DAY + HOUR + 1);
    return { ...fixture, shardId, a: a!, checkpoint };
  }

  it("a position behind the trim horizon, onTrimmed 'skip': continues at TRIM_HORIZON and reports the loss (counted where the source can)", async () => {
    const { shardId, a, checkpoint, ...fixture } = await behindTheHorizon();
    const reader = new StreamReader(make(fixture), { checkpoint });
    const { trimmed } = events(reader);
    const records = flat(await reader.drainAsync());
    expect(ids(records)).toEqual(['d']);
    // b and c were trimmed unread. Over the wire the loss is reported, but nobody can count it.
    const lost = countsLoss ? 2 : undefined;
    expect(trimmed).toEqual([{ shardId, lostRecords: lost, after: seqOf(a) }]);
    expect(reader.lostRecords).toBe(lost);
    expect(reader.metrics()[0]).toMatchObject({ status: 'reading', lostRecords: lost, recordsRead: 1 });
    expect(reader.checkpoint()).toEqual({ [shardId]: seqOf(records[0]!) });
    // Reported once: reading on reports nothing more.
    expect(await reader.drainAsync()).toEqual([]);
    expect(trimmed).toHaveLength(1);
  });

  it("onTrimmed 'throw': RecordsTrimmedError (a TrimmedDataAccessException with the shard, and the count where known), once; the next poll goes on", async () => {
    const { shardId, a, checkpoint, ...fixture } = await behindTheHorizon();
    const reader = new StreamReader(make(fixture), { checkpoint, onTrimmed: 'throw' });
    const { trimmed } = events(reader);
    const thrown = await reader.drainAsync().then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(thrown).toBeInstanceOf(RecordsTrimmedError);
    expect(thrown).toBeInstanceOf(TrimmedDataAccessException);
    const lost = countsLoss ? 2 : undefined;
    expect(thrown).toMatchObject({ name: 'TrimmedDataAccessException', shardId, lostRecords: lost });
    // Counted once, like a skipped loss; the position is at the trim horizon, so the next drain reads d.
    expect(trimmed).toEqual([{ shardId, lostRecords: lost, after: seqOf(a) }]);
    expect(reader.lostRecords).toBe(lost);
    expect(ids(flat(await reader.drainAsync()))).toEqual(['d']);
    expect(trimmed).toHaveLength(1);
  });

  it('a whole shard expired while the reader was away: it ends, and the reader goes on with the live shards', async () => {
    const fixture = await setup();
    const { clock, table, stream } = fixture;
    const old = openShards(stream)[0]!;
    table.put({ id: 'a' });
    const first = new StreamReader(make(fixture));
    await first.drainAsync();
    table.put({ id: 'b' });
    const next = stream.rolloverShard(old).shardId;
    table.put({ id: 'c' });
    clock.advance(DAY + HOUR);
    table.put({ id: 'd' });
    const reader = new StreamReader(make(fixture), { checkpoint: first.checkpoint() });
    const { trimmed } = events(reader);
    expect(ids(flat(await reader.drainAsync()))).toEqual(['d']);
    if (countsLoss) {
      // a and b (old) and c (next) were trimmed unread.
      expect(trimmed).toEqual([
        { shardId: old, lostRecords: 1, after: expect.any(String) },
        { shardId: next, lostRecords: 1, after: undefined },
      ]);
      expect(reader.lostRecords).toBe(2);
    } else {
      // Over the wire the trimmed position in the expired shard is seen, but not how much was lost; c, trimmed in
      // the next shard before anyone asked for it, is invisible (TRIM_HORIZON simply starts after it).
      // Reported once, though the expired shard refuses both the last position and TRIM_HORIZON.
      expect(trimmed).toEqual([{ shardId: old, lostRecords: undefined, after: expect.any(String) }]);
      expect(reader.lostRecords).toBeUndefined();
    }
    expect(reader.metrics().find((shard) => shard.shardId === next)!.status).toBe('reading');
  });
});
