import { describe, expect, it } from 'vitest';
import { POLL_INTERVAL_MS, attachLambda, type DynamoDBStreamEvent } from '../../src/lambda/index.js';
import { ids, putMany, setup } from '../support/lambda-fixture.js';

describe('polling and batching', () => {
  it('polls 4 times a second on the clock: a record written between polls is delivered at the next one', async () => {
    const { table, clock } = await setup();
    const t0 = clock.now();
    const at: number[] = [];
    const mapping = attachLambda(table.stream!, () => void at.push(clock.now() - t0), {
      StartingPosition: 'TRIM_HORIZON',
    });
    clock.advance(100);
    table.put({ id: 'a' });
    expect(at).toEqual([]); // nothing runs inside the write
    clock.advance(149);
    expect(at).toEqual([]);
    clock.advance(1);
    expect(at).toEqual([POLL_INTERVAL_MS]);
    clock.advance(1_000);
    table.put({ id: 'b' }); // at 1250, exactly on a poll: delivered by that poll
    clock.advance(0);
    expect(at).toEqual([250, 1250]);
    expect(mapping.idle).toBe(true);
  });

  it('hands the function exactly the Lambda event: eventSourceARN, epoch seconds, base64 binary, the images', async () => {
    const { table, clock, db } = await setup();
    clock.advance(1_500);
    const events: DynamoDBStreamEvent[] = [];
    const mapping = attachLambda(table.stream!, (event) => void events.push(event), {
      StartingPosition: 'TRIM_HORIZON',
    });
    table.put({ id: 'a', blob: new Uint8Array([102, 111, 111]), n: 7 });
    table.update({ id: 'a' }, (item) => ({ ...item, n: 8 }));
    mapping.drain();
    const [insert, modify] = events[0]!.Records;
    expect(insert).toEqual({
      eventID: expect.stringMatching(/^[0-9a-f]{32}$/),
      eventName: 'INSERT',
      eventVersion: '1.1',
      eventSource: 'aws:dynamodb',
      awsRegion: db.region,
      dynamodb: {
        ApproximateCreationDateTime: Math.floor(clock.now() / 1000),
        Keys: { id: { S: 'a' } },
        NewImage: { id: { S: 'a' }, blob: { B: 'Zm9v' }, n: { N: '7' } },
        SequenceNumber: expect.stringMatching(/^\d{21}$/),
        SizeBytes: expect.any(Number),
        StreamViewType: 'NEW_AND_OLD_IMAGES',
      },
      eventSourceARN: table.stream!.arn,
    });
    expect(modify!.dynamodb!.OldImage!.n).toEqual({ N: '7' });
    expect(Object.keys(insert!)).toEqual([
      'eventID',
      'eventName',
      'eventVersion',
      'eventSource',
      'awsRegion',
      'dynamodb',
      'eventSourceARN',
    ]);
    // The JSON a real function would parse is the same object.
    expect(JSON.parse(JSON.stringify(events[0]))).toEqual(events[0]);
  });

  it('BatchSize caps each batch; a backlog is delivered in order, batch after batch', async () => {
    const { table } = await setup();
    const batches: string[][] = [];
    const mapping = attachLambda(table.stream!, (event) => void batches.push(ids(event)), {
      StartingPosition: 'TRIM_HORIZON',
      BatchSize: 3,
    });
    putMany(table, 8);
    mapping.drain();
    expect(batches).toEqual([
      ['k0', 'k1', 'k2'],
      ['k3', 'k4', 'k5'],
      ['k6', 'k7'],
    ]);
  });

  it('without a batching window, a batch is what one read returned (GetRecords reads at most 1 MB)', async () => {
    const { table } = await setup();
    const sizes: number[] = [];
    const mapping = attachLambda(table.stream!, (event) => void sizes.push(event.Records.length), {
      StartingPosition: 'TRIM_HORIZON',
    });
    const big = 'x'.repeat(300_000);
    for (let i = 0; i < 5; i++) table.put({ id: `big${i}`, big });
    mapping.drain();
    expect(sizes).toEqual([3, 2]);
  });

  it('the default BatchSize is 100', async () => {
    const { table } = await setup();
    const sizes: number[] = [];
    const mapping = attachLambda(table.stream!, (event) => void sizes.push(event.Records.length), {
      StartingPosition: 'TRIM_HORIZON',
    });
    putMany(table, 250);
    mapping.drain();
    expect(sizes).toEqual([100, 100, 50]);
  });

  it('MaximumBatchingWindowInSeconds gathers records until the window ends or the batch is full', async () => {
    const { table, clock } = await setup();
    const t0 = clock.now();
    const calls: [number, string[]][] = [];
    const mapping = attachLambda(table.stream!, (event) => void calls.push([clock.now() - t0, ids(event)]), {
      StartingPosition: 'TRIM_HORIZON',
      BatchSize: 3,
      MaximumBatchingWindowInSeconds: 2,
    });
    table.put({ id: 'a' });
    clock.advance(1_000);
    table.put({ id: 'b' });
    clock.advance(500);
    expect(calls).toEqual([]); // 1.5 s into the window, 2 records of 3
    clock.advance(500);
    expect(calls).toEqual([[2_000, ['a', 'b']]]);
    // A full batch does not wait: the window that began when the last invocation completed is cut short.
    putMany(table, 3);
    clock.advance(250);
    expect(calls.at(-1)).toEqual([2_250, ['k0', 'k1', 'k2']]);
    mapping.drain();
  });

  it('the next batching window begins when the previous invocation completes, also when its batch was discarded', async () => {
    const { table, clock } = await setup();
    const t0 = clock.now();
    const calls: [number, string[]][] = [];
    const mapping = attachLambda(
      table.stream!,
      (event) => {
        calls.push([clock.now() - t0, ids(event)]);
        if (ids(event).includes('a')) throw new Error('bad');
      },
      { StartingPosition: 'TRIM_HORIZON', BatchSize: 10, MaximumBatchingWindowInSeconds: 2, MaximumRetryAttempts: 0 },
    );
    table.put({ id: 'a' });
    clock.advance(2_000);
    // The window ended: [a] was invoked, failed, and was discarded (no retries) at 2 s.
    expect(calls).toEqual([[2_000, ['a']]]);
    expect(mapping.discards).toHaveLength(1);
    clock.advance(100);
    table.put({ id: 'b' });
    // The window that began at 2 s, when the failed invocation completed, runs to 4 s.
    clock.advance(1_650);
    expect(calls).toHaveLength(1);
    clock.advance(250);
    expect(calls).toEqual([
      [2_000, ['a']],
      [4_000, ['b']],
    ]);
  });

  it('a handler that empties event.Records as it goes gets each record once, and the history keeps the batch', async () => {
    const { table } = await setup();
    const seen: string[] = [];
    const mapping = attachLambda(
      table.stream!,
      (event) => {
        while (event.Records.length > 0) seen.push(event.Records.shift()!.dynamodb!.Keys!.id!.S!);
      },
      { StartingPosition: 'TRIM_HORIZON', BatchSize: 2 },
    );
    putMany(table, 3);
    mapping.drain({ maxMs: 10_000 });
    expect(seen).toEqual(['k0', 'k1', 'k2']);
    expect(mapping.history.map((h) => ids({ Records: h.records }))).toEqual([['k0', 'k1'], ['k2']]);
    expect(mapping.metrics().recordsDelivered).toBe(3);
  });

  it('caps the payload at 6 MB: large records make smaller batches', async () => {
    const { table } = await setup();
    const sizes: number[] = [];
    const bytes: number[] = [];
    const mapping = attachLambda(
      table.stream!,
      (event) => {
        sizes.push(event.Records.length);
        bytes.push(Buffer.byteLength(JSON.stringify(event)));
      },
      // A batching window, so records from several GetRecords calls (1 MB each) gather into one batch.
      { StartingPosition: 'TRIM_HORIZON', BatchSize: 100, MaximumBatchingWindowInSeconds: 1 },
    );
    const big = 'x'.repeat(350_000);
    for (let i = 0; i < 40; i++) table.put({ id: `big${i}`, big });
    mapping.drain();
    // Each record carries a 350 KB NewImage: 17 fit in 6 MB (6,291,456 bytes), 18 would not.
    expect(sizes).toEqual([17, 17, 6]);
    for (const size of bytes) expect(size).toBeLessThanOrEqual(6 * 1024 * 1024);
  });
});

