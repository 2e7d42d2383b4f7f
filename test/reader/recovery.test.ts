import { describe, expect, it } from 'vitest';
import {
  RecordsTrimmedError,
  StreamReader,
  TrimmedDataAccessException,
  type Stream,
  type StreamReaderEvents,
  type StreamSource,
} from '../../src/index.js';
import { embeddedSource } from '../../src/reader/index.js';
import { setup } from '../support/reader-fixture.js';
import { flat, ids, seqOf } from '../support/reader-results.js';
import { recordingSource, uncountedSource } from '../support/recording-source.js';
import { isSettled, settle } from '../support/settle.js';
import { keyIn, openShardIds as openShards } from '../support/shards.js';
import { DAY, HOUR, ITERATOR_LIFETIME, SECOND, T0 } from '../support/time.js';

function events(reader: StreamReader) {
  const expired: StreamReaderEvents['iteratorExpired'][] = [];
  const trimmed: StreamReaderEvents['trimmed'][] = [];
  reader.on('iteratorExpired', (event) => expired.push(event));
  reader.on('trimmed', (event) => trimmed.push(event));
  return { expired, trimmed };
}

const shardMetrics = (reader: StreamReader, shardId: string) =>
  reader.metrics().find((shard) => shard.shardId === shardId)!;

describe('StreamReader: expired iterators', () => {
  it('an iterator unused for 15 minutes + 1 ms is re-acquired AFTER_SEQUENCE_NUMBER the last record, with an event', async () => {
    const { clock, table, stream } = await setup();
    const shardId = openShards(stream)[0]!;
    const recording = recordingSource(stream);
    const reader = new StreamReader(recording.source);
    const { expired } = events(reader);
    table.put({ id: 'a' });
    const [a] = reader.drainRecords();
    table.put({ id: 'b' });
    clock.advance(ITERATOR_LIFETIME + 1);
    recording.calls.length = 0;
    expect(ids(reader.drainRecords())).toEqual(['b']);
    expect(expired).toEqual([{ shardId, lastSequenceNumber: seqOf(a!) }]);
    expect(recording.of('getRecords')[0]).toEqual({
      op: 'getRecords',
      shardId,
      records: 0,
      error: 'ExpiredIteratorException',
    });
    expect(recording.of('getShardIterator').map((call) => call.input)).toEqual([
      { ShardId: shardId, ShardIteratorType: 'AFTER_SEQUENCE_NUMBER', SequenceNumber: seqOf(a!) },
    ]);
    expect(shardMetrics(reader, shardId).expiredIterators).toBe(1);
  });

  it('exactly 15 minutes is not expired', async () => {
    const { clock, table, stream } = await setup();
    const reader = new StreamReader(stream);
    const { expired } = events(reader);
    table.put({ id: 'a' });
    reader.drain();
    table.put({ id: 'b' });
    clock.advance(ITERATOR_LIFETIME);
    expect(ids(reader.drainRecords())).toEqual(['b']);
    expect(expired).toEqual([]);
  });

  it('repeated expiries between polls, over several shards: no record twice, none missed', async () => {
    const { clock, table, stream } = await setup({ initialShards: 3 });
    const reader = new StreamReader(stream, { limit: 2 });
    const { expired } = events(reader);
    const seen: string[] = [];
    for (let round = 0; round < 6; round++) {
      for (let i = 0; i < 5; i++) table.put({ id: `k${i}`, round });
      seen.push(...ids(flat(reader.poll())));
      clock.advance(ITERATOR_LIFETIME + 1);
    }
    seen.push(...ids(reader.drainRecords()));
    expect(seen).toHaveLength(30);
    for (let i = 0; i < 5; i++) expect(seen.filter((id) => id === `k${i}`)).toHaveLength(6);
    expect(expired.length).toBeGreaterThanOrEqual(15);
    expect(reader.lostRecords).toBe(0);
  });

  it('a shard with nothing read yet is re-acquired at TRIM_HORIZON: nothing skipped', async () => {
    const { clock, table, stream } = await setup();
    const shardId = openShards(stream)[0]!;
    const reader = new StreamReader(stream);
    const { expired, trimmed } = events(reader);
    reader.drain();
    table.put({ id: 'a' });
    clock.advance(ITERATOR_LIFETIME + 1);
    expect(ids(reader.drainRecords())).toEqual(['a']);
    expect(expired).toEqual([{ shardId, lastSequenceNumber: undefined }]);
    expect(trimmed).toEqual([]);
  });

  it('a shard with nothing read yet whose records were trimmed meanwhile: the re-acquired TRIM_HORIZON does not hide them', async () => {
    const { clock, table, stream } = await setup();
    const shardId = openShards(stream)[0]!;
    const reader = new StreamReader(stream);
    const { expired, trimmed } = events(reader);
    reader.drain();
    table.put({ id: 'a' });
    table.put({ id: 'b' });
    clock.advance(DAY + 1);
    table.put({ id: 'c' });
    expect(ids(reader.drainRecords())).toEqual(['c']);
    expect(expired).toHaveLength(1);
    expect(trimmed).toEqual([{ shardId, lostRecords: 2, after: undefined }]);
    expect(reader.lostRecords).toBe(2);
  });
});

