import type { Callback, Context, DynamoDBBatchResponse } from 'aws-lambda';
import type { TimerHandle } from '../../clock/clock.js';
import { classifyResponse, type BatchOutcome } from '../batching/batch-outcome.js';
import type { Lane } from '../lanes/lane.js';
import { isPromise } from '../../model/is-promise.js';
import type { DynamoDBStreamEvent, DynamoDBTimeWindowEvent, LambdaRecord } from './lambda-event.js';
import type { MappingContext } from '../mapping/mapping-context.js';
import type { InvocationEvent } from '../mapping/mapping-metrics.js';
import { sequenceNumberOf, type QueuedRecord } from '../lanes/queued-record.js';
import type { ShardWorker } from '../lanes/shard-worker.js';
import { timeWindowEvent, type OpenWindow } from '../batching/tumbling-window.js';

/**
 * The `context` a handler receives: `@types/aws-lambda`'s `Context`, whole, so a handler typed with it (or a
 * `DynamoDBStreamHandler`) compiles. `getRemainingTimeInMillis()` runs on the mapping's clock.
 */
export type InvocationContext = Context;

type MaybePromise<T> = T | Promise<T>;

/** What a stream function answers: `batchItemFailures` (with `ReportBatchItemFailures`), or nothing. */
type StreamResponse = DynamoDBBatchResponse | void | undefined | null;

/**
 * A function for a DynamoDB stream, as Lambda's Node.js runtime calls it: it returns a promise (an `async`
 * function), a value, or answers through `callback`. It may answer `batchItemFailures` (with
 * `ReportBatchItemFailures`). `DynamoDBStreamHandler` from `@types/aws-lambda` is one.
 */
export type StreamHandler = (
  event: DynamoDBStreamEvent,
  context: Context,
  callback: Callback<DynamoDBBatchResponse | void>,
) => MaybePromise<StreamResponse>;

/** What a tumbling-window function answers: the window's `state`, and optionally `batchItemFailures`. */
export interface TimeWindowResponse {
  state: Record<string, unknown>;
  batchItemFailures?: { itemIdentifier: string }[];
}

/** A function for a mapping with `TumblingWindowInSeconds`: must answer the window's `state`. */
export type TimeWindowHandler = (
  event: DynamoDBTimeWindowEvent,
  context: Context,
  callback: Callback<TimeWindowResponse>,
) => MaybePromise<TimeWindowResponse | void | undefined | null>;

/** Lambda's default memory size, which `context.memoryLimitInMB` reports. */
const MEMORY_LIMIT_IN_MB = '128';

/** One batch handed to the function: where it came from, what it held, and when. */
export interface Invocation {
  worker: ShardWorker;
  lane: Lane;
  /** The batch's records (the mapping's own array: the handler gets a copy it may change). */
  entries: QueuedRecord[];
  sequenceNumbers: string[];
  cause: InvocationEvent['cause'];
  /** A tumbling window's final invocation (no records). */
  final: boolean;
  startedAt: number;
  number: number;
  requestId: string;
}

/**
 * Calls the function with one batch, as Lambda invokes it synchronously: builds the event (with the window
 * fields under `TumblingWindowInSeconds`) and the context, and classifies what the function answered. A
 * synchronous answer completes the invocation at once; a promise completes it when it settles, or at
 * `FunctionTimeoutInSeconds` on the clock, whichever comes first (a late answer is ignored).
 */
export class Invoker {
  readonly #context: MappingContext;
  readonly #handler: StreamHandler | TimeWindowHandler;
  readonly #complete: (invocation: Invocation, outcome: BatchOutcome) => void;
  readonly #afterAsync: () => void;
  /** Timeouts of the invocations in flight, cancelled if the mapping is deleted. */
  readonly #timeouts = new Set<TimerHandle>();
  #pending = 0;
  #settledCount = 0;

  /**
   * `complete` applies an outcome to its lane; `afterAsync` runs after an asynchronous invocation completed
   * (the lane may run its next batch at once).
   */
  constructor(
    context: MappingContext,
    handler: StreamHandler | TimeWindowHandler,
    complete: (invocation: Invocation, outcome: BatchOutcome) => void,
    afterAsync: () => void,
  ) {
    this.#context = context;
    this.#handler = handler;
    this.#complete = complete;
    this.#afterAsync = afterAsync;
  }

  /** Invocations whose promise (or callback) has not answered yet. */
  get pending(): number {
    return this.#pending;
  }

  /** Invocations that answered asynchronously so far (so a wait can tell progress from none). */
  get settledCount(): number {
    return this.#settledCount;
  }

