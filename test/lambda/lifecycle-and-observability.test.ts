import { describe, expect, it } from 'vitest';
import { StreamReader } from '../../src/index.js';
import {
  InMemoryFailureDestination,
  LambdaResourceNotFoundException,
  attachLambda,
  type InvocationEvent,
} from '../../src/lambda/index.js';
import { ids, putMany, setup } from '../support/lambda-fixture.js';

describe('enable, disable, delete', () => {
  it('a disabled mapping keeps its position and resumes from it when enabled', async () => {
    const { table, clock } = await setup();
    const seen: string[] = [];
    const mapping = attachLambda(table.stream!, (event) => void seen.push(...ids(event)), {
      StartingPosition: 'TRIM_HORIZON',
    });
    putMany(table, 2, 'a');
    mapping.drain();
    mapping.disable();
    expect(mapping.state).toBe('Disabled');
    putMany(table, 2, 'b');
    clock.advance({ hours: 1 });
    expect(seen).toEqual(['a0', 'a1']);
    mapping.enable();
    expect(mapping.state).toBe('Enabled');
    mapping.drain();
    expect(seen).toEqual(['a0', 'a1', 'b0', 'b1']);
  });

  it('Enabled: false creates a mapping that does nothing until enabled', async () => {
    const { table, clock } = await setup();
    const seen: string[] = [];
    const mapping = attachLambda(table.stream!, (event) => void seen.push(...ids(event)), {
      StartingPosition: 'TRIM_HORIZON',
      Enabled: false,
    });
    putMany(table, 1);
    clock.advance({ seconds: 5 });
    expect([mapping.state, seen]).toEqual(['Disabled', []]);
    mapping.enable();
    mapping.drain();
    expect(seen).toEqual(['k0']);
  });

  it('a deleted mapping stops for good, cancels its timers, and cannot be enabled again', async () => {
    const { table, clock } = await setup();
    const timers = clock.pendingTimers;
    let calls = 0;
    const mapping = attachLambda(table.stream!, () => void calls++, { StartingPosition: 'TRIM_HORIZON' });
    putMany(table, 1);
    mapping.delete();
    expect(mapping.state).toBe('Deleting');
    clock.advance({ seconds: 5 });
    expect(calls).toBe(0);
    expect(clock.pendingTimers).toBe(timers);
    expect(() => mapping.enable()).toThrow(LambdaResourceNotFoundException);
  });

  it('delete() cancels the timeout of an invocation in flight', async () => {
    const { table, clock } = await setup();
    const timers = clock.pendingTimers;
    const mapping = attachLambda(table.stream!, () => new Promise<void>(() => undefined), {
      StartingPosition: 'TRIM_HORIZON',
    });
    putMany(table, 1);
    clock.advance(0);
    // In flight: the next poll and the 3-second timeout are scheduled.
    expect(mapping.history).toHaveLength(0);
    expect(clock.pendingTimers).toBe(timers + 2);
    mapping.delete();
    expect(clock.pendingTimers).toBe(timers);
    clock.advance({ seconds: 5 });
    expect(mapping.history).toHaveLength(0);
  });

  it('an idle mapping holds one timer, not one per poll, and still wakes on the next record', async () => {
    const { table, clock } = await setup();
    const timers = clock.pendingTimers;
    const seen: string[] = [];
    const mapping = attachLambda(table.stream!, (event) => void seen.push(...ids(event)), {
      StartingPosition: 'TRIM_HORIZON',
    });
    clock.advance({ hours: 3 });
    expect(clock.pendingTimers).toBe(timers + 1);
    table.put({ id: 'x' });
    clock.advance(250);
    expect(seen).toEqual(['x']);
    expect(mapping.idle).toBe(true);
  });
});

