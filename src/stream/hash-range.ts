/** Shards own inclusive ranges of the 64-bit xxhash of the partition key: [0, 2^64-1] in all. */
export const HASH_MIN = 0n;
export const HASH_MAX = (1n << 64n) - 1n;

export interface HashRange {
  readonly start: bigint;
  readonly end: bigint;
}

/** `count` equal, adjacent ranges covering the whole hash space (the last takes the remainder). */
export function equalRanges(count: number): HashRange[] {
  const width = (HASH_MAX + 1n) / BigInt(count);
  const ranges: HashRange[] = [];
  for (let i = 0; i < count; i++) {
    const start = width * BigInt(i);
    const end = i === count - 1 ? HASH_MAX : start + width - 1n;
    ranges.push({ start, end });
  }
  return ranges;
}

/** The first hash of the upper half: splitting at it gives two halves that differ by at most one. */
export function midpoint(range: HashRange): bigint {
  return range.start + (range.end - range.start + 1n) / 2n;
}
