/**
 * Callback-style handlers, answered as Lambda's Node.js runtime (nodejs20.x, nodejs22.x) answers them: the first
 * answer counts, whether it is a callback called before the handler returns, the promise it returns, or a
 * callback called later; a function that takes a callback and returns nothing is waited for, up to its timeout.
 */
import type { Callback, Context, DynamoDBBatchResponse, DynamoDBStreamEvent, DynamoDBStreamHandler } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { attachLambda } from '../../src/lambda/index.js';
import { ids, putMany, setup } from '../support/lambda-fixture.js';

describe('callback handlers', () => {
  it('a DynamoDBStreamHandler that answers through its callback, at once or later on the clock', async () => {
    const { table, clock } = await setup();
    const handled: string[] = [];
    const handler: DynamoDBStreamHandler = (event, _context, callback) => {
      // Answers a second later, as a function waiting on a downstream call would.
      clock.schedule(clock.now() + 1_000, () => {
        handled.push(...ids(event));
        callback(null, { batchItemFailures: [] });
      });
    };
    const mapping = attachLambda(table.stream!, handler, {
      StartingPosition: 'TRIM_HORIZON',
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
    putMany(table, 2);
    await mapping.runUntilIdle();
    expect(handled).toEqual(['k0', 'k1']);
    const [only] = mapping.history;
    expect(only).toMatchObject({ outcome: 'success' });
    expect(only!.endedAt - only!.startedAt).toBe(1_000);
  });

  it('callback(error) is a function error, and callback(null, { batchItemFailures }) is honoured', async () => {
    const { table } = await setup();
    let calls = 0;
    const mapping = attachLambda(
      table.stream!,
      (event: DynamoDBStreamEvent, _context: Context, callback: Callback<DynamoDBBatchResponse | void>) => {
        calls++;
        if (calls === 1) return callback(new Error('downstream refused'));
        if (calls === 2)
          return callback(null, {
            batchItemFailures: [{ itemIdentifier: event.Records[1]!.dynamodb!.SequenceNumber! }],
          });
        callback(null);
      },
      { StartingPosition: 'TRIM_HORIZON', FunctionResponseTypes: ['ReportBatchItemFailures'] },
    );
    putMany(table, 3);
    mapping.drain();
    expect(mapping.history.map((entry) => `${entry.outcome} ${entry.records.length}`)).toEqual([
      'error 3',
      'partial 3',
      'success 2',
    ]);
    expect(String(mapping.history[0]!.error)).toBe('Error: downstream refused');
  });

  it('the first answer counts: a callback before a throw, before a return, or before the promise settles', async () => {
    const { table } = await setup();
    const answers = [
      (callback: Callback) => {
        callback(null);
        throw new Error('after the answer: ignored');
      },
      (callback: Callback) => {
        callback('a string error');
        return { batchItemFailures: [{ itemIdentifier: 'ignored' }] };
      },
      async (callback: Callback) => {
        callback(null);
        throw new Error('a rejection after the answer: ignored');
      },
    ];
    let call = 0;
    const mapping = attachLambda(
      table.stream!,
      (_event, _context, callback) => answers[call++ % answers.length]!(callback),
      {
        StartingPosition: 'TRIM_HORIZON',
        BatchSize: 1,
        MaximumRetryAttempts: 0,
        FunctionResponseTypes: ['ReportBatchItemFailures'],
      },
    );
    putMany(table, 3);
    await mapping.runUntilIdle();
    expect(mapping.history.map((entry) => entry.outcome)).toEqual(['success', 'error', 'success']);
    expect(mapping.history[1]!.error).toBe('a string error');
  });

  it('context.succeed, context.fail and context.done answer as the callback does', async () => {
    const { table } = await setup();
    const how = [
      (context: Context) => context.succeed({}),
      (context: Context) => context.fail(new Error('failed')),
      (context: Context) => context.done(),
    ];
    let call = 0;
    const mapping = attachLambda(
      table.stream!,
      (_event, context, _callback) => {
        how[call++]!(context);
      },
      { StartingPosition: 'TRIM_HORIZON', BatchSize: 1, MaximumRetryAttempts: 0 },
    );
    putMany(table, 3);
    mapping.drain();
    expect(mapping.history.map((entry) => entry.outcome)).toEqual(['success', 'error', 'success']);
  });

  it('a function that takes a callback and never calls it times out, as on Lambda', async () => {
    const { table } = await setup();
    const mapping = attachLambda(table.stream!, (_event, _context, _callback) => undefined, {
      StartingPosition: 'TRIM_HORIZON',
      MaximumRetryAttempts: 0,
      FunctionTimeoutInSeconds: 2,
    });
    putMany(table, 1);
    await mapping.runUntilIdle();
    expect(mapping.history.map((entry) => [entry.outcome, entry.endedAt - entry.startedAt])).toEqual([
      ['timeout', 2_000],
    ]);
    expect(mapping.discards).toHaveLength(1);
  });

  it('a synchronous function without a callback parameter answers with what it returns, at once', async () => {
    const { table } = await setup();
    const mapping = attachLambda(table.stream!, () => undefined, { StartingPosition: 'TRIM_HORIZON' });
    putMany(table, 1);
    mapping.drain();
    expect(mapping.history.map((entry) => [entry.outcome, entry.endedAt - entry.startedAt])).toEqual([['success', 0]]);
  });
});
