import { describe, expect, it } from 'vitest';
import { InMemoryFailureDestination, attachLambda, type DynamoDBStreamEvent } from '../../src/lambda/index.js';
import { ids, putMany, setup } from '../support/lambda-fixture.js';

const poison = (event: DynamoDBStreamEvent): void => {
  if (ids(event).includes('k5')) throw new Error('poison');
};

describe('a failing batch', () => {
  it('blocks its shard and is retried, whole, at each poll until it succeeds', async () => {
    const { table, clock } = await setup();
    let failuresLeft = 3;
    const mapping = attachLambda(
      table.stream!,
      () => {
        if (failuresLeft-- > 0) throw new Error('flaky');
      },
      { StartingPosition: 'TRIM_HORIZON', BatchSize: 10 },
    );
    putMany(table, 4);
    const t0 = clock.now();
    mapping.drain();
    const history = mapping.history.map((h) => [h.startedAt - t0, h.outcome, h.retry, h.sequenceNumbers.length]);
    expect(history).toEqual([
      [0, 'error', 0, 4],
      [250, 'error', 1, 4],
      [500, 'error', 2, 4],
      [750, 'success', 3, 4],
    ]);
    expect(mapping.metrics()).toMatchObject({ invocations: 4, errors: 3, recordsDelivered: 4, recordsDiscarded: 0 });
  });

  it('after MaximumRetryAttempts retries is discarded, reported to the destination, and the shard moves on', async () => {
    const { table, clock, db } = await setup();
    const destination = new InMemoryFailureDestination();
    const mapping = attachLambda(table.stream!, poison, {
      StartingPosition: 'TRIM_HORIZON',
      BatchSize: 4,
      MaximumRetryAttempts: 2,
      DestinationConfig: { OnFailure: { Destination: destination } },
      FunctionName: 'audit',
    });
    putMany(table, 10);
    const t0 = clock.now();
    mapping.drain();
    // k0-k3 succeed; k4-k7 fail 3 times (1 + 2 retries) and are discarded; k8-k9 succeed.
    expect(mapping.history.map((h) => [h.startedAt - t0, h.outcome, ids({ Records: h.records })])).toEqual([
      [0, 'success', ['k0', 'k1', 'k2', 'k3']],
      [0, 'error', ['k4', 'k5', 'k6', 'k7']],
      [250, 'error', ['k4', 'k5', 'k6', 'k7']],
      [500, 'error', ['k4', 'k5', 'k6', 'k7']],
      [500, 'success', ['k8', 'k9']],
    ]);
    expect(destination.records).toHaveLength(1);
    const [failure] = destination.records;
    const discarded = mapping.history[1]!.sequenceNumbers;
    const record = mapping.history[1]!.records[0]!;
    expect(failure).toEqual({
      requestContext: {
        requestId: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/),
        functionArn: `arn:aws:lambda:${db.region}:${db.accountId}:function:audit`,
        condition: 'RetryAttemptsExhausted',
        approximateInvokeCount: 3,
      },
      responseContext: { statusCode: 200, executedVersion: '$LATEST', functionError: 'Unhandled' },
      version: '1.0',
      timestamp: new Date(t0 + 500).toISOString(),
      DDBStreamBatchInfo: {
        shardId: table.stream!.listShards()[0]!.shardId,
        startSequenceNumber: discarded[0],
        endSequenceNumber: discarded[3],
        approximateArrivalOfFirstRecord: new Date(record.dynamodb!.ApproximateCreationDateTime! * 1000)
          .toISOString()
          .replace('.000Z', 'Z'),
        approximateArrivalOfLastRecord: new Date(record.dynamodb!.ApproximateCreationDateTime! * 1000)
          .toISOString()
          .replace('.000Z', 'Z'),
        batchSize: 4,
        streamArn: table.stream!.arn,
      },
    });
    expect(mapping.metrics()).toMatchObject({
      recordsDelivered: 6,
      recordsDiscarded: 4,
      batchesSentToFailureDestination: 1,
      errors: 3,
    });
  });

  it('MaximumRetryAttempts 0 discards after the first failure; a callback destination receives the record', async () => {
    const { table } = await setup();
    const received: string[] = [];
    const mapping = attachLambda(table.stream!, poison, {
      StartingPosition: 'TRIM_HORIZON',
      BatchSize: 100,
      MaximumRetryAttempts: 0,
      DestinationConfig: { OnFailure: { Destination: (record) => received.push(record.requestContext.condition) } },
    });
    putMany(table, 6);
    mapping.drain();
    expect(mapping.history.map((h) => h.outcome)).toEqual(['error']);
    expect(received).toEqual(['RetryAttemptsExhausted']);
  });

  it('with bisect on, isolates a poison record to a batch of one, reports it after the retries, and the rest moves on', async () => {
    const { table } = await setup();
    const destination = new InMemoryFailureDestination();
    const delivered: string[] = [];
    const mapping = attachLambda(
      table.stream!,
      (event) => {
        poison(event);
        delivered.push(...ids(event));
      },
      {
        StartingPosition: 'TRIM_HORIZON',
        BatchSize: 8,
        BisectBatchOnFunctionError: true,
        MaximumRetryAttempts: 2,
        DestinationConfig: { OnFailure: { Destination: destination } },
      },
    );
    putMany(table, 10);
    mapping.drain();
    const calls = mapping.history.map((h) => `${ids({ Records: h.records }).join(',')} ${h.cause} ${h.outcome}`);
    expect(calls).toEqual([
      'k0,k1,k2,k3,k4,k5,k6,k7 new error',
      'k0,k1,k2,k3 bisect success',
      'k4,k5,k6,k7 bisect error',
      'k4,k5 bisect error',
      'k4 bisect success',
      'k5 bisect error',
      // Splits did not count: only now, with a batch of one, are the 2 retries spent.
      'k5 retry error',
      'k5 retry error',
      'k6,k7 bisect success',
      'k8,k9 new success',
    ]);
    expect(delivered).toEqual(['k0', 'k1', 'k2', 'k3', 'k4', 'k6', 'k7', 'k8', 'k9']);
    expect(
      destination.records.map((r) => [r.DDBStreamBatchInfo.batchSize, r.requestContext.approximateInvokeCount]),
    ).toEqual([[1, 3]]);
    expect(destination.records[0]!.DDBStreamBatchInfo.startSequenceNumber).toBe(mapping.history[5]!.sequenceNumbers[0]);
  });

  it('with unlimited retries, blocks until the records reach the stream retention, then reports them', async () => {
    // A 1-hour retention keeps the test short; the default is 24 hours.
    const { table, clock } = await setup({ retentionHours: 1 });
    const destination = new InMemoryFailureDestination();
    const mapping = attachLambda(
      table.stream!,
      () => {
        throw new Error('down');
      },
      {
        StartingPosition: 'TRIM_HORIZON',
        DestinationConfig: { OnFailure: { Destination: destination } },
        // Every one of the 14,401 invocations is asserted on below: more than the default 10,000 kept.
        historyLimit: Number.POSITIVE_INFINITY,
      },
    );
    putMany(table, 2);
    const t0 = clock.now();
    await mapping.runUntilIdle();
    expect(destination.records.map((r) => r.requestContext.condition)).toEqual(['RecordAgeExceeded']);
    expect(clock.now() - t0).toBeGreaterThan(3_600_000);
    expect(clock.now() - t0).toBeLessThanOrEqual(3_600_000 + 1000);
    expect(mapping.history.length).toBe(3_600_000 / 250 + 1);
    expect(mapping.metrics().recordsDelivered).toBe(0);
  });
});

