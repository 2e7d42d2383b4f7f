/**
 * Figure 7: the reader's shard-discovery cost against the number of closed shards it has already finished.
 * A StreamReader finds a new shard when the shard it reads ends (CHILD_SHARDS for that shard), so one
 * discovery step should cost the same whether the stream's history holds 100 finished shards or 10,000.
 *
 * Two streams (automatic policies off, 4 open shards each) are given a history by rollovers: every
 * generation rolls over all 4 open shards (`rolloverShard`) and writes one record into each child, and a
 * StreamReader from TRIM_HORIZON drains after each generation, so every closed shard is read to its end
 * and finished. One stream gets ~100 closed, finished shards, the other ~10,000 (all within retention:
 * the ManualClock moves 1 ms a generation).
 *
 * One discovery step, timed piece by piece, on each stream in turn (interleaved):
 *   rollover   `stream.rolloverShard(id)` of one open shard (the stream's side: close it, open a child),
 *              then one record is written into the child (not timed);
 *   drain      `reader.drain()`: the parent's end, CHILD_SHARDS, the child started, its record read;
 *   checkpoint `reader.checkpoint()`;
 *   describe   `stream.describeStream({ ShardFilter: { Type: 'CHILD_SHARDS', ShardId: parent } })`.
 * Each step is checked (drain returns exactly the one record, from the child; the checkpoint names only
 * the 4 shards being read; CHILD_SHARDS lists the one child). The small stream is rebuilt every block of
 * steps so its history stays near 100 (the large one's grows by a percent or two). Median microseconds per
 * step are reported at ~100 and ~10,000 finished shards with their ratio; target: ratio <= 2 for the
 * reader's pieces (drain, checkpoint, describe). The rollover is reported without a target: it is the
 * stream's topology change, not the reader's discovery.
 *
 * A full DescribeStream listing (every page of 100, as a reader's first poll does) is timed too, per shard
 * listed, to show how that grows with history.
 */
import xxhash from 'xxhash-wasm';
import { StreamReader, type Stream, type Table } from '../src/index.js';
import { SHARD_END } from '../src/reader/checkpoint.js';
import {
  compared,
  createBenchTable,
  gc,
  isMain,
  median,
  note,
  now,
  runStandalone,
  type BenchTable,
  type Figure,
} from './harness.js';

const OPEN_SHARDS = 4;
const SMALL_HISTORY = 100;
const LARGE_HISTORY = 10_000;
const BLOCKS = 20;
const STEPS_PER_BLOCK = 10;
const WARMUP_BLOCKS = 2;
const TARGET_RATIO = 2;

interface History {
  bench: BenchTable;
  stream: Stream;
  reader: StreamReader;
  /** The open shard of each of the OPEN_SHARDS equal ranges. */
  openIds: string[];
  /** Closed shards the reader has finished. */
  finished: number;
  writes: number;
  next: number;
}

/** A key whose hash lands in each of the OPEN_SHARDS equal ranges (rollovers keep the ranges). */
async function keysPerRange(): Promise<string[]> {
  const { h64 } = await xxhash();
  const keys: (string | undefined)[] = new Array(OPEN_SHARDS).fill(undefined);
  const bits = BigInt(Math.log2(OPEN_SHARDS));
  for (let i = 0; keys.includes(undefined); i++) {
    const key = `key-${i}`;
    const range = Number(h64(key) >> (64n - bits));
    keys[range] ??= key;
  }
  return keys as string[];
}

function write(history: History, keys: readonly string[], range: number): void {
  const table: Table = history.bench.table;
  table.putItem({ Item: { pk: { S: keys[range] as string }, n: { N: String(++history.writes) } } });
}

