/**
 * A reader that runs for weeks, over each source: the state it holds stays about one retention period of
 * shards, whatever the number of shards it has read (a rollover every 4 hours makes 6 shards a day per range).
 */
import { describe, expect, it } from 'vitest';
import { StreamReader } from '../../src/index.js';
import { HOUR, setup } from '../reader/helpers.js';
import { SOURCES } from './sources.js';

const DAYS = 31;

describe.each(SOURCES)('StreamReader over $name, for weeks', ({ make, countsLoss: embedded }) => {
  it('releases the shards that finished and expired: after 31 days of 4-hourly rollovers it holds about a day of them', async () => {
    // The bug: a long-lived reader kept an entry for every shard it had ever seen (724 after 30 days on 4 ranges).
    // Over the SDK one range keeps the run quick.
    const ranges = embedded ? 4 : 1;
    const fixture = await setup({ initialShards: ranges, rolloverAfter: { hours: 4 } });
    const { clock, table, stream } = fixture;
    const reader = new StreamReader(make(fixture));
    let written = 0;
    stream.on('record', () => written++);
    let delivered = 0;
    let mostHeld = 0;
    for (let hour = 0; hour < DAYS * 24; hour++) {
      for (const id of ['a', 'b', 'c', 'd', 'e']) table.put({ id, hour });
      clock.advance(HOUR);
      if (hour % 4 !== 3) continue;
      delivered += await reader.drainEachAsync(() => undefined);
      mostHeld = Math.max(mostHeld, reader.metrics().length);
    }
    expect(written).toBe(DAYS * 24 * 5);
    expect(delivered).toBe(written);
    expect(reader.lostRecords).toBe(0);
    // 31 * 6 generations a range were read. A closed shard expires 24 hours after its last record, so about 7
    // generations a range are alive at a time; the reader holds those, and over the SDK, which learns of an
    // expiry from the next listing, one more.
    expect(mostHeld).toBeLessThanOrEqual(ranges * 9);
    const expiredHeld = reader.metrics().filter((shard) => stream.shardInfo(shard.shardId)?.expired !== false);
    expect(expiredHeld.length).toBeLessThanOrEqual(embedded ? 0 : ranges);
    // The checkpoint names the shards being read, one a range.
    expect(Object.keys(reader.checkpoint())).toHaveLength(ranges);
    // Nothing it released comes back: a reader resumed from its checkpoint reads only what is new.
    table.put({ id: 'new' });
    const resumed = new StreamReader(make(fixture), { checkpoint: reader.checkpoint() });
    expect((await resumed.drainAsync()).flatMap((batch) => batch.records.map((record) => record.dynamodb.Keys.id!.S))).toEqual(['new']);
  });
});
