/**
 * Figure 5: how evenly the routing hash spreads keys over shards. Three sets of 1,000,000 partition keys are
 * hashed exactly as the stream routes them, h64 (xxhash-wasm) of the partition key's string:
 *
 *   sequential  "user-000000000001" ... "user-000001000000": the benchmark item's keys, distinct, differing
 *               only in their last digits (the classic case that breaks a weak hash).
 *   uuid        v4-shaped UUIDs ("xxxxxxxx-xxxx-4xxx-[89ab]xxx-xxxxxxxxxxxx") from a seeded generator, so every
 *               run hashes the same keys: distinct, random-looking.
 *   skewed      "tenant#<t>#user#<u>": 1,000,000 writes of a multi-tenant table. The tenant of a write is
 *               Zipf(1.1)-distributed over 1,000 tenants (tenant 1 writes about 18% of everything, most of
 *               the 1,000 a few hundred times each) and, within a tenant, the user is Zipf(1.1) over 1,000
 *               users, so the hottest key ("tenant#1#user#1") is written about 32,000 times while most keys
 *               are written once or never. This is what real tables look like (a few huge tenants, a few hot
 *               items, a long tail), and it is the case where the question "is the spread even?" has two
 *               answers: per record (what a shard's load is) and per distinct key (what the hash decides).
 *               Keys sharing long prefixes ("tenant#1#user#...") also test that the hash mixes the tail.
 *
 * Each set is counted over 2^k equal shards from `equalRanges(2^k)`, k = 1..10 (a key's shard is its hash's
 * top k bits, checked against a binary search over the ranges), and over the shards a real Stream ends up
 * with after automatic splits: a stream with `splitOnWriteRate` (1000 writes/s a shard) on a ManualClock,
 * fed the set's keys at 24,000 writes/s of simulated time, splits its hot shards until each takes less than
 * the limit; the open shards' `listShards().hashKeyRange`s are then the ranges, and all the set's keys are
 * counted over them (a sample of each open shard's records is read back to check the routing agrees).
 *
 * Per configuration: max/min of the shard loads, the coefficient of variation, and the chi-square
 * goodness-of-fit p-value against the uniform expectation (expected count = N · range width / 2^64, so the
 * unequal ranges after splits are judged by their widths). "Load" is count / expected, and for equal
 * ranges max/min and CV are the plain ones of the counts. The CV's baseline is what a perfectly random
 * assignment gives, sqrt(mean((1 - p_i) / (N p_i))) with p_i the range's share of the hash space, so a
 * ratio near 1 means "as even as chance allows"; the p-value is the probability that a random assignment
 * looks at least this uneven (large p: consistent with uniform; p ~ 0: not uniform).
 *
 * With `--svg` the benchmark also writes docs/hash-distribution.svg: shard load for k=4, k=6 and after the
 * splits, per key set (deterministic, so the committed file changes only when the numbers do). `npm run
 * bench -- --svg` passes the flag through.
 *
 * A check keeps the figures honest: the hashing here agrees with the stream's own routing (a 16-shard
 * stream fed a sample of the sequential keys holds exactly the counts computed here).
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import xxhash from 'xxhash-wasm';
import { Database, ManualClock, type Stream } from '../src/index.js';
import { equalRanges, type HashRange } from '../src/stream/hash-range.js';
import { checkChiSquare, chiSquareTest } from './chi-square.js';
import {
  checkItemSize,
  createBenchTable,
  isMain,
  keyOf,
  makeItem,
  note,
  now,
  runStandalone,
  type Figure,
} from './harness.js';
import { renderShardLoadSvg, type ChartPanel, type ChartRow } from './shard-load-svg.js';
import { SeededRandom } from '../src/model/seeded-random.js';

const KEYS = 1_000_000;
const MAX_K = 10;
const CHART_KS = [4, 6];
const ROUTING_CHECK_K = 4;
const ROUTING_CHECK_KEYS = 50_000;
/** The split stream: each shard splits above SPLIT_WRITES_PER_SECOND; keys arrive at WRITE_RATE a second. */
const SPLIT_WRITES_PER_SECOND = 1000;
const WRITES_PER_MS = 24;
const SEED = 0x5eed;
const TENANTS = 1000;
const USERS_PER_TENANT = 1000;
const ZIPF_EXPONENT = 1.1;
const TWO_POW_64 = 2 ** 64;
const SVG_PATH = fileURLToPath(new URL('../docs/hash-distribution.svg', import.meta.url));

