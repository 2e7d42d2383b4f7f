import type { LambdaRecord } from '../invocation/lambda-event.js';

/**
 * A record fetched from the stream, converted once to the Lambda event's shape, waiting in its lane. The
 * mapping reads all else off it: a wrapper object per record would be garbage at the rate records arrive.
 */
export type QueuedRecord = LambdaRecord;

export function sequenceNumberOf(record: QueuedRecord): string {
  return (record.dynamodb as { SequenceNumber: string }).SequenceNumber;
}

/** ApproximateCreationDateTime in ms (what record age and tumbling windows are measured from). */
export function createdMsOf(record: QueuedRecord): number {
  return (record.dynamodb as { ApproximateCreationDateTime: number }).ApproximateCreationDateTime * 1000;
}

/** Start (ms) of the tumbling window of `windowMs` the record falls in. */
export function windowStartOf(record: QueuedRecord, windowMs: number): number {
  const created = createdMsOf(record);
  return created - (created % windowMs);
}

/** Sequence numbers are decimal strings of up to 40 digits: longer is larger, else compare as text. */
export function compareSequenceNumbers(a: string, b: string): number {
  if (a.length !== b.length) return a.length - b.length;
  return a < b ? -1 : a > b ? 1 : 0;
}
