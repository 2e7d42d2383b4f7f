/**
 * Property: random writes with random TTL values (numbers of seconds in the recent past, the far past and the
 * future, other types, none) and random clock advances, under each delay policy. Every item the sweeper deleted had
 * expired by AWS's rules at the moment it was deleted, none other was; each deletion is exactly one REMOVE carrying
 * the service's identity; an item expired for longer than the policy's longest delay is gone; and a consumer's view
 * built from the stream matches the table.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  Database,
  ManualClock,
  type AttributeMap,
  type AttributeValue,
  type Clock,
  type ExpiryDelay,
} from '../../src/index.js';
import { recordsOf } from '../support/stream-reads.js';
import { makeTable } from '../support/tables.js';
import { DAY, HOUR, MINUTE, T0 } from '../support/time.js';

const SERVICE = { PrincipalId: 'dynamodb.amazonaws.com', Type: 'Service' };
const YEAR = 365 * DAY;
const FIVE_YEARS_MS = 5 * YEAR;

/** The oracle, written apart from src/table/expiry.ts: the epoch ms of a top-level Number of seconds, if any. */
function expiryOf(item: AttributeMap, nowMs: number): number | undefined {
  const value = item.expires;
  if (value === undefined || value.N === undefined) return undefined;
  const ms = Number(value.N) * 1000;
  return ms < nowMs - FIVE_YEARS_MS ? undefined : ms;
}
const isExpiredAt = (expiryMs: number | undefined, nowMs: number): boolean =>
  expiryMs !== undefined && expiryMs < nowMs && expiryMs >= nowMs - FIVE_YEARS_MS;

/** A TTL value relative to the write's moment (ms offset), or another type, or none. */
type TtlChoice =
  { kind: 'number'; offsetMs: number } | { kind: 'string' } | { kind: 'set' } | { kind: 'list' } | { kind: 'none' };

type Op =
  | { op: 'put'; id: number; ttl: TtlChoice }
  | { op: 'update'; id: number; ttl: TtlChoice }
  | { op: 'delete'; id: number }
  | { op: 'advance'; ms: number }
  | { op: 'sweep' };

const ttlChoice: fc.Arbitrary<TtlChoice> = fc.oneof(
  fc.record({ kind: fc.constant('number' as const), offsetMs: fc.integer({ min: -2 * HOUR, max: 4 * HOUR }) }),
  fc.record({ kind: fc.constant('number' as const), offsetMs: fc.integer({ min: -3 * DAY, max: 3 * DAY }) }),
  fc.record({
    kind: fc.constant('number' as const),
    offsetMs: fc.integer({ min: -10 * YEAR, max: -5 * YEAR - DAY }),
  }),
  fc.record({ kind: fc.constant('number' as const), offsetMs: fc.integer({ min: -5 * YEAR + DAY, max: -YEAR }) }),
  fc.constantFrom<TtlChoice>({ kind: 'string' }, { kind: 'set' }, { kind: 'list' }, { kind: 'none' }),
);
const id = fc.integer({ min: 0, max: 7 });
const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ op: fc.constant('put' as const), id, ttl: ttlChoice }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('update' as const), id, ttl: ttlChoice }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('delete' as const), id }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('advance' as const), ms: fc.integer({ min: 0, max: DAY }) }) },
  {
    weight: 3,
    arbitrary: fc.record({ op: fc.constant('advance' as const), ms: fc.integer({ min: 0, max: 30 * MINUTE }) }),
  },
  { weight: 1, arbitrary: fc.constant({ op: 'sweep' as const }) },
);
/** A policy, with the shortest and the longest delay it may give. */
const policy = fc.constantFrom<[ExpiryDelay, number, number]>(
  ['immediate', 0, 0],
  [{ minutes: 90 }, 90 * MINUTE, 90 * MINUTE],
  [{ within: { hours: 48 } }, 0, 48 * HOUR],
  [{ within: { minutes: 10 } }, 0, 10 * MINUTE],
);

function ttlValue(choice: TtlChoice, nowMs: number): AttributeValue | undefined {
  switch (choice.kind) {
    case 'number':
      return { N: String((nowMs + choice.offsetMs) / 1000) };
    case 'string':
      return { S: String(nowMs / 1000) };
    case 'set':
      return { NS: [String(nowMs / 1000)] };
    case 'list':
      return { L: [{ N: String(nowMs / 1000) }] };
    case 'none':
      return undefined;
  }
}

