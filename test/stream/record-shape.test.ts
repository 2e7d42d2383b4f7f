import { describe, expect, it } from 'vitest';
import { STREAM_VIEW_TYPES } from '../../src/stream/types.js';
import type { DynamoDBRecord, StreamViewType } from '../../src/index.js';
import { makeDb } from '../support/database.js';
import { onlyShardId, trimHorizon } from '../support/shards.js';
import { readShard, readStream } from '../support/stream-reads.js';
import { makeTable, streamOf } from '../support/tables.js';
import { MINUTE, SECOND, T0 } from '../support/time.js';

/**
 * Which images each view type puts in each kind of record (src/stream/record-view.ts; AWS
 * https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_streams_StreamRecord.html).
 */
const IMAGES: Record<StreamViewType, Record<'INSERT' | 'MODIFY' | 'REMOVE', ('NewImage' | 'OldImage')[]>> = {
  KEYS_ONLY: { INSERT: [], MODIFY: [], REMOVE: [] },
  NEW_IMAGE: { INSERT: ['NewImage'], MODIFY: ['NewImage'], REMOVE: [] },
  OLD_IMAGE: { INSERT: [], MODIFY: ['OldImage'], REMOVE: ['OldImage'] },
  NEW_AND_OLD_IMAGES: { INSERT: ['NewImage'], MODIFY: ['NewImage', 'OldImage'], REMOVE: ['OldImage'] },
};

const DYNAMODB_KEY_ORDER = [
  'ApproximateCreationDateTime',
  'Keys',
  'NewImage',
  'OldImage',
  'SequenceNumber',
  'SizeBytes',
  'StreamViewType',
];
const RECORD_KEY_ORDER = ['eventID', 'eventName', 'eventVersion', 'eventSource', 'awsRegion', 'dynamodb'];

// Item sizes by AWS's rules: "id"+"k" = 3; "v" + N "1" = 1 + 2.
const KEYS_SIZE = 3;
const ITEM_SIZE = 6;

async function threeRecords(viewType: StreamViewType): Promise<{ records: DynamoDBRecord[]; region: string }> {
  const { db, clock } = await makeDb({ region: 'eu-west-1' });
  const table = makeTable(db, { viewType });
  table.put({ id: 'k', v: 1 });
  clock.advance(1_500);
  table.update({ id: 'k' }, (current) => ({ ...current, v: 2 }));
  clock.advance(MINUTE);
  table.delete({ id: 'k' });
  const stream = streamOf(table);
  return { records: readShard(db, trimHorizon(stream, onlyShardId(stream))).records, region: db.region };
}

