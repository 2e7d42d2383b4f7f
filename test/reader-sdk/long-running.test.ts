/**
 * A reader that runs for weeks, over each source: the state it holds stays about one retention period of
 * shards, whatever the number of shards it has read (a rollover every 4 hours makes 6 shards a day per range).
 */
import { DynamoDBStreams } from '@aws-sdk/client-dynamodb-streams';
import { describe, expect, it } from 'vitest';
import { StreamReader } from '../../src/index.js';
import { sdkStreamSource } from '../../src/public/reader.js';
import { shardsHeldBy } from '../../src/reader/sdk-stream-source.js';
import { setup } from '../support/reader-fixture.js';
import { HOUR } from '../support/time.js';
import { clientConfig, sdkMode } from '../support/sdk-clients.js';
import { SOURCES } from '../support/reader-sources.js';

const DAYS = 31;

describe.each(SOURCES)('StreamReader over $name, for weeks', ({ make, countsLoss: embedded }) => {
  it('releases the shards that finished and expired: after 31 days of 4-hourly rollovers it holds about a day of them', async () => {
    // The bug: a long-lived reader kept an entry for every shard it had ever seen (724 after 30 days on 4 ranges).
    // Over the SDK one range keeps the run quick.
    const ranges = embedded ? 4 : 1;
    const fixture = await setup({ initialShards: ranges, rolloverAfter: { hours: 4 } });
    const { clock, table, stream } = fixture;
    const source = make(fixture);
    const reader = new StreamReader(source);
    let written = 0;
    stream.on('record', () => written++);
    let delivered = 0;
    let mostHeld = 0;
    let mostHeldBySource = 0;
    for (let hour = 0; hour < DAYS * 24; hour++) {
      for (const id of ['a', 'b', 'c', 'd', 'e']) table.put({ id, hour });
      clock.advance(HOUR);
      if (hour % 4 !== 3) continue;
      delivered += await reader.drainEachAsync(() => undefined);
      mostHeld = Math.max(mostHeld, reader.metrics().length);
      mostHeldBySource = Math.max(mostHeldBySource, shardsHeldBy(source) ?? 0);
    }
    expect(written).toBe(DAYS * 24 * 5);
    expect(delivered).toBe(written);
    expect(reader.lostRecords).toBe(0);
    // 31 * 6 generations a range were read. A closed shard expires 24 hours after its last record, so about 7
    // generations a range are alive at a time; the reader holds those, and over the SDK, which learns of an
    // expiry from the next listing, one more.
    expect(mostHeld).toBeLessThanOrEqual(ranges * 9);
    // The source too: sdkStreamSource forgets a shard a day after the listings lost it (the embedded source
    // holds nothing of its own). It once kept all 187.
    if (!embedded) expect(mostHeldBySource).toBeLessThanOrEqual(ranges * 16);
    const expiredHeld = reader.metrics().filter((shard) => stream.shardInfo(shard.shardId)?.expired !== false);
    expect(expiredHeld.length).toBeLessThanOrEqual(embedded ? 0 : ranges);
    // The checkpoint names the shards being read, one a range.
    expect(Object.keys(reader.checkpoint())).toHaveLength(ranges);
    // Nothing it released comes back: a reader resumed from its checkpoint reads only what is new.
    table.put({ id: 'new' });
    const resumed = new StreamReader(make(fixture), { checkpoint: reader.checkpoint() });
    expect(
      (await resumed.drainAsync()).flatMap((batch) => batch.records.map((record) => record.dynamodb.Keys.id!.S)),
    ).toEqual(['new']);
  });
});

describe('sdkStreamSource over weeks', () => {
  it.each([true, false])(
    'regression: with findMergeParents %s, it holds an entry for the live shards and those gone within a day, not for every shard it ever saw',
    async (findMergeParents) => {
      // The bug: the source kept an entry for every shard it had seen. Without findMergeParents the reader's
      // own calls list the stream only when a shard expires unread, so the source lists it itself now and then.
      const fixture = await setup({ initialShards: 2, rolloverAfter: { hours: 2 } });
      const { clock, db, table, stream } = fixture;
      const source = sdkStreamSource(sdkMode(new DynamoDBStreams(clientConfig(db)), db), {
        streamArn: stream.arn,
        clock,
        findMergeParents,
      });
      const reader = new StreamReader(source);
      const seen = new Set<string>();
      stream.on('shardOpened', ({ shard }) => seen.add(shard.shardId));
      let most = 0;
      for (let hour = 0; hour < 20 * 24; hour += 2) {
        table.put({ id: `k${hour % 7}`, hour });
        clock.advance(2 * HOUR);
        await reader.drainEachAsync(() => undefined);
        most = Math.max(most, shardsHeldBy(source)!);
      }
      expect(seen.size).toBeGreaterThan(450);
      // Two ranges: a generation every 2 hours lives about a day, and is remembered a day more after that.
      expect(most).toBeLessThanOrEqual(2 * 3 * 12 + 16);
      expect(reader.lostRecords).toBe(0);
    },
  );
});
