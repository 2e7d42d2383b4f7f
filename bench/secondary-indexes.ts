/**
 * Figures: what secondary indexes cost (issue 12), each a ratio against a baseline in the same run.
 *
 * - PutItem of new 100-byte items into a table with two GSIs (both keys present on every item, ALL projection),
 *   beside the same PutItems into the same table without indexes (no stream on either: the index work is compared
 *   with the bare write). Interleaved round by round, a fresh table each round. Target: at least 0.5x. Two figures:
 *   indexes already read once (each write then places its entries in order: the target applies here), and indexes
 *   not read yet (a write only checks and counts; the first read sorts).
 * - Query of one GSI partition (Limit 100, one page) in a table of 1,000,000 items beside the same Query in a table
 *   of 10,000: the time per page must not grow with the table (within 1.5x).
 * - Heap per item per ALL-projected GSI: 200,000 items put into a table without indexes, with one ALL GSI and with
 *   two, each in a fresh node process, heap measured after a full gc and after each index was read once (so built);
 *   (two - none) / 2 / items. An index holds the table's own frozen item, so this is the index's bookkeeping (its
 *   partition array slot and Map entry), not a copy.
 *
 *   node --expose-gc --import tsx bench/secondary-indexes.ts [--json]
 */
import { fileURLToPath } from 'node:url';
import {
  Database,
  ManualClock,
  type AttributeMap,
  type CreateTableInput,
  type QueryInput,
  type Table,
} from '../src/index.js';
import { itemSize } from '../src/model/item-size.js';
import {
  ITEM_BYTES,
  compared,
  gc,
  hasGc,
  isMain,
  median,
  note,
  parseFigures,
  printFigures,
  runChild,
  runStandalone,
  timeOnce,
  type Figure,
} from './harness.js';

const WRITES = 100_000;
const ROUNDS = 5;
const QUERY_PAGES = 2_000;
const HEAP_ITEMS = 200_000;

/** Two GSIs with ALL projection: by type (S, S) and by owner (S, N). */
const TWO_GSIS = [
  {
    IndexName: 'byType',
    KeySchema: [
      { AttributeName: 'type', KeyType: 'HASH' as const },
      { AttributeName: 'created', KeyType: 'RANGE' as const },
    ],
    Projection: { ProjectionType: 'ALL' as const },
  },
  {
    IndexName: 'byOwner',
    KeySchema: [
      { AttributeName: 'owner', KeyType: 'HASH' as const },
      { AttributeName: 'rank', KeyType: 'RANGE' as const },
    ],
    Projection: { ProjectionType: 'ALL' as const },
  },
];

function tableInput(indexes: number): CreateTableInput {
  const gsis = TWO_GSIS.slice(0, indexes);
  return {
    TableName: 'bench',
    KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
    AttributeDefinitions: [
      { AttributeName: 'pk', AttributeType: 'S' },
      ...(indexes >= 1 ? [{ AttributeName: 'type', AttributeType: 'S' as const }] : []),
      ...(indexes >= 1 ? [{ AttributeName: 'created', AttributeType: 'S' as const }] : []),
      ...(indexes >= 2 ? [{ AttributeName: 'owner', AttributeType: 'S' as const }] : []),
      ...(indexes >= 2 ? [{ AttributeName: 'rank', AttributeType: 'N' as const }] : []),
    ],
    ...(gsis.length === 0 ? {} : { GlobalSecondaryIndexes: gsis }),
  };
}

async function createTable(indexes: number): Promise<Table> {
  const db = await Database.create({ clock: new ManualClock(Date.UTC(2026, 0, 1)), seed: 1 });
  return db.createTable(tableInput(indexes));
}

/**
 * Item i, 100 bytes by AWS's rules, with both GSIs' keys: 100 types (1,000 items each at 100,000 items), 10,000
 * owners; `created` is scattered (not increasing with i), so an insert lands anywhere in its index partition.
 */
function indexedItem(i: number): AttributeMap {
  const item: AttributeMap = {
    pk: { S: ['user-', String(i).padStart(12, '0')].join('') },
    type: { S: ['t', String(i % 100).padStart(3, '0')].join('') },
    created: { S: String((i * 7_919) % 1_000_003).padStart(8, '0') },
    owner: { S: ['o', String(i % 10_000).padStart(5, '0')].join('') },
    rank: { N: String(i % 1_000) },
  };
  item.data = { S: 'd'.repeat(ITEM_BYTES - itemSize(item) - 4) };
  if (itemSize(item) !== ITEM_BYTES) throw new Error(`bench item is ${itemSize(item)} bytes, expected ${ITEM_BYTES}`);
  return item;
}

/** Reads each GSI once, so that it is built and every later write keeps it in order. */
function readIndexes(table: Table): void {
  for (const { IndexName } of TWO_GSIS)
    if (table.indexes.get(IndexName) !== undefined) table.scan({ IndexName, Limit: 1 });
}

