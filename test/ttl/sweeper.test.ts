/**
 * When expired items are deleted: the sweeper on the database's clock, after the delay policy
 * (`timeToLive.delay`), as the TTL service (one REMOVE with its userIdentity, indexes drop the item). Until then the
 * item is read and updated like any other, and an update that moves its TTL into the future or removes it saves it
 * (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/TTL.html).
 */
import { describe, expect, it } from 'vitest';
import { Database, ManualClock, type AttributeMap, type ExpiryDelay } from '../../src/index.js';
import { makeDb } from '../support/database.js';
import { recordsOf } from '../support/stream-reads.js';
import { makeTable } from '../support/tables.js';
import { DAY, HOUR, MINUTE, SECOND, T0 } from '../support/time.js';

const SERVICE = { PrincipalId: 'dynamodb.amazonaws.com', Type: 'Service' };
const seconds = (ms: number): { N: string } => ({ N: String(ms / 1000) });

async function fixture(delay?: ExpiryDelay, seed = 42) {
  const { db, clock } = await makeDb({ seed, ...(delay === undefined ? {} : { timeToLive: { delay } }) });
  const table = db.createTable({
    TableName: 'items',
    KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
    AttributeDefinitions: [
      { AttributeName: 'id', AttributeType: 'S' },
      { AttributeName: 'kind', AttributeType: 'S' },
    ],
    GlobalSecondaryIndexes: [
      {
        IndexName: 'byKind',
        KeySchema: [{ AttributeName: 'kind', KeyType: 'HASH' }],
        Projection: { ProjectionType: 'ALL' },
      },
    ],
    BillingMode: 'PAY_PER_REQUEST',
    StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
  });
  table.timeToLive.set('ENABLED', 'expires');
  const put = (id: string, expires?: { N: string } | { S: string }): void => {
    table.putItem({ Item: { id: { S: id }, kind: { S: 'k' }, ...(expires === undefined ? {} : { expires }) } });
  };
  const has = (id: string): boolean => table.getItem({ Key: { id: { S: id } } }).Item !== undefined;
  const serviceRemoves = (): AttributeMap[] =>
    recordsOf(db, table)
      .filter((record) => record.userIdentity !== undefined)
      .map((record) => {
        expect(record.eventName).toBe('REMOVE');
        expect(record.userIdentity).toEqual(SERVICE);
        return record.dynamodb.Keys as AttributeMap;
      });
  return { db, clock, table, put, has, serviceRemoves };
}