// ------------------------------------------------------------------ the key sets

/** shardline's own seeded generator (sfc32), with a 53-bit float for the Zipf draws: runs repeat exactly. */
class Prng extends SeededRandom {
  uint32(): number {
    return this.nextUint32();
  }
  /** Uniform in [0, 1), 53 bits. */
  float(): number {
    return ((this.uint32() >>> 5) * 67_108_864 + (this.uint32() >>> 6)) / 9_007_199_254_740_992;
  }
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** A version-4-shaped UUID from 128 generated bits (version nibble 4, variant bits 10). */
function uuidV4(random: Prng): string {
  const bytes: number[] = [];
  for (let w = 0; w < 4; w++) {
    const word = random.uint32();
    bytes.push(word >>> 24, (word >>> 16) & 0xff, (word >>> 8) & 0xff, word & 0xff);
  }
  bytes[6] = ((bytes[6] as number) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] as number) & 0x3f) | 0x80;
  const h = bytes.map((b) => HEX[b] as string);
  return [
    h.slice(0, 4).join(''),
    h.slice(4, 6).join(''),
    h.slice(6, 8).join(''),
    h.slice(8, 10).join(''),
    h.slice(10, 16).join(''),
  ].join('-');
}

/** Cumulative Zipf(s) probabilities over ranks 1..n, for inverse-CDF sampling. */
function zipfCdf(n: number, s: number): Float64Array {
  const cdf = new Float64Array(n);
  let sum = 0;
  for (let rank = 1; rank <= n; rank++) {
    sum += rank ** -s;
    cdf[rank - 1] = sum;
  }
  for (let i = 0; i < n; i++) cdf[i] = (cdf[i] as number) / sum;
  return cdf;
}

/** A 1-based rank drawn from a Zipf CDF. */
function zipfRank(cdf: Float64Array, u: number): number {
  let lo = 0;
  let hi = cdf.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((cdf[mid] as number) <= u) lo = mid + 1;
    else hi = mid;
  }
  return lo + 1;
}

interface KeySet {
  id: string;
  label: string;
  keys: string[];
  /** For sets with repeated keys: 1 at each key's first write (the distinct-key view counts only those). */
  firstWrite?: Uint8Array;
  distinct: number;
  hottest: { key: string; writes: number };
}

function sequentialKeys(): KeySet {
  const keys = new Array<string>(KEYS);
  for (let i = 0; i < KEYS; i++) keys[i] = keyOf(i + 1);
  return {
    id: 'sequential',
    label: 'sequential ids',
    keys,
    distinct: KEYS,
    hottest: { key: keys[0] as string, writes: 1 },
  };
}

function uuidKeys(): KeySet {
  const random = new Prng(SEED);
  const keys = new Array<string>(KEYS);
  for (let i = 0; i < KEYS; i++) keys[i] = uuidV4(random);
  if (new Set(keys).size !== KEYS) throw new Error('uuid key set has duplicates');
  return {
    id: 'uuid',
    label: 'UUIDs (v4, seeded)',
    keys,
    distinct: KEYS,
    hottest: { key: keys[0] as string, writes: 1 },
  };
}

function skewedKeys(): KeySet {
  const random = new Prng(SEED + 1);
  const tenants = zipfCdf(TENANTS, ZIPF_EXPONENT);
  const users = zipfCdf(USERS_PER_TENANT, ZIPF_EXPONENT);
  const keys = new Array<string>(KEYS);
  const firstWrite = new Uint8Array(KEYS);
  const writes = new Uint32Array(TENANTS * USERS_PER_TENANT);
  let distinct = 0;
  for (let i = 0; i < KEYS; i++) {
    const tenant = zipfRank(tenants, random.float());
    const user = zipfRank(users, random.float());
    keys[i] = ['tenant#', String(tenant), '#user#', String(user)].join('');
    const id = (tenant - 1) * USERS_PER_TENANT + (user - 1);
    if (writes[id] === 0) {
      firstWrite[i] = 1;
      distinct++;
    }
    writes[id] = (writes[id] as number) + 1;
  }
  let hot = 0;
  for (let id = 1; id < writes.length; id++) if ((writes[id] as number) > (writes[hot] as number)) hot = id;
  const hottest = {
    key: `tenant#${Math.floor(hot / USERS_PER_TENANT) + 1}#user#${(hot % USERS_PER_TENANT) + 1}`,
    writes: writes[hot] as number,
  };
  return { id: 'skewed', label: 'skewed (Zipf tenant#t#user#u)', keys, firstWrite, distinct, hottest };
}

