import { describe, expect, it } from 'vitest';
import { Database, ManualClock } from '../../src/index.js';
import { attachLambda } from '../../src/lambda/index.js';

describe('a mapping over a long run', () => {
  it('30 simulated days of writes and rollovers: what the mapping and its stream hold stays bounded, and every record is delivered once', async () => {
    const clock = new ManualClock();
    const db = await Database.create({ clock, seed: 11 });
    const table = db.createTable({
      TableName: 'items',
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
      StreamSpecification: { StreamEnabled: true, StreamViewType: 'KEYS_ONLY' },
      streamOptions: { initialShards: 4 },
    });
    const stream = table.stream!;
    let delivered = 0;
    const mapping = attachLambda(stream, (event) => void (delivered += event.Records.length), {
      StartingPosition: 'TRIM_HORIZON',
      historyLimit: 100,
    });
    const daily: { shards: number; expired: number; timers: number; history: number }[] = [];
    let written = 0;
    for (let day = 0; day < 30; day++) {
      for (let minute = 0; minute < 24 * 60; minute += 10) {
        for (let i = 0; i < 5; i++) table.put({ id: `k${written++ % 300}`, n: written });
        clock.advance({ minutes: 10 });
      }
      daily.push({
        shards: mapping.metrics().shards.length,
        expired: stream.footprint().expiredShards,
        timers: clock.pendingTimers,
        history: mapping.history.length,
      });
    }
    expect(delivered).toBe(written);
    // About 24 shards a day: the mapping keeps the shards it works on, their parents, and at most 256 finished ones.
    for (const { shards, timers, history } of daily) {
      expect(shards).toBeLessThanOrEqual(256 + 2 * 4);
      expect(timers).toBeLessThanOrEqual(2);
      expect(history).toBeLessThanOrEqual(100);
    }
    // The stream remembers at most its last 1024 expired shards (test/stream/bounded-memory.test.ts).
    expect(daily.at(-1)!.expired).toBeLessThanOrEqual(1024);
  });
});