describe('the TTL sweeper', () => {
  it("'immediate' deletes an item when the clock passes its expiry, with one REMOVE by the service", async () => {
    const { clock, table, put, has, serviceRemoves } = await fixture('immediate');
    put('a', seconds(T0 + 10 * SECOND));
    put('b', seconds(T0 + 20 * SECOND));
    put('never', { S: String((T0 - DAY) / 1000) });
    put('none');
    clock.advance(10 * SECOND);
    // At the TTL's instant it has not expired yet: AWS expires a value "less than the current time".
    expect(has('a')).toBe(true);
    clock.advance(1);
    expect([has('a'), has('b')]).toEqual([false, true]);
    clock.advance(DAY);
    expect([has('b'), has('never'), has('none')]).toEqual([false, true, true]);
    expect(serviceRemoves()).toEqual([{ id: { S: 'a' } }, { id: { S: 'b' } }]);
    expect(
      table.query({
        IndexName: 'byKind',
        KeyConditionExpression: 'kind = :k',
        ExpressionAttributeValues: { ':k': { S: 'k' } },
      }).Count,
    ).toBe(2);
  });

  it('an item written already expired goes at the next clock step', async () => {
    const { clock, put, has, serviceRemoves } = await fixture('immediate');
    put('old', seconds(T0 - HOUR));
    expect(has('old')).toBe(true);
    clock.advance(0);
    expect(has('old')).toBe(false);
    expect(serviceRemoves()).toHaveLength(1);
  });

  it('a fixed delay: the expired item is read, queried, scanned and updated until expiry + delay', async () => {
    const { clock, table, put, has, serviceRemoves } = await fixture({ minutes: 30 });
    put('a', seconds(T0 + MINUTE));
    clock.advance(MINUTE + 29 * MINUTE);
    expect(has('a')).toBe(true);
    expect(table.scan({}).Count).toBe(1);
    expect(
      table.query({ KeyConditionExpression: 'id = :a', ExpressionAttributeValues: { ':a': { S: 'a' } } }).Count,
    ).toBe(1);
    table.updateItem({
      Key: { id: { S: 'a' } },
      UpdateExpression: 'SET note = :n',
      ExpressionAttributeValues: { ':n': { S: 'still here' } },
    });
    clock.advance(MINUTE - 1);
    expect(table.getItem({ Key: { id: { S: 'a' } } }).Item?.note).toEqual({ S: 'still here' });
    clock.advance(1);
    expect(has('a')).toBe(false);
    expect(serviceRemoves()).toEqual([{ id: { S: 'a' } }]);
  });

  it.each<[string, string, Record<string, unknown>]>([
    ['moves the TTL into the future', 'SET expires = :later', { ':later': seconds(T0 + 3 * DAY) }],
    ['removes the TTL', 'REMOVE expires', {}],
    ['makes the TTL a String', 'SET expires = :s', { ':s': { S: '1' } }],
  ])('an update that %s saves an expired item', async (_name, update, values) => {
    const { clock, table, put, has, serviceRemoves } = await fixture({ hours: 1 });
    put('a', seconds(T0 + MINUTE));
    clock.advance(30 * MINUTE);
    table.updateItem({
      Key: { id: { S: 'a' } },
      UpdateExpression: update,
      ...(Object.keys(values).length === 0
        ? {}
        : { ExpressionAttributeValues: values as Record<string, { S: string }> }),
    });
    clock.advance(2 * DAY);
    expect(has('a')).toBe(true);
    expect(serviceRemoves()).toEqual([]);
    clock.advance(2 * DAY);
    expect(has('a')).toBe(update !== 'SET expires = :later');
  });

  it('a user delete and re-put before the delay: the new item is judged on its own TTL', async () => {
    const { clock, table, put, has, serviceRemoves } = await fixture({ hours: 1 });
    put('a', seconds(T0 + MINUTE));
    clock.advance(2 * MINUTE);
    table.deleteItem({ Key: { id: { S: 'a' } } });
    put('a', seconds(T0 + 10 * DAY));
    clock.advance(DAY);
    expect(has('a')).toBe(true);
    expect(serviceRemoves()).toEqual([]);
  });

  it('{ within } spreads the deletions over the window, the same under the same seed', async () => {
    const deletionTimes = async (seed: number): Promise<number[]> => {
      const { db, clock, table, put } = await fixture({ within: { hours: 48 } }, seed);
      for (let i = 0; i < 50; i++) put(`i${i}`, seconds(T0 + HOUR));
      const times: number[] = [];
      const step = 15 * MINUTE;
      for (let at = 0; at <= 50 * HOUR; at += step) {
        const before = table.itemCount;
        clock.advance(step);
        for (let n = table.itemCount; n < before; n++) times.push(clock.now());
      }
      expect(table.itemCount).toBe(0);
      db.close();
      return times;
    };
    const times = await deletionTimes(42);
    expect(Math.min(...times)).toBeGreaterThan(T0 + HOUR);
    expect(Math.max(...times)).toBeLessThanOrEqual(T0 + HOUR + 48 * HOUR + 15 * MINUTE);
    expect(new Set(times).size).toBeGreaterThan(20);
    expect(await deletionTimes(42)).toEqual(times);
    expect(await deletionTimes(7)).not.toEqual(times);
  });

  it('the default delay is within 48 hours', async () => {
    const { clock, put, has } = await fixture();
    put('a', seconds(T0 + SECOND));
    clock.advance(48 * HOUR + SECOND);
    expect(has('a')).toBe(false);
  });

  it('disabling TTL stops deletions; enabling again finds the expired items', async () => {
    const { clock, table, put, has, serviceRemoves } = await fixture({ hours: 1 });
    put('a', seconds(T0 + MINUTE));
    clock.advance(30 * MINUTE);
    table.timeToLive.set('DISABLING', 'expires');
    clock.advance(DAY);
    expect(has('a')).toBe(true);
    expect(table.sweepExpiredItems()).toEqual([]);
    table.timeToLive.set('ENABLED', 'expires');
    clock.advance(HOUR);
    expect(has('a')).toBe(false);
    expect(serviceRemoves()).toHaveLength(1);
  });

  it('sweepExpiredItems deletes every item expired by now, whatever the delay, and returns them', async () => {
    const { db, clock, table, put, has, serviceRemoves } = await fixture({ days: 30 });
    put('a', seconds(T0 + SECOND));
    put('b', seconds(T0 + 2 * SECOND));
    put('later', seconds(T0 + DAY));
    put('ancient', seconds(T0 - 6 * 365 * DAY));
    clock.advance(MINUTE);
    const other = makeTable(db, { name: 'other' });
    other.timeToLive.set('ENABLED', 'ttl');
    other.putItem({ Item: { id: { S: 'x' }, ttl: seconds(T0) } });
    const untouched = makeTable(db, { name: 'untouched' });
    untouched.putItem({ Item: { id: { S: 'y' }, expires: seconds(T0) } });
    expect(
      table
        .sweepExpiredItems()
        .map((item) => item.id?.S)
        .sort(),
    ).toEqual(['a', 'b']);
    expect(table.sweepExpiredItems()).toEqual([]);
    expect(db.sweepExpiredItems()).toEqual([{ TableName: 'other', Items: [{ id: { S: 'x' }, ttl: seconds(T0) }] }]);
    expect([has('later'), has('ancient')]).toEqual([true, true]);
    expect(serviceRemoves()).toHaveLength(2);
    clock.advance(31 * DAY);
    expect([has('later'), has('ancient')]).toEqual([false, true]);
  });

  it('close() cancels the pending deletions and schedules no more', async () => {
    const { db, clock, put, has } = await fixture('immediate');
    put('a', seconds(T0 + HOUR));
    db.close();
    put('b', seconds(T0 + SECOND));
    clock.advance(DAY);
    expect([has('a'), has('b')]).toEqual([true, true]);
  });

  it('a deleted table deletes nothing more', async () => {
    const { db, clock, put } = await fixture('immediate');
    put('a', seconds(T0 + SECOND));
    db.deleteTable({ TableName: 'items' });
    expect(() => clock.advance(DAY)).not.toThrow();
  });

  it.each<[string, unknown, string]>([
    ['a delay that is no duration', { delay: 'soon' }, 'delay: expected'],
    ['a negative delay', { delay: -1 }, 'delay: expected'],
    [
      'a window beside another member',
      { delay: { within: 1, hours: 1 } },
      'delay: a random delay is { within: Duration } alone',
    ],
    ['an unknown member', { deley: 1 }, "unknown member 'deley'"],
    ['not an object', 5, 'expected { delay, transitionTime }'],
  ])('Database.create refuses %s', async (_name, timeToLive, message) => {
    await expect(
      Database.create({ clock: new ManualClock(T0), timeToLive } as unknown as Parameters<typeof Database.create>[0]),
    ).rejects.toThrow(`Invalid database option timeToLive: ${message}`);
  });
});