// ------------------------------------------------------------------ hashing and counting

/** The 64-bit hashes of a key set as two 32-bit halves (compared as (hi, lo) pairs, no bigint per key). */
interface Hashes {
  hi: Uint32Array;
  lo: Uint32Array;
}

function hashAll(h64: (text: string) => bigint, keys: readonly string[]): Hashes {
  const hi = new Uint32Array(keys.length);
  const lo = new Uint32Array(keys.length);
  for (let i = 0; i < keys.length; i++) {
    const hash = h64(keys[i] as string);
    hi[i] = Number(hash >> 32n);
    lo[i] = Number(hash & 0xffff_ffffn);
  }
  return { hi, lo };
}

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

/** Counts over 2^k equal ranges: a key's shard is its hash's top k bits. `mask`: count only where 1. */
function countEqual(hashes: Hashes, k: number, mask: Uint8Array | undefined): number[] {
  const counts = new Array<number>(2 ** k).fill(0);
  const shift = 32 - k;
  const { hi } = hashes;
  for (let i = 0; i < hi.length; i++) {
    if (mask !== undefined && mask[i] === 0) continue;
    const shard = (hi[i] as number) >>> shift;
    counts[shard] = (counts[shard] as number) + 1;
  }
  return counts;
}

/** Counts over sorted, adjacent ranges (binary search on (hi, lo) of the range starts). */
function countRanges(hashes: Hashes, ranges: readonly HashRange[], mask: Uint8Array | undefined): number[] {
  const startHi = Uint32Array.from(ranges, (range) => Number(range.start >> 32n));
  const startLo = Uint32Array.from(ranges, (range) => Number(range.start & 0xffff_ffffn));
  const counts = new Array<number>(ranges.length).fill(0);
  const { hi, lo } = hashes;
  for (let i = 0; i < hi.length; i++) {
    if (mask !== undefined && mask[i] === 0) continue;
    const h = hi[i] as number;
    const l = lo[i] as number;
    let a = 0;
    let b = ranges.length - 1;
    while (a < b) {
      const mid = (a + b + 1) >>> 1;
      const sh = startHi[mid] as number;
      if (sh < h || (sh === h && (startLo[mid] as number) <= l)) a = mid;
      else b = mid - 1;
    }
    counts[a] = (counts[a] as number) + 1;
  }
  return counts;
}

/** A range's share of the hash space. */
const widthOf = (range: HashRange): number => Number(range.end - range.start + 1n) / TWO_POW_64;

interface Spread {
  shards: number;
  total: number;
  /** The largest and smallest plain counts (for unequal ranges these differ from the loads' max/min). */
  maxCount: number;
  minCount: number;
  maxMin: number;
  cv: number;
  randomCv: number;
  chi2: number;
  df: number;
  p: number;
}

/**
 * Load statistics of counts over ranges of the given widths (shares of the hash space, summing to 1).
 * Load_i = count_i / (N · width_i); max/min and CV are over the loads (for equal widths: over the counts).
 */
function spread(counts: readonly number[], widths: readonly number[]): Spread {
  const n = counts.length;
  const total = counts.reduce((sum, c) => sum + c, 0);
  let max = 0;
  let min = Number.POSITIVE_INFINITY;
  let squares = 0;
  let randomVariance = 0;
  for (let i = 0; i < n; i++) {
    const p = widths[i] as number;
    const load = (counts[i] as number) / (total * p);
    max = Math.max(max, load);
    min = Math.min(min, load);
    squares += (load - 1) ** 2;
    randomVariance += (1 - p) / (total * p);
  }
  const test = chiSquareTest(counts, widths);
  return {
    shards: n,
    total,
    maxCount: Math.max(...counts),
    minCount: Math.min(...counts),
    maxMin: max / min,
    cv: Math.sqrt(squares / n),
    randomCv: Math.sqrt(randomVariance / n),
    chi2: test.statistic,
    df: test.df,
    p: test.p,
  };
}

// ------------------------------------------------------------------ the automatic splits

interface SplitResult {
  ranges: HashRange[];
  closed: number;
  depths: { min: number; max: number };
  ms: number;
}

/**
 * Feeds a set's keys to a stream with the write-rate split policy on, at WRITES_PER_MS on a ManualClock,
 * and returns its open shards' ranges (sorted), after checking that a sample of each open shard's records
 * route to it by this file's own routing.
 */
