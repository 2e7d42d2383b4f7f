import { toHaveBeenInvokedTimes, toHaveBeenInvokedWith, toHaveDiscarded } from './lambda-matchers.js';
import type { AsymmetricRecordMatcher, ExpectedRecord } from './expected-record.js';
import { toHaveNoMoreRecords, toHaveRecords } from './record-matchers.js';

/**
 * shardline's matchers, for `expect.extend` (vitest's or jest's): `shardline/vitest` and `shardline/jest` register
 * them when imported; this object is for registering them yourself.
 */
export const shardlineMatchers = {
  toHaveRecords,
  toHaveNoMoreRecords,
  toHaveBeenInvokedTimes,
  toHaveBeenInvokedWith,
  toHaveDiscarded,
};

/** The matchers' types, as each runner's `expect(...)` gains them (`R`: what an assertion returns). */
export interface ShardlineMatchers<R = unknown> {
  /**
   * A recorder: these records were recorded, in per-item order (consumed). A table or stream: its retained records
   * are exactly these, in per-item order.
   */
  toHaveRecords(expected: readonly (ExpectedRecord | AsymmetricRecordMatcher)[]): R;
  /** A recorder: nothing left that a matcher has not consumed. A table or stream: no retained record. */
  toHaveNoMoreRecords(): R;
  /** A Lambda mapping: its function was invoked this many times, retries included. */
  toHaveBeenInvokedTimes(times: number): R;
  /** A Lambda mapping: some invocation was handed exactly these records, in this order. */
  toHaveBeenInvokedWith(records: readonly (ExpectedRecord | AsymmetricRecordMatcher)[]): R;
  /** A Lambda mapping: this many records were discarded after its retry or record-age limits. */
  toHaveDiscarded(records: number): R;
}

/** An `expect` that takes matchers: vitest's, jest's, or the `expect` package's. */
export interface ExtendableExpect {
  extend(matchers: Record<string, unknown>): void;
}

/** Registers shardline's matchers with this `expect`. */
export function registerShardlineMatchers(expect: ExtendableExpect): void {
  expect.extend(shardlineMatchers);
}
