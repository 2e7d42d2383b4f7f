import { describe, expect, it } from 'vitest';
import {
  InvalidParameterValueException,
  LambdaValidationException,
  attachLambda,
  resolveMappingOptions,
  type EventSourceMappingOptions,
} from '../../src/lambda/index.js';
import { setup } from '../support/lambda-fixture.js';

describe('event source mapping options', () => {
  it("apply AWS's defaults", () => {
    expect(resolveMappingOptions({ StartingPosition: 'LATEST' })).toEqual({
      startingPosition: 'LATEST',
      batchSize: 100,
      maximumBatchingWindowMs: 0,
      parallelizationFactor: 1,
      bisectBatchOnFunctionError: false,
      maximumRetryAttempts: -1,
      maximumRecordAgeMs: -1,
      reportBatchItemFailures: false,
      tumblingWindowMs: 0,
      onFailure: undefined,
      enabled: true,
      functionName: 'shardline-function',
      functionTimeoutMs: 3000,
      historyLimit: 10_000,
    });
  });

  it('accept the ends of every range', () => {
    for (const options of [
      {
        BatchSize: 1,
        MaximumBatchingWindowInSeconds: 0,
        ParallelizationFactor: 1,
        MaximumRetryAttempts: -1,
        MaximumRecordAgeInSeconds: -1,
        TumblingWindowInSeconds: 0,
      },
      {
        BatchSize: 10_000,
        MaximumBatchingWindowInSeconds: 300,
        ParallelizationFactor: 10,
        MaximumRetryAttempts: 10_000,
        MaximumRecordAgeInSeconds: 604_800,
        TumblingWindowInSeconds: 900,
      },
      { MaximumRetryAttempts: 0, MaximumRecordAgeInSeconds: 60, historyLimit: 0 },
      { historyLimit: Number.POSITIVE_INFINITY, DestinationConfig: { OnFailure: { Destination: () => undefined } } },
    ]) {
      expect(() => resolveMappingOptions({ StartingPosition: 'TRIM_HORIZON', ...options })).not.toThrow();
    }
  });

  const modelError = (value: string, member: string, constraint: string) =>
    `1 validation error detected: Value '${value}' at '${member}' failed to satisfy constraint: ${constraint}`;

  it.each<[Partial<EventSourceMappingOptions>, string]>([
    [{ BatchSize: 0 }, modelError('0', 'batchSize', 'Member must have value greater than or equal to 1')],
    [{ BatchSize: 10_001 }, modelError('10001', 'batchSize', 'Member must have value less than or equal to 10000')],
    [
      { MaximumBatchingWindowInSeconds: -1 },
      modelError('-1', 'maximumBatchingWindowInSeconds', 'Member must have value greater than or equal to 0'),
    ],
    [
      { MaximumBatchingWindowInSeconds: 301 },
      modelError('301', 'maximumBatchingWindowInSeconds', 'Member must have value less than or equal to 300'),
    ],
    [
      { ParallelizationFactor: 0 },
      modelError('0', 'parallelizationFactor', 'Member must have value greater than or equal to 1'),
    ],
    [
      { ParallelizationFactor: 11 },
      modelError('11', 'parallelizationFactor', 'Member must have value less than or equal to 10'),
    ],
    [
      { MaximumRetryAttempts: -2 },
      modelError('-2', 'maximumRetryAttempts', 'Member must have value greater than or equal to -1'),
    ],
    [
      { MaximumRetryAttempts: 10_001 },
      modelError('10001', 'maximumRetryAttempts', 'Member must have value less than or equal to 10000'),
    ],
    [
      { MaximumRecordAgeInSeconds: -2 },
      modelError('-2', 'maximumRecordAgeInSeconds', 'Member must have value greater than or equal to -1'),
    ],
    [
      { MaximumRecordAgeInSeconds: 604_801 },
      modelError('604801', 'maximumRecordAgeInSeconds', 'Member must have value less than or equal to 604800'),
    ],
    [
      { TumblingWindowInSeconds: 901 },
      modelError('901', 'tumblingWindowInSeconds', 'Member must have value less than or equal to 900'),
    ],
    [
      { TumblingWindowInSeconds: -1 },
      modelError('-1', 'tumblingWindowInSeconds', 'Member must have value greater than or equal to 0'),
    ],
    [
      { FunctionResponseTypes: ['ReportBatchItemFailure' as never] },
      modelError(
        '[ReportBatchItemFailure]',
        'functionResponseTypes',
        'Member must satisfy constraint: [Member must satisfy enum value set: [ReportBatchItemFailures]]',
      ),
    ],
    [
      { StartingPosition: 'AT_SEQUENCE_NUMBER' as never },
      modelError(
        'AT_SEQUENCE_NUMBER',
        'startingPosition',
        'Member must satisfy enum value set: [LATEST, AT_TIMESTAMP, TRIM_HORIZON]',
      ),
    ],
    [
      { FunctionResponseTypes: ['ReportBatchItemFailures', 'ReportBatchItemFailures'] },
      modelError(
        '[ReportBatchItemFailures, ReportBatchItemFailures]',
        'functionResponseTypes',
        'Member must have length less than or equal to 1',
      ),
    ],
  ])('refuse %j with ValidationException', (options, message) => {
    const call = () => resolveMappingOptions({ StartingPosition: 'TRIM_HORIZON', ...options });
    expect(call).toThrow(LambdaValidationException);
    expect(call).toThrow(message);
    try {
      call();
    } catch (error) {
      expect((error as LambdaValidationException).name).toBe('ValidationException');
      expect((error as LambdaValidationException).statusCode).toBe(400);
    }
  });

  it.each<[Partial<EventSourceMappingOptions>, string]>([
    [
      { MaximumRecordAgeInSeconds: 59 },
      'MaximumRecordAgeInSeconds must be either -1 (forever) or between 60 and 604800 (inclusive)',
    ],
    [
      { MaximumRecordAgeInSeconds: 0 },
      'MaximumRecordAgeInSeconds must be either -1 (forever) or between 60 and 604800 (inclusive)',
    ],
    [{ StartingPosition: 'LATEST', BatchSize: 1.5 }, 'BatchSize must be an integer, got 1.5'],
    [
      { DestinationConfig: { OnFailure: { Destination: 'arn:aws:sqs:us-east-1:000000000000:dlq' as never } } },
      'DestinationConfig.OnFailure.Destination must be a FailureDestination or a callback',
    ],
    [{ historyLimit: -1 }, 'historyLimit must be a whole number of invocations, 0 or more, or Infinity; got -1'],
    [{ historyLimit: 2.5 }, 'historyLimit must be a whole number of invocations, 0 or more, or Infinity; got 2.5'],
    [{ StartingPosition: undefined as never }, 'StartingPosition is required for DynamoDB event sources.'],
    [{ StartingPosition: 'AT_TIMESTAMP' as never }, 'Unsupported starting position for arn type: DynamoDB stream'],
  ])('refuse %j with InvalidParameterValueException', (options, message) => {
    const call = () => resolveMappingOptions({ StartingPosition: 'TRIM_HORIZON', ...options });
    expect(call).toThrow(InvalidParameterValueException);
    expect(call).toThrow(message);
  });

  it('a refused mapping changes nothing: no timer, no listener, no reads', async () => {
    const { table, clock } = await setup();
    const timers = clock.pendingTimers;
    let calls = 0;
    expect(() =>
      attachLambda(table.stream!, () => void calls++, { StartingPosition: 'TRIM_HORIZON', BatchSize: 0 }),
    ).toThrow(LambdaValidationException);
    expect(() =>
      attachLambda(table.stream!, () => void calls++, {
        StartingPosition: 'TRIM_HORIZON',
        FilterCriteria: { Filters: [{ Pattern: 'not json' }] },
      }),
    ).toThrow(InvalidParameterValueException);
    table.put({ id: 'a' });
    clock.advance({ seconds: 10 });
    expect(clock.pendingTimers).toBe(timers);
    expect(calls).toBe(0);
  });
});