async function putWithTwoGsis(read: boolean): Promise<Figure> {
  const items = Array.from({ length: WRITES }, (_, i) => indexedItem(i));
  const plain: number[] = [];
  const indexed: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const bare = await createTable(0);
    plain.push(
      timeOnce(() => {
        for (let i = 0; i < WRITES; i++) bare.putItem({ Item: items[i] as AttributeMap });
      }),
    );
    const withIndexes = await createTable(2);
    if (read) readIndexes(withIndexes);
    indexed.push(
      timeOnce(() => {
        for (let i = 0; i < WRITES; i++) withIndexes.putItem({ Item: items[i] as AttributeMap });
      }),
    );
    if (withIndexes.indexes.get('byOwner')?.count !== WRITES) throw new Error('the index missed items');
  }
  const rate = (ms: number[]) => (WRITES / median(ms)) * 1000;
  const ratio = rate(indexed) / rate(plain);
  return compared(
    `secondary indexes: PutItem, table with two ALL GSIs ${read ? 'already read' : 'not read yet'}, 100-byte items (vs the table without indexes)`,
    rate(indexed),
    'ops/s',
    rate(plain),
    read ? { text: 'ratio >= 0.5', met: ratio >= 0.5 } : undefined,
  );
}

/** A table of `total` items with the byType GSI: type `hot` holds 1,000 items, the other types 100 each. */
async function queryTable(total: number): Promise<Table> {
  const table = await createTable(1);
  for (let i = 0; i < total; i++) {
    const item = indexedItem(i);
    item.type = { S: i < 1_000 ? 'hot' : ['t', String(Math.floor(i / 100)).padStart(6, '0')].join('') };
    table.putItem({ Item: item });
  }
  return table;
}

const QUERY: QueryInput & { IndexName: string } = {
  IndexName: 'byType',
  KeyConditionExpression: '#t = :t AND created >= :from',
  ExpressionAttributeNames: { '#t': 'type' },
  ExpressionAttributeValues: { ':t': { S: 'hot' }, ':from': { S: '00100000' } },
  Limit: 100,
};

/** One page through Query with IndexName. */
const read = (table: Table): number => table.query(QUERY).Count;

async function queryVersusTableSize(): Promise<Figure> {
  const small = await queryTable(10_000);
  const large = await queryTable(1_000_000);
  if (read(small) !== 100 || read(large) !== 100) throw new Error('a page should hold 100 items');
  const smallMs: number[] = [];
  const largeMs: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    smallMs.push(
      timeOnce(() => {
        for (let i = 0; i < QUERY_PAGES; i++) read(small);
      }),
    );
    largeMs.push(
      timeOnce(() => {
        for (let i = 0; i < QUERY_PAGES; i++) read(large);
      }),
    );
  }
  const perPage = (ms: number[]) => (median(ms) / QUERY_PAGES) * 1000;
  const ratio = perPage(largeMs) / perPage(smallMs);
  return compared(
    'secondary indexes: one GSI partition, a page of 100 (Query with IndexName), 1,000,000-item table (vs 10,000 items)',
    perPage(largeMs),
    'µs/page',
    perPage(smallMs),
    { text: 'ratio <= 1.5', met: ratio <= 1.5 },
  );
}

// ------------------------------------------------------------------ heap (one child process per count of indexes)

function heapUsed(): number {
  gc();
  return process.memoryUsage().heapUsed;
}

/** Runs in the child: heap bytes per item of a table with `indexes` ALL GSIs. */
async function heapPerItem(indexes: number): Promise<number> {
  if (!hasGc()) throw new Error('secondary-indexes heap figures need node --expose-gc');
  const table = await createTable(indexes);
  // Items made inside the measured window, as a caller's would be: the table's own copy is what stays.
  const before = heapUsed();
  for (let i = 0; i < HEAP_ITEMS; i++) table.putItem({ Item: indexedItem(i) });
  // Built as a read builds them (a Query's partitions; the ordered list a Scan makes is dropped by the next write).
  for (const { IndexName } of TWO_GSIS.slice(0, indexes)) table.indexes.get(IndexName)?.partition({ S: 't000' });
  const after = heapUsed();
  if (table.itemCount !== HEAP_ITEMS) throw new Error('items missing');
  return (after - before) / HEAP_ITEMS;
}

async function heapFigures(): Promise<Figure[]> {
  const self = fileURLToPath(import.meta.url);
  const bytes: number[] = [];
  for (const indexes of [0, 1, 2]) {
    const [figure] = parseFigures(await runChild(self, ['--heap', String(indexes), '--json']));
    if (figure === undefined) throw new Error(`no heap figure for ${indexes} indexes`);
    bytes.push(figure.value);
  }
  const [none, one, two] = bytes as [number, number, number];
  note(
    `  secondary-indexes heap: ${none.toFixed(1)} / ${one.toFixed(1)} / ${two.toFixed(1)} bytes/item (0 / 1 / 2 GSIs)`,
  );
  return [
    { name: 'secondary indexes: heap per item, table without indexes', value: none, unit: 'bytes/item' },
    {
      name: 'secondary indexes: heap per item per ALL GSI ((two GSIs - none) / 2)',
      value: (two - none) / 2,
      unit: 'bytes/item',
    },
    { name: 'secondary indexes: heap per item, one ALL GSI (vs none)', value: one - none, unit: 'bytes/item' },
  ];
}

export async function run(): Promise<Figure[]> {
  return [
    await putWithTwoGsis(true),
    await putWithTwoGsis(false),
    await queryVersusTableSize(),
    ...(await heapFigures()),
  ];
}

if (isMain(import.meta.url)) {
  const at = process.argv.indexOf('--heap');
  if (at >= 0) {
    const indexes = Number(process.argv[at + 1]);
    heapPerItem(indexes).then(
      (value) => printFigures([{ name: `heap per item (${indexes} GSIs)`, value, unit: 'bytes/item' }]),
      (error: unknown) => {
        process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
        process.exitCode = 1;
      },
    );
  } else runStandalone('Secondary indexes (issue 12)', run);
}
