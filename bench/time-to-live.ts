/**
 * Figures: what time to live costs (issue 13), each a ratio against a baseline in the same run.
 *
 * - Sweep (`table.sweepExpiredItems()`) of 100,000 expired items among 1,000,000 beside 100,000 expired among
 *   200,000: the time per expired item must not grow with the table (ratio <= 1.5: the expiry index finds the
 *   expired items by expiry time, it does not walk the table). The expired items are every 10th (every 2nd) item,
 *   the others expire a day later; no stream, so the deletion itself is the bare write path.
 * - PutItem of new 100-byte items carrying a TTL a day ahead (no item expired) into a table with TTL enabled,
 *   beside the same PutItems into a table without TTL. Interleaved round by round, a fresh table each round, no
 *   stream on either. Target: at least 0.9x.
 *
 *   node --expose-gc --import tsx bench/time-to-live.ts [--json]
 */
import { Database, ManualClock, type AttributeMap, type Table } from '../src/index.js';
import { compared, isMain, makeItem, median, runStandalone, timeOnce, type Figure } from './harness.js';

const WRITES = 100_000;
const PUT_ROUNDS = 21;
const SWEEP_ROUNDS = 3;
const EXPIRED = 100_000;
const START = Date.UTC(2026, 0, 1);

async function createTable(ttl: boolean): Promise<Table> {
  const db = await Database.create({ clock: new ManualClock(START), seed: 42, timeToLive: { delay: { days: 30 } } });
  const table = db.createTable({
    TableName: 'bench',
    KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
    AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
    BillingMode: 'PAY_PER_REQUEST',
  });
  if (ttl) table.timeToLive.set('ENABLED', 'expires');
  return table;
}

/** Item i with a TTL: an hour ago when `expired`, else a day ahead. */
function itemWithTtl(i: number, expired: boolean): AttributeMap {
  const item = makeItem(i);
  item.expires = { N: String((START + (expired ? -3_600_000 : 86_400_000)) / 1000) };
  return item;
}

/** Milliseconds per expired item of one sweep of EXPIRED items among `total`. */
async function sweepOnce(total: number): Promise<number> {
  const table = await createTable(true);
  const every = total / EXPIRED;
  for (let i = 0; i < total; i++) table.putItem({ Item: itemWithTtl(i, i % every === 0) });
  let swept = 0;
  const ms = timeOnce(() => {
    swept = table.sweepExpiredItems().length;
  });
  if (swept !== EXPIRED || table.itemCount !== total - EXPIRED) throw new Error(`swept ${swept}, not ${EXPIRED}`);
  return (ms / EXPIRED) * 1000;
}

async function sweepVersusTableSize(): Promise<Figure> {
  const large: number[] = [];
  const small: number[] = [];
  for (let r = 0; r < SWEEP_ROUNDS; r++) {
    small.push(await sweepOnce(200_000));
    large.push(await sweepOnce(1_000_000));
  }
  const ratio = median(large) / median(small);
  return compared(
    'time to live: sweep of 100,000 expired items among 1,000,000 (vs among 200,000), per expired item',
    median(large),
    'µs/item',
    median(small),
    { text: 'ratio <= 1.5', met: ratio <= 1.5 },
  );
}

/** Milliseconds of WRITES PutItems into a fresh table; the table is garbage once this returns. */
async function putRound(ttl: boolean, items: readonly AttributeMap[]): Promise<number> {
  const table = await createTable(ttl);
  return timeOnce(() => {
    for (let i = 0; i < WRITES; i++) table.putItem({ Item: items[i] as AttributeMap });
  });
}

async function putWithTtl(): Promise<Figure> {
  const items = Array.from({ length: WRITES }, (_, i) => itemWithTtl(i, false));
  const plain: number[] = [];
  const withTtl: number[] = [];
  // Each round's table is dropped before the next is timed (a table still alive would make the next round's
  // collections slower), and the order alternates, so neither side always runs first.
  for (let r = 0; r < PUT_ROUNDS; r++) {
    if (r % 2 === 0) {
      plain.push(await putRound(false, items));
      withTtl.push(await putRound(true, items));
    } else {
      withTtl.push(await putRound(true, items));
      plain.push(await putRound(false, items));
    }
  }
  const rate = (ms: number[]) => (WRITES / median(ms)) * 1000;
  const ratio = rate(withTtl) / rate(plain);
  return compared(
    'time to live: PutItem, TTL enabled and nothing expired, 100-byte items + TTL (vs TTL disabled)',
    rate(withTtl),
    'ops/s',
    rate(plain),
    { text: 'ratio >= 0.9', met: ratio >= 0.9 },
  );
}

export async function run(): Promise<Figure[]> {
  return [await putWithTtl(), await sweepVersusTableSize()];
}

if (isMain(import.meta.url)) runStandalone('Time to live (issue 13)', run);
