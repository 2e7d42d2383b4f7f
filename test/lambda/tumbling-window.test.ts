import { describe, expect, it } from 'vitest';
import { attachLambda, type DynamoDBTimeWindowEvent } from '../../src/lambda/index.js';
import { putMany, setup } from '../support/lambda-fixture.js';

type Call = Pick<
  DynamoDBTimeWindowEvent,
  'window' | 'state' | 'isFinalInvokeForWindow' | 'isWindowTerminatedEarly' | 'shardId'
> & { at: number; records: number };

describe('TumblingWindowInSeconds', () => {
  it('carries state between invocations of a window, then makes a final invocation when the window ends', async () => {
    const { table, clock } = await setup();
    const t0 = clock.now();
    const calls: Call[] = [];
    const totals: number[] = [];
    const mapping = attachLambda(
      table.stream!,
      (event: DynamoDBTimeWindowEvent) => {
        const { Records, window, state, isFinalInvokeForWindow, isWindowTerminatedEarly, shardId } = event;
        calls.push({
          at: clock.now() - t0,
          records: Records.length,
          window,
          state,
          isFinalInvokeForWindow,
          isWindowTerminatedEarly,
          shardId,
        });
        if (isFinalInvokeForWindow) {
          totals.push(state.count as number);
          return { state: {} };
        }
        return { state: { count: ((state.count as number | undefined) ?? 0) + Records.length } };
      },
      { StartingPosition: 'TRIM_HORIZON', TumblingWindowInSeconds: 60, BatchSize: 2 },
    );
    putMany(table, 3); // at 0 s
    clock.advance({ seconds: 30 });
    putMany(table, 1, 'later'); // at 30 s, same window: read by the poll at 30.25 s
    clock.advance({ seconds: 40 }); // past the window's end at 60 s
    putMany(table, 1, 'next'); // at 70 s, the next window: the idle mapping wakes for the poll due at 70 s
    await mapping.runUntilIdle();
    const shardId = table.stream!.listShards()[0]!.shardId;
    const first = { start: '2026-01-01T00:00:00Z', end: '2026-01-01T00:01:00Z' };
    const second = { start: '2026-01-01T00:01:00Z', end: '2026-01-01T00:02:00Z' };
    expect(calls).toEqual([
      {
        at: 0,
        records: 2,
        window: first,
        state: {},
        isFinalInvokeForWindow: false,
        isWindowTerminatedEarly: false,
        shardId,
      },
      {
        at: 0,
        records: 1,
        window: first,
        state: { count: 2 },
        isFinalInvokeForWindow: false,
        isWindowTerminatedEarly: false,
        shardId,
      },
      {
        at: 30_250,
        records: 1,
        window: first,
        state: { count: 3 },
        isFinalInvokeForWindow: false,
        isWindowTerminatedEarly: false,
        shardId,
      },
      {
        at: 60_000,
        records: 0,
        window: first,
        state: { count: 4 },
        isFinalInvokeForWindow: true,
        isWindowTerminatedEarly: false,
        shardId,
      },
      {
        at: 70_000,
        records: 1,
        window: second,
        state: {},
        isFinalInvokeForWindow: false,
        isWindowTerminatedEarly: false,
        shardId,
      },
      {
        at: 120_000,
        records: 0,
        window: second,
        state: { count: 1 },
        isFinalInvokeForWindow: true,
        isWindowTerminatedEarly: false,
        shardId,
      },
    ]);
    expect(totals).toEqual([4, 1]);
    expect(mapping.history.map((h) => h.window?.isFinalInvokeForWindow)).toEqual([
      false,
      false,
      false,
      true,
      false,
      true,
    ]);
  });

  it("checkpoints a window's records only when its final invocation succeeds", async () => {
    const { table, clock } = await setup();
    let failFinal = 1;
    const mapping = attachLambda(
      table.stream!,
      (event: DynamoDBTimeWindowEvent) => {
        if (event.isFinalInvokeForWindow && failFinal-- > 0) throw new Error('final failed once');
        return { state: { n: ((event.state.n as number | undefined) ?? 0) + event.Records.length } };
      },
      { StartingPosition: 'TRIM_HORIZON', TumblingWindowInSeconds: 60 },
    );
    putMany(table, 2);
    clock.advance(1_000);
    const shard = () => mapping.metrics().shards[0]!;
    // Delivered, but the window is open: AWS checkpoints after the window's final invocation.
    expect(shard()).toMatchObject({ recordsDelivered: 2, recordsPending: 0, checkpoint: undefined });
    clock.advance(59_000); // the window ends at 60 s: its final invocation fails, and is retried at the next poll
    expect(mapping.history.at(-1)).toMatchObject({ outcome: 'error', window: { isFinalInvokeForWindow: true } });
    expect(shard().checkpoint).toBeUndefined();
    clock.advance(250);
    expect(mapping.history.at(-1)).toMatchObject({
      outcome: 'success',
      cause: 'retry',
      retry: 1,
      window: { isFinalInvokeForWindow: true },
    });
    expect(shard().checkpoint).toBe(mapping.history[0]!.sequenceNumbers[1]);
  });

  it('a response without state fails the invocation, which is retried with the state it had', async () => {
    const { table } = await setup();
    let calls = 0;
    const states: unknown[] = [];
    const mapping = attachLambda(
      table.stream!,
      (event: DynamoDBTimeWindowEvent) => {
        states.push(event.state);
        if (calls++ === 0) return undefined;
        return { state: { seen: true } };
      },
      { StartingPosition: 'TRIM_HORIZON', TumblingWindowInSeconds: 10 },
    );
    putMany(table, 1);
    await mapping.runUntilIdle();
    expect(mapping.history.map((h) => h.outcome)).toEqual(['invalid-response', 'success', 'success']);
    expect(states).toEqual([{}, {}, { seen: true }]);
  });

  it('hands each invocation its own copy of the state: one that changes it and then fails does not count twice', async () => {
    const { table, clock } = await setup();
    let failures = 1;
    const finals: unknown[] = [];
    const mapping = attachLambda(
      table.stream!,
      (event: DynamoDBTimeWindowEvent) => {
        if (event.isFinalInvokeForWindow) {
          finals.push(event.state);
          return { state: {} };
        }
        const state = event.state as { count?: number };
        state.count = (state.count ?? 0) + event.Records.length; // changed in place...
        if (failures-- > 0) throw new Error('...then the invocation fails');
        return { state };
      },
      { StartingPosition: 'TRIM_HORIZON', TumblingWindowInSeconds: 60 },
    );
    putMany(table, 3);
    clock.advance({ seconds: 61 });
    expect(mapping.history.map((h) => h.outcome)).toEqual(['error', 'success', 'success']);
    expect(finals).toEqual([{ count: 3 }]);
  });

  it('closes the window early when the shard ends (resharding): the children start with fresh state', async () => {
    const { table, clock } = await setup();
    const calls: [string, boolean, boolean, unknown][] = [];
    const mapping = attachLambda(
      table.stream!,
      (event: DynamoDBTimeWindowEvent) => {
        calls.push([event.shardId, event.isFinalInvokeForWindow, event.isWindowTerminatedEarly, event.state]);
        return { state: { n: ((event.state.n as number | undefined) ?? 0) + event.Records.length } };
      },
      { StartingPosition: 'TRIM_HORIZON', TumblingWindowInSeconds: 60 },
    );
    putMany(table, 2);
    clock.advance(250);
    const [parent] = table.stream!.listShards();
    table.stream!.splitShard(parent!.shardId);
    clock.advance(500);
    const parentCalls = calls.filter(([shardId]) => shardId === parent!.shardId);
    expect(parentCalls).toEqual([
      [parent!.shardId, false, false, {}],
      [parent!.shardId, true, true, { n: 2 }],
    ]);
    putMany(table, 4, 'child');
    await mapping.runUntilIdle();
    // Each child's first invocation starts from empty state.
    const childFirsts = table
      .stream!.listShards()
      .filter((s) => s.shardId !== parent!.shardId)
      .map((s) => calls.find(([shardId]) => shardId === s.shardId));
    expect(childFirsts.filter((call) => call !== undefined).map((call) => call![3])).toEqual(
      childFirsts.filter((call) => call !== undefined).map(() => ({})),
    );
    expect(childFirsts.some((call) => call !== undefined)).toBe(true);
  });

  it('terminates a window early once its state outgrows 1 MB', async () => {
    const { table } = await setup();
    const finals: [boolean, boolean][] = [];
    const mapping = attachLambda(
      table.stream!,
      (event: DynamoDBTimeWindowEvent) => {
        if (event.isFinalInvokeForWindow) finals.push([event.isFinalInvokeForWindow, event.isWindowTerminatedEarly]);
        return { state: { blob: 'x'.repeat(1024 * 1024) } };
      },
      { StartingPosition: 'TRIM_HORIZON', TumblingWindowInSeconds: 900, BatchSize: 1 },
    );
    putMany(table, 1);
    mapping.drain({ maxMs: 1_000 }); // long before the 15-minute window would end
    expect(finals).toEqual([[true, true]]);
  });

  it('keeps one window state per lane with ParallelizationFactor above 1', async () => {
    const { table } = await setup();
    const finalStates: unknown[] = [];
    const mapping = attachLambda(
      table.stream!,
      (event: DynamoDBTimeWindowEvent) => {
        if (event.isFinalInvokeForWindow) finalStates.push(event.state);
        return {
          state: {
            keys: [
              ...((event.state.keys as string[] | undefined) ?? []),
              ...event.Records.map((r) => r.dynamodb!.Keys!.id!.S!),
            ],
          },
        };
      },
      { StartingPosition: 'TRIM_HORIZON', TumblingWindowInSeconds: 10, ParallelizationFactor: 3 },
    );
    putMany(table, 12);
    await mapping.runUntilIdle();
    const lanes = new Set(mapping.history.map((h) => h.lane));
    expect(finalStates).toHaveLength(lanes.size);
    expect(lanes.size).toBeGreaterThan(1);
    expect(finalStates.flatMap((state) => (state as { keys: string[] }).keys).sort()).toEqual(
      Array.from({ length: 12 }, (_, i) => `k${i}`).sort(),
    );
  });
});
