import type { DynamoDBTimeWindowEvent, LambdaRecord } from '../invocation/lambda-event.js';
import { sequenceNumberOf, windowStartOf, type QueuedRecord } from '../lanes/queued-record.js';

/**
 * Tumbling windows (https://docs.aws.amazon.com/lambda/latest/dg/services-ddb-windows.html): windows follow the
 * records' approximate creation time; each invocation in a window gets the state the previous one returned;
 * at the window's end a final invocation (no records, `isFinalInvokeForWindow`) gets the last state. A window
 * closed before its end (its shard ended, or its state outgrew 1 MB) says so with `isWindowTerminatedEarly`.
 */

/** A tumbling window open in a lane: its start and the state the last successful invocation returned. */
export interface OpenWindow {
  start: number;
  state: Record<string, unknown>;
  /** Set when the state outgrew 1 MB: the window is closed early at the next invocation. */
  terminatedEarly: boolean;
  /** The window's first record: the shard's checkpoint stays before it until the final invocation succeeds. */
  firstSequenceNumber: string;
}

/** Opens the window `first` (the record at the front of its lane) falls in, with empty state. */
export function openWindow(first: QueuedRecord, windowMs: number): OpenWindow {
  return {
    start: windowStartOf(first, windowMs),
    state: {},
    terminatedEarly: false,
    firstSequenceNumber: sequenceNumberOf(first),
  };
}

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
    // The state as JSON carries it: the function's own copy, so one that changes it and then fails leaves
    // the state its retry gets as it was.
    state: JSON.parse(JSON.stringify(window.state)) as Record<string, unknown>,
    shardId,
    eventSourceARN,
    isFinalInvokeForWindow: final,
    isWindowTerminatedEarly: final && terminatedEarly(window, windowMs, at),
  };
}