async function splitTopology(h64: (text: string) => bigint, keys: readonly string[]): Promise<SplitResult> {
  const start = now();
  const clock = new ManualClock();
  const db = await Database.create({ clock, seed: 42 });
  const table = db.createTable({
    TableName: 'splits',
    KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
    AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
    StreamSpecification: { StreamEnabled: true, StreamViewType: 'KEYS_ONLY' },
    streamOptions: { splitOnWriteRate: { writesPerSecond: SPLIT_WRITES_PER_SECOND }, rolloverAfter: false },
  });
  for (let i = 0; i < keys.length; i++) {
    if (i > 0 && i % WRITES_PER_MS === 0) clock.advance(1);
    // A counter attribute makes every write a change: a put of an identical item writes no stream record,
    // and the hot keys' repeated writes are exactly the load that drives the splits.
    table.putItem({ Item: { pk: { S: keys[i] as string }, n: { N: String(i) } } });
  }
  const stream = table.stream as Stream;
  const all = stream.listShards();
  const open = all
    .filter((shard) => shard.status === 'OPEN')
    .sort((a, b) => (a.hashKeyRange.start < b.hashKeyRange.start ? -1 : 1));
  const ranges = open.map((shard) => ({ start: shard.hashKeyRange.start, end: shard.hashKeyRange.end }));
  ranges.forEach((range, i) => {
    const next = ranges[i + 1];
    if (i === 0 && range.start !== 0n) throw new Error('open shards do not start at hash 0');
    if (next !== undefined && range.end + 1n !== next.start) throw new Error('open shards do not tile the hash space');
  });
  // The stream's routing agrees with countRanges: read back a sample of every open shard's records.
  open.forEach((shard, index) => {
    const { ShardIterator } = stream.getShardIterator({ ShardId: shard.shardId, ShardIteratorType: 'TRIM_HORIZON' });
    const page = stream.getRecords({ ShardIterator, Limit: 200 });
    for (const record of page.Records) {
      const hash = h64(record.dynamodb.Keys.pk?.S as string);
      if (routeByRanges(ranges, hash) !== index)
        throw new Error(
          `stream routed ${record.dynamodb.Keys.pk?.S} to open shard ${index}, the bench's routing disagrees`,
        );
    }
  });
  const depths = ranges.map((range) => Math.round(-Math.log2(widthOf(range))));
  db.close();
  return {
    ranges,
    closed: all.length - open.length,
    depths: { min: Math.min(...depths), max: Math.max(...depths) },
    ms: now() - start,
  };
}

// ------------------------------------------------------------------ output

interface Distribution {
  id: string;
  label: string;
  color: string;
  hashes: Hashes;
  mask: Uint8Array | undefined;
  splits: SplitResult;
}

function figuresFor(dist: Distribution, config: string, s: Spread, unequal: boolean): Figure[] {
  const prefix = `hash spread [${dist.id}] ${config}`;
  const figures: Figure[] = [
    { name: `${prefix}: max/min load`, value: s.maxMin, unit: 'ratio' },
    {
      name: `${prefix}: CV (baseline: random)`,
      value: s.cv,
      unit: 'stddev/mean',
      baseline: s.randomCv,
      ratio: s.cv / s.randomCv,
    },
    { name: `${prefix}: chi-square p`, value: s.p, unit: 'p-value' },
  ];
  // Over unequal ranges the load is per unit of hash space; what a shard actually carries is its plain count.
  if (unequal)
    figures.push({ name: `${prefix}: max/min count per shard`, value: s.maxCount / s.minCount, unit: 'ratio' });
  return figures;
}

function describeRow(config: string, s: Spread): string {
  const p = s.p >= 1e-4 ? s.p.toFixed(4) : s.p === 0 ? '< 1e-300' : s.p.toExponential(1);
  return `    ${config.padEnd(28)} max/min ${s.maxMin.toFixed(3).padStart(8)}  CV ${s.cv.toFixed(5).padStart(8)} (random ${s.randomCv.toFixed(5)}, x${(s.cv / s.randomCv).toFixed(2).padStart(6)})  chi2 ${s.chi2.toFixed(1).padStart(10)} df ${String(s.df).padStart(4)}  p ${p}`;
}