const SOURCES = [
  {
    name: 'a source that counts (embeddedSource)',
    counts: true,
    make: (stream: Stream): StreamSource => embeddedSource(stream),
  },
  { name: 'a source that cannot count (as the wire)', counts: false, make: uncountedSource },
];

describe.each(SOURCES)('StreamReader: an expired LATEST iterator with nothing read, over $name', ({ counts, make }) => {
  it('re-reads from TRIM_HORIZON past the records from before its LATEST: the records written meanwhile are delivered', async () => {
    const { clock, table, stream } = await setup();
    const shardId = openShards(stream)[0]!;
    table.put({ id: 'history' });
    clock.advance(SECOND);
    const recording = recordingSource(stream);
    const reader = new StreamReader(
      { ...make(stream), getShardIterator: recording.source.getShardIterator },
      { startAt: 'LATEST' },
    );
    const { expired, trimmed } = events(reader);
    expect(reader.drain()).toEqual([]);
    clock.advance(SECOND);
    table.put({ id: 'a' });
    clock.advance(ITERATOR_LIFETIME);
    table.put({ id: 'b' });
    clock.advance(1);
    recording.calls.length = 0;
    // A new LATEST iterator would start after b: a and b would be lost without a word (what the KCL does).
    const records = reader.drainRecords();
    expect(ids(records)).toEqual(['a', 'b']);
    expect(expired).toEqual([{ shardId, lastSequenceNumber: undefined }]);
    expect(trimmed).toEqual([]);
    expect(recording.of('getShardIterator').map((call) => call.input)).toEqual([
      { ShardId: shardId, ShardIteratorType: 'TRIM_HORIZON' },
    ]);
    // `history` was passed over, not read: it is neither delivered nor counted.
    expect(shardMetrics(reader, shardId)).toMatchObject({ recordsRead: 2, lostRecords: 0 });
    expect(reader.checkpoint()).toEqual({ [shardId]: seqOf(records[1]!) });
  });

  it(
    counts
      ? "records from the second its LATEST was taken in are passed over too: the shard's records were counted"
      : 'records from the second its LATEST was taken in are delivered too (ApproximateCreationDateTime has whole seconds)',
    async () => {
      const { clock, table, stream } = await setup();
      table.put({ id: 'same-second' });
      const reader = new StreamReader(make(stream), { startAt: 'LATEST' });
      expect(reader.drain()).toEqual([]);
      clock.advance(ITERATOR_LIFETIME + 1);
      table.put({ id: 'a' });
      expect(ids(reader.drainRecords())).toEqual(counts ? ['a'] : ['same-second', 'a']);
    },
  );

  it('a history longer than one page is passed over in one drain', async () => {
    const { clock, table, stream } = await setup();
    const shardId = openShards(stream)[0]!;
    for (let i = 0; i < 5; i++) table.put({ id: `old${i}` });
    clock.advance(SECOND);
    const reader = new StreamReader(make(stream), { startAt: 'LATEST', limit: 2 });
    reader.drain();
    clock.advance(ITERATOR_LIFETIME + 1);
    // Nothing written since: the old records are passed over. Counted, the position stays "after the shard's
    // first 5 records"; by time, it is the last of them.
    expect(reader.drain()).toEqual([]);
    const lastOld = stream.getRecords({
      ShardIterator: stream.getShardIterator({ ShardId: shardId, ShardIteratorType: 'TRIM_HORIZON' }).ShardIterator,
    }).Records[4]!;
    expect(reader.checkpoint()).toEqual({ [shardId]: counts ? 'TRIM_HORIZON:5' : seqOf(lastOld) });
    table.put({ id: 'new' });
    expect(ids(reader.drainRecords())).toEqual(['new']);
  });

  it('older records trimmed meanwhile are not a loss', async () => {
    const { clock, table, stream } = await setup();
    table.put({ id: 'old' });
    clock.advance(12 * HOUR);
    table.put({ id: 'older-than-latest' });
    clock.advance(HOUR);
    const reader = new StreamReader(make(stream), { startAt: 'LATEST' });
    const { trimmed } = events(reader);
    reader.drain();
    table.put({ id: 'a' });
    // 11 hours unused: the iterator expired, and `old` (now over 24 hours old) was trimmed; `older-than-latest` was not.
    clock.advance(11 * HOUR + 1);
    expect(ids(reader.drainRecords())).toEqual(['a']);
    expect(trimmed).toEqual([]);
    expect(reader.lostRecords).toBe(0);
  });

  it(
    counts
      ? 'records written after LATEST and trimmed while the iterator sat expired are counted exactly; older ones are not a loss'
      : 'records written after LATEST and trimmed while the iterator sat expired go unseen, as any trim at a TRIM_HORIZON start over the wire',
    async () => {
      const { clock, table, stream } = await setup();
      const shardId = openShards(stream)[0]!;
      table.put({ id: 'old' });
      clock.advance(HOUR);
      const reader = new StreamReader(make(stream), { startAt: 'LATEST' });
      const { trimmed } = events(reader);
      reader.drain();
      table.put({ id: 'owed' });
      clock.advance(DAY + 1);
      table.put({ id: 'a' });
      expect(ids(reader.drainRecords())).toEqual(['a']);
      expect(trimmed).toEqual(counts ? [{ shardId, lostRecords: 1, after: undefined }] : []);
      expect(reader.lostRecords).toBe(counts ? 1 : 0);
    },
  );

  it('a shard resumed from a LATEST checkpoint is handled the same way', async () => {
    const { clock, table, stream } = await setup();
    const shardId = openShards(stream)[0]!;
    table.put({ id: 'history' });
    clock.advance(SECOND);
    const reader = new StreamReader(make(stream), { checkpoint: { [shardId]: 'LATEST' } });
    reader.drain();
    table.put({ id: 'a' });
    clock.advance(ITERATOR_LIFETIME + 1);
    expect(ids(reader.drainRecords())).toEqual(['a']);
  });

  it('a GetRecords that fails (a dropped connection) does not make it take LATEST again', async () => {
    const { clock, table, stream } = await setup();
    table.put({ id: 'history' });
    clock.advance(SECOND);
    const inner = make(stream);
    let fail = false;
    const source: StreamSource = {
      ...inner,
      getRecords: (input) => {
        if (!fail) return inner.getRecords(input);
        fail = false;
        throw Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
      },
    };
    const reader = new StreamReader(source, { startAt: 'LATEST' });
    reader.drain();
    table.put({ id: 'a' });
    fail = true;
    expect(() => reader.drain()).toThrow('socket hang up');
    // a was written after the LATEST position: a new LATEST iterator now would start after it.
    expect(ids(reader.drainRecords())).toEqual(['a']);
  });
});