describe('record shape for each view type', () => {
  describe.each(STREAM_VIEW_TYPES)('%s', (viewType) => {
    it('carries exactly the images of the view-type table, in AWS key order', async () => {
      const { records, region } = await threeRecords(viewType);
      expect(records.map((record) => record.eventName)).toEqual(['INSERT', 'MODIFY', 'REMOVE']);
      for (const record of records) {
        const images = IMAGES[viewType][record.eventName];
        expect(Object.keys(record)).toEqual(RECORD_KEY_ORDER);
        expect(Object.keys(record.dynamodb)).toEqual(
          DYNAMODB_KEY_ORDER.filter((key) => !key.endsWith('Image') || images.includes(key as 'NewImage')),
        );
        expect(record.eventVersion).toBe('1.1');
        expect(record.eventSource).toBe('aws:dynamodb');
        expect(record.awsRegion).toBe(region);
        expect(record.awsRegion).toBe('eu-west-1');
        expect(record.userIdentity).toBeUndefined();
        expect(record.dynamodb.StreamViewType).toBe(viewType);
        expect(record.dynamodb.Keys).toEqual({ id: { S: 'k' } });
        // AWS: SizeBytes = size(Keys) + size(NewImage, if present) + size(OldImage, if present).
        expect(record.dynamodb.SizeBytes).toBe(KEYS_SIZE + images.length * ITEM_SIZE);
      }
      const [insert, modify, remove] = records as [DynamoDBRecord, DynamoDBRecord, DynamoDBRecord];
      const v1 = { id: { S: 'k' }, v: { N: '1' } };
      const v2 = { id: { S: 'k' }, v: { N: '2' } };
      if (IMAGES[viewType].INSERT.includes('NewImage')) expect(insert.dynamodb.NewImage).toEqual(v1);
      if (IMAGES[viewType].MODIFY.includes('NewImage')) expect(modify.dynamodb.NewImage).toEqual(v2);
      if (IMAGES[viewType].MODIFY.includes('OldImage')) expect(modify.dynamodb.OldImage).toEqual(v1);
      if (IMAGES[viewType].REMOVE.includes('OldImage')) expect(remove.dynamodb.OldImage).toEqual(v2);
      // Absent images are left out, not set to undefined.
      for (const record of records) {
        for (const image of ['NewImage', 'OldImage'] as const) {
          if (!IMAGES[viewType][record.eventName].includes(image)) expect(image in record.dynamodb).toBe(false);
        }
      }
    });
  });

  it('ApproximateCreationDateTime is a Date rounded down to the second (AWS; DynamoDB Local floors to the minute)', async () => {
    const { records } = await threeRecords('KEYS_ONLY');
    // T0 is 12:30:15.250; the update is at 12:30:16.750, the delete a minute later.
    expect(records.map((record) => record.dynamodb.ApproximateCreationDateTime)).toEqual([
      new Date(T0 - 250),
      new Date(T0 - 250 + SECOND),
      new Date(T0 - 250 + SECOND + MINUTE),
    ]);
    for (const record of records) {
      expect(record.dynamodb.ApproximateCreationDateTime).toBeInstanceOf(Date);
      expect(record.dynamodb.ApproximateCreationDateTime.getTime() % 1000).toBe(0);
    }
  });

  it('a write exactly on a second keeps that second', async () => {
    const { db } = await makeDb({ start: Date.UTC(2026, 5, 1, 0, 0, 7, 0) });
    const table = makeTable(db);
    table.put({ id: 'a' });
    const [record] = readStream(db, streamOf(table));
    expect(record!.dynamodb.ApproximateCreationDateTime).toEqual(new Date(Date.UTC(2026, 5, 1, 0, 0, 7, 0)));
  });

  it('SizeBytes reproduces the values DynamoDB Local reported (docs/ddb-local-observed-core.md §10)', async () => {
    const { db } = await makeDb();
    const table = makeTable(db, { sortKey: 'N' });
    table.putItem({ Item: { id: { S: 'k1' }, sk: { N: '1' } } });
    table.putItem({ Item: { id: { S: 'k1' }, sk: { N: '1' }, s: { S: 'hello' } } });
    table.putItem({ Item: { id: { S: 'k2' }, sk: { N: '-1.5' }, s: { S: 'é€' } } });
    const everything = {
      id: { S: 'k3' },
      sk: { N: '1' },
      s: { S: 'hello' },
      n1: { N: '123' },
      n2: { N: '-1.5' },
      n3: { N: '100' },
      b: { B: new Uint8Array([1, 2, 3]) },
      t: { BOOL: false },
      z: { NULL: true as const },
      l: { L: [{ S: 'a' }, { N: '1' }] },
      m: { M: { x: { S: 'y' }, n: { N: '2' } } },
      ss: { SS: ['a', 'bb'] },
      ns: { NS: ['1', '-1.5', '100'] },
      bs: { BS: [new Uint8Array([1]), new Uint8Array([2, 3])] },
    };
    table.putItem({ Item: everything });
    table.deleteItem({ Key: { id: { S: 'k3' }, sk: { N: '1' } } });
    const records = readStream(db, streamOf(table));
    // Observed: INSERT key only 16; MODIFY adding s:"hello" 30; INSERT with "é€" 26; the "everything" item's REMOVE 85
    // (written here as a fresh item "k3", so its INSERT has the same size as its REMOVE).
    expect(records.map((record) => [record.eventName, record.dynamodb.SizeBytes])).toEqual([
      ['INSERT', 16],
      ['MODIFY', 30],
      ['INSERT', 26],
      ['INSERT', 85],
      ['REMOVE', 85],
    ]);
    expect(records[4]!.dynamodb.OldImage!.b).toEqual({ B: new Uint8Array([1, 2, 3]) });
    expect(records[1]!.dynamodb.Keys).toEqual({ id: { S: 'k1' }, sk: { N: '1' } });
  });
});