/** A stream whose reader has finished `closed` closed shards (rounded up to whole generations). */
async function buildHistory(closed: number, keys: readonly string[]): Promise<History> {
  const bench = await createBenchTable({ initialShards: OPEN_SHARDS });
  const stream = bench.table.stream as Stream;
  const openIds = stream
    .listShards()
    .sort((a, b) => (a.hashKeyRange.start < b.hashKeyRange.start ? -1 : 1))
    .map((shard) => shard.shardId);
  const history: History = {
    bench,
    stream,
    reader: new StreamReader(stream),
    openIds,
    finished: 0,
    writes: 0,
    next: 0,
  };
  for (let range = 0; range < OPEN_SHARDS; range++) write(history, keys, range);
  history.reader.drain();
  while (history.finished < closed) {
    bench.clock.advance(1);
    for (let range = 0; range < OPEN_SHARDS; range++) {
      history.openIds[range] = stream.rolloverShard(history.openIds[range] as string).shardId;
      write(history, keys, range);
    }
    history.reader.drain();
    history.finished += OPEN_SHARDS;
  }
  const done = history.reader.metrics().filter((shard) => shard.status === 'done').length;
  if (done !== history.finished) throw new Error(`reader finished ${done} shards, expected ${history.finished}`);
  return history;
}

interface StepTimes {
  rollover: number;
  drain: number;
  checkpoint: number;
  describe: number;
}

/** One discovery step: roll over one open shard, write into the child, and time how the reader finds it. */
function step(history: History, keys: readonly string[]): StepTimes {
  const { stream, reader } = history;
  const range = history.next++ % OPEN_SHARDS;
  const parent = history.openIds[range] as string;
  history.bench.clock.advance(1);

  let start = now();
  const child = stream.rolloverShard(parent).shardId;
  const rollover = now() - start;
  history.openIds[range] = child;
  write(history, keys, range);

  start = now();
  const batches = reader.drain();
  const drain = now() - start;
  if (batches.length !== 1 || batches[0]?.shardId !== child || batches[0].records.length !== 1) {
    throw new Error(`drain after a rollover returned ${batches.length} batches, expected the child's one record`);
  }
  history.finished++;

  start = now();
  const checkpoint = reader.checkpoint();
  const checkpointMs = now() - start;
  const named = Object.keys(checkpoint);
  if (named.length !== OPEN_SHARDS || !named.includes(child) || Object.values(checkpoint).includes(SHARD_END)) {
    throw new Error(`checkpoint names ${named.length} shards, expected the ${OPEN_SHARDS} being read`);
  }

  start = now();
  const children = stream.describeStream({ ShardFilter: { Type: 'CHILD_SHARDS', ShardId: parent } }).StreamDescription
    .Shards;
  const describe = now() - start;
  if (children.length !== 1 || children[0]?.ShardId !== child)
    throw new Error('CHILD_SHARDS did not list the one child');

  return { rollover, drain, checkpoint: checkpointMs, describe };
}

/** Milliseconds for a full DescribeStream listing (every page), as a reader's first poll makes it. */
function fullListing(stream: Stream): { ms: number; shards: number } {
  const start = now();
  let shards = 0;
  let from: string | undefined;
  do {
    const page = stream.describeStream(from === undefined ? {} : { ExclusiveStartShardId: from });
    shards += page.StreamDescription.Shards.length;
    from = page.StreamDescription.LastEvaluatedShardId;
  } while (from !== undefined);
  return { ms: now() - start, shards };
}

