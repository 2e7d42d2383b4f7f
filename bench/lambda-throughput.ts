/**
 * Issue 5's figure: an event source mapping with a no-op handler delivering 1,000,000 records (distinct
 * 100-byte items, NEW_AND_OLD_IMAGES, automatic stream policies off) from 16 shards with BatchSize 100, on
 * the ManualClock, beside the raw reader on the same data in the same run.
 *
 *   mapping  `attachLambda(stream, () => {}, { StartingPosition: 'TRIM_HORIZON', BatchSize: 100 })`, then
 *            `mapping.drain()`: discovery, GetRecords of 1000 per shard per read (the reader's drainEach),
 *            each record converted to the Lambda event shape (eventSourceARN, epoch-second timestamps),
 *            batches of 100, 10,000 invocations, each recorded in the mapping's history (the default
 *            historyLimit keeps the most recent 10,000).
 *   reader   a StreamReader from TRIM_HORIZON over the same stream (the layer the mapping is built on):
 *            `reader.drainEach(count)`, and `reader.poll()` in a loop, each round's batches dropped (what the
 *            mapping does, plus everything Lambda adds).
 *
 * Both must count exactly 1,000,000 records. Rounds are interleaved (reader, mapping, ...), each after a full
 * gc, after one warm-up of each; the median round is reported. Target: mapping >= 500,000 records/s.
 */
import { StreamReader } from '../src/index.js';
import { attachLambda } from '../src/lambda/index.js';
import {
  checkItemSize,
  compared,
  createBenchTable,
  fill,
  gc,
  isMain,
  median,
  note,
  now,
  runStandalone,
  type Figure,
} from './harness.js';

const RECORDS = 1_000_000;
const SHARDS = 16;
const BATCH_SIZE = 100;
const ROUNDS = 3;
const TARGET = 500_000;

export async function run(): Promise<Figure[]> {
  checkItemSize();
  const { table } = await createBenchTable({ initialShards: SHARDS });
  const stream = table.stream;
  if (stream === undefined) throw new Error('no stream');
  const fillStart = now();
  fill(table, 0, RECORDS);
  note(
    `  lambda-throughput: ${RECORDS.toLocaleString('en-US')} records over ${stream.listShards().length} shards in ${((now() - fillStart) / 1000).toFixed(1)} s`,
  );

  const viaReader = (): number => {
    const reader = new StreamReader(stream, { startAt: 'TRIM_HORIZON', limit: 1000 });
    let records = 0;
    reader.drainEach((batch) => {
      records += batch.records.length;
    });
    return records;
  };
  const viaReaderPolls = (): number => {
    const reader = new StreamReader(stream, { startAt: 'TRIM_HORIZON', limit: 1000 });
    let records = 0;
    for (let polls = 0; records < RECORDS && polls < RECORDS; polls++)
      for (const batch of reader.poll()) records += batch.records.length;
    return records;
  };
  let invocations = 0;
  const viaMapping = (): number => {
    let records = 0;
    const mapping = attachLambda(
      stream,
      (event) => {
        records += event.Records.length;
      },
      { StartingPosition: 'TRIM_HORIZON', BatchSize: BATCH_SIZE },
    );
    mapping.drain();
    invocations = mapping.metrics().invocations;
    mapping.delete();
    return records;
  };

  const variants: { name: string; read: () => number }[] = [
    { name: 'reader', read: viaReader },
    { name: 'reader, poll loop', read: viaReaderPolls },
    { name: 'mapping', read: viaMapping },
  ];
  for (const variant of variants) variant.read(); // warm-up
  const times = new Map<string, number[]>(variants.map((v) => [v.name, []]));
  for (let round = 0; round < ROUNDS; round++) {
    for (const variant of variants) {
      gc();
      const start = now();
      const records = variant.read();
      const ms = now() - start;
      if (records !== RECORDS) throw new Error(`${variant.name} delivered ${records} records, expected ${RECORDS}`);
      times.get(variant.name)?.push(ms);
    }
  }
  for (const [name, ms] of times)
    note(`  lambda-throughput ${name}: rounds ms ${ms.map((t) => t.toFixed(0)).join(' ')}`);
  note(
    `  lambda-throughput: the mapping made ${invocations.toLocaleString('en-US')} invocations of ${BATCH_SIZE} records`,
  );
  const perSecond = (name: string) => (RECORDS / median(times.get(name) as number[])) * 1000;
  const mapping = perSecond('mapping');
  const reader = perSecond('reader');
  return [
    {
      name: 'lambda: no-op handler, 1M records, 16 shards, BatchSize 100',
      value: mapping,
      unit: 'records/s',
      target: `>= ${TARGET.toLocaleString('en-US')}`,
      met: mapping >= TARGET,
    },
    { name: 'lambda: raw reader drainEach, same stream', value: reader, unit: 'records/s' },
    compared('lambda: mapping vs raw reader drainEach', mapping, 'records/s', reader),
    compared(
      'lambda: mapping vs raw reader poll loop (batches dropped)',
      mapping,
      'records/s',
      perSecond('reader, poll loop'),
    ),
  ];
}

if (isMain(import.meta.url)) runStandalone('lambda throughput', run);