describe('StartingPosition', () => {
  it('TRIM_HORIZON delivers what the stream already holds; LATEST only what is written after the mapping', async () => {
    const { table } = await setup();
    putMany(table, 2, 'old');
    const fromStart: string[] = [];
    const fromNow: string[] = [];
    const a = attachLambda(table.stream!, (event) => void fromStart.push(...ids(event)), {
      StartingPosition: 'TRIM_HORIZON',
    });
    const b = attachLambda(table.stream!, (event) => void fromNow.push(...ids(event)), {
      StartingPosition: 'LATEST',
      FunctionName: 'latest',
    });
    putMany(table, 2, 'new');
    a.drain();
    b.drain();
    expect(fromStart).toEqual(['old0', 'old1', 'new0', 'new1']);
    expect(fromNow).toEqual(['new0', 'new1']);
  });

  it('LATEST keeps its place through a long idle stretch (iterators are refreshed before they expire)', async () => {
    const { table, clock } = await setup();
    const seen: string[] = [];
    const mapping = attachLambda(table.stream!, (event) => void seen.push(...ids(event)), {
      StartingPosition: 'LATEST',
    });
    clock.advance({ hours: 2 });
    table.put({ id: 'late' });
    mapping.drain();
    expect(seen).toEqual(['late']);
  });
});