function chartPanel(title: string, counts: readonly number[], ranges: readonly HashRange[], s: Spread): ChartPanel {
  const p = s.p >= 1e-4 ? s.p.toFixed(3) : s.p === 0 ? '< 1e-300' : s.p.toExponential(1);
  const perShard = `per shard ${s.minCount.toLocaleString('en-US')} to ${s.maxCount.toLocaleString('en-US')}`;
  return {
    title,
    subtitle: [
      `load max/min ${s.maxMin.toFixed(3)} · CV ${s.cv.toFixed(4)} (random ${s.randomCv.toFixed(4)}) · p ${p}`,
      perShard,
    ],
    bars: ranges.map((range, i) => {
      const width = widthOf(range);
      return {
        start: Number(range.start) / TWO_POW_64,
        end: Number(range.start) / TWO_POW_64 + width,
        observed: counts[i] as number,
        expected: s.total * width,
      };
    }),
  };
}

export async function run(): Promise<Figure[]> {
  checkItemSize();
  checkChiSquare();
  const { h64 } = await xxhash();
  const wantsSvg = process.argv.includes('--svg');

  const sets = [sequentialKeys(), uuidKeys(), skewedKeys()];
  const colors: Record<string, string> = {
    sequential: '#1f77b4',
    uuid: '#2ca02c',
    skewed: '#d62728',
    'skewed-distinct': '#9467bd',
  };
  const distributions: Distribution[] = [];
  for (const set of sets) {
    const hashes = hashAll(h64, set.keys);
    const splits = await splitTopology(h64, set.keys);
    note(
      `  hash-distribution [${set.id}]: ${set.distinct.toLocaleString('en-US')} distinct keys${set.firstWrite === undefined ? '' : ` (hottest ${set.hottest.key}: ${set.hottest.writes.toLocaleString('en-US')} writes)`}; ` +
        `splits at ${SPLIT_WRITES_PER_SECOND} writes/s a shard, ${WRITES_PER_MS * 1000} writes/s: ${splits.ranges.length} open shards (depth ${splits.depths.min}-${splits.depths.max}), ${splits.closed} closed, ${(splits.ms / 1000).toFixed(1)} s`,
    );
    if (set.firstWrite === undefined) {
      distributions.push({
        id: set.id,
        label: set.label,
        color: colors[set.id] as string,
        hashes,
        mask: undefined,
        splits,
      });
    } else {
      distributions.push({
        id: `${set.id}-records`,
        label: `${set.label}: per record`,
        color: colors[set.id] as string,
        hashes,
        mask: undefined,
        splits,
      });
      distributions.push({
        id: `${set.id}-distinct`,
        label: `${set.label}: per distinct key`,
        color: colors['skewed-distinct'] as string,
        hashes,
        mask: set.firstWrite,
        splits,
      });
    }
    set.keys.length = 0;
  }

  // Equal ranges start at multiples of 2^(64-k): a key's shard is its hash's top k bits (checked on a sample).
  const sample = Array.from({ length: 1000 }, (_, i) => h64(keyOf(i * 997 + 1)));
  for (let k = 1; k <= MAX_K; k++) {
    const ranges = equalRanges(2 ** k);
    ranges.forEach((range, i) => {
      if (range.start !== BigInt(i) << BigInt(64 - k))
        throw new Error(`equalRanges(${2 ** k}) range ${i} does not start at i * 2^${64 - k}`);
    });
    for (const hash of sample) {
      if (routeByRanges(ranges, hash) !== Number(hash >> BigInt(64 - k)))
        throw new Error(`top-bits shard differs from range routing at k=${k}`);
    }
  }

  const figures: Figure[] = [];
  const rows: ChartRow[] = [];
  for (const dist of distributions) {
    note(`  hash-distribution [${dist.id}]:`);
    const panels: ChartPanel[] = [];
    for (let k = 1; k <= MAX_K; k++) {
      const shards = 2 ** k;
      const counts = countEqual(dist.hashes, k, dist.mask);
      const s = spread(counts, new Array<number>(shards).fill(1 / shards));
      const config = `k=${k} (${shards} shards)`;
      figures.push(...figuresFor(dist, config, s, false));
      note(describeRow(config, s));
      if (CHART_KS.includes(k))
        panels.push(chartPanel(`k=${k}: ${shards} equal ranges`, counts, equalRanges(shards), s));
    }
    const { ranges, depths } = dist.splits;
    const counts = countRanges(dist.hashes, ranges, dist.mask);
    const s = spread(counts, ranges.map(widthOf));
    const config = `after splits (${ranges.length} shards)`;
    figures.push(...figuresFor(dist, config, s, true));
    note(
      `${describeRow(config, s)}\n${' '.repeat(33)}per shard: ${s.minCount.toLocaleString('en-US')} to ${s.maxCount.toLocaleString('en-US')} (max/min ${(s.maxCount / s.minCount).toFixed(3)})`,
    );
    panels.push(
      chartPanel(
        `after automatic splits: ${ranges.length} shards, range depth ${depths.min === depths.max ? depths.min : `${depths.min}-${depths.max}`}`,
        counts,
        ranges,
        s,
      ),
    );
    rows.push({
      label: `${dist.label} (${s.total.toLocaleString('en-US')} ${dist.mask === undefined ? 'records' : 'distinct keys'})`,
      color: dist.color,
      panels,
    });
  }

  const skewed = sets[2] as KeySet;
  const hotShare = (skewed.hottest.writes / KEYS) * 100;
  note(
    [
      '  How to read this: for distinct keys (sequential, uuid, skewed per distinct key) the CV sits at the random',
      '  baseline (x ~1) and the chi-square p-values are unremarkable: h64 spreads distinct keys as evenly as chance',
      '  allows, for every shard count and for the unequal ranges left by splits. The skewed set per record is not',
      `  uniform by construction: its hottest key alone is ${hotShare.toFixed(1)}% of the writes, and every write of a key lands in`,
      '  the same shard, so per-record p ~ 0 and max/min grows with the shard count. That is the workload, not the hash:',
      "  a hot partition key is one shard's load whatever the split policy does (a split at the middle of its range",
      '  leaves the key whole in one child); spread such a key with write sharding (a suffix) if one shard cannot take it.',
    ].join('\n'),
  );

  if (wantsSvg) {
    const svg = renderShardLoadSvg({
      title: 'shardline: shard load under h64 routing, 1,000,000 keys per set',
      subtitle: `2^k equal ranges (k = 4, 6) and the open shards after automatic splits (${SPLIT_WRITES_PER_SECOND} writes/s a shard, keys written at ${WRITES_PER_MS * 1000}/s)`,
      rows,
      notes: [
        'Distinct keys (sequential ids, UUIDs, and the skewed set counted once per distinct key) fill every shard to its even share, within chance (CV at the random baseline, p-values unremarkable).',
        `The skewed set counted per record is uneven by construction: its hottest key, ${skewed.hottest.key}, is ${hotShare.toFixed(1)}% of all writes and always lands in one shard.`,
        "Splits follow the load: hot ranges split deeper, so that shard's range is narrower, but a single hot key stays whole in one shard; hashing cannot spread it.",
        'Regenerate: node --expose-gc --import tsx bench/hash-distribution.ts --svg   (or npm run bench -- --svg)',
      ],
    });
    writeFileSync(SVG_PATH, svg);
    note(`  hash-distribution: wrote ${SVG_PATH} (${(svg.length / 1024).toFixed(1)} KB)`);
  }

  // The stream's own routing agrees with the counts above (equal ranges).
  const { table, db } = await createBenchTable({ initialShards: 2 ** ROUTING_CHECK_K });
  for (let i = 1; i <= ROUTING_CHECK_KEYS; i++) table.putItem({ Item: makeItem(i) });
  const stream = table.stream;
  if (stream === undefined) throw new Error('no stream');
  const byStart = [...stream.listShards()]
    .sort((a, b) => (a.hashKeyRange.start < b.hashKeyRange.start ? -1 : 1))
    .map((shard) => shard.retainedRecords);
  const sequential = distributions[0] as Distribution;
  const firstKeys: Hashes = {
    hi: sequential.hashes.hi.subarray(0, ROUTING_CHECK_KEYS),
    lo: sequential.hashes.lo.subarray(0, ROUTING_CHECK_KEYS),
  };
  const expected = countEqual(firstKeys, ROUTING_CHECK_K, undefined);
  if (byStart.join() !== expected.join())
    throw new Error(`stream routing disagrees with the bench's hashing: ${byStart.join()} vs ${expected.join()}`);
  db.close();
  note(
    `  hash-distribution: routing check passed (${ROUTING_CHECK_KEYS} keys over ${2 ** ROUTING_CHECK_K} shards; a sample of every split stream's open shards)`,
  );
  return figures;
}

if (isMain(import.meta.url)) runStandalone('hash distribution', run);
