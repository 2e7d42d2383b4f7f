import type { DynamoDBBatchResponse } from 'aws-lambda';
import type { TimerHandle } from '../clock/clock.js';
import { classifyResponse, type BatchOutcome } from './batch-outcome.js';
import type { Lane } from './lane.js';
import type { DynamoDBStreamEvent, DynamoDBTimeWindowEvent, LambdaRecord } from './lambda-event.js';
import type { MappingContext } from './mapping-context.js';
import type { InvocationEvent } from './mapping-metrics.js';
import { sequenceNumberOf, type QueuedRecord } from './queued-record.js';
import type { ShardWorker } from './shard-worker.js';
import { timeWindowEvent, type OpenWindow } from './tumbling-window.js';

/** The `context` a handler receives: the parts of Lambda's context object an emulated function can use. */
export interface InvocationContext {
  awsRequestId: string;
  functionName: string;
  functionVersion: '$LATEST';
  invokedFunctionArn: string;
  /** Time left before `FunctionTimeoutInSeconds`, on the mapping's clock. */
  getRemainingTimeInMillis(): number;
}

type MaybePromise<T> = T | Promise<T>;

/** A function for a DynamoDB stream: may return `batchItemFailures` (with `ReportBatchItemFailures`). */
export type StreamHandler = (event: DynamoDBStreamEvent, context: InvocationContext) => MaybePromise<DynamoDBBatchResponse | void | undefined | null>;

/** A function for a mapping with `TumblingWindowInSeconds`: must return the window's `state`. */
export type TimeWindowHandler = (
  event: DynamoDBTimeWindowEvent,
  context: InvocationContext,
) => MaybePromise<{ state: Record<string, unknown>; batchItemFailures?: { itemIdentifier: string }[] } | void | undefined | null>;

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

  /** Invocations whose promise has not settled yet. */
  get pending(): number {
    return this.#pending;
  }

  invoke(worker: ShardWorker, lane: Lane, entries: QueuedRecord[], cause: InvocationEvent['cause'], final: boolean): void {
    const { clock, options, history, ids } = this.#context;
    const now = clock.now();
    const sequenceNumbers = entries.map(sequenceNumberOf);
    const invocation: Invocation = { worker, lane, entries, sequenceNumbers, cause, final, startedAt: now, number: history.nextInvocationNumber(), requestId: ids.next() };
    // The function gets its own array: one that empties `event.Records` as it goes changes nothing here.
    const records: LambdaRecord[] = entries.slice();
    const windowMs = options.tumblingWindowMs;
    const event: DynamoDBStreamEvent | DynamoDBTimeWindowEvent =
      windowMs > 0 ? timeWindowEvent(records, lane.window as OpenWindow, windowMs, worker.shardId, this.#context.eventSourceArn, final, now) : { Records: records };
    lane.inFlight = true;
    lane.invokes++;
    const timeoutMs = options.functionTimeoutMs;
    const context: InvocationContext = {
      awsRequestId: invocation.requestId,
      functionName: options.functionName,
      functionVersion: '$LATEST',
      invokedFunctionArn: this.#context.functionArn,
      getRemainingTimeInMillis: () => Math.max(0, now + timeoutMs - clock.now()),
    };
    let result: unknown;
    try {
      result = (this.#handler as (event: unknown, context: InvocationContext) => unknown)(event, context);
    } catch (error) {
      this.#complete(invocation, { kind: 'error', error, timedOut: false });
      return;
    }
    if (!isPromise(result)) {
      this.#complete(invocation, this.#classify(result, sequenceNumbers));
      return;
    }
    this.#pending++;
    let settled = false;
    const settle = (outcome: BatchOutcome): void => {
      if (settled) return;
      settled = true;
      timer.cancel();
      this.#timeouts.delete(timer);
      this.#pending--;
      if (this.#context.state === 'Deleting') return;
      this.#complete(invocation, outcome);
      this.#afterAsync();
    };
    // The timeout, on the clock: an invocation still running then is a function error, whatever it answers later.
    const timer = clock.schedule(now + timeoutMs, () =>
      settle({ kind: 'error', error: new Error(`Task timed out after ${(timeoutMs / 1000).toFixed(2)} seconds`), timedOut: true }),
    );
    this.#timeouts.add(timer);
    result.then(
      (value) => settle(this.#classify(value, sequenceNumbers)),
      (error: unknown) => settle({ kind: 'error', error, timedOut: false }),
    );
  }

  /** The mapping is deleted: the timeouts of invocations in flight are cancelled (their answers are ignored). */
  cancelTimeouts(): void {
    for (const timer of this.#timeouts) timer.cancel();
    this.#timeouts.clear();
  }

  #classify(response: unknown, sequenceNumbers: readonly string[]): BatchOutcome {
    const { options } = this.#context;
    return classifyResponse(response, sequenceNumbers, options.reportBatchItemFailures, options.tumblingWindowMs > 0);
  }
}

export function isPromise(value: unknown): value is Promise<unknown> {
  return typeof (value as { then?: unknown } | null)?.then === 'function';
}
