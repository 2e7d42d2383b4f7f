import type { DynamoDBTimeWindowEvent, LambdaRecord } from './lambda-event.js';
import type { OpenWindow } from './shard-worker.js';

/**
 * Tumbling windows (https://docs.aws.amazon.com/lambda/latest/dg/services-ddb-windows.html): windows follow the
 * records' approximate creation time; each invocation in a window gets the state the previous one returned;
 * at the window's end a final invocation (no records, `isFinalInvokeForWindow`) gets the last state. A window
 * closed before its end (its shard ended, or its state outgrew 1 MB) says so with `isWindowTerminatedEarly`.
 */

/** "The state can be a maximum of 1 MB per shard. If it exceeds that size, Lambda terminates the window early." */
export const MAX_WINDOW_STATE_BYTES = 1024 * 1024;

/** ISO 8601 to the second, as Lambda writes window bounds and arrival times: `2020-07-30T17:00:00Z`. */
export function isoSeconds(ms: number): string {
  return new Date(ms - (ms % 1000)).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function windowBounds(start: number, windowMs: number): { start: string; end: string } {
  return { start: isoSeconds(start), end: isoSeconds(start + windowMs) };
}

/** Whether a final invocation at `at` closes the window early: before its end, or after its state grew too large. */
export function terminatedEarly(window: OpenWindow, windowMs: number, at: number): boolean {
  return window.terminatedEarly || at < window.start + windowMs;
}

export function stateTooLarge(state: Record<string, unknown>): boolean {
  return Buffer.byteLength(JSON.stringify(state)) > MAX_WINDOW_STATE_BYTES;
}

/** The event of an invocation in a tumbling window. */
export function timeWindowEvent(
  records: LambdaRecord[],
  window: OpenWindow,
  windowMs: number,
  shardId: string,
  eventSourceARN: string,
  final: boolean,
  at: number,
): DynamoDBTimeWindowEvent {
  return {
    Records: records,
    window: windowBounds(window.start, windowMs),
    state: window.state,
    shardId,
    eventSourceARN,
    isFinalInvokeForWindow: final,
    isWindowTerminatedEarly: final && terminatedEarly(window, windowMs, at),
  };
}