describe('asynchronous handlers and timeouts', () => {
  it('awaits an async handler: the next batch starts when the previous one completes, on the clock', async () => {
    const { table, clock } = await setup();
    const t0 = clock.now();
    const mapping = attachLambda(
      table.stream!,
      async () => {
        await new Promise<void>((resolve) => clock.schedule(clock.now() + 600, resolve));
      },
      { StartingPosition: 'TRIM_HORIZON', BatchSize: 1 },
    );
    putMany(table, 3);
    await mapping.runUntilIdle();
    expect(mapping.history.map((h) => [h.startedAt - t0, h.endedAt - t0, h.outcome])).toEqual([
      [0, 750, 'success'],
      [750, 1500, 'success'],
      [1500, 2250, 'success'],
    ]);
  });

  it('fails an invocation that runs past FunctionTimeoutInSeconds, and ignores its late answer', async () => {
    const { table, clock } = await setup();
    let calls = 0;
    const mapping = attachLambda(
      table.stream!,
      async () => {
        // The first call hangs for 10 s; later ones answer at once.
        if (calls++ === 0) await new Promise<void>((resolve) => clock.schedule(clock.now() + 10_000, resolve));
      },
      { StartingPosition: 'TRIM_HORIZON', FunctionTimeoutInSeconds: 2 },
    );
    putMany(table, 1);
    const t0 = clock.now();
    await mapping.runUntilIdle();
    expect(mapping.history.map((h) => [h.endedAt - h.startedAt, h.outcome, h.retry])).toEqual([
      [2_000, 'timeout', 0],
      [0, 'success', 1],
    ]);
    expect(String(mapping.history[0]!.error)).toContain('Task timed out after 2.00 seconds');
    expect(mapping.history[1]!.startedAt - t0).toBe(2_250);
    expect(mapping.metrics().errors).toBe(1);
    clock.advance({ seconds: 20 });
    await mapping.runUntilIdle();
    expect(mapping.history).toHaveLength(2);
  });

  it('drain() refuses a handler that returned a promise still pending', async () => {
    const { table, clock } = await setup();
    const mapping = attachLambda(
      table.stream!,
      () => new Promise<void>((resolve) => clock.schedule(clock.now() + 1_000, resolve)),
      {
        StartingPosition: 'TRIM_HORIZON',
      },
    );
    putMany(table, 1);
    expect(() => mapping.drain()).toThrow(TypeError);
    await mapping.runUntilIdle();
  });

  it('gives the handler a context with the request id and the time left', async () => {
    const { table, clock } = await setup();
    const seen: [string, string, number][] = [];
    const mapping = attachLambda(
      table.stream!,
      async (_event, context) => {
        await new Promise<void>((resolve) => clock.schedule(clock.now() + 1_000, resolve));
        seen.push([context.awsRequestId, context.invokedFunctionArn, context.getRemainingTimeInMillis()]);
      },
      { StartingPosition: 'TRIM_HORIZON', FunctionName: 'ctx', FunctionTimeoutInSeconds: 5 },
    );
    putMany(table, 1);
    await mapping.runUntilIdle();
    expect(seen).toEqual([[expect.stringMatching(/^[0-9a-f-]{36}$/), mapping.functionArn, 4_000]]);
    expect(mapping.functionArn).toMatch(/^arn:aws:lambda:us-east-1:000000000000:function:ctx$/);
  });
});

describe('metrics, events and history', () => {
  it('counts invocations, errors, filtered records and iterator age, and emits an event per invocation', async () => {
    const { table, clock } = await setup();
    const events: InvocationEvent[] = [];
    let fail = 1;
    const mapping = attachLambda(
      table.stream!,
      () => {
        if (fail-- > 0) throw new Error('once');
      },
      {
        StartingPosition: 'TRIM_HORIZON',
        FilterCriteria: { Filters: [{ Pattern: JSON.stringify({ eventName: ['INSERT'] }) }] },
      },
    );
    mapping.on('invocation', (event) => events.push(event));
    putMany(table, 3);
    table.update({ id: 'k0' }, (item) => ({ ...item, v: 2 })); // a MODIFY: filtered out
    clock.advance({ seconds: 10 });
    mapping.drain();
    expect(events).toEqual(mapping.history);
    expect(events.map((e) => [e.invocation, e.outcome, e.sequenceNumbers.length])).toEqual([
      [1, 'error', 3],
      [2, 'success', 3],
    ]);
    const metrics = mapping.metrics();
    expect(metrics).toMatchObject({
      invocations: 2,
      errors: 1,
      recordsDelivered: 3,
      recordsFiltered: 1,
      recordsDiscarded: 0,
      batchesSentToFailureDestination: 0,
    });
    expect(metrics.iteratorAgeMs).toBe(10_000);
    expect(metrics.shards).toEqual([
      {
        shardId: table.stream!.listShards()[0]!.shardId,
        parentShardIds: [],
        status: 'processing',
        recordsDelivered: 3,
        recordsPending: 0,
        // The filtered MODIFY, the shard's last record, is handled too.
        checkpoint: new StreamReader(table.stream!).drainRecords().at(-1)!.dynamodb.SequenceNumber,
        iteratorAgeMs: 10_000,
      },
    ]);
  });

  it('is deterministic: the same seed and calls give the same history, request ids included', async () => {
    const run = async () => {
      const { table } = await setup({ seed: 3 });
      const requestIds: string[] = [];
      const mapping = attachLambda(
        table.stream!,
        (event, context) => {
          requestIds.push(context.awsRequestId);
          if (ids(event).includes('k2')) throw new Error('x');
        },
        { StartingPosition: 'TRIM_HORIZON', BatchSize: 2, MaximumRetryAttempts: 1, BisectBatchOnFunctionError: true },
      );
      putMany(table, 5);
      mapping.drain();
      return {
        uuid: mapping.uuid,
        requestIds,
        history: mapping.history.map((h) => ({ ...h, error: String(h.error) })),
        discards: mapping.discards,
      };
    };
    expect(await run()).toEqual(await run());
  });
});

