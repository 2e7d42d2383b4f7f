/**
 * Figure 2: write cost does not grow with retained records. Time per putItem (distinct 100-byte items,
 * NEW_AND_OLD_IMAGES, ManualClock, automatic policies off), in windows of WINDOW writes:
 *   - "~0 retained": each window writes into a fresh, empty table and stream;
 *   - "1M retained": windows that follow a fill of 1,000,000 writes into one table and stream (it then
 *     retains 1.0M to 1.0M + ROUNDS x WINDOW records; nothing is trimmed on a still clock).
 * The two kinds of window alternate in one process, so both see the same machine noise and the same heap
 * (the 1M records are alive during the "~0" windows too): what differs is only how much the table and the
 * stream being written to already hold. The same is done for the raw baseline (xxh64 + Map.set + push), as
 * a control: what any in-memory store pays for a big Map and a big heap.
 *
 * Reported: the median window (robust to noise and to the one window that rehashes the table's Map at
 * 2^20 entries), and the mean over all windows.
 */
import xxhash from 'xxhash-wasm';
import type { AttributeMap, Table } from '../src/index.js';
import {
  checkItemSize,
  compared,
  createBenchTable,
  fill,
  gc,
  isMain,
  makeItem,
  makeItems,
  median,
  note,
  now,
  runStandalone,
  type Figure,
} from './harness.js';

const RETAINED = 1_000_000;
const WINDOW = 20_000;
const WARMUP_ROUNDS = 2;
const ROUNDS = 13;
const TARGET_RATIO = 1.5;

const mean = (values: readonly number[]) => values.reduce((sum, v) => sum + v, 0) / values.length;

/** A write target: the library's table, or the raw baseline. */
interface Sink {
  write(item: AttributeMap): void;
}

function tableSink(table: Table): Sink {
  return { write: (item) => void table.putItem({ Item: item }) };
}

function rawSink(h64: (text: string) => bigint): Sink {
  const store = new Map<string, AttributeMap>();
  const log: { seq: number; at: number; hash: bigint; item: AttributeMap }[] = [];
  return {
    write(item) {
      const key = item.pk?.S as string;
      const hash = h64(key);
      store.set(key, item);
      log.push({ seq: log.length + 1, at: 0, hash, item });
    },
  };
}

function timeWindow(sink: Sink, items: readonly AttributeMap[]): number {
  const start = now();
  for (let i = 0; i < items.length; i++) sink.write(items[i] as AttributeMap);
  return now() - start;
}

export async function run(): Promise<Figure[]> {
  checkItemSize();
  const { h64 } = await xxhash();

  // The full sinks, filled once.
  const full = await createBenchTable();
  const fillStart = now();
  fill(full.table, 0, RETAINED);
  const rawFull = rawSink(h64);
  for (let i = 0; i < RETAINED; i++) rawFull.write(makeItem(i));
  note(
    `  write-cost-vs-retained: filled 2 x ${RETAINED.toLocaleString('en-US')} writes in ${((now() - fillStart) / 1000).toFixed(1)} s`,
  );
  gc();

  // Inputs: one set for the fresh sinks (each copies or keeps its own), a new set per window for the full ones.
  const freshInputs = makeItems(RETAINED * 10, WINDOW);
  const times = { fresh: [] as number[], full: [] as number[], rawFresh: [] as number[], rawFull: [] as number[] };
  let next = RETAINED;
  for (let r = 0; r < WARMUP_ROUNDS + ROUNDS; r++) {
    const fresh = tableSink((await createBenchTable()).table);
    const rawFresh = rawSink(h64);
    const fullInputs = makeItems(next, WINDOW);
    const rawFullInputs = makeItems(next, WINDOW);
    next += WINDOW;
    const round = {
      fresh: timeWindow(fresh, freshInputs),
      full: timeWindow(tableSink(full.table), fullInputs),
      rawFresh: timeWindow(rawFresh, freshInputs),
      rawFull: timeWindow(rawFull, rawFullInputs),
    };
    if (r < WARMUP_ROUNDS) continue;
    for (const key of Object.keys(times) as (keyof typeof times)[]) times[key].push(round[key]);
  }
  const held = full.table.stream?.listShards().reduce((sum, shard) => sum + shard.retainedRecords, 0);
  if (held !== next) throw new Error(`expected ${next} retained records, found ${String(held)}`);

  for (const [name, ms] of Object.entries(times))
    note(`  write-cost-vs-retained ${name}: window ms ${ms.map((t) => t.toFixed(1)).join(' ')}`);
  const perWrite = (ms: number) => (ms * 1e6) / WINDOW; // ns per write
  const libEmpty = perWrite(median(times.fresh));
  const libFull = perWrite(median(times.full));
  const libEmptyMean = perWrite(mean(times.fresh));
  const libFullMean = perWrite(mean(times.full));
  const rawEmpty = perWrite(median(times.rawFresh));
  const rawFull_ = perWrite(median(times.rawFull));
  return [
    { name: 'write cost: putItem, ~0 records retained (median window)', value: libEmpty, unit: 'ns/write' },
    compared('write cost: putItem, 1M records retained (median window)', libFull, 'ns/write', libEmpty, {
      text: `ratio <= ${TARGET_RATIO}`,
      met: libFull / libEmpty <= TARGET_RATIO,
    }),
    compared('write cost: putItem, 1M vs ~0 retained (mean of windows)', libFullMean, 'ns/write', libEmptyMean),
    compared('write cost: raw baseline (control), 1M vs ~0 (median)', rawFull_, 'ns/write', rawEmpty),
  ];
}

if (isMain(import.meta.url)) runStandalone('write cost vs retained records', run);
