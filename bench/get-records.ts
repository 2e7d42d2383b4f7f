/**
 * Figure 3: getRecords throughput. 1,000,000 INSERT records (distinct 100-byte items, NEW_AND_OLD_IMAGES,
 * one shard) are read from TRIM_HORIZON in pages of 1000 through `db.getRecords` (iterator decode, the
 * AWS-shaped records, the next iterator), the way a poller reads them. Each round reads all of them; the
 * median round is reported. Every record is touched (its SizeBytes summed) so no work can be skipped.
 */
import type { Database } from '../src/index.js';
import {
  checkItemSize,
  createBenchTable,
  fill,
  isMain,
  median,
  note,
  runStandalone,
  timeOnce,
  type Figure,
} from './harness.js';

const RECORDS = 1_000_000;
const PAGE = 1000;
const WARMUP_ROUNDS = 1;
const ROUNDS = 5;
const TARGET_RECORDS_PER_SECOND = 1_000_000;

/** Reads the shard from `iterator` to its end (or `max` records); returns records read and their byte sum. */
function readAll(db: Database, iterator: string, max: number): { records: number; bytes: number; pages: number } {
  let next: string | undefined = iterator;
  let records = 0;
  let bytes = 0;
  let pages = 0;
  while (next !== undefined && records < max) {
    const page = db.getRecords({ ShardIterator: next, Limit: PAGE });
    pages++;
    const list = page.Records;
    if (list.length === 0) break;
    for (let i = 0; i < list.length; i++) bytes += list[i]?.dynamodb.SizeBytes ?? 0;
    records += list.length;
    next = page.NextShardIterator;
  }
  return { records, bytes, pages };
}

export async function run(): Promise<Figure[]> {
  checkItemSize();
  const { db, table } = await createBenchTable();
  const fillStart = performance.now();
  fill(table, 0, RECORDS);
  note(
    `  get-records: filled ${RECORDS.toLocaleString('en-US')} records in ${((performance.now() - fillStart) / 1000).toFixed(1)} s`,
  );
  const stream = table.stream;
  if (stream === undefined) throw new Error('no stream');
  const shards = stream.describeStream().StreamDescription.Shards;
  if (shards.length !== 1) throw new Error(`expected one shard, found ${shards.length}`);
  const shardId = (shards[0] as { ShardId: string }).ShardId;

  const times: number[] = [];
  let pages = 0;
  for (let r = 0; r < WARMUP_ROUNDS + ROUNDS; r++) {
    const { ShardIterator } = db.getShardIterator({
      StreamArn: stream.arn,
      ShardId: shardId,
      ShardIteratorType: 'TRIM_HORIZON',
    });
    let result = { records: 0, bytes: 0, pages: 0 };
    const ms = timeOnce(() => {
      result = readAll(db, ShardIterator, RECORDS);
    });
    // INSERT with NEW_AND_OLD_IMAGES: SizeBytes = Keys (19) + NewImage (100).
    if (result.records !== RECORDS || result.bytes !== RECORDS * 119) {
      throw new Error(`read ${result.records} records / ${result.bytes} bytes, expected ${RECORDS} / ${RECORDS * 119}`);
    }
    pages = result.pages;
    if (r >= WARMUP_ROUNDS) times.push(ms);
  }
  note(`  get-records: rounds ms ${times.map((t) => t.toFixed(1)).join(' ')} (${pages} pages each)`);
  const ms = median(times);
  const perSecond = (RECORDS / ms) * 1000;
  return [
    {
      name: 'getRecords: 1M records, pages of 1000',
      value: perSecond,
      unit: 'records/s',
      target: `>= ${TARGET_RECORDS_PER_SECOND.toLocaleString('en-US')}`,
      met: perSecond >= TARGET_RECORDS_PER_SECOND,
    },
    { name: 'getRecords: time per page of 1000', value: (ms * 1000) / pages, unit: 'us/page' },
  ];
}

if (isMain(import.meta.url)) runStandalone('getRecords throughput', run);
