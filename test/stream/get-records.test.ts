import { describe, expect, it } from 'vitest';
import { EXPIRED, INVALID_ITERATOR, expectError, validation } from '../support/aws-errors.js';
import { makeDb } from '../support/database.js';
import { onlyShardId, trimHorizon } from '../support/shards.js';
import { readShard } from '../support/stream-reads.js';
import { makeTable, streamOf } from '../support/tables.js';
import { MINUTE } from '../support/time.js';

const MAX_BYTES = 1_048_576;

describe('GetRecords: Limit', () => {
  it('defaults to 1000 records a call', async () => {
    const { db } = await makeDb();
    // 1001 writes in one millisecond would trip the default write-rate split: turn it off here.
    const table = makeTable(db, { viewType: 'KEYS_ONLY', streamOptions: { splitOnWriteRate: false } });
    for (let i = 0; i < 1001; i++) table.put({ id: `k${i}` });
    const stream = streamOf(table);
    const first = db.getRecords({ ShardIterator: trimHorizon(stream, onlyShardId(stream)) });
    expect(first.Records).toHaveLength(1000);
    const second = db.getRecords({ ShardIterator: first.NextShardIterator! });
    expect(second.Records).toHaveLength(1);
    expect(second.Records[0]!.dynamodb.Keys).toEqual({ id: { S: 'k1000' } });
  });

  it('Limit N returns at most N records and pages on', async () => {
    const { db } = await makeDb();
    const table = makeTable(db);
    for (let i = 0; i < 7; i++) table.put({ id: `k${i}` });
    const stream = streamOf(table);
    const read = readShard(db, trimHorizon(stream, onlyShardId(stream)), 3);
    expect(read.records.map((record) => record.dynamodb.Keys.id!.S)).toEqual([
      'k0',
      'k1',
      'k2',
      'k3',
      'k4',
      'k5',
      'k6',
    ]);
    expect(read.calls).toBe(4); // 3 + 3 + 1, then the empty page that shows we caught up
  });

  it('Limit 0, 1001 and non-integers are rejected with DynamoDB Local messages', async () => {
    const { db } = await makeDb();
    const table = makeTable(db);
    table.put({ id: 'a' });
    const stream = streamOf(table);
    const iterator = trimHorizon(stream, onlyShardId(stream));
    expectError(
      () => db.getRecords({ ShardIterator: iterator, Limit: 0 }),
      validation(
        "1 validation error detected: Value '0' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1",
      ),
    );
    expectError(
      () => db.getRecords({ ShardIterator: iterator, Limit: -5 }),
      validation(
        "1 validation error detected: Value '-5' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1",
      ),
    );
    expectError(
      () => db.getRecords({ ShardIterator: iterator, Limit: 1001 }),
      validation('One or more parameter values were invalid: Limit should be less than or equal to 1000'),
    );
    expectError(
      () => db.getRecords({ ShardIterator: iterator, Limit: 1.5 }),
      validation(
        "1 validation error detected: Value '1.5' at 'limit' failed to satisfy constraint: Member must be an integer",
      ),
    );
    expect(db.getRecords({ ShardIterator: iterator, Limit: 1000 }).Records).toHaveLength(1);
  });

  it('regression: a Limit whose toString is broken gets the ValidationException, not a TypeError', async () => {
    const { db } = await makeDb();
    const stream = streamOf(makeTable(db));
    const iterator = trimHorizon(stream, onlyShardId(stream));
    for (const limit of [{ toString: 0 }, Object.create(null) as object]) {
      expectError(
        () => db.getRecords({ ShardIterator: iterator, Limit: limit as never }),
        validation(
          "1 validation error detected: Value '[object Object]' at 'limit' failed to satisfy constraint: Member must be an integer",
        ),
      );
    }
  });
});