describe('historyLimit', () => {
  it('keeps the most recent invocations; the events and the metrics see every one', async () => {
    const { table } = await setup();
    const seen: number[] = [];
    const mapping = attachLambda(table.stream!, () => undefined, {
      StartingPosition: 'TRIM_HORIZON',
      BatchSize: 1,
      historyLimit: 3,
    });
    mapping.on('invocation', (event) => seen.push(event.invocation));
    putMany(table, 8);
    mapping.drain();
    expect(mapping.history.map((h) => [h.invocation, ids({ Records: h.records })])).toEqual([
      [6, ['k5']],
      [7, ['k6']],
      [8, ['k7']],
    ]);
    expect(seen).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(mapping.metrics()).toMatchObject({ invocations: 8, recordsDelivered: 8 });
  });

  it('caps the discarded batches too, while the destination receives every failure record', async () => {
    const { table } = await setup();
    const destination = new InMemoryFailureDestination();
    const mapping = attachLambda(
      table.stream!,
      () => {
        throw new Error('no');
      },
      {
        StartingPosition: 'TRIM_HORIZON',
        BatchSize: 1,
        MaximumRetryAttempts: 0,
        historyLimit: 2,
        DestinationConfig: { OnFailure: { Destination: destination } },
      },
    );
    putMany(table, 5);
    mapping.drain();
    expect(destination.size).toBe(5);
    expect(mapping.discards.map((d) => d.failure)).toEqual(destination.records.slice(3));
    expect(mapping.history).toHaveLength(2);
    expect(mapping.metrics()).toMatchObject({ recordsDiscarded: 5, batchesSentToFailureDestination: 5 });
  });

  it('keeps 10,000 invocations by default, and none with 0', async () => {
    const { table } = await setup();
    const capped = attachLambda(table.stream!, () => undefined, { StartingPosition: 'TRIM_HORIZON', BatchSize: 1 });
    const none = attachLambda(table.stream!, () => undefined, {
      StartingPosition: 'TRIM_HORIZON',
      BatchSize: 1,
      historyLimit: 0,
      FunctionName: 'none',
    });
    let events = 0;
    none.on('invocation', () => events++);
    putMany(table, 10_005);
    capped.drain();
    none.drain();
    expect(capped.history).toHaveLength(10_000);
    expect(capped.history[0]!.invocation).toBe(6);
    expect(capped.history.at(-1)!.invocation).toBe(10_005);
    expect(none.history).toEqual([]);
    expect(events).toBe(10_005);
  });
});

