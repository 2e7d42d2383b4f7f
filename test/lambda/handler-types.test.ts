/**
 * Handlers typed as users type them, with `@types/aws-lambda`, must compile against `attachLambda`: `tsc`
 * (`npm run typecheck`, part of `npm test`) checks this file, and the `@ts-expect-error` lines must stay errors.
 * The tests run what compiles, so the context a handler gets is the `Context` it is typed with.
 */
import type {
  Callback,
  Context,
  DynamoDBBatchResponse,
  DynamoDBStreamEvent,
  DynamoDBStreamHandler,
  Handler,
} from 'aws-lambda';
import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  attachLambda,
  type DynamoDBTimeWindowEvent,
  type InvocationContext,
  type StreamHandler,
  type TimeWindowHandler,
} from '../../src/lambda/index.js';
import { setup } from '../support/lambda-fixture.js';

describe('handler types (@types/aws-lambda)', () => {
  it('regression: (event: DynamoDBStreamEvent, context: Context) and a DynamoDBStreamHandler compile, and the context is a whole Context', async () => {
    const { table } = await setup();
    const contexts: Context[] = [];
    const withContext = async (event: DynamoDBStreamEvent, context: Context): Promise<DynamoDBBatchResponse> => {
      contexts.push(context);
      return { batchItemFailures: [] };
    };
    const typed: DynamoDBStreamHandler = async (event, context) => {
      contexts.push(context);
    };
    const generic: Handler<DynamoDBStreamEvent, void> = (_event, context, callback) => {
      contexts.push(context);
      callback(null);
    };
    const mappings = [
      attachLambda(table.stream!, withContext, { StartingPosition: 'TRIM_HORIZON' }),
      attachLambda(table.stream!, typed, { StartingPosition: 'TRIM_HORIZON', FunctionName: 'typed' }),
      attachLambda(table.stream!, generic, { StartingPosition: 'TRIM_HORIZON' }),
    ];
    table.put({ id: 'a' });
    for (const mapping of mappings) await mapping.runUntilIdle();
    expect(contexts).toHaveLength(3);
    expect(mappings.map((mapping) => mapping.history.map((entry) => entry.outcome))).toEqual([
      ['success'],
      ['success'],
      ['success'],
    ]);
  });

  it('the context has every field of Context, on the clock', async () => {
    const { table, clock } = await setup();
    let seen: Record<string, unknown> | undefined;
    const mapping = attachLambda(
      table.stream!,
      (_event: DynamoDBStreamEvent, context: Context) => {
        seen = { ...context, remainingAtStart: context.getRemainingTimeInMillis() };
      },
      { StartingPosition: 'TRIM_HORIZON', FunctionName: 'receipts', FunctionTimeoutInSeconds: 30 },
    );
    table.put({ id: 'a' });
    mapping.drain();
    expect(seen).toMatchObject({
      callbackWaitsForEmptyEventLoop: true,
      functionName: 'receipts',
      functionVersion: '$LATEST',
      invokedFunctionArn: mapping.functionArn,
      memoryLimitInMB: '128',
      logGroupName: '/aws/lambda/receipts',
      logStreamName: `${new Date(clock.now()).toISOString().slice(0, 10).replaceAll('-', '/')}/[$LATEST]${mapping.uuid.replaceAll('-', '')}`,
      remainingAtStart: 30_000,
    });
    expect(seen!.awsRequestId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    for (const method of ['getRemainingTimeInMillis', 'done', 'fail', 'succeed'])
      expect(seen![method], method).toBeTypeOf('function');
  });

  it('the public handler types are the aws-lambda ones', () => {
    expectTypeOf<InvocationContext>().toEqualTypeOf<Context>();
    expectTypeOf<DynamoDBStreamHandler>().toExtend<StreamHandler>();
    expectTypeOf<Parameters<StreamHandler>[1]>().toEqualTypeOf<Context>();
    expectTypeOf<Parameters<StreamHandler>[2]>().toEqualTypeOf<Callback<DynamoDBBatchResponse | void>>();
    expectTypeOf<Parameters<TimeWindowHandler>[0]>().toEqualTypeOf<DynamoDBTimeWindowEvent>();
    expectTypeOf<Parameters<TimeWindowHandler>[1]>().toEqualTypeOf<Context>();
  });

  it('a handler for the wrong event is refused against the stream handler, and a tumbling window takes a TimeWindowHandler', async () => {
    const { table } = await setup();
    const stream = table.stream!;
    const wrongEvent = (event: { Records: { body: string }[] }): void => void event;
    // @ts-expect-error a function for SQS events is not a DynamoDB stream handler
    expect(() => attachLambda(stream, wrongEvent, { StartingPosition: 'LATEST', Enabled: false })).not.toThrow();
    const windowed = attachLambda(
      stream,
      (event: DynamoDBTimeWindowEvent) => ({ state: { seen: event.Records.length } }),
      {
        StartingPosition: 'LATEST',
        TumblingWindowInSeconds: 60,
      },
    );
    expect(windowed.options.tumblingWindowMs).toBe(60_000);
    // @ts-expect-error a tumbling window's handler must return its state
    attachLambda(stream, (_event: DynamoDBTimeWindowEvent) => 42, {
      StartingPosition: 'LATEST',
      TumblingWindowInSeconds: 60,
      Enabled: false,
    });
    // @ts-expect-error an option the mapping does not have (a generic options type gets no excess-property check of its own)
    expect(() => attachLambda(stream, () => {}, { StartingPosition: 'LATEST', BatchSzie: 10 })).toThrow(
      'Unknown parameter in input: "BatchSzie"',
    );
  });
});