describe('MaximumRecordAgeInSeconds', () => {
  it('discards records older than the limit before invoking, with condition RecordAgeExceeded', async () => {
    const { table, clock } = await setup();
    const destination = new InMemoryFailureDestination();
    let fail = true;
    const mapping = attachLambda(
      table.stream!,
      () => {
        if (fail) throw new Error('down');
      },
      {
        StartingPosition: 'TRIM_HORIZON',
        MaximumRecordAgeInSeconds: 60,
        DestinationConfig: { OnFailure: { Destination: destination } },
      },
    );
    putMany(table, 3);
    clock.advance({ seconds: 30 });
    fail = false;
    putMany(table, 1, 'late');
    // The first batch keeps failing until it is over 60 s old (the 30 s above included), then it is discarded.
    fail = true;
    clock.advance({ seconds: 31 });
    fail = false;
    mapping.drain();
    expect(destination.records.map((r) => [r.requestContext.condition, r.DDBStreamBatchInfo.batchSize])).toEqual([
      ['RecordAgeExceeded', 3],
    ]);
    expect(destination.records[0]!.requestContext.approximateInvokeCount).toBeGreaterThan(100);
    expect(mapping.history.at(-1)!.outcome).toBe('success');
    expect(ids({ Records: mapping.history.at(-1)!.records })).toEqual(['late0']);
  });
});