describe('GetRecords: at most 1 MB a call', () => {
  it('stops before the SizeBytes of a page would exceed 1,048,576 bytes, and pages through the rest', async () => {
    const { db } = await makeDb();
    const table = makeTable(db, { viewType: 'NEW_IMAGE' });
    const payload = 'x'.repeat(100_000);
    for (let i = 0; i < 25; i++) table.put({ id: `k${String(i).padStart(2, '0')}`, data: payload });
    const stream = streamOf(table);
    let iterator: string | undefined = trimHorizon(stream, onlyShardId(stream));
    const pages: number[][] = [];
    while (iterator !== undefined) {
      const page = db.getRecords({ ShardIterator: iterator });
      if (page.Records.length === 0) break;
      pages.push(page.Records.map((record) => record.dynamodb.SizeBytes));
      iterator = page.NextShardIterator;
    }
    // Each record: Keys ("id"+"k00" = 5) + NewImage (5 + "data" + 100,000) = 100,014 bytes; 10 fit in 1 MB, 11 do not.
    expect(pages.map((page) => page.length)).toEqual([10, 10, 5]);
    for (const page of pages) {
      for (const size of page) expect(size).toBe(100_014);
      expect(page.reduce((sum, size) => sum + size, 0)).toBeLessThanOrEqual(MAX_BYTES);
    }
    expect(pages[0]!.reduce((sum, size) => sum + size, 0) + 100_014).toBeGreaterThan(MAX_BYTES);
  });

  it('the byte limit and Limit combine: whichever comes first', async () => {
    const { db } = await makeDb();
    const table = makeTable(db, { viewType: 'NEW_IMAGE' });
    const payload = 'x'.repeat(100_000);
    for (let i = 0; i < 25; i++) table.put({ id: `k${String(i).padStart(2, '0')}`, data: payload });
    const stream = streamOf(table);
    const iterator = trimHorizon(stream, onlyShardId(stream));
    expect(db.getRecords({ ShardIterator: iterator, Limit: 4 }).Records).toHaveLength(4);
    expect(db.getRecords({ ShardIterator: iterator, Limit: 20 }).Records).toHaveLength(10);
  });

  it('always returns at least one record, even when one alone is most of a megabyte', async () => {
    const { db } = await makeDb();
    const table = makeTable(db, { viewType: 'NEW_AND_OLD_IMAGES' });
    // Near the 400 KB item limit: each MODIFY carries two images, about 800 KB.
    const big = (fill: string) => ({ id: 'big', data: fill.repeat(400_000) });
    table.put(big('a'));
    table.put(big('b'));
    table.put(big('c'));
    const stream = streamOf(table);
    const read = readShard(db, trimHorizon(stream, onlyShardId(stream)));
    expect(read.records.map((record) => record.eventName)).toEqual(['INSERT', 'MODIFY', 'MODIFY']);
    expect(read.records[1]!.dynamodb.SizeBytes).toBeGreaterThan(MAX_BYTES / 2);
    // INSERT (400 KB) alone (adding the 800 KB MODIFY would pass 1 MB), then one MODIFY per call.
    expect(read.calls).toBe(4);
  });
});

