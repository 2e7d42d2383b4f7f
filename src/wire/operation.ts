import type { Database } from '../database.js';
import type { ValidationTable } from '../validation/member-rules.js';

/** The two services of the JSON 1.0 protocol, as X-Amz-Target names them (`DynamoDB_20120810.PutItem`). */
export type ServiceName = 'DynamoDB_20120810' | 'DynamoDBStreams_20120810';

/**
 * One wire operation: its validation table and what it does. `run` gets the request body validated (JSON nulls
 * dropped) and returns the typed API's output; the dispatcher turns it into JSON (Dates, binary).
 */
export interface WireOperation {
  readonly validation: ValidationTable;
  run(db: Database, input: Record<string, unknown>): unknown;
}

/** The members of `input` that are present, for building a typed request from a wire one (names of AWS's model). */
export function pick<const Name extends string>(
  input: Record<string, unknown>,
  names: readonly Name[],
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const name of names) if (input[name] !== undefined) out[name] = input[name];
  return out;
}