describe('the failure record of a RecordAgeExceeded discard', () => {
  it("has AWS's shape; records that expired before any invocation have no function error and no invocations", async () => {
    const { table, clock, db } = await setup();
    const destination = new InMemoryFailureDestination();
    const seen: string[] = [];
    const mapping = attachLambda(table.stream!, (event) => void seen.push(...ids(event)), {
      StartingPosition: 'TRIM_HORIZON',
      MaximumRecordAgeInSeconds: 60,
      DestinationConfig: { OnFailure: { Destination: destination } },
      FunctionName: 'aged',
      Enabled: false,
    });
    putMany(table, 2, 'old');
    const written = clock.now();
    clock.advance({ seconds: 61 });
    putMany(table, 1, 'fresh');
    mapping.enable();
    mapping.drain();
    expect(seen).toEqual(['fresh0']);
    const sequenceNumbers = mapping.discards[0]!.sequenceNumbers;
    const arrival = new Date(written - (written % 1000)).toISOString().replace('.000Z', 'Z');
    expect(destination.records).toEqual([
      {
        requestContext: {
          requestId: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/),
          functionArn: `arn:aws:lambda:${db.region}:${db.accountId}:function:aged`,
          condition: 'RecordAgeExceeded',
          approximateInvokeCount: 0,
        },
        responseContext: { statusCode: 200, executedVersion: '$LATEST' },
        version: '1.0',
        timestamp: new Date(clock.now()).toISOString(),
        DDBStreamBatchInfo: {
          shardId: table.stream!.listShards()[0]!.shardId,
          startSequenceNumber: sequenceNumbers[0],
          endSequenceNumber: sequenceNumbers[1],
          approximateArrivalOfFirstRecord: arrival,
          approximateArrivalOfLastRecord: arrival,
          batchSize: 2,
          streamArn: table.stream!.arn,
        },
      },
    ]);
    expect(Object.keys(destination.records[0]!)).toEqual([
      'requestContext',
      'responseContext',
      'version',
      'timestamp',
      'DDBStreamBatchInfo',
    ]);
    expect(mapping.metrics()).toMatchObject({
      invocations: 1,
      recordsDiscarded: 2,
      recordsDelivered: 1,
      batchesSentToFailureDestination: 1,
    });
  });
});

