import { alignForDiff } from './diff-alignment.js';
import { compactRecord, projectRecord, type ExpectedRecord, type ObservedRecord } from './expected-record.js';
import { matchInItemOrder } from './item-order.js';
import { count, diffOf, equalsIn, type MatcherContext, type MatcherResult } from './matcher-context.js';
import { oneLine } from './one-line.js';
import { recordSourceOf } from './record-source.js';

const ORDER_RULE =
  'Records are compared per item, in sequence-number order: records of different items may interleave.';

/** Whether one record matches one expected record (its members given, asymmetric matchers included). */
export function recordMatches(context: MatcherContext, record: ObservedRecord, expected: unknown): boolean {
  return equalsIn(context, projectRecord(record, expected), expected);
}

/**
 * The received records lined up with the expected ones for a diff: the matched ones in the expected order, then
 * the rest by sequence number; each in the form of the expected record at its place (the compact form past the
 * end), with what an asymmetric matcher accepts shown as the matcher.
 */
export function receivedForDiff(
  records: readonly ObservedRecord[],
  order: readonly number[],
  expected: readonly unknown[],
): unknown[] {
  const rest = records.map((_, index) => index).filter((index) => !order.includes(index));
  return [...order, ...rest].map((index, place) =>
    place < expected.length
      ? alignForDiff(projectRecord(records[index]!, expected[place]), expected[place])
      : compactRecord(records[index]!),
  );
}

function checkExpected(matcher: string, expected: unknown): asserts expected is readonly unknown[] {
  if (!Array.isArray(expected))
    throw new TypeError(
      `${matcher} takes a list of expected records, like [{ eventName: 'INSERT', keys: { id: 'a' } }]`,
    );
}

/**
 * `expect(recorderOrTableOrStream).toHaveRecords(expected)`. For a recorder: the expected records are among those
 * recorded, in per-item order, and are consumed (so that `toHaveNoMoreRecords` then checks that nothing else came).
 * For a table or stream: its retained records are exactly the expected ones, in per-item order.
 */
export function toHaveRecords(
  this: MatcherContext,
  received: unknown,
  expected: readonly ExpectedRecord[],
): MatcherResult {
  checkExpected('toHaveRecords', expected);
  const source = recordSourceOf(received);
  const { records } = source;
  const match = matchInItemOrder(records, expected, (record, wanted) => recordMatches(this, record, wanted));
  const extra = records.length - match.matched.length;
  const pass = match.failedAt === undefined && (source.recorder !== undefined || extra === 0);
  if (pass && !this.isNot) source.recorder?.consume(match.matched);
  const hint = this.utils.matcherHint(`${this.isNot ? '.not' : ''}.toHaveRecords`, 'received', 'expected');
  return {
    pass,
    message: () => {
      if (pass) {
        return `${hint}\n\nExpected ${source.name} not to have the expected records, but it has them. ${ORDER_RULE}\n\nReceived (${count(records.length, 'record')}):\n${showRecords(records)}`;
      }
      const why =
        match.failedAt === undefined
          ? `${capitalised(source.name)} has ${count(extra, 'record')} more than expected.`
          : `Expected record ${match.failedAt + 1} of ${expected.length} is not the next record of any item in ${source.name} (${count(records.length, 'record')}).`;
      const aligned = receivedForDiff(records, match.matched, expected);
      return `${hint}\n\n${why} ${ORDER_RULE}\n\n${diffOf(this, expected, aligned)}`;
    },
  };
}

/**
 * `expect(recorder).toHaveNoMoreRecords()`: the recorder holds no record that a matcher has not consumed. Of a
 * table or stream: it retains no record.
 */
export function toHaveNoMoreRecords(this: MatcherContext, received: unknown): MatcherResult {
  const source = recordSourceOf(received);
  const { records } = source;
  const pass = records.length === 0;
  const hint = this.utils.matcherHint(`${this.isNot ? '.not' : ''}.toHaveNoMoreRecords`, 'received', '');
  return {
    pass,
    message: () =>
      pass
        ? `${hint}\n\nExpected ${source.name} to have more records, but it has none.`
        : `${hint}\n\nExpected no more records, but ${source.name} has ${count(records.length, 'record')}:\n${showRecords(records)}`,
  };
}

/** Records one to a line, in the compact form: `INSERT {"id": "a"} new {"id": "a", "n": 1}`. */
export function showRecords(records: readonly ObservedRecord[]): string {
  return records
    .map((record) => {
      const { eventName, keys, newImage, oldImage, userIdentity } = compactRecord(record);
      const parts = [`  ${String(eventName)} ${oneLine(keys)}`];
      if (newImage !== undefined) parts.push(`new ${oneLine(newImage)}`);
      if (oldImage !== undefined) parts.push(`old ${oneLine(oldImage)}`);
      if (userIdentity !== undefined) parts.push(`by ${oneLine(userIdentity)}`);
      return parts.join(' ');
    })
    .join('\n');
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
