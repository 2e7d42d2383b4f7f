import type { Database } from '../../database.js';

/**
 * The target prefix of shardline's own operations (the test kit's control interface, docs/time-travel.md): an
 * `X-Amz-Target` of `Shardline_20261208.AdvanceClock` is sent as any AWS JSON 1.0 call, so any HTTP client (and
 * any AWS SDK's low-level request) can send it. AWS never uses this prefix.
 */
export const CONTROL_TARGET_PREFIX = 'Shardline_20261208';

/** One operation of the control interface. */
export interface ControlOperation {
  /** The name after the prefix: `AdvanceClock`. */
  readonly name: string;
  /**
   * True for an operation that moves time or changes a stream: refused (ValidationException) unless the database
   * runs on a ManualClock, since on the system clock it would break what the clock promises.
   */
  readonly needsManualClock: boolean;
  /** Runs it: the input is the request's JSON object; the output is sent as JSON. Throws DynamoDBErrors. */
  run(db: Database, input: Record<string, unknown>): unknown;
}
