/**
 * Figure: Query of one partition between writes, as a test that reads back what it writes does (a Lambda handler
 * querying its partition after each record, say). A table of 20,000 items over 1,000 partitions (20 items each,
 * keyed by `pk` and `sk`) takes 20,000 rounds of one PutItem (a new item) and one Query of that item's partition.
 * Beside it, the same Query rounds with no write between them, as the baseline: what a Query costs when nothing
 * has changed. Query reads a partition index that writes keep up to date (src/table/partition-index.ts), so a
 * write between Queries should cost no more than the write itself.
 *
 *   node --expose-gc --import tsx bench/query-after-writes.ts [--json]
 */
import { Database, ManualClock, type AttributeMap, type Table } from '../src/index.js';
import { compared, isMain, median, runStandalone, timeOnce, type Figure } from './harness.js';

const PARTITIONS = 1_000;
const PER_PARTITION = 20;
const ROUNDS = 20_000;
const REPEATS = 3;

async function filledTable(): Promise<Table> {
  const db = await Database.create({ clock: new ManualClock(Date.UTC(2026, 0, 1)), seed: 1 });
  const table = db.createTable({
    TableName: 'bench',
    KeySchema: [
      { AttributeName: 'pk', KeyType: 'HASH' },
      { AttributeName: 'sk', KeyType: 'RANGE' },
    ],
    AttributeDefinitions: [
      { AttributeName: 'pk', AttributeType: 'S' },
      { AttributeName: 'sk', AttributeType: 'N' },
    ],
    StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
  });
  for (let p = 0; p < PARTITIONS; p++)
    for (let s = 0; s < PER_PARTITION; s++) table.putItem({ Item: { pk: { S: `p${p}` }, sk: { N: String(s) } } });
  return table;
}

function queryPartition(table: Table, p: number): number {
  return (
    table.query({ KeyConditions: { pk: { ComparisonOperator: 'EQ', AttributeValueList: [{ S: `p${p}` }] } } }).Count ??
    0
  );
}

export async function run(): Promise<Figure[]> {
  const writes: AttributeMap[] = [];
  for (let i = 0; i < ROUNDS; i++)
    writes.push({ pk: { S: `p${i % PARTITIONS}` }, sk: { N: String(PER_PARTITION + i) } });
  const withWrites: number[] = [];
  const queriesOnly: number[] = [];
  for (let r = 0; r < REPEATS; r++) {
    const table = await filledTable();
    queryPartition(table, 0);
    queriesOnly.push(
      timeOnce(() => {
        for (let i = 0; i < ROUNDS; i++) queryPartition(table, i % PARTITIONS);
      }),
    );
    withWrites.push(
      timeOnce(() => {
        for (let i = 0; i < ROUNDS; i++) {
          table.putItem({ Item: writes[i] as AttributeMap });
          queryPartition(table, i % PARTITIONS);
        }
      }),
    );
  }
  const rate = (ms: number[]) => (ROUNDS / median(ms)) * 1000;
  return [
    compared(
      'query: PutItem + Query of its partition, 20,000-item table (vs the Query alone)',
      rate(withWrites),
      'rounds/s',
      rate(queriesOnly),
    ),
  ];
}

if (isMain(import.meta.url)) runStandalone('Query between writes', run);
