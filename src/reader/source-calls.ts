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
 * The reader's logic is written once, as generators that yield the source calls they need ("effects as
 * data"), and run by one of two drivers: `runSync` for synchronous sources (the embedded stream, so
 * `drain()` works in a plain unit test) and `runAsync` for sources that answer with promises (AWS SDK).
 */
interface CallShapes {
  describeStream: { input: DescribeStreamInput; output: DescribeStreamOutput };
  getShardIterator: { input: GetShardIteratorInput; output: GetShardIteratorOutput };
  getRecords: { input: GetRecordsInput; output: GetRecordsOutput };
}

export type SourceCall = { [K in keyof CallShapes]: { op: K; input: CallShapes[K]['input'] } }[keyof CallShapes];
export type Step<T> = Generator<SourceCall, T, unknown>;

/** Yields one source call and returns its typed answer (`const out = yield* call('getRecords', input)`). */
export function* call<K extends keyof CallShapes>(op: K, input: CallShapes[K]['input']): Generator<SourceCall, CallShapes[K]['output'], unknown> {
  return (yield { op, input } as SourceCall) as CallShapes[K]['output'];
}

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

function isPromise(value: unknown): value is Promise<unknown> {
  return typeof (value as { then?: unknown } | null)?.then === 'function';
}

export function runSync<T>(source: StreamSource, step: Step<T>): T {
  let next = step.next();
  while (!next.done) {
    let answer: unknown;
    try {
      answer = invoke(source, next.value);
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

export async function runAsync<T>(source: StreamSource, step: Step<T>): Promise<T> {
  let next = step.next();
  while (!next.done) {
    let answer: unknown;
    try {
      answer = await invoke(source, next.value);
    } catch (error) {
      next = step.throw(error);
      continue;
    }
    next = step.next(answer);
  }
  return next.value;
}