async function run(
  [delay, minDelayMs, maxDelayMs]: [ExpiryDelay, number, number],
  ops: Op[],
  seed: number,
): Promise<void> {
  const manual = new ManualClock(T0);
  let afterTimer = (): void => {};
  // Every timer callback is followed by a look at the new records, so a deletion is judged at its own instant.
  const clock: Clock = {
    now: () => manual.now(),
    schedule: (atMs, callback) =>
      manual.schedule(atMs, () => {
        callback();
        afterTimer();
      }),
  };
  const db = await Database.create({ clock, seed, timeToLive: { delay } });
  const table = makeTable(db, { streamOptions: { retention: { days: 3650 } } });
  table.timeToLive.set('ENABLED', 'expires');
  const view = new Map<string, AttributeMap>();
  let seen = 0;
  let sweeping = false;
  const consume = (): void => {
    const records = recordsOf(db, table);
    for (const record of records.slice(seen)) {
      const key = JSON.stringify(record.dynamodb.Keys);
      if (record.userIdentity !== undefined) {
        expect(record.eventName).toBe('REMOVE');
        expect(record.userIdentity).toEqual(SERVICE);
        const old = record.dynamodb.OldImage as AttributeMap;
        // Expired by AWS's rules at this instant: a Number of seconds, passed, at most five years ago.
        const expiry = expiryOf(old, manual.now());
        expect(isExpiredAt(expiry, manual.now())).toBe(true);
        // Not before its delay (a random delay may be 0); the explicit sweep sets `sweeping`.
        if (!sweeping) expect(manual.now()).toBeGreaterThanOrEqual((expiry as number) + minDelayMs);
        expect(view.get(key)).toEqual(old);
      }
      if (record.eventName === 'REMOVE') view.delete(key);
      else view.set(key, record.dynamodb.NewImage as AttributeMap);
    }
    seen = records.length;
  };
  afterTimer = consume;
  for (const step of ops) {
    const now = manual.now();
    const key = { id: { S: `i${'id' in step ? step.id : 0}` } };
    if (step.op === 'put') {
      const value = ttlValue(step.ttl, now);
      table.putItem({ Item: { ...key, n: { N: String(seen) }, ...(value === undefined ? {} : { expires: value }) } });
    } else if (step.op === 'update') {
      const value = ttlValue(step.ttl, now);
      table.updateItem(
        value === undefined
          ? { Key: key, UpdateExpression: 'REMOVE expires' }
          : { Key: key, UpdateExpression: 'SET expires = :e', ExpressionAttributeValues: { ':e': value } },
      );
    } else if (step.op === 'delete') {
      table.deleteItem({ Key: key });
    } else if (step.op === 'sweep') {
      const swept = table.sweepExpiredItems();
      sweeping = true;
      consume();
      sweeping = false;
      for (const item of swept) expect(isExpiredAt(expiryOf(item, now), now)).toBe(true);
      // Nothing expired by now is left (what is left did not expire, or is more than five years old).
      for (const item of table.scan({}).Items ?? []) {
        const expiry = expiryOf(item, now);
        expect(expiry === undefined || expiry >= now).toBe(true);
      }
    } else {
      const before = manual.now();
      const written = new Set((table.scan({}).Items ?? []).map((item) => JSON.stringify(item)));
      manual.advance(step.ms);
      const after = manual.now();
      consume();
      // An item stored before the advance, expired (by AWS's rules) longer ago than the longest delay, is gone.
      for (const item of table.scan({}).Items ?? []) {
        const expiry = expiryOf(item, after);
        const overdue =
          expiry !== undefined && expiry + maxDelayMs < after && expiry >= before - FIVE_YEARS_MS + maxDelayMs;
        expect(overdue && written.has(JSON.stringify(item))).toBe(false);
      }
    }
    consume();
  }
  const items = new Map((table.scan({}).Items ?? []).map((item) => [JSON.stringify({ id: item.id }), item]));
  expect(new Map([...view].map(([k, v]) => [k, v]))).toEqual(items);
  db.close();
}

describe('TTL property', () => {
  it('deletes exactly the expired items, once each, as the service; the stream view matches the table', async () => {
    await fc.assert(
      fc.asyncProperty(policy, fc.array(op, { minLength: 1, maxLength: 40 }), fc.integer(), (p, ops, seed) =>
        run(p, ops, seed),
      ),
      { numRuns: 150 },
    );
  }, 20_000);
});