  invoke(
    worker: ShardWorker,
    lane: Lane,
    entries: QueuedRecord[],
    cause: InvocationEvent['cause'],
    final: boolean,
  ): void {
    const { clock, options, history, ids } = this.#context;
    const now = clock.now();
    const sequenceNumbers = entries.map(sequenceNumberOf);
    const invocation: Invocation = {
      worker,
      lane,
      entries,
      sequenceNumbers,
      cause,
      final,
      startedAt: now,
      number: history.nextInvocationNumber(),
      requestId: ids.next(),
    };
    // The function gets its own array: one that empties `event.Records` as it goes changes nothing here.
    const records: LambdaRecord[] = entries.slice();
    const windowMs = options.tumblingWindowMs;
    const event: DynamoDBStreamEvent | DynamoDBTimeWindowEvent =
      windowMs > 0
        ? timeWindowEvent(
            records,
            lane.window as OpenWindow,
            windowMs,
            worker.shardId,
            this.#context.eventSourceArn,
            final,
            now,
          )
        : { Records: records };
    lane.inFlight = true;
    lane.invokes++;
    const timeoutMs = options.functionTimeoutMs;
    // The first answer counts, as in Lambda's Node.js runtime: a callback called before the handler returns
    // or throws, the promise it returns, or a callback called later; anything after is ignored.
    let early: BatchOutcome | undefined;
    let waiting = false;
    let settled = false;
    let timer: TimerHandle | undefined = undefined;
    const settle = (outcome: BatchOutcome): void => {
      if (settled) return;
      settled = true;
      if (timer !== undefined) {
        timer.cancel();
        this.#timeouts.delete(timer);
      }
      this.#pending--;
      this.#settledCount++;
      if (this.#context.state === 'Deleting') return;
      this.#complete(invocation, outcome);
      this.#afterAsync();
    };
    const callback = (error?: unknown, response?: unknown): void => {
      const outcome =
        error !== undefined && error !== null ? errorOutcome(error) : this.#classify(response, sequenceNumbers);
      if (waiting) settle(outcome);
      else early ??= outcome;
    };
    const context = this.#invocationContext(invocation.requestId, now, callback);
    let result: unknown;
    try {
      result = (this.#handler as (event: unknown, context: Context, callback: Callback<unknown>) => unknown)(
        event,
        context,
        callback,
      );
    } catch (error) {
      this.#complete(invocation, early ?? errorOutcome(error));
      return;
    }
    if (early !== undefined) {
      // Answered through the callback: a promise it also returned is ignored, its rejection too (as the runtime,
      // which handles it, rather than an unhandled rejection in the test).
      if (isPromise(result)) result.then(undefined, () => undefined);
      this.#complete(invocation, early);
      return;
    }
    // A function that takes a callback, returns nothing and has not called it yet answers later, through it
    // (Lambda waits for it, up to the timeout). Any other value that is not a promise is the answer.
    const promise = isPromise(result) ? result : undefined;
    if (promise === undefined && !(result === undefined && this.#handler.length >= 3)) {
      this.#complete(invocation, this.#classify(result, sequenceNumbers));
      return;
    }
    waiting = true;
    this.#pending++;
    // The timeout, on the clock: an invocation still running then is a function error, whatever it answers later.
    timer = clock.schedule(now + timeoutMs, () =>
      settle({
        kind: 'error',
        error: new Error(`Task timed out after ${(timeoutMs / 1000).toFixed(2)} seconds`),
        timedOut: true,
      }),
    );
    this.#timeouts.add(timer);
    promise?.then(
      (value) => settle(this.#classify(value, sequenceNumbers)),
      (error: unknown) => settle(errorOutcome(error)),
    );
  }

  /** The mapping is deleted: the timeouts of invocations in flight are cancelled (their answers are ignored). */
  cancelTimeouts(): void {
    for (const timer of this.#timeouts) timer.cancel();
    this.#timeouts.clear();
  }

  /**
   * Lambda's context object for one invocation. `callbackWaitsForEmptyEventLoop` is there to be set, but an
   * answer counts at once: the emulator has no event loop of the function's own to wait for. `done`,
   * `succeed` and `fail` (the runtime's old way to answer) answer as the callback does.
   */
  #invocationContext(
    requestId: string,
    startedAt: number,
    callback: (error?: unknown, response?: unknown) => void,
  ): Context {
    const { clock, options, functionArn, logStreamName } = this.#context;
    const endsAt = startedAt + options.functionTimeoutMs;
    return {
      callbackWaitsForEmptyEventLoop: true,
      functionName: options.functionName,
      functionVersion: '$LATEST',
      invokedFunctionArn: functionArn,
      memoryLimitInMB: MEMORY_LIMIT_IN_MB,
      awsRequestId: requestId,
      logGroupName: `/aws/lambda/${options.functionName}`,
      logStreamName,
      getRemainingTimeInMillis: () => Math.max(0, endsAt - clock.now()),
      done: (error?: Error, result?: unknown) => callback(error, result),
      fail: (error: Error | string) => callback(error ?? new Error('fail')),
      succeed: (result: unknown) => callback(null, result),
    };
  }

  #classify(response: unknown, sequenceNumbers: readonly string[]): BatchOutcome {
    const { options } = this.#context;
    return classifyResponse(response, sequenceNumbers, options.reportBatchItemFailures, options.tumblingWindowMs > 0);
  }
}

/** A thrown error, a rejection, or the error a callback was given. */
function errorOutcome(error: unknown): BatchOutcome {
  return { kind: 'error', error, timedOut: false };
}
