/**
 * Figure 4: heap bytes per retained write. 1,000,000 distinct 100-byte items are put into a table with a
 * NEW_AND_OLD_IMAGES stream; the heap is measured after a full gc before and after, and the difference is
 * divided by the writes. That covers the table's item (and its Map entry) and the stream's record.
 *
 * Each measurement runs in a fresh node process (this file re-runs itself with `--scenario`), so nothing
 * allocated earlier (by other benchmarks, or by the other scenarios) confuses the numbers. Beside the figure:
 *   - the table alone (stream disabled), to split the figure into the item's share and the record's;
 *   - a raw baseline on the same inputs: the caller's objects kept as they are in a Map, plus a pushed
 *     { seq, at, hash, item } record (no copy, no validation), the least any in-memory log could hold.
 */
import { fileURLToPath } from 'node:url';
import xxhash from 'xxhash-wasm';
import { Database, ManualClock, type AttributeMap } from '../src/index.js';
import {
  checkItemSize,
  compared,
  createBenchTable,
  fill,
  gc,
  hasGc,
  isMain,
  makeItem,
  note,
  parseFigures,
  printFigures,
  runChild,
  runStandalone,
  type Figure,
} from './harness.js';

const WRITES = 1_000_000;
const TARGET_BYTES = 600;

type Scenario = 'stream' | 'table-only' | 'raw';
const SCENARIOS: readonly Scenario[] = ['stream', 'table-only', 'raw'];

function heapUsed(): number {
  gc();
  return process.memoryUsage().heapUsed;
}

/** Runs in the child: bytes of heap per write for one scenario. */
async function measure(scenario: Scenario): Promise<number> {
  if (!hasGc()) throw new Error('heap-per-record needs node --expose-gc');
  checkItemSize();
  let keep: unknown;
  let before: number;
  if (scenario === 'raw') {
    const { h64 } = await xxhash();
    const store = new Map<string, AttributeMap>();
    const log: { seq: number; at: number; hash: bigint; item: AttributeMap }[] = [];
    before = heapUsed();
    for (let i = 0; i < WRITES; i++) {
      const item = makeItem(i);
      const key = item.pk?.S as string;
      store.set(key, item);
      log.push({ seq: i + 1, at: 0, hash: h64(key), item });
    }
    keep = [store, log];
  } else if (scenario === 'stream') {
    const { table } = await createBenchTable();
    before = heapUsed();
    fill(table, 0, WRITES);
    const retained = table.stream?.listShards().reduce((sum, shard) => sum + shard.retainedRecords, 0);
    if (retained !== WRITES || table.itemCount !== WRITES) throw new Error(`expected ${WRITES} items and records`);
    keep = table;
  } else {
    const db = await Database.create({ clock: new ManualClock(), seed: 42 });
    const table = db.createTable({
      TableName: 'bench',
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
      AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
    });
    before = heapUsed();
    fill(table, 0, WRITES);
    if (table.itemCount !== WRITES) throw new Error(`expected ${WRITES} items`);
    keep = table;
  }
  const after = heapUsed();
  if (keep === undefined) throw new Error('unreachable');
  return (after - before) / WRITES;
}

export async function run(): Promise<Figure[]> {
  const self = fileURLToPath(import.meta.url);
  const bytes = new Map<Scenario, number>();
  for (const scenario of SCENARIOS) {
    const [figure] = parseFigures(await runChild(self, ['--scenario', scenario, '--json']));
    if (figure === undefined) throw new Error(`no result from scenario ${scenario}`);
    bytes.set(scenario, figure.value);
  }
  const stream = bytes.get('stream') as number;
  const tableOnly = bytes.get('table-only') as number;
  const raw = bytes.get('raw') as number;
  note(
    `  heap-per-record: stream ${stream.toFixed(1)}, table only ${tableOnly.toFixed(1)}, raw ${raw.toFixed(1)} bytes/write`,
  );
  return [
    {
      name: 'heap per write: item + NEW_AND_OLD_IMAGES record',
      value: stream,
      unit: 'bytes/write',
      target: `<= ${TARGET_BYTES}`,
      met: stream <= TARGET_BYTES,
    },
    { name: 'heap per write: table item alone (stream off)', value: tableOnly, unit: 'bytes/write' },
    { name: 'heap per write: stream record share (difference)', value: stream - tableOnly, unit: 'bytes/write' },
    compared('heap per write: vs raw baseline (Map + pushed record)', stream, 'bytes/write', raw),
  ];
}

if (isMain(import.meta.url)) {
  const at = process.argv.indexOf('--scenario');
  if (at >= 0) {
    const scenario = process.argv[at + 1] as Scenario;
    if (!SCENARIOS.includes(scenario)) throw new Error(`unknown scenario ${String(scenario)}`);
    measure(scenario).then(
      (value) => printFigures([{ name: `heap per write (${scenario})`, value, unit: 'bytes/write' }]),
      (error: unknown) => {
        process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
        process.exitCode = 1;
      },
    );
  } else {
    runStandalone('heap per retained write', run);
  }
}
