import type { StreamSource } from '../../reader/stream-source.js';
import { Stream } from '../../stream/stream.js';

// The arguments of `attachLambda`, `runUntilIdle` and `drain`, checked: a TypeError or RangeError that says what
// the call takes, since a wrong argument there is a programming error, not an AWS request.

/** How much simulated time `runUntilIdle()` and `drain()` allow by default: the retention, and an hour more. */
const DEFAULT_MAX_RUN_MS = 25 * 3_600_000;

/** The first argument must be a stream: `table.stream` is undefined for a table created without one. */
export function checkSource(source: unknown): asserts source is Stream | StreamSource {
  if (source instanceof Stream) return;
  const candidate = source as Partial<Record<keyof StreamSource, unknown>> | null | undefined;
  if (typeof candidate !== 'object' || candidate === null) {
    const hint =
      candidate === undefined
        ? ' (table.stream is undefined for a table without StreamSpecification: { StreamEnabled: true })'
        : '';
    throw new TypeError(
      `attachLambda(stream, handler, options) needs a Stream or a StreamSource as its stream, got ${describeArgument(source)}${hint}`,
    );
  }
  for (const method of ['describeStream', 'getShardIterator', 'getRecords', 'now', 'schedule'] as const) {
    if (typeof candidate[method] !== 'function') {
      throw new TypeError(
        `attachLambda(stream, handler, options) needs a Stream or a StreamSource as its stream, got an object without ${method}()`,
      );
    }
  }
  if (typeof candidate.streamArn !== 'string') {
    throw new TypeError(
      'attachLambda(stream, handler, options) needs a Stream or a StreamSource as its stream, got an object without a streamArn',
    );
  }
}

export function describeArgument(value: unknown): string {
  return value === null ? 'null' : Array.isArray(value) ? 'a list' : typeof value;
}

/** The `maxMs` of `runUntilIdle()` or `drain()`: a positive number of simulated milliseconds. */
export function maxRunMs(call: string, options: { maxMs?: number } | undefined): number {
  if (options === undefined) return DEFAULT_MAX_RUN_MS;
  if (typeof options !== 'object' || options === null)
    throw new TypeError(`${call}(options) takes { maxMs }, got ${describeArgument(options)}`);
  for (const key of Object.keys(options)) {
    if (key !== 'maxMs') throw new TypeError(`${call}(options) takes { maxMs }, got an unknown option '${key}'`);
  }
  const { maxMs } = options;
  if (maxMs === undefined) return DEFAULT_MAX_RUN_MS;
  if (typeof maxMs !== 'number' || Number.isNaN(maxMs) || maxMs <= 0) {
    throw new RangeError(`${call}({ maxMs }) needs a positive number of simulated milliseconds, got ${String(maxMs)}`);
  }
  return maxMs;
}
