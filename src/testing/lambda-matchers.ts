import type { EventSourceMapping } from '../lambda/event-source-mapping.js';
import type { InvocationEvent } from '../lambda/mapping/mapping-metrics.js';
import type { ExpectedRecord, ObservedRecord } from './expected-record.js';
import { count, diffOf, type MatcherContext, type MatcherResult } from './matcher-context.js';
import { receivedForDiff, recordMatches, showRecords } from './record-matchers.js';

/** An EventSourceMapping, told by its members, so that a copy of the class from another build passes. */
function mappingOf(received: unknown, matcher: string): EventSourceMapping {
  const mapping = received as Partial<EventSourceMapping> | null;
  if (
    typeof mapping !== 'object' ||
    mapping === null ||
    !Array.isArray(mapping.history) ||
    typeof mapping.metrics !== 'function'
  )
    throw new TypeError(`${matcher} takes a Lambda event source mapping (attachLambda's result)`);
  return mapping as EventSourceMapping;
}

/** One invocation: number, shard, cause and outcome, then its records one to a line. */
function showInvocation(invocation: InvocationEvent): string {
  const records = showRecords(invocation.records as ObservedRecord[]).replaceAll('\n', '\n  ');
  return `  #${invocation.invocation} ${invocation.shardId} (${invocation.cause}, ${invocation.outcome}):\n  ${records}`;
}

function showHistory(history: readonly InvocationEvent[]): string {
  return history.length === 0 ? '  (none)' : history.map(showInvocation).join('\n');
}

/** `expect(mapping).toHaveBeenInvokedTimes(n)`: the function was invoked n times (retries included). */
export function toHaveBeenInvokedTimes(this: MatcherContext, received: unknown, times: number): MatcherResult {
  const mapping = mappingOf(received, 'toHaveBeenInvokedTimes');
  const { invocations } = mapping.metrics();
  const pass = invocations === times;
  const hint = this.utils.matcherHint(`${this.isNot ? '.not' : ''}.toHaveBeenInvokedTimes`, 'mapping', 'times');
  return {
    pass,
    message: () =>
      `${hint}\n\nExpected ${this.isNot ? 'not ' : ''}${count(times, 'invocation')}, received ${invocations}:\n${showHistory(mapping.history)}`,
  };
}

/**
 * `expect(mapping).toHaveBeenInvokedWith(records)`: some invocation (in the mapping's history) handed the function
 * exactly these records, in this order (a batch is one shard's records by sequence number).
 */
export function toHaveBeenInvokedWith(
  this: MatcherContext,
  received: unknown,
  expected: readonly ExpectedRecord[],
): MatcherResult {
  if (!Array.isArray(expected)) throw new TypeError('toHaveBeenInvokedWith takes a list of expected records');
  const mapping = mappingOf(received, 'toHaveBeenInvokedWith');
  const history = mapping.history;
  // Per invocation, how many of its records match the expected one at the same place: the best is diffed.
  const scores = history.map((invocation) => {
    const records = invocation.records as ObservedRecord[];
    const same = records.filter((record, i) => i < expected.length && recordMatches(this, record, expected[i]));
    return records.length === expected.length && same.length === expected.length ? Infinity : same.length;
  });
  const match = scores.indexOf(Infinity);
  const pass = match >= 0;
  const hint = this.utils.matcherHint(`${this.isNot ? '.not' : ''}.toHaveBeenInvokedWith`, 'mapping', 'records');
  return {
    pass,
    message: () => {
      if (pass)
        return `${hint}\n\nExpected no invocation with these records, but invocation #${history[match]!.invocation} had them:\n${showInvocation(history[match]!)}`;
      if (history.length === 0) return `${hint}\n\nExpected an invocation with these records, but there was none.`;
      const best = scores.indexOf(Math.max(...scores));
      const records = history[best]!.records as ObservedRecord[];
      const aligned = receivedForDiff(
        records,
        records.map((_, i) => i),
        expected,
      );
      return `${hint}\n\nNo invocation had these records. The closest, invocation #${history[best]!.invocation}:\n\n${diffOf(this, expected, aligned)}\n\nAll invocations:\n${showHistory(history)}`;
    },
  };
}

/** `expect(mapping).toHaveDiscarded(n)`: n records were discarded (after the retry or record age limits). */
export function toHaveDiscarded(this: MatcherContext, received: unknown, records: number): MatcherResult {
  const mapping = mappingOf(received, 'toHaveDiscarded');
  const { recordsDiscarded } = mapping.metrics();
  const pass = recordsDiscarded === records;
  const hint = this.utils.matcherHint(`${this.isNot ? '.not' : ''}.toHaveDiscarded`, 'mapping', 'records');
  const batches = mapping.discards.map(
    (discard) =>
      `  ${discard.shardId}: ${discard.sequenceNumbers.join(', ')} (${discard.failure.requestContext.condition})`,
  );
  return {
    pass,
    message: () =>
      `${hint}\n\nExpected ${this.isNot ? 'not ' : ''}${count(records, 'discarded record')}, received ${recordsDiscarded}${batches.length === 0 ? '.' : `:\n${batches.join('\n')}`}`,
  };
}
