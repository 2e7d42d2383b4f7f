/**
 * Figures: what expressions cost on the write and read paths (issue 11), each a ratio against a baseline run in the
 * same process, interleaved round by round.
 *
 * - UpdateItem with a three-action expression (`SET a = a + :one, b = list_append(b, :l) REMOVE c`) on 100-byte
 *   items, beside PutItem of the same items. Target: at least 0.5x.
 * - PutItem with `attribute_not_exists(pk)` (new items), beside a plain PutItem of the same items. Target: 0.8x.
 * - Query with a sort-key condition and a filter, one 1,000-item partition, in a table of 1,000,000 items beside
 *   the same Query in a table of 10,000: the time per page must not grow with the table (within 1.5x).
 *
 *   node --expose-gc --import tsx bench/expressions.ts [--json]
 */
import { Database, ManualClock, type AttributeMap, type Table } from '../src/index.js';
import { itemSize } from '../src/model/item-size.js';
import {
  ITEM_BYTES,
  compared,
  createBenchTable,
  isMain,
  median,
  runStandalone,
  timeOnce,
  type Figure,
} from './harness.js';

const WRITES = 100_000;
const ROUNDS = 5;
const QUERY_PAGES = 2_000;

/** A 100-byte item (AWS's size rules) with the attributes the update reads: a number, a list and a string. */
function updatableItem(i: number): AttributeMap {
  const item: AttributeMap = {
    pk: { S: ['user-', String(i).padStart(12, '0')].join('') },
    a: { N: '10' },
    b: { L: [{ S: 'x' }] },
    c: { S: 'remove me' },
  };
  // `data` pads the item to 100 bytes: its name (4) and its string.
  item.data = { S: 'd'.repeat(ITEM_BYTES - itemSize(item) - 4) };
  if (itemSize(item) !== ITEM_BYTES) throw new Error(`bench item is ${itemSize(item)} bytes, expected ${ITEM_BYTES}`);
  return item;
}

const UPDATE = {
  UpdateExpression: 'SET a = a + :one, b = list_append(b, :l) REMOVE c',
  ExpressionAttributeValues: { ':one': { N: '1' }, ':l': { L: [{ S: 'y' }] } },
};

async function updateVersusPut(): Promise<Figure> {
  const items = Array.from({ length: WRITES }, (_, i) => updatableItem(i));
  const keys = items.map((item) => ({ pk: item.pk }) as AttributeMap);
  const puts: number[] = [];
  const updates: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const { table } = await createBenchTable();
    for (const Item of items) table.putItem({ Item });
    // The baseline overwrites each item with itself changed (a put that writes a record, as the update does).
    const changed = items.map((item) => ({ ...item, a: { N: '11' } }));
    puts.push(
      timeOnce(() => {
        for (let i = 0; i < WRITES; i++) table.putItem({ Item: changed[i] as AttributeMap });
      }),
    );
    updates.push(
      timeOnce(() => {
        for (let i = 0; i < WRITES; i++) table.updateItem({ Key: keys[i] as AttributeMap, ...UPDATE });
      }),
    );
  }
  const rate = (ms: number[]) => (WRITES / median(ms)) * 1000;
  const ratio = rate(updates) / rate(puts);
  return compared(
    'expressions: UpdateItem SET a = a + :one, b = list_append(b, :l) REMOVE c, 100-byte items (vs PutItem)',
    rate(updates),
    'ops/s',
    rate(puts),
    { text: 'ratio >= 0.5', met: ratio >= 0.5 },
  );
}

async function conditionalVersusPlainPut(): Promise<Figure> {
  const items = Array.from({ length: WRITES }, (_, i) => updatableItem(i));
  const plain: number[] = [];
  const conditional: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const first = await createBenchTable();
    plain.push(
      timeOnce(() => {
        for (let i = 0; i < WRITES; i++) first.table.putItem({ Item: items[i] as AttributeMap });
      }),
    );
    const second = await createBenchTable();
    conditional.push(
      timeOnce(() => {
        for (let i = 0; i < WRITES; i++)
          second.table.putItem({ Item: items[i] as AttributeMap, ConditionExpression: 'attribute_not_exists(pk)' });
      }),
    );
  }
  const rate = (ms: number[]) => (WRITES / median(ms)) * 1000;
  const ratio = rate(conditional) / rate(plain);
  return compared(
    'expressions: PutItem with attribute_not_exists(pk), new items (vs a plain PutItem)',
    rate(conditional),
    'ops/s',
    rate(plain),
    { text: 'ratio >= 0.8', met: ratio >= 0.8 },
  );
}

/** A table of `total` items: one partition `hot` of 1,000 items, the rest in partitions of 100. */
async function queryTable(total: number): Promise<Table> {
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
  });
  for (let s = 0; s < 1_000; s++)
    table.putItem({ Item: { pk: { S: 'hot' }, sk: { N: String(s) }, status: { S: s % 2 === 0 ? 'open' : 'done' } } });
  for (let i = 0; i < total - 1_000; i++)
    table.putItem({
      Item: { pk: { S: `p${Math.floor(i / 100)}` }, sk: { N: String(i % 100) }, status: { S: 'open' } },
    });
  return table;
}

/** One page: the sort keys from 100 up, open items only, 100 items read. */
function queryPage(table: Table): number {
  return table.query({
    KeyConditionExpression: 'pk = :p AND sk >= :from',
    FilterExpression: '#s = :open',
    ExpressionAttributeNames: { '#s': 'status' },
    ExpressionAttributeValues: { ':p': { S: 'hot' }, ':from': { N: '100' }, ':open': { S: 'open' } },
    Limit: 100,
  }).Count;
}

async function queryVersusTableSize(): Promise<Figure> {
  const small = await queryTable(10_000);
  const large = await queryTable(1_000_000);
  queryPage(small);
  queryPage(large);
  const smallMs: number[] = [];
  const largeMs: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    smallMs.push(
      timeOnce(() => {
        for (let i = 0; i < QUERY_PAGES; i++) queryPage(small);
      }),
    );
    largeMs.push(
      timeOnce(() => {
        for (let i = 0; i < QUERY_PAGES; i++) queryPage(large);
      }),
    );
  }
  const perPage = (ms: number[]) => (median(ms) / QUERY_PAGES) * 1000;
  const ratio = perPage(largeMs) / perPage(smallMs);
  return compared(
    'expressions: Query (sort-key condition + filter) page, 1,000,000-item table (vs 10,000 items)',
    perPage(largeMs),
    'µs/page',
    perPage(smallMs),
    { text: 'ratio <= 1.5', met: ratio <= 1.5 },
  );
}

export async function run(): Promise<Figure[]> {
  return [await updateVersusPut(), await conditionalVersusPlainPut(), await queryVersusTableSize()];
}

if (isMain(import.meta.url)) runStandalone('Expressions on the write and read paths', run);
