import type { ObservedRecord } from './expected-record.js';

/**
 * The order records are compared in. DynamoDB Streams orders the records of one item (by sequence number, as
 * their changes happened) and nothing across items: records of different items may sit on different shards and
 * reach a reader in any interleaving. So expected records are matched per item: each expected record, in the
 * order written, to the earliest record (by sequence number) that matches it and is the next unmatched record of
 * its item. A test lists each item's records in order and may interleave items as it likes.
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Streams.html
 */
export interface ItemOrderMatch {
  /** For each expected record matched, in order, the index of its record in `records`. */
  matched: number[];
  /** The index of the first expected record nothing matched, if any. */
  failedAt: number | undefined;
}

/** The item a record is about: its key attributes, as text that is the same for equal keys. */
export function itemOf(record: ObservedRecord): string {
  const keys = (record.dynamodb?.Keys ?? {}) as Record<string, unknown>;
  return JSON.stringify(
    Object.keys(keys)
      .sort()
      .map((name) => [name, keys[name]]),
  );
}

/** Sequence numbers are decimal text of any length: compared as numbers. */
export function bySequenceNumber(a: ObservedRecord, b: ObservedRecord): number {
  const x = BigInt(a.dynamodb?.SequenceNumber ?? '0');
  const y = BigInt(b.dynamodb?.SequenceNumber ?? '0');
  return x < y ? -1 : x > y ? 1 : 0;
}

/**
 * Matches `expected` against `records` (sorted by sequence number) in per-item order; `matches(record, expected)`
 * compares one pair. Stops at the first expected record that nothing matches.
 */
export function matchInItemOrder(
  records: readonly ObservedRecord[],
  expected: readonly unknown[],
  matches: (record: ObservedRecord, expected: unknown) => boolean,
): ItemOrderMatch {
  const items = records.map(itemOf);
  const used = new Array<boolean>(records.length).fill(false);
  const matched: number[] = [];
  for (let e = 0; e < expected.length; e++) {
    // The heads: for each item, its first record not matched yet, in sequence order.
    const seen = new Set<string>();
    let found = -1;
    for (let r = 0; r < records.length && found < 0; r++) {
      if (used[r] || seen.has(items[r]!)) continue;
      seen.add(items[r]!);
      if (matches(records[r]!, expected[e])) found = r;
    }
    if (found < 0) return { matched, failedAt: e };
    used[found] = true;
    matched.push(found);
  }
  return { matched, failedAt: undefined };
}