describe('GetRecords: NextShardIterator', () => {
  it('an open shard always returns NextShardIterator, with or without records', async () => {
    const { db } = await makeDb();
    const table = makeTable(db);
    const stream = streamOf(table);
    let iterator = trimHorizon(stream, onlyShardId(stream));
    for (let round = 0; round < 3; round++) {
      const page = db.getRecords({ ShardIterator: iterator });
      expect(page.Records).toEqual([]);
      expect(page.NextShardIterator).toEqual(expect.any(String));
      iterator = page.NextShardIterator!;
    }
    table.put({ id: 'a' });
    const page = db.getRecords({ ShardIterator: iterator });
    expect(page.Records).toHaveLength(1);
    expect(page.NextShardIterator).toEqual(expect.any(String));
  });

  it('a closed shard omits NextShardIterator in the call that returns its last records, and afterwards (as DynamoDB Local)', async () => {
    const { db } = await makeDb();
    const table = makeTable(db);
    for (const id of ['a', 'b', 'c']) table.put({ id });
    const stream = streamOf(table);
    const shardId = onlyShardId(stream);
    const early = trimHorizon(stream, shardId);
    const afterTwo = db.getRecords({ ShardIterator: early, Limit: 2 }).NextShardIterator!;
    const afterThree = db.getRecords({ ShardIterator: afterTwo }).NextShardIterator!;
    stream.rolloverShard(shardId);
    const page1 = db.getRecords({ ShardIterator: trimHorizon(stream, shardId), Limit: 2 });
    expect(page1.Records).toHaveLength(2);
    expect(page1.NextShardIterator).toBeDefined();
    const page2 = db.getRecords({ ShardIterator: page1.NextShardIterator!, Limit: 2 });
    expect(page2.Records.map((record) => record.dynamodb.Keys.id!.S)).toEqual(['c']);
    expect('NextShardIterator' in page2).toBe(false);
    // Iterators issued while the shard was open, once it has closed.
    expect(db.getRecords({ ShardIterator: afterTwo }).Records).toHaveLength(1);
    expect(db.getRecords({ ShardIterator: afterTwo })).not.toHaveProperty('NextShardIterator');
    expect(db.getRecords({ ShardIterator: afterThree })).toEqual({ Records: [] });
    // Limit exactly the remaining count: the shard ends in that call too.
    expect(db.getRecords({ ShardIterator: trimHorizon(stream, shardId), Limit: 3 })).not.toHaveProperty(
      'NextShardIterator',
    );
  });

  it('a closed shard that never had a record reads as {Records: []} at once', async () => {
    const { db } = await makeDb();
    const table = makeTable(db);
    const stream = streamOf(table);
    const shardId = onlyShardId(stream);
    stream.rolloverShard(shardId);
    expect(db.getRecords({ ShardIterator: trimHorizon(stream, shardId) })).toEqual({ Records: [] });
  });
});

describe('GetRecords: iterator expiry (15 minutes)', () => {
  it('is valid at exactly 15 minutes and expired 1 ms later', async () => {
    const { db, clock } = await makeDb();
    const table = makeTable(db);
    table.put({ id: 'a' });
    const stream = streamOf(table);
    const iterator = trimHorizon(stream, onlyShardId(stream));
    clock.advance(15 * MINUTE);
    expect(db.getRecords({ ShardIterator: iterator }).Records).toHaveLength(1);
    clock.advance(1);
    expectError(() => db.getRecords({ ShardIterator: iterator }), EXPIRED);
    expectError(() => stream.getRecords({ ShardIterator: iterator }), EXPIRED);
  });

  it('NextShardIterator is good for a fresh 15 minutes from the call that returned it', async () => {
    const { db, clock } = await makeDb();
    const table = makeTable(db);
    const stream = streamOf(table);
    const first = trimHorizon(stream, onlyShardId(stream));
    clock.advance(10 * MINUTE);
    const next = db.getRecords({ ShardIterator: first }).NextShardIterator!;
    clock.advance(15 * MINUTE);
    table.put({ id: 'late' });
    expectError(() => db.getRecords({ ShardIterator: first }), EXPIRED);
    expect(db.getRecords({ ShardIterator: next }).Records.map((record) => record.dynamodb.Keys.id!.S)).toEqual([
      'late',
    ]);
    clock.advance(1);
    expectError(() => db.getRecords({ ShardIterator: next }), EXPIRED);
  });

  it('iteratorLifetime is configurable', async () => {
    const { db, clock } = await makeDb({ streamDefaults: { iteratorLifetime: { minutes: 1 } } });
    const stream = streamOf(makeTable(db));
    const iterator = trimHorizon(stream, onlyShardId(stream));
    clock.advance(MINUTE);
    expect(() => db.getRecords({ ShardIterator: iterator })).not.toThrow();
    clock.advance(1);
    expectError(() => db.getRecords({ ShardIterator: iterator }), EXPIRED);
  });
});