export async function run(): Promise<Figure[]> {
  const keys = await keysPerRange();
  let start = now();
  const large = await buildHistory(LARGE_HISTORY, keys);
  note(
    `  shard-discovery: built a history of ${large.finished.toLocaleString('en-US')} finished shards in ${((now() - start) / 1000).toFixed(1)} s`,
  );

  const pieces = ['rollover', 'drain', 'checkpoint', 'describe'] as const;
  const samples = {
    small: new Map(pieces.map((p) => [p, [] as number[]])),
    large: new Map(pieces.map((p) => [p, [] as number[]])),
  };
  const listing = { small: [] as number[], large: [] as number[] };
  let smallHistory = { min: Number.POSITIVE_INFINITY, max: 0 };
  const largeStart = large.finished;
  start = now();
  for (let block = 0; block < WARMUP_BLOCKS + BLOCKS; block++) {
    const small = await buildHistory(SMALL_HISTORY, keys);
    gc();
    for (let s = 0; s < STEPS_PER_BLOCK; s++) {
      for (const [name, history] of [
        ['small', small],
        ['large', large],
      ] as const) {
        const finishedBefore = history.finished;
        const times = step(history, keys);
        if (block < WARMUP_BLOCKS) continue;
        if (name === 'small')
          smallHistory = {
            min: Math.min(smallHistory.min, finishedBefore),
            max: Math.max(smallHistory.max, finishedBefore),
          };
        for (const piece of pieces) samples[name].get(piece)?.push(times[piece]);
      }
    }
    if (block >= WARMUP_BLOCKS) {
      for (const [name, history] of [
        ['small', small],
        ['large', large],
      ] as const) {
        const { ms, shards } = fullListing(history.stream);
        listing[name].push((ms * 1000) / shards);
      }
    }
    small.bench.db.close();
  }
  note(
    `  shard-discovery: ${BLOCKS * STEPS_PER_BLOCK} steps on each stream in ${((now() - start) / 1000).toFixed(1)} s`,
  );

  const us = (name: 'small' | 'large', piece: (typeof pieces)[number]) =>
    median(samples[name].get(piece) as number[]) * 1000;
  for (const piece of pieces) {
    const pct = (name: 'small' | 'large', q: number) => {
      const sorted = [...(samples[name].get(piece) as number[])].sort((a, b) => a - b);
      return ((sorted[Math.floor(q * (sorted.length - 1))] as number) * 1000).toFixed(1);
    };
    note(
      `  shard-discovery ${piece}: us p10/median/p90 small ${pct('small', 0.1)}/${pct('small', 0.5)}/${pct('small', 0.9)}, large ${pct('large', 0.1)}/${pct('large', 0.5)}/${pct('large', 0.9)}`,
    );
  }
  const smallLabel = `${smallHistory.min}-${smallHistory.max}`;
  const largeLabel = `${largeStart.toLocaleString('en-US')}-${large.finished.toLocaleString('en-US')}`;
  note(`  shard-discovery: finished shards during the steps: small ${smallLabel}, large ${largeLabel}`);

  const figures: Figure[] = [];
  const describePiece: Record<(typeof pieces)[number], string> = {
    rollover: 'stream.rolloverShard (topology change)',
    drain: 'reader.drain() finding and reading the child',
    checkpoint: 'reader.checkpoint()',
    describe: 'describeStream CHILD_SHARDS',
  };
  for (const piece of pieces) {
    const at100 = us('small', piece);
    const at10k = us('large', piece);
    figures.push({
      name: `discovery: ${describePiece[piece]}, ~${SMALL_HISTORY} finished shards`,
      value: at100,
      unit: 'us/step',
    });
    const target =
      piece === 'rollover' ? undefined : { text: `ratio <= ${TARGET_RATIO}`, met: at10k / at100 <= TARGET_RATIO };
    figures.push(
      compared(
        `discovery: ${describePiece[piece]}, ~${LARGE_HISTORY.toLocaleString('en-US')} finished shards`,
        at10k,
        'us/step',
        at100,
        target,
      ),
    );
  }
  const listSmall = median(listing.small);
  const listLarge = median(listing.large);
  figures.push({
    name: `discovery: full describeStream listing, ~${SMALL_HISTORY} shards`,
    value: listSmall,
    unit: 'us/shard listed',
  });
  figures.push(
    compared(
      `discovery: full describeStream listing, ~${LARGE_HISTORY.toLocaleString('en-US')} shards`,
      listLarge,
      'us/shard listed',
      listSmall,
    ),
  );
  return figures;
}

if (isMain(import.meta.url)) runStandalone('shard discovery', run);