describe('arguments and option keys from JavaScript', () => {
  /** attachLambda as plain JavaScript calls it: no compiler between the caller and the checks. */
  const attach = attachLambda as unknown as (stream: unknown, handler: unknown, options: unknown) => unknown;

  it('regression: attachLambda(undefined, ...) is a TypeError that says what was missing, not a raw TypeError from inside', async () => {
    const { table, clock } = await setup();
    const timers = clock.pendingTimers;
    expect(() => attach(undefined, () => {}, { StartingPosition: 'LATEST' })).toThrow(
      new TypeError(
        'attachLambda(stream, handler, options) needs a Stream or a StreamSource as its stream, got undefined (table.stream is undefined for a table without StreamSpecification: { StreamEnabled: true })',
      ),
    );
    expect(() => attach(null, () => {}, { StartingPosition: 'LATEST' })).toThrow(
      'needs a Stream or a StreamSource as its stream, got null',
    );
    expect(() => attach({ streamArn: 'arn' }, () => {}, { StartingPosition: 'LATEST' })).toThrow(
      'got an object without describeStream()',
    );
    expect(() => attach(table.stream, undefined, { StartingPosition: 'LATEST' })).toThrow(
      new TypeError('attachLambda(stream, handler, options) needs a function as its handler, got undefined'),
    );
    expect(() => attach(table.stream, () => {}, undefined)).toThrow(
      new InvalidParameterValueException('StartingPosition is required for DynamoDB event sources.'),
    );
    expect(clock.pendingTimers).toBe(timers);
  });

  it.each([
    [
      { BatchSzie: 10 },
      'Unknown parameter in input: "BatchSzie", must be one of: StartingPosition, BatchSize, MaximumBatchingWindowInSeconds',
    ],
    [{ EventSourceArn: 'arn:aws:dynamodb:...' }, 'Unknown parameter in input: "EventSourceArn"'],
    [
      { DestinationConfig: { OnSucess: {} } },
      'Unknown parameter in input.DestinationConfig: "OnSucess", must be one of: OnFailure',
    ],
    [
      { DestinationConfig: { OnFailure: { Destinaton: () => {} } } },
      'Unknown parameter in input.DestinationConfig.OnFailure: "Destinaton", must be one of: Destination',
    ],
    [{ DestinationConfig: 'arn:aws:sqs:...' }, 'DestinationConfig must be an object, got string'],
    [{ Enabled: 'false' }, 'Enabled must be a boolean, got false'],
    [{ BisectBatchOnFunctionError: 1 }, 'BisectBatchOnFunctionError must be a boolean, got 1'],
    [{ seed: Number.NaN }, 'seed must be an integer, got NaN'],
    [{ clock: Date }, 'clock must be a Clock: an object with now() and schedule(atMs, callback)'],
  ])('refuses %j by name (InvalidParameterValueException), where it was ignored', (extra, message) => {
    const call = () =>
      resolveMappingOptions({ StartingPosition: 'TRIM_HORIZON', ...(extra as object) } as EventSourceMappingOptions);
    expect(call).toThrow(InvalidParameterValueException);
    expect(call).toThrow(message);
  });

  it('mapping.on() refuses a misspelt event name and a listener that is not a function', async () => {
    const { table } = await setup();
    const mapping = attachLambda(table.stream!, () => {}, { StartingPosition: 'LATEST' });
    const loose = mapping as unknown as { on(event: unknown, listener: unknown): unknown };
    expect(() => loose.on('invocations', () => {})).toThrow(
      new TypeError(
        "Unknown event 'invocations': the events are invocation, discarded, trimmed, pollError, listenerError",
      ),
    );
    expect(() => loose.on('invocation', 'log')).toThrow(
      new TypeError("A listener for 'invocation' must be a function, got string"),
    );
  });

  it('runUntilIdle() and drain() refuse options they do not take', async () => {
    const { table } = await setup();
    const mapping = attachLambda(table.stream!, () => {}, { StartingPosition: 'LATEST' });
    const loose = mapping as unknown as {
      drain(options: unknown): void;
      runUntilIdle(options: unknown): Promise<void>;
    };
    expect(() => loose.drain({ maxMS: 10 })).toThrow(
      new TypeError("drain(options) takes { maxMs }, got an unknown option 'maxMS'"),
    );
    expect(() => loose.drain({ maxMs: Number.NaN })).toThrow(
      new RangeError('drain({ maxMs }) needs a positive number of simulated milliseconds, got NaN'),
    );
    await expect(loose.runUntilIdle({ maxMs: -1 })).rejects.toThrow(RangeError);
    await expect(loose.runUntilIdle(null)).rejects.toThrow(
      new TypeError('runUntilIdle(options) takes { maxMs }, got null'),
    );
    await expect(mapping.runUntilIdle({ maxMs: Number.POSITIVE_INFINITY })).resolves.toBeUndefined();
  });
});