describe('StreamReader: loss counted across a checkpoint at TRIM_HORIZON', () => {
  it('a fresh reader names what was trimmed before it started (TRIM_HORIZON:n): a resumed reader counts only later trims', async () => {
    const { clock, table, stream } = await setup();
    const shardId = openShards(stream)[0]!;
    table.put({ id: 'old1' });
    table.put({ id: 'old2' });
    clock.advance(DAY + 1);
    const first = new StreamReader(stream);
    expect(first.drain()).toEqual([]);
    expect(first.lostRecords).toBe(0);
    const checkpoint = first.checkpoint();
    expect(checkpoint).toEqual({ [shardId]: 'TRIM_HORIZON:2' });
    table.put({ id: 'c' });
    table.put({ id: 'd' });
    clock.advance(DAY + 1);
    table.put({ id: 'e' });
    const resumed = new StreamReader(stream, { checkpoint });
    const { trimmed } = events(resumed);
    expect(ids(resumed.drainRecords())).toEqual(['e']);
    // c and d were owed (written after the first reader started the shard); old1 and old2 never were.
    expect(trimmed).toEqual([{ shardId, lostRecords: 2, after: undefined }]);
    expect(resumed.lostRecords).toBe(2);
  });

  it('a child started with nothing read is owed whole (plain TRIM_HORIZON): everything trimmed from it is counted on resume', async () => {
    const { clock, table, stream } = await setup();
    const root = openShards(stream)[0]!;
    table.put({ id: 'a' });
    const child = stream.rolloverShard(root).shardId;
    const first = new StreamReader(stream);
    expect(ids(first.drainRecords())).toEqual(['a']);
    const checkpoint = first.checkpoint();
    expect(checkpoint).toEqual({ [child]: 'TRIM_HORIZON' });
    table.put({ id: 'b' });
    table.put({ id: 'c' });
    clock.advance(DAY + 1);
    table.put({ id: 'd' });
    const resumed = new StreamReader(stream, { checkpoint });
    expect(ids(resumed.drainRecords())).toEqual(['d']);
    expect(resumed.lostRecords).toBe(2);
  });

  it('a loss already reported is carried in the checkpoint, so a resumed reader does not report it again', async () => {
    const { clock, table, stream } = await setup();
    const root = openShards(stream)[0]!;
    table.put({ id: 'a' });
    const child = stream.rolloverShard(root).shardId;
    table.put({ id: 'b' });
    table.put({ id: 'c' });
    const first = new StreamReader(stream);
    expect(ids(flat(first.poll()))).toEqual(['a']);
    clock.advance(DAY + 1);
    expect(first.drain()).toEqual([]);
    expect(first.lostRecords).toBe(2);
    expect(first.checkpoint()).toEqual({ [child]: 'TRIM_HORIZON:2' });
    table.put({ id: 'd' });
    const resumed = new StreamReader(stream, { checkpoint: first.checkpoint() });
    expect(ids(resumed.drainRecords())).toEqual(['d']);
    expect(resumed.lostRecords).toBe(0);
  });
});