describe('record identity', () => {
  it('eventIDs are 32 lowercase hex digits and never repeat, across shards and tables', async () => {
    const { db } = await makeDb();
    const a = makeTable(db, { name: 'alpha', streamOptions: { initialShards: 4 } });
    const b = makeTable(db, { name: 'beta' });
    for (let i = 0; i < 600; i++) {
      a.put({ id: `a${i % 150}`, v: i });
      b.put({ id: `b${i % 10}`, v: i });
    }
    const records = [...readStream(db, streamOf(a)), ...readStream(db, streamOf(b))];
    expect(records).toHaveLength(1200);
    for (const record of records) expect(record.eventID).toMatch(/^[0-9a-f]{32}$/);
    expect(new Set(records.map((record) => record.eventID)).size).toBe(records.length);
  });

  it('SequenceNumbers are 21 digits and strictly increase within a shard, across shards and across streams', async () => {
    const { db } = await makeDb();
    const a = makeTable(db, { name: 'alpha', streamOptions: { initialShards: 3 } });
    const b = makeTable(db, { name: 'beta' });
    const seen: { table: string; seq: string; shardId: string }[] = [];
    db.on('record', (event) =>
      seen.push({ table: event.tableName, seq: event.record.dynamodb.SequenceNumber, shardId: event.shardId }),
    );
    for (let i = 0; i < 200; i++) {
      (i % 3 === 0 ? b : a).put({ id: `k${i % 37}`, v: i });
    }
    // In write order (the record events), every number is greater than every earlier one, whatever the stream.
    for (let i = 1; i < seen.length; i++) expect(BigInt(seen[i]!.seq) > BigInt(seen[i - 1]!.seq)).toBe(true);
    for (const { seq } of seen) expect(seq).toMatch(/^\d{21}$/);
    // Within each shard, as read back.
    for (const table of [a, b]) {
      const stream = streamOf(table);
      for (const shard of stream.listShards()) {
        const records = readShard(db, trimHorizon(stream, shard.shardId)).records;
        const numbers = records.map((record) => BigInt(record.dynamodb.SequenceNumber));
        for (let i = 1; i < numbers.length; i++) expect(numbers[i]! > numbers[i - 1]!).toBe(true);
        expect(records.map((record) => record.dynamodb.SequenceNumber)).toEqual(
          seen.filter((event) => event.shardId === shard.shardId).map((event) => event.seq),
        );
      }
    }
  });

  it('the same seed and the same calls give byte-identical records, descriptions and iterators', async () => {
    const run = async (seed: number) => {
      const { db, clock } = await makeDb({ seed });
      const table = makeTable(db, { streamOptions: { initialShards: 2 } });
      const stream = streamOf(table);
      const out: unknown[] = [];
      for (let i = 0; i < 40; i++) {
        table.put({ id: `k${i % 7}`, v: i, bin: new Uint8Array([i, i + 1]) });
        if (i % 5 === 0) table.delete({ id: `k${(i + 3) % 7}` });
        if (i === 20) stream.splitShard(stream.listShards()[0]!.shardId);
        clock.advance(777);
      }
      out.push(stream.describeStream());
      for (const shard of stream.listShards()) {
        const iterator = trimHorizon(stream, shard.shardId);
        out.push(iterator, db.getRecords({ ShardIterator: iterator }));
      }
      return JSON.stringify(out);
    };
    const first = await run(7);
    expect(await run(7)).toBe(first);
    const other = await run(8);
    expect(other).not.toBe(first);
  });
});

