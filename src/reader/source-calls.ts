import { isPromise } from '../model/is-promise.js';
import type {
  DescribeStreamInput,
  DescribeStreamOutput,
  GetRecordsInput,
  GetRecordsOutput,
  GetShardIteratorInput,
  GetShardIteratorOutput,
} from '../stream/types.js';
import type { StreamSource } from './stream-source.js';

/**
 * The reader's logic is written once, as generators that yield the source calls they need and each batch
 * they read (`deliver`), run by `runSync` (synchronous sources, so `drain()` works in a plain test) or by
 * `runAsync` (sources that answer with promises). A batch is handled before the next GetRecords call.
 */
interface CallShapes {
  describeStream: { input: DescribeStreamInput; output: DescribeStreamOutput };
  getShardIterator: { input: GetShardIteratorInput; output: GetShardIteratorOutput };
  getRecords: { input: GetRecordsInput; output: GetRecordsOutput };
}

export type SourceCall = { [K in keyof CallShapes]: { op: K; input: CallShapes[K]['input'] } }[keyof CallShapes];
/** A value handed to the driver's `deliver` callback (a batch read), answered when the callback returns. */
export interface Delivery {
  op: 'deliver';
  value: unknown;
}
export type Step<T> = Generator<SourceCall | Delivery, T, unknown>;
/** What the driver does with a delivered value; a promise is awaited (`runAsync`) or refused (`runSync`). */
export type Deliver = (value: unknown) => unknown;

/** Yields one source call and returns its typed answer (`const out = yield* call('getRecords', input)`). */
export function* call<K extends keyof CallShapes>(
  op: K,
  input: CallShapes[K]['input'],
): Generator<SourceCall, CallShapes[K]['output'], unknown> {
  return (yield { op, input } as SourceCall) as CallShapes[K]['output'];
}

/** Yields a value to the driver's `deliver` callback and resumes once it has returned. */
export function* deliver(value: unknown): Generator<Delivery, void, unknown> {
  yield { op: 'deliver', value };
}

const ignore = (): undefined => undefined;

function invoke(source: StreamSource, request: SourceCall): unknown {
  switch (request.op) {
    case 'describeStream':
      return source.describeStream(request.input);
    case 'getShardIterator':
      return source.getShardIterator(request.input);
    case 'getRecords':
      return source.getRecords(request.input);
  }
}

export function runSync<T>(source: StreamSource, step: Step<T>, onDeliver: Deliver = ignore): T {
  let next = step.next();
  while (!next.done) {
    const request = next.value;
    if (request.op === 'deliver') {
      let handled: unknown;
      try {
        handled = onDeliver(request.value);
      } catch (error) {
        // The consumer's own failure: the reader's step stops where it is (the batch's position is taken, its
        // checkpoint not saved), and the error is the consumer's to see, not the reader's to recover from.
        step.return(undefined as T);
        throw error;
      }
      if (isPromise(handled)) {
        handled.catch(() => undefined);
        step.return(undefined as T);
        throw new TypeError(
          'This batch handler or checkpoint store answers asynchronously: use drainEachAsync() or `for await`',
        );
      }
      next = step.next(undefined);
      continue;
    }
    let answer: unknown;
    try {
      answer = invoke(source, request);
    } catch (error) {
      next = step.throw(error);
      continue;
    }
    if (isPromise(answer)) {
      answer.catch(() => undefined);
      step.return(undefined as T);
      throw new TypeError('This stream source answers asynchronously: use pollAsync() / drainAsync() or `for await`');
    }
    next = step.next(answer);
  }
  return next.value;
}

export async function runAsync<T>(source: StreamSource, step: Step<T>, onDeliver: Deliver = ignore): Promise<T> {
  let next = step.next();
  while (!next.done) {
    const request = next.value;
    if (request.op === 'deliver') {
      try {
        await onDeliver(request.value);
      } catch (error) {
        step.return(undefined as T);
        throw error;
      }
      next = step.next(undefined);
      continue;
    }
    let answer: unknown;
    try {
      answer = await invoke(source, request);
    } catch (error) {
      next = step.throw(error);
      continue;
    }
    next = step.next(answer);
  }
  return next.value;
}