describe('StreamReader: a position behind the trim horizon', () => {
  /** One shard: a at T0 (read, checkpointed), b at T0, c at T0+1h, d at T0+2h; the clock at T0+25h+1ms trims a, b, c. */
  async function behindTheHorizon() {
    const fixture = await setup();
    const { clock, table, stream } = fixture;
    const shardId = openShards(stream)[0]!;
    table.put({ id: 'a' });
    const first = new StreamReader(stream);
    const [a] = first.drainRecords();
    const checkpoint = first.checkpoint();
    table.put({ id: 'b' });
    clock.advance(HOUR);
    table.put({ id: 'c' });
    clock.advance(HOUR);
    table.put({ id: 'd' });
    clock.set(T0 + DAY + HOUR + 1);
    return { ...fixture, shardId, a: a!, checkpoint };
  }

  it("onTrimmed 'skip' (the default): continues at TRIM_HORIZON and reports exactly the records lost", async () => {
    const { stream, shardId, a, checkpoint } = await behindTheHorizon();
    const reader = new StreamReader(stream, { checkpoint });
    const { trimmed } = events(reader);
    const records = reader.drainRecords();
    expect(ids(records)).toEqual(['d']);
    // a was read before the checkpoint: not lost. b and c were trimmed unread.
    expect(trimmed).toEqual([{ shardId, lostRecords: 2, after: seqOf(a) }]);
    expect(reader.lostRecords).toBe(2);
    expect(shardMetrics(reader, shardId)).toMatchObject({ status: 'reading', lostRecords: 2, recordsRead: 1 });
    expect(reader.checkpoint()).toEqual({ [shardId]: seqOf(records[0]!) });
    // Counted once: reading on reports nothing more.
    expect(reader.drain()).toEqual([]);
    expect(reader.lostRecords).toBe(2);
  });

  it("onTrimmed 'throw': RecordsTrimmedError, a TrimmedDataAccessException carrying the shard and the exact loss, thrown once", async () => {
    const { stream, shardId, a, checkpoint } = await behindTheHorizon();
    const reader = new StreamReader(stream, { checkpoint, onTrimmed: 'throw' });
    const { trimmed } = events(reader);
    let thrown: unknown;
    try {
      reader.poll();
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(RecordsTrimmedError);
    expect(thrown).toBeInstanceOf(TrimmedDataAccessException);
    const error = thrown as RecordsTrimmedError;
    expect(error.name).toBe('TrimmedDataAccessException');
    expect(error.shardId).toBe(shardId);
    expect(error.lostRecords).toBe(2);
    expect(error.message).toBe(
      `The operation attempted to read past the oldest stream record in a shard. (shardline reader: shard ${shardId}, 2 record(s) trimmed before they were read)`,
    );
    // Thrown as the loss is counted: the event and lostRecords say it too, and the position is past it
    // (TRIM_HORIZON, the 3 records trimmed so far accounted for: a read, b and c lost).
    expect(trimmed).toEqual([{ shardId, lostRecords: 2, after: seqOf(a) }]);
    expect(reader.lostRecords).toBe(2);
    expect(reader.checkpoint()).toEqual({ [shardId]: 'TRIM_HORIZON:3' });
    // The caller decided to go on: the next poll reads after the gap, and throws nothing more.
    expect(ids(flat(reader.poll()))).toEqual(['d']);
    expect(reader.drain()).toEqual([]);
    expect(trimmed).toHaveLength(1);
  });

  it('a live iterator overtaken by trimming (iterators outliving retention) is handled the same way', async () => {
    const { clock, table, stream } = await setup({ iteratorLifetime: { hours: 48 } });
    const shardId = openShards(stream)[0]!;
    const reader = new StreamReader(stream, { limit: 1 });
    const { expired, trimmed } = events(reader);
    table.put({ id: 'a' });
    table.put({ id: 'b' });
    clock.advance(HOUR);
    table.put({ id: 'c' });
    const [a] = flat(reader.poll());
    clock.advance(DAY);
    expect(ids(reader.drainRecords())).toEqual(['c']);
    expect(expired).toEqual([]);
    expect(trimmed).toEqual([{ shardId, lostRecords: 1, after: seqOf(a!) }]);
  });

  it('a child started just before a jump past retention: its trimmed records are lost, and counted', async () => {
    const { clock, table, stream } = await setup();
    const root = openShards(stream)[0]!;
    table.put({ id: 'a' });
    const child = stream.rolloverShard(root).shardId;
    table.put({ id: 'b' });
    table.put({ id: 'c' });
    const reader = new StreamReader(stream);
    const { trimmed } = events(reader);
    // The root ends in this poll and its child starts, unread.
    expect(ids(flat(reader.poll()))).toEqual(['a']);
    expect(shardMetrics(reader, child).status).toBe('reading');
    clock.advance(DAY + 1);
    expect(reader.drainRecords()).toEqual([]);
    expect(trimmed).toEqual([{ shardId: child, lostRecords: 2, after: undefined }]);
    expect(reader.lostRecords).toBe(2);
  });

  it('a fresh TRIM_HORIZON reader does not count what was trimmed before it started', async () => {
    const { clock, table, stream } = await setup();
    table.put({ id: 'old' });
    clock.advance(DAY + 1);
    table.put({ id: 'new' });
    const reader = new StreamReader(stream);
    expect(ids(reader.drainRecords())).toEqual(['new']);
    expect(reader.lostRecords).toBe(0);
  });
});

describe('StreamReader: shards that expired while the reader was away', () => {
  it('resuming after 25 h: a checkpointed shard that expired counts all its unread records as lost, then its children are read', async () => {
    // Rollover every 4 hours (the default): s0 closes at T0+4h, its last record is from T0+1h, so it expires at T0+25h+1ms.
    const { clock, table, stream } = await setup({ rolloverAfter: { hours: 4 } });
    const s0 = openShards(stream)[0]!;
    table.put({ id: 'a' });
    const first = new StreamReader(stream);
    const [a] = first.drainRecords();
    const checkpoint = first.checkpoint();
    table.put({ id: 'b' });
    table.put({ id: 'c' });
    clock.advance(HOUR);
    table.put({ id: 'd' });
    clock.set(T0 + 5 * HOUR);
    table.put({ id: 'e' }); // in s0's child
    clock.set(T0 + DAY + 2 * HOUR);
    expect(stream.shardInfo(s0)!.expired).toBe(true);

    const reader = new StreamReader(stream, { checkpoint });
    const { trimmed } = events(reader);
    expect(ids(reader.drainRecords())).toEqual(['e']);
    expect(trimmed).toEqual([{ shardId: s0, lostRecords: 3, after: seqOf(a!) }]);
    expect(reader.lostRecords).toBe(3);
    expect(shardMetrics(reader, s0)).toMatchObject({
      status: 'done',
      endedBy: 'TRIMMED',
      lostRecords: 3,
      recordsRead: 0,
    });
  });

  it("a running reader paused for 35 h across 4-hour rollovers: it finds the live shards, and counts every expired generation's loss", async () => {
    const { clock, table, stream } = await setup({ rolloverAfter: { hours: 4 } });
    const reader = new StreamReader(stream);
    const { trimmed } = events(reader);
    table.put({ id: 'a' });
    expect(ids(reader.drainRecords())).toEqual(['a']);
    // b in the first shard, c and d in the next two generations; nobody reads them.
    clock.set(T0 + HOUR);
    table.put({ id: 'b' });
    clock.set(T0 + 5 * HOUR);
    table.put({ id: 'c' });
    clock.set(T0 + 9 * HOUR);
    table.put({ id: 'd' });
    clock.set(T0 + 35 * HOUR);
    table.put({ id: 'e' });
    // The first three generations have expired: CHILD_SHARDS of the first one lists nothing live.
    expect(ids(reader.drainRecords())).toEqual(['e']);
    expect(trimmed.map((event) => event.lostRecords)).toEqual([1, 1, 1]);
    expect(reader.lostRecords).toBe(3);
    const done = reader.metrics().filter((shard) => shard.endedBy === 'TRIMMED');
    expect(done.map((shard) => shard.lostRecords)).toEqual([1, 1, 1]);
    // And it keeps reading.
    table.put({ id: 'f' });
    expect(ids(reader.drainRecords())).toEqual(['f']);
  });

  it('the same pause under `for await`: the iterator does not end on a stream that is still enabled', async () => {
    const { clock, table, stream } = await setup({ rolloverAfter: { hours: 4 } });
    const reader = new StreamReader(stream);
    const controller = new AbortController();
    const seen: string[] = [];
    const loop = (async () => {
      for await (const batch of reader.batches({ signal: controller.signal })) seen.push(...ids(batch.records));
    })();
    table.put({ id: 'a' });
    await settle();
    clock.set(T0 + HOUR);
    table.put({ id: 'b' });
    clock.set(T0 + 30 * HOUR);
    await settle();
    table.put({ id: 'c' });
    await settle();
    expect(seen).toEqual(['a', 'c']);
    expect(reader.lostRecords).toBe(1);
    expect(await isSettled(loop)).toBe(false);
    controller.abort();
    await loop;
  });

  it('resuming after 40 h from a checkpoint: the expired generations in between are counted, the live ones read', async () => {
    const { clock, table, stream } = await setup({ rolloverAfter: { hours: 4 } });
    table.put({ id: 'a' });
    const first = new StreamReader(stream);
    first.drain();
    const checkpoint = first.checkpoint();
    // One record in each of the first four 4-hour generations, one in a generation still alive at T0+40h.
    for (const [hour, id] of [
      [1, 'b'],
      [5, 'c'],
      [9, 'd'],
      [13, 'e'],
      [19, 'f'],
    ] as const) {
      clock.set(T0 + hour * HOUR);
      table.put({ id });
    }
    clock.set(T0 + 40 * HOUR);
    const reader = new StreamReader(stream, { checkpoint });
    const { trimmed } = events(reader);
    expect(ids(reader.drainRecords())).toEqual(['f']);
    expect(trimmed.map((event) => event.lostRecords)).toEqual([1, 1, 1, 1]);
    expect(reader.lostRecords).toBe(4);
  });

  it('a merge child whose other parent expired before the reader reached it is still started, and its loss counted', async () => {
    const { clock, table, stream } = await setup({ initialShards: 2 });
    const [left, right] = openShards(stream) as [string, string];
    const inLeft = await keyIn(stream, left);
    table.put({ id: inLeft });
    table.put({ id: inLeft, v: 1 });
    // left rolls over into an (empty) child, which merges with right: the merge child's parents are [left's child, right].
    const leftChild = stream.rolloverShard(left).shardId;
    const merged = stream.mergeShards(leftChild, right).shardId;
    table.put({ id: inLeft, v: 2 });
    const reader = new StreamReader(stream, { limit: 1 });
    const { trimmed } = events(reader);
    // Round 1: left gives one of its two records; right (empty) ends and finds the merge child, which must wait.
    expect(flat(reader.poll())).toHaveLength(1);
    expect(shardMetrics(reader, merged).status).toBe('waiting');
    // left and its empty child expire; the merge child (still open) has its first record trimmed.
    clock.advance(DAY + 1);
    table.put({ id: inLeft, v: 3 });
    expect(ids(reader.drainRecords())).toEqual([inLeft]);
    expect(trimmed.map((event) => [event.shardId, event.lostRecords])).toEqual([
      [left, 1],
      [merged, 1],
    ]);
    expect(reader.lostRecords).toBe(2);
  });

  it('a disabled stream that expired before it was read to the end: the unread records are counted, and reading ends', async () => {
    const { clock, db, table, stream } = await setup();
    for (const id of ['a', 'b', 'c']) table.put({ id });
    db.updateTable({ TableName: 'items', StreamSpecification: { StreamEnabled: false } });
    const reader = new StreamReader(stream, { limit: 1 });
    const { trimmed } = events(reader);
    const [a] = flat(reader.poll());
    clock.advance(DAY + 1);
    expect(stream.expired).toBe(true);
    expect(reader.drain()).toEqual([]);
    expect(trimmed).toEqual([{ shardId: readerShards(reader)[0], lostRecords: 2, after: seqOf(a!) }]);
    expect(reader.metrics().map((shard) => [shard.status, shard.endedBy])).toEqual([['done', 'GONE']]);
    const batches = reader.batches();
    expect(await batches.next()).toEqual({ done: true, value: undefined });
  });
});

const readerShards = (reader: StreamReader) => reader.metrics().map((shard) => shard.shardId);