describe('ReportBatchItemFailures', () => {
  const options = {
    StartingPosition: 'TRIM_HORIZON',
    BatchSize: 5,
    FunctionResponseTypes: ['ReportBatchItemFailures'],
  } as const;

  it('checkpoints before the lowest reported sequence number and retries from there', async () => {
    const { table } = await setup();
    let calls = 0;
    const mapping = attachLambda(
      table.stream!,
      (event) => {
        calls++;
        if (calls > 1) return { batchItemFailures: [] };
        // Report k3 and k1: the lowest, k1, is the checkpoint.
        const seqs = event.Records.map((r) => r.dynamodb!.SequenceNumber!);
        return { batchItemFailures: [{ itemIdentifier: seqs[3]! }, { itemIdentifier: seqs[1]! }] };
      },
      { ...options, FunctionResponseTypes: ['ReportBatchItemFailures'] },
    );
    putMany(table, 7);
    mapping.drain();
    expect(mapping.history.map((h) => [ids({ Records: h.records }).join(','), h.outcome, h.cause])).toEqual([
      ['k0,k1,k2,k3,k4', 'partial', 'new'],
      ['k1,k2,k3,k4,k5', 'success', 'retry'],
      ['k6', 'success', 'new'],
    ]);
    expect(mapping.history[0]!.failedSequenceNumber).toBe(mapping.history[0]!.sequenceNumbers[1]);
    expect(mapping.metrics()).toMatchObject({ partialFailures: 1, errors: 0, recordsDelivered: 7 });
  });

  it.each([
    ['an empty itemIdentifier', { batchItemFailures: [{ itemIdentifier: '' }] }],
    ['a null itemIdentifier', { batchItemFailures: [{ itemIdentifier: null }] }],
    ['a wrong key name', { batchItemFailures: [{ itemIdentifer: 'x' }] }],
    ['an unknown sequence number', { batchItemFailures: [{ itemIdentifier: '999999999999999999999' }] }],
  ])('fails the whole batch for %s', async (_name, response) => {
    const { table } = await setup();
    let calls = 0;
    const mapping = attachLambda(table.stream!, () => (calls++ === 0 ? (response as never) : undefined), options);
    putMany(table, 3);
    mapping.drain();
    expect(mapping.history.map((h) => [h.sequenceNumbers.length, h.outcome])).toEqual([
      [3, 'invalid-response'],
      [3, 'success'],
    ]);
  });

  it.each([
    ['null', null],
    ['undefined', undefined],
    ['an empty list', { batchItemFailures: [] }],
    ['a null list', { batchItemFailures: null }],
  ])('treats %s as complete success', async (_name, response) => {
    const { table } = await setup();
    const mapping = attachLambda(table.stream!, () => response as never, options);
    putMany(table, 3);
    mapping.drain();
    expect(mapping.history.map((h) => h.outcome)).toEqual(['success']);
  });

  it('is ignored unless the mapping asks for it', async () => {
    const { table } = await setup();
    const mapping = attachLambda(table.stream!, () => ({ batchItemFailures: [{ itemIdentifier: '' }] }), {
      StartingPosition: 'TRIM_HORIZON',
    });
    putMany(table, 3);
    mapping.drain();
    expect(mapping.history.map((h) => h.outcome)).toEqual(['success']);
  });

  it('with bisect on, retries only the remaining records of the batch, and that split is not a retry', async () => {
    const { table } = await setup();
    const destination = new InMemoryFailureDestination();
    const mapping = attachLambda(
      table.stream!,
      (event) => {
        const failed = event.Records.find((r) => r.dynamodb!.Keys!.id!.S === 'k2');
        return {
          batchItemFailures: failed === undefined ? [] : [{ itemIdentifier: failed.dynamodb!.SequenceNumber! }],
        };
      },
      {
        ...options,
        BisectBatchOnFunctionError: true,
        MaximumRetryAttempts: 1,
        DestinationConfig: { OnFailure: { Destination: destination } },
      },
    );
    putMany(table, 7);
    mapping.drain();
    expect(mapping.history.map((h) => [ids({ Records: h.records }).join(','), h.cause, h.retry, h.outcome])).toEqual([
      ['k0,k1,k2,k3,k4', 'new', 0, 'partial'],
      // Only the batch's remaining records, not k5 and k6: a split at the failed record.
      ['k2,k3,k4', 'partial-remainder', 0, 'partial'],
      ['k2,k3,k4', 'retry', 1, 'partial'],
      ['k5,k6', 'new', 0, 'success'],
    ]);
    expect(destination.records.map((r) => r.DDBStreamBatchInfo.batchSize)).toEqual([3]);
    expect(destination.records[0]!.responseContext).toEqual({ statusCode: 200, executedVersion: '$LATEST' });
  });

  it('with bisect on, a thrown error still bisects', async () => {
    const { table } = await setup();
    let calls = 0;
    const mapping = attachLambda(
      table.stream!,
      () => {
        if (calls++ === 0) throw new Error('boom');
        return { batchItemFailures: [] };
      },
      { ...options, BatchSize: 4, BisectBatchOnFunctionError: true },
    );
    putMany(table, 4);
    mapping.drain();
    expect(mapping.history.map((h) => [h.sequenceNumbers.length, h.cause, h.outcome])).toEqual([
      [4, 'new', 'error'],
      [2, 'bisect', 'success'],
      [2, 'bisect', 'success'],
    ]);
  });
});