describe('GetRecords: malformed, truncated or tampered iterators', () => {
  async function setup() {
    const { db } = await makeDb();
    const table = makeTable(db);
    table.put({ id: 'a' });
    const other = makeTable(db, { name: 'other' });
    other.put({ id: 'b' });
    const stream = streamOf(table);
    const otherStream = streamOf(other);
    return {
      db,
      stream,
      otherStream,
      iterator: trimHorizon(stream, onlyShardId(stream)),
      otherIterator: trimHorizon(otherStream, onlyShardId(otherStream)),
    };
  }

  it('garbage, empty, non-strings and over-long strings', async () => {
    const { db, iterator } = await setup();
    for (const token of [
      'garbage',
      '',
      '|||',
      'a|1|b',
      `${iterator}|x`,
      iterator.replace('|1|', '|2|'),
      iterator.replace('|1|', '|001|'),
      `${iterator}${'A'.repeat(2048)}`,
    ]) {
      expectError(() => db.getRecords({ ShardIterator: token }), INVALID_ITERATOR);
    }
    for (const token of [undefined, null, 42, {}, ['x']]) {
      expectError(() => db.getRecords({ ShardIterator: token as never }), INVALID_ITERATOR);
    }
    expectError(() => db.getRecords(undefined as never), INVALID_ITERATOR);
  });

  it('a valid iterator with 1 to 10 characters cut off (DynamoDB Local: last 5 cut gives Invalid ShardIterator)', async () => {
    const { db, iterator } = await setup();
    for (let cut = 1; cut <= 10; cut++)
      expectError(() => db.getRecords({ ShardIterator: iterator.slice(0, -cut) }), INVALID_ITERATOR);
    expectError(() => db.getRecords({ ShardIterator: iterator.slice(1) }), INVALID_ITERATOR);
  });

  it('any one character of the base64 part changed, to any other base64 character', async () => {
    const { db, iterator } = await setup();
    const cut = iterator.lastIndexOf('|') + 1;
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=';
    for (let i = cut; i < iterator.length; i++) {
      for (const c of alphabet) {
        if (c === iterator[i]) continue;
        expectError(
          () => db.getRecords({ ShardIterator: iterator.slice(0, i) + c + iterator.slice(i + 1) }),
          INVALID_ITERATOR,
        );
      }
    }
  });

  it('any one character of the ARN part changed', async () => {
    const { db, iterator } = await setup();
    const end = iterator.indexOf('|');
    for (let i = 0; i < end; i++) {
      const c = iterator[i] === 'Z' ? 'Y' : 'Z';
      expectError(
        () => db.getRecords({ ShardIterator: iterator.slice(0, i) + c + iterator.slice(i + 1) }),
        INVALID_ITERATOR,
      );
    }
  });

  it("another stream's ARN swapped in, or read through the wrong stream", async () => {
    const { db, stream, otherStream, iterator, otherIterator } = await setup();
    const swapped = otherStream.arn + iterator.slice(iterator.indexOf('|'));
    expectError(() => db.getRecords({ ShardIterator: swapped }), INVALID_ITERATOR);
    expectError(() => stream.getRecords({ ShardIterator: otherIterator }), INVALID_ITERATOR);
    expect(otherStream.getRecords({ ShardIterator: otherIterator }).Records).toHaveLength(1);
  });

  it("another database's iterator (different seed) for the very same ARN", async () => {
    const { db, iterator } = await setup();
    const { db: elsewhere } = await makeDb({ seed: 43 });
    const table = makeTable(elsewhere);
    table.put({ id: 'a' });
    const stream = streamOf(table);
    const foreign = trimHorizon(stream, onlyShardId(stream));
    expect(foreign.split('|')[0]).toBe(iterator.split('|')[0]);
    expectError(() => db.getRecords({ ShardIterator: foreign }), INVALID_ITERATOR);
  });

  it('a failed GetRecords leaves the shard readable as before', async () => {
    const { db, iterator } = await setup();
    expect(() => db.getRecords({ ShardIterator: iterator.slice(0, -3) })).toThrow();
    expect(db.getRecords({ ShardIterator: iterator }).Records).toHaveLength(1);
  });
});