describe('records handed out cannot change the log', () => {
  const readAll = (db: Awaited<ReturnType<typeof makeDb>>['db'], table: ReturnType<typeof makeTable>) =>
    readStream(db, streamOf(table));
  const serialise = (records: DynamoDBRecord[]) =>
    JSON.stringify(records, (_key, value: unknown) => (value instanceof Uint8Array ? [...value] : value));

  it('mutating a returned record, its images or its keys throws or has no effect on the next read', async () => {
    const { db } = await makeDb();
    const table = makeTable(db);
    table.put({ id: 'a', v: 1, nested: { list: [1, 2] }, tags: new Set(['x']) });
    table.put({ id: 'a', v: 2, nested: { list: [1, 2] }, tags: new Set(['x']) });
    const before = serialise(readAll(db, table));
    const records = readAll(db, table);
    const attempts: (() => void)[] = [
      () => ((records[0] as { eventName: string }).eventName = 'REMOVE'),
      () => ((records[0]!.dynamodb as { SequenceNumber: string }).SequenceNumber = '1'),
      () => records[0]!.dynamodb.ApproximateCreationDateTime.setTime(0),
      () => ((records[0]!.dynamodb.Keys.id as { S: string }).S = 'zzz'),
      () => (records[0]!.dynamodb.Keys.id = { S: 'zzz' }),
      () => (records[0]!.dynamodb.NewImage!.v = { N: '99' }),
      () => ((records[0]!.dynamodb.NewImage!.v as { N: string }).N = '99'),
      () => delete records[1]!.dynamodb.OldImage!.v,
      () => (records[1]!.dynamodb.OldImage!.nested!.M!.list!.L as unknown[]).push({ N: '3' }),
      () => (records[1]!.dynamodb.NewImage!.tags!.SS as string[]).push('y'),
    ];
    let threw = 0;
    for (const attempt of attempts) {
      try {
        attempt();
      } catch (error) {
        expect(error).toBeInstanceOf(TypeError);
        threw++;
      }
    }
    // The images are frozen: every write into them throws (ES modules are strict).
    expect(threw).toBeGreaterThanOrEqual(6);
    expect(serialise(readAll(db, table))).toBe(before);
  });

  it('binary values are copies: changing their bytes changes nothing', async () => {
    const { db } = await makeDb();
    const table = makeTable(db);
    const bytes = new Uint8Array([1, 2, 3]);
    table.put({ id: 'a', b: bytes });
    bytes[0] = 9; // the caller's own array, after the put
    const [record] = readAll(db, table);
    expect(record!.dynamodb.NewImage!.b).toEqual({ B: new Uint8Array([1, 2, 3]) });
    (record!.dynamodb.NewImage!.b!.B as Uint8Array)[1] = 9;
    expect(readAll(db, table)[0]!.dynamodb.NewImage!.b).toEqual({ B: new Uint8Array([1, 2, 3]) });
  });

  it('changing the object passed to put, or a record event payload, changes nothing', async () => {
    const { db } = await makeDb();
    const table = makeTable(db);
    const events: DynamoDBRecord[] = [];
    db.on('record', ({ record }) => events.push(record));
    const item = { id: 'a', list: [1, 2] };
    table.put(item);
    item.list.push(3);
    const before = serialise(readAll(db, table));
    (events[0] as { eventName: string }).eventName = 'MODIFY';
    expect(() => ((events[0]!.dynamodb.NewImage!.id as { S: string }).S = 'b')).toThrow(TypeError);
    expect(serialise(readAll(db, table))).toBe(before);
    expect(readAll(db, table)[0]!.dynamodb.NewImage).toEqual({ id: { S: 'a' }, list: { L: [{ N: '1' }, { N: '2' }] } });
  });
});
