/**
 * Figure 5: how evenly the routing hash spreads keys. 1,000,000 distinct partition keys (the benchmark
 * item's keys, "user-000000000000" ...) are hashed as the stream routes them, h64 (xxhash-wasm) of the key
 * string, and counted over 2^k equal shards from `equalRanges(2^k)`, for k = 1..10. Per k: the max/min
 * shard count ratio and the coefficient of variation (stddev / mean) of the counts. The baseline for the
 * CV is what a perfectly random assignment would give, sqrt((1 - p) / (N p)) with p = 2^-k, so a ratio
 * near 1 means "as even as chance allows".
 *
 * Two checks keep the figures honest: the equal ranges of 2^k shards start at multiples of 2^(64-k), so a
 * key's shard is its hash's top k bits (checked against a binary search over the ranges for a sample);
 * and the hashing here agrees with the stream's own routing (a 16-shard stream fed a sample of the keys
 * holds exactly the counts computed here).
 */
import xxhash from 'xxhash-wasm';
import { equalRanges, type HashRange } from '../src/stream/hash-range.js';
import { checkItemSize, createBenchTable, isMain, keyOf, makeItem, note, runStandalone, type Figure } from './harness.js';

const KEYS = 1_000_000;
const MAX_K = 10;
const ROUTING_CHECK_K = 4;
const ROUTING_CHECK_KEYS = 50_000;

/** The shard a hash falls in, by binary search over range starts (as the stream routes). */
function routeByRanges(ranges: readonly HashRange[], hash: bigint): number {
  let lo = 0;
  let hi = ranges.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if ((ranges[mid] as HashRange).start <= hash) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

function stats(counts: readonly number[]): { max: number; min: number; cv: number } {
  const n = counts.length;
  const mean = counts.reduce((sum, c) => sum + c, 0) / n;
  const variance = counts.reduce((sum, c) => sum + (c - mean) ** 2, 0) / n;
  return { max: Math.max(...counts), min: Math.min(...counts), cv: Math.sqrt(variance) / mean };
}

export async function run(): Promise<Figure[]> {
  checkItemSize();
  const { h64 } = await xxhash();

  // The top MAX_K bits of each key's hash; the top k bits are then a shift away.
  const top = new Uint16Array(KEYS);
  const sampleHashes: bigint[] = [];
  for (let i = 0; i < KEYS; i++) {
    const hash = h64(keyOf(i));
    top[i] = Number(hash >> BigInt(64 - MAX_K));
    if (i % 997 === 0) sampleHashes.push(hash);
  }

  const figures: Figure[] = [];
  for (let k = 1; k <= MAX_K; k++) {
    const shards = 2 ** k;
    const ranges = equalRanges(shards);
    ranges.forEach((range, i) => {
      if (range.start !== BigInt(i) << BigInt(64 - k)) throw new Error(`equalRanges(${shards}) range ${i} does not start at i * 2^${64 - k}`);
    });
    for (const hash of sampleHashes) {
      if (routeByRanges(ranges, hash) !== Number(hash >> BigInt(64 - k))) throw new Error(`top-bits shard differs from range routing at k=${k}`);
    }
    const counts = new Array<number>(shards).fill(0);
    const shift = MAX_K - k;
    for (let i = 0; i < KEYS; i++) {
      const shard = (top[i] as number) >> shift;
      counts[shard] = (counts[shard] as number) + 1;
    }
    const { max, min, cv } = stats(counts);
    const p = 1 / shards;
    const expectedCv = Math.sqrt((1 - p) / (KEYS * p));
    figures.push({ name: `hash spread k=${k} (${shards} shards): max/min count`, value: max / min, unit: 'ratio' });
    figures.push({
      name: `hash spread k=${k} (${shards} shards): CV (baseline: random)`,
      value: cv,
      unit: 'stddev/mean',
      baseline: expectedCv,
      ratio: cv / expectedCv,
    });
  }

  // The stream's own routing agrees with the counts above.
  const { table } = await createBenchTable({ initialShards: 2 ** ROUTING_CHECK_K });
  for (let i = 0; i < ROUTING_CHECK_KEYS; i++) table.putItem({ Item: makeItem(i) });
  const stream = table.stream;
  if (stream === undefined) throw new Error('no stream');
  const byStart = [...stream.listShards()].sort((a, b) => (a.hashKeyRange.start < b.hashKeyRange.start ? -1 : 1)).map((shard) => shard.retainedRecords);
  const expected = new Array<number>(2 ** ROUTING_CHECK_K).fill(0);
  for (let i = 0; i < ROUTING_CHECK_KEYS; i++) {
    const shard = (top[i] as number) >> (MAX_K - ROUTING_CHECK_K);
    expected[shard] = (expected[shard] as number) + 1;
  }
  if (byStart.join() !== expected.join()) throw new Error(`stream routing disagrees with the bench's hashing: ${byStart.join()} vs ${expected.join()}`);
  note(`  hash-distribution: routing check passed (${ROUTING_CHECK_KEYS} keys over ${2 ** ROUTING_CHECK_K} shards)`);
  return figures;
}

if (isMain(import.meta.url)) runStandalone('hash distribution', run);