describe('limits and losses', () => {
  it('runUntilIdle() gives up after maxMs of simulated time', async () => {
    const { table } = await setup();
    const mapping = attachLambda(
      table.stream!,
      () => {
        throw new Error('always');
      },
      { StartingPosition: 'TRIM_HORIZON' },
    );
    putMany(table, 1);
    await expect(mapping.runUntilIdle({ maxMs: 10_000 })).rejects.toThrow('not idle after 10000 ms');
    expect(() => mapping.drain({ maxMs: 1_000 })).toThrow('not idle after 1000 ms');
    mapping.delete();
  });

  it('counts records the stream trimmed while the mapping was disabled, and says so in an event', async () => {
    const { table, clock } = await setup();
    const trimmed: (number | undefined)[] = [];
    const seen: string[] = [];
    const mapping = attachLambda(table.stream!, (event) => void seen.push(...ids(event)), {
      StartingPosition: 'TRIM_HORIZON',
    });
    mapping.on('trimmed', ({ lostRecords }) => trimmed.push(lostRecords));
    putMany(table, 1, 'first');
    mapping.drain();
    mapping.disable();
    putMany(table, 3, 'lost');
    clock.advance({ hours: 25 });
    putMany(table, 1, 'after');
    mapping.enable();
    mapping.drain();
    expect(seen).toEqual(['first0', 'after0']);
    expect(trimmed).toEqual([3]);
    expect(mapping.metrics().recordsLostToTrim).toBe(3);
  });

  it("emits 'discarded' with the failure record, also without a destination", async () => {
    const { table } = await setup();
    const discarded: string[] = [];
    const mapping = attachLambda(
      table.stream!,
      () => {
        throw new Error('no');
      },
      { StartingPosition: 'TRIM_HORIZON', MaximumRetryAttempts: 0 },
    );
    mapping.on('discarded', ({ failure }) => discarded.push(failure.requestContext.condition));
    putMany(table, 2);
    mapping.drain();
    expect(discarded).toEqual(['RetryAttemptsExhausted']);
    expect(mapping.metrics()).toMatchObject({ recordsDiscarded: 2, batchesSentToFailureDestination: 0 });
    expect(mapping.discards).toHaveLength(1);
  });
});

describe('a throwing destination callback', () => {
  it('escapes into the clock, and the mapping carries on at the next poll', async () => {
    const { table, clock } = await setup();
    const seen: string[] = [];
    const mapping = attachLambda(
      table.stream!,
      (event) => {
        if (ids(event).includes('bad')) throw new Error('bad');
        seen.push(...ids(event));
      },
      {
        StartingPosition: 'TRIM_HORIZON',
        MaximumRetryAttempts: 0,
        DestinationConfig: {
          OnFailure: {
            Destination: () => {
              throw new Error('destination down');
            },
          },
        },
      },
    );
    table.put({ id: 'bad' });
    expect(() => clock.advance(0)).toThrow('destination down');
    table.put({ id: 'good' });
    clock.advance(250);
    expect(seen).toEqual(['good']);
    expect(mapping.metrics().recordsDiscarded).toBe(1);
  });
});

describe('the checkpoint', () => {
  it('advances only past handled records: a failing batch holds it, a partial failure moves it to just before the failed record', async () => {
    const { table } = await setup();
    let calls = 0;
    const checkpoints: (string | undefined)[] = [];
    const mapping = attachLambda(
      table.stream!,
      (event) => {
        checkpoints.push(mapping.metrics().shards[0]!.checkpoint);
        calls++;
        if (calls === 1)
          return { batchItemFailures: [{ itemIdentifier: event.Records[2]!.dynamodb!.SequenceNumber! }] };
        if (calls === 2) throw new Error('still failing');
        return undefined;
      },
      { StartingPosition: 'TRIM_HORIZON', BatchSize: 5, FunctionResponseTypes: ['ReportBatchItemFailures'] },
    );
    putMany(table, 5);
    mapping.drain();
    const seqs = mapping.history[0]!.sequenceNumbers;
    // Before the first invocation nothing is handled; after the partial failure, k0 and k1 are; the thrown
    // error moves nothing; the success moves it to the end.
    expect(checkpoints).toEqual([undefined, seqs[1], seqs[1]]);
    expect(mapping.metrics().shards[0]!.checkpoint).toBe(seqs[4]);
  });

  it('with ParallelizationFactor, waits for the slowest lane', async () => {
    const { table, clock } = await setup();
    const mapping = attachLambda(
      table.stream!,
      (event) => {
        if (ids(event).includes('k0')) throw new Error('k0 blocks its lane');
      },
      { StartingPosition: 'TRIM_HORIZON', BatchSize: 1, ParallelizationFactor: 4 },
    );
    putMany(table, 8);
    clock.advance(1_000);
    const shard = mapping.metrics().shards[0]!;
    expect(shard.recordsDelivered).toBeGreaterThan(0);
    expect(shard.checkpoint).toBeUndefined(); // k0, the shard's first record, is not handled
    mapping.delete();
  });
});
