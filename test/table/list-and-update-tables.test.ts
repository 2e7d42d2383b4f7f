/**
 * ListTables, UpdateTable (stream enable / disable / re-enable) and ListStreams across tables, replaying
 * docs/ddb-local-observed-core.md sections 4 and 5 at the same instants, in region `ddblocal`, so the
 * answers can be compared with DynamoDB Local's bodies as they are (timestamps as Dates; DescribeTable's
 * epoch-0 LastIncrease/LastDecreaseDateTime left out, as AWS leaves them out).
 */
import { beforeEach, describe, expect, it } from 'vitest';
import {
  Database,
  ManualClock,
  ResourceNotFoundException,
  ValidationException,
  type StreamViewType,
  type TableDescription,
} from '../../src/index.js';
import { expectRejected } from '../support/aws-errors.js';
import { shardRecords } from '../support/stream-reads.js';

const ARN = 'arn:aws:dynamodb:ddblocal:000000000000:table';
const stream = (table: string, label: string) => ({
  StreamArn: `${ARN}/${table}/stream/${label}`,
  TableName: table,
  StreamLabel: label,
});
const T2ok = stream('T2ok', '2026-11-23T18:41:16.965');
const T2ok2 = stream('T2ok2', '2026-11-23T18:41:17.019');
const Upd1 = stream('Upd1', '2026-11-23T18:41:17.239');
const Upd3a = stream('Upd3', '2026-11-23T18:41:17.338');
const Upd3b = stream('Upd3', '2026-11-23T18:41:19.639');

function fromDdbLocal(body: string): TableDescription {
  const table = (JSON.parse(body) as { TableDescription: Record<string, unknown> }).TableDescription;
  const date = (seconds: unknown) => new Date(Math.round((seconds as number) * 1000));
  table.CreationDateTime = date(table.CreationDateTime);
  const throughput = table.ProvisionedThroughput as Record<string, unknown>;
  delete throughput.LastIncreaseDateTime;
  delete throughput.LastDecreaseDateTime;
  const billing = table.BillingModeSummary as Record<string, unknown>;
  billing.LastUpdateToPayPerRequestDateTime = date(billing.LastUpdateToPayPerRequestDateTime);
  return table as unknown as TableDescription;
}

let clock: ManualClock;
let db: Database;

/** Creates a hash-key table `id` (S) at the given epoch seconds, as the docs' run did. */
function createAt(seconds: number, name: string, viewType?: StreamViewType, provisioned = false): void {
  clock.set(Math.round(seconds * 1000));
  db.createTable({
    TableName: name,
    AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
    KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
    ...(provisioned
      ? { ProvisionedThroughput: { ReadCapacityUnits: 5, WriteCapacityUnits: 5 } }
      : { BillingMode: 'PAY_PER_REQUEST' as const }),
    ...(viewType === undefined ? {} : { StreamSpecification: { StreamEnabled: true, StreamViewType: viewType } }),
  });
}

/** The docs' tables of sections 1-4, up to the re-enabled Upd3 stream. */
async function docsTables(): Promise<void> {
  clock = new ManualClock(Math.round(1795459276.676 * 1000));
  db = await Database.create({ clock, seed: 3, region: 'ddblocal' });
  createAt(1795459276.676, 'Tone');
  createAt(1795459276.941, 'T2g3');
  createAt(1795459276.965, 'T2ok', 'NEW_AND_OLD_IMAGES');
  createAt(1795459277.019, 'T2ok2', 'NEW_AND_OLD_IMAGES', true);
  createAt(1795459277.239, 'Upd1', 'NEW_IMAGE');
  createAt(1795459277.29, 'Upd2');
  createAt(1795459277.338, 'Upd3', 'NEW_AND_OLD_IMAGES');
}

describe('ListTables (docs section 5)', () => {
  beforeEach(docsTables);

  it('lists every table in ascending name order', () => {
    const all = ['T2g3', 'T2ok', 'T2ok2', 'Tone', 'Upd1', 'Upd2', 'Upd3'];
    expect(db.listTables()).toEqual({ TableNames: all });
    expect(db.listTables({})).toEqual({ TableNames: all });
    expect(db.listTables({ Limit: 100 })).toEqual({ TableNames: all });
    expect(db.listTables({ Limit: 7 })).toEqual({ TableNames: all });
  });

  it('pages with Limit 1, LastEvaluatedTableName on every page but the last', () => {
    const pages: unknown[] = [];
    let start: string | undefined;
    do {
      const page = db.listTables({ Limit: 1, ...(start === undefined ? {} : { ExclusiveStartTableName: start }) });
      pages.push(page);
      start = page.LastEvaluatedTableName;
    } while (start !== undefined);
    expect(pages).toEqual([
      { TableNames: ['T2g3'], LastEvaluatedTableName: 'T2g3' },
      { TableNames: ['T2ok'], LastEvaluatedTableName: 'T2ok' },
      { TableNames: ['T2ok2'], LastEvaluatedTableName: 'T2ok2' },
      { TableNames: ['Tone'], LastEvaluatedTableName: 'Tone' },
      { TableNames: ['Upd1'], LastEvaluatedTableName: 'Upd1' },
      { TableNames: ['Upd2'], LastEvaluatedTableName: 'Upd2' },
      { TableNames: ['Upd3'] },
    ]);
  });

  it('starts after ExclusiveStartTableName, whether or not that table exists', () => {
    expect(db.listTables({ Limit: 3, ExclusiveStartTableName: 'T2ok' })).toEqual({
      TableNames: ['T2ok2', 'Tone', 'Upd1'],
      LastEvaluatedTableName: 'Upd1',
    });
    expect(db.listTables({ ExclusiveStartTableName: 'Sss' })).toEqual({
      TableNames: ['T2g3', 'T2ok', 'T2ok2', 'Tone', 'Upd1', 'Upd2', 'Upd3'],
    });
    expect(db.listTables({ ExclusiveStartTableName: 'Tzz' })).toEqual({ TableNames: ['Upd1', 'Upd2', 'Upd3'] });
    expect(db.listTables({ ExclusiveStartTableName: 'Upd3' })).toEqual({ TableNames: [] });
  });

  it('rejects a Limit below 1 or above 100, and an invalid start name', () => {
    expectRejected(
      db,
      () => db.listTables({ Limit: 0 }),
      ValidationException,
      'Limit must be greater than or equal to 1',
    );
    expectRejected(
      db,
      () => db.listTables({ Limit: -1 }),
      ValidationException,
      'Limit must be greater than or equal to 1',
    );
    expectRejected(db, () => db.listTables({ Limit: 101 }), ValidationException, 'Limit in ListTables must be <= 100');
    expectRejected(
      db,
      () => db.listTables({ ExclusiveStartTableName: 'ab' }),
      ValidationException,
      "Invalid table/index name.  Table/index names must be between 3 and 255 characters long, and may contain only the characters a-z, A-Z, 0-9, '_', '-', and '.'",
    );
  });

  it('orders by UTF-16 code units: upper case before lower case, digits and punctuation first', () => {
    for (const name of ['abc', 'ABD', '_x_', '-x-', '.x.', '0xy']) createAt(1795459278, name);
    expect(db.listTables().TableNames).toEqual([
      '-x-',
      '.x.',
      '0xy',
      'ABD',
      'T2g3',
      'T2ok',
      'T2ok2',
      'Tone',
      'Upd1',
      'Upd2',
      'Upd3',
      '_x_',
      'abc',
    ]);
  });

  it('pages of 100 over 150 tables', async () => {
    const fresh = await Database.create({ clock: new ManualClock(0), seed: 1 });
    for (let i = 0; i < 150; i++) {
      fresh.createTable({
        TableName: `t${String(i).padStart(3, '0')}`,
        AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      });
    }
    const first = fresh.listTables();
    expect(first.TableNames).toHaveLength(100);
    expect(first.LastEvaluatedTableName).toBe('t099');
    const second = fresh.listTables({ ExclusiveStartTableName: first.LastEvaluatedTableName });
    expect(second.TableNames).toHaveLength(50);
    expect(second.TableNames[0]).toBe('t100');
    expect(second.LastEvaluatedTableName).toBeUndefined();
  });

  it('an empty database lists nothing', async () => {
    const fresh = await Database.create({ clock: new ManualClock(0), seed: 1 });
    expect(fresh.listTables()).toEqual({ TableNames: [] });
    expect(fresh.listStreams()).toEqual({ Streams: [] });
  });
});

describe('UpdateTable: stream errors (docs section 4)', () => {
  beforeEach(docsTables);

  it('enabling a stream on a table that has one fails, whatever the view type', () => {
    expectRejected(
      db,
      () =>
        db.updateTable({
          TableName: 'Upd1',
          StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_IMAGE' },
        }),
      ValidationException,
      'Table already has an enabled stream',
    );
    expectRejected(
      db,
      () =>
        db.updateTable({
          TableName: 'Upd1',
          StreamSpecification: { StreamEnabled: true, StreamViewType: 'KEYS_ONLY' },
        }),
      ValidationException,
      'Table already has an enabled stream',
    );
  });

  it('disabling a stream a table does not have fails; so do bad specifications and an empty update', () => {
    expectRejected(
      db,
      () => db.updateTable({ TableName: 'Upd2', StreamSpecification: { StreamEnabled: false } }),
      ValidationException,
      'Table has no stream to disable',
    );
    expectRejected(
      db,
      () => db.updateTable({ TableName: 'Upd2', StreamSpecification: { StreamEnabled: true } }),
      ValidationException,
      'Invalid StreamViewType: Stream ViewType must not be null or empty when enabling streams.',
    );
    expectRejected(
      db,
      () =>
        db.updateTable({
          TableName: 'Upd2',
          StreamSpecification: { StreamEnabled: false, StreamViewType: 'NEW_IMAGE' },
        }),
      ValidationException,
      'Invalid StreamViewType: Stream StreamEnabled was false but a StreamViewType was present.',
    );
    expectRejected(db, () => db.updateTable({ TableName: 'Upd2' }), ValidationException, 'Nothing to update');
    expectRejected(
      db,
      () => db.updateTable({ TableName: 'Upd2', StreamSpecification: {} as never }),
      ValidationException,
      'Stream StreamEnabled was null',
    );
    expectRejected(
      db,
      () =>
        db.updateTable({
          TableName: 'Upd2',
          StreamSpecification: { StreamEnabled: true, StreamViewType: 'BOGUS' as never },
        }),
      ValidationException,
      'Invalid StreamViewType: BOGUS',
    );
  });

  it('a table that does not exist is ResourceNotFoundException', () => {
    expectRejected(
      db,
      () =>
        db.updateTable({
          TableName: 'Nope',
          StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_IMAGE' },
        }),
      ResourceNotFoundException,
      'Cannot do operations on a non-existent table',
    );
  });
});

describe('UpdateTable: disable, then re-enable (docs section 4, table Upd3)', () => {
  beforeEach(docsTables);

  const upd3 = (size: number, count: number, spec: string, latest: string) =>
    fromDdbLocal(
      `{"TableDescription":{"AttributeDefinitions":[{"AttributeName":"id","AttributeType":"S"}],"TableName":"Upd3","KeySchema":[{"AttributeName":"id","KeyType":"HASH"}],"TableStatus":"ACTIVE","CreationDateTime":1795459277.338,"ProvisionedThroughput":{"LastIncreaseDateTime":0.000,"LastDecreaseDateTime":0.000,"NumberOfDecreasesToday":0,"ReadCapacityUnits":0,"WriteCapacityUnits":0},"TableSizeBytes":${size},"ItemCount":${count},"TableArn":"arn:aws:dynamodb:ddblocal:000000000000:table/Upd3","BillingModeSummary":{"BillingMode":"PAY_PER_REQUEST","LastUpdateToPayPerRequestDateTime":1795459277.338},${spec}"LatestStreamLabel":"${latest}","LatestStreamArn":"arn:aws:dynamodb:ddblocal:000000000000:table/Upd3/stream/${latest}","DeletionProtectionEnabled":false}}`,
    );

  it('keeps LatestStreamArn/Label after a disable, drops StreamSpecification, and names the new stream after a re-enable', () => {
    expect(db.describeTable({ TableName: 'Upd3' }).Table).toEqual(
      upd3(
        0,
        0,
        '"StreamSpecification":{"StreamEnabled":true,"StreamViewType":"NEW_AND_OLD_IMAGES"},',
        Upd3a.StreamLabel,
      ),
    );
    db.putItem({ TableName: 'Upd3', Item: { id: { S: 'a' } } });
    const disabled = upd3(3, 1, '', Upd3a.StreamLabel);
    expect(db.updateTable({ TableName: 'Upd3', StreamSpecification: { StreamEnabled: false } })).toEqual({
      TableDescription: disabled,
    });
    expect(db.describeTable({ TableName: 'Upd3' }).Table).toEqual(disabled);
    expect(db.table('Upd3').stream).toBeUndefined();
    expect(db.listStreams({ TableName: 'Upd3' })).toEqual({ Streams: [Upd3a] });

    clock.set(Math.round(1795459279.639 * 1000));
    const enabled = upd3(
      3,
      1,
      '"StreamSpecification":{"StreamEnabled":true,"StreamViewType":"NEW_IMAGE"},',
      Upd3b.StreamLabel,
    );
    expect(
      db.updateTable({ TableName: 'Upd3', StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_IMAGE' } }),
    ).toEqual({ TableDescription: enabled });
    expect(db.describeTable({ TableName: 'Upd3' }).Table).toEqual(enabled);
    expect(db.table('Upd3').stream?.arn).toBe(Upd3b.StreamArn);
  });

  it('the disabled stream stays readable: DISABLED, its shard closed, its record kept', () => {
    db.putItem({ TableName: 'Upd3', Item: { id: { S: 'a' } } });
    db.updateTable({ TableName: 'Upd3', StreamSpecification: { StreamEnabled: false } });
    clock.set(Math.round(1795459279.639 * 1000));
    db.updateTable({ TableName: 'Upd3', StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_IMAGE' } });
    db.putItem({ TableName: 'Upd3', Item: { id: { S: 'b' } } });

    const old = db.describeStream({ StreamArn: Upd3a.StreamArn }).StreamDescription;
    expect(old).toMatchObject({
      StreamStatus: 'DISABLED',
      StreamViewType: 'NEW_AND_OLD_IMAGES',
      TableName: 'Upd3',
      CreationRequestDateTime: new Date(1795459277338),
    });
    expect(old.Shards).toHaveLength(1);
    expect(old.Shards[0]!.SequenceNumberRange.EndingSequenceNumber).toBeDefined();
    const oldRecords = shardRecords(db, Upd3a.StreamArn, old.Shards[0]!.ShardId);
    expect(oldRecords.map((record) => [record.eventName, record.dynamodb.Keys, record.dynamodb.SizeBytes])).toEqual([
      ['INSERT', { id: { S: 'a' } }, 6],
    ]);

    const current = db.describeStream({ StreamArn: Upd3b.StreamArn }).StreamDescription;
    expect(current).toMatchObject({
      StreamStatus: 'ENABLED',
      StreamViewType: 'NEW_IMAGE',
      CreationRequestDateTime: new Date(1795459279639),
    });
    const newRecords = current.Shards.flatMap((shard) => shardRecords(db, Upd3b.StreamArn, shard.ShardId));
    expect(newRecords.map((record) => [record.eventName, record.dynamodb.NewImage])).toEqual([
      ['INSERT', { id: { S: 'b' } }],
    ]);
  });

  it('a disabled stream can be disabled no more; the table can be re-enabled once', () => {
    db.updateTable({ TableName: 'Upd3', StreamSpecification: { StreamEnabled: false } });
    expectRejected(
      db,
      () => db.updateTable({ TableName: 'Upd3', StreamSpecification: { StreamEnabled: false } }),
      ValidationException,
      'Table has no stream to disable',
    );
    db.updateTable({ TableName: 'Upd3', StreamSpecification: { StreamEnabled: true, StreamViewType: 'KEYS_ONLY' } });
    expectRejected(
      db,
      () =>
        db.updateTable({
          TableName: 'Upd3',
          StreamSpecification: { StreamEnabled: true, StreamViewType: 'KEYS_ONLY' },
        }),
      ValidationException,
      'Table already has an enabled stream',
    );
  });

  it('two streams of one table at one instant get distinct labels', () => {
    db.updateTable({ TableName: 'Upd3', StreamSpecification: { StreamEnabled: false } });
    clock.set(Math.round(1795459277.338 * 1000)); // the same millisecond as the first stream
    db.updateTable({ TableName: 'Upd3', StreamSpecification: { StreamEnabled: true, StreamViewType: 'KEYS_ONLY' } });
    const labels = db.listStreams({ TableName: 'Upd3' }).Streams.map((s) => s.StreamLabel);
    expect(new Set(labels).size).toBe(2);
    expect(labels).toContain(Upd3a.StreamLabel);
  });
});

describe('ListStreams after disable and re-enable (docs sections 4 and 5)', () => {
  beforeEach(async () => {
    await docsTables();
    db.putItem({ TableName: 'Upd3', Item: { id: { S: 'a' } } });
    db.updateTable({ TableName: 'Upd3', StreamSpecification: { StreamEnabled: false } });
    clock.set(Math.round(1795459279.639 * 1000));
    db.updateTable({ TableName: 'Upd3', StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_IMAGE' } });
  });

  it('lists both streams of Upd3, newest first', () => {
    expect(db.listStreams({ TableName: 'Upd3' })).toEqual({ Streams: [Upd3b, Upd3a] });
  });

  it('lists every stream newest first, with or without a Limit that covers them', () => {
    const all = { Streams: [Upd3b, Upd3a, Upd1, T2ok2, T2ok] };
    expect(db.listStreams()).toEqual(all);
    expect(db.listStreams({})).toEqual(all);
    expect(db.listStreams({ Limit: 100 })).toEqual(all);
    expect(db.listStreams({ Limit: 5 })).toEqual(all);
  });

  it('pages in ascending ARN order, each page printed newest first', () => {
    expect(db.listStreams({ Limit: 4 })).toEqual({
      Streams: [Upd3a, Upd1, T2ok2, T2ok],
      LastEvaluatedStreamArn: Upd3a.StreamArn,
    });
    const pages: unknown[] = [];
    let start: string | undefined;
    do {
      const page = db.listStreams({ Limit: 1, ...(start === undefined ? {} : { ExclusiveStartStreamArn: start }) });
      pages.push(page);
      start = page.LastEvaluatedStreamArn;
    } while (start !== undefined);
    expect(pages).toEqual([
      { Streams: [T2ok], LastEvaluatedStreamArn: T2ok.StreamArn },
      { Streams: [T2ok2], LastEvaluatedStreamArn: T2ok2.StreamArn },
      { Streams: [Upd1], LastEvaluatedStreamArn: Upd1.StreamArn },
      { Streams: [Upd3a], LastEvaluatedStreamArn: Upd3a.StreamArn },
      { Streams: [Upd3b] },
    ]);
  });

  it('pages one table’s streams', () => {
    const first = db.listStreams({ TableName: 'Upd3', Limit: 1 });
    expect(first).toEqual({ Streams: [Upd3a], LastEvaluatedStreamArn: Upd3a.StreamArn });
    expect(
      db.listStreams({ TableName: 'Upd3', Limit: 1, ExclusiveStartStreamArn: first.LastEvaluatedStreamArn }),
    ).toEqual({ Streams: [Upd3b] });
  });

  it('starts after any ARN, known or not; an unknown or invalid table name lists nothing', () => {
    expect(db.listStreams({ ExclusiveStartStreamArn: `${ARN}/Upd1/stream/2026-11-23T18:39:11.934` })).toEqual({
      Streams: [Upd3b, Upd3a, Upd1],
    });
    expect(db.listStreams({ ExclusiveStartStreamArn: `${ARN}/T2ok/stream/2099-01-01T00:00:00.000`, Limit: 2 })).toEqual(
      { Streams: [Upd1, T2ok2], LastEvaluatedStreamArn: Upd1.StreamArn },
    );
    expect(db.listStreams({ ExclusiveStartStreamArn: `${ARN}/Zzz/stream/2026-11-23T00:00:00.000` })).toEqual({
      Streams: [],
    });
    expect(db.listStreams({ ExclusiveStartStreamArn: 'garbage' })).toEqual({ Streams: [] });
    expect(db.listStreams({ ExclusiveStartStreamArn: 'arn:aws:dynamodb:x' })).toEqual({ Streams: [] });
    expect(db.listStreams({ TableName: 'NoSuchTable' })).toEqual({ Streams: [] });
    expect(db.listStreams({ TableName: 'ab' })).toEqual({ Streams: [] });
  });

  it('rejects a Limit below 1 or above 100 with DynamoDB Local’s texts', () => {
    expectRejected(
      db,
      () => db.listStreams({ Limit: 0 }),
      ValidationException,
      "1 validation error detected: Value '0' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1",
    );
    expectRejected(
      db,
      () => db.listStreams({ Limit: 101 }),
      ValidationException,
      'One or more parameter values were invalid: Limit cannot be greater than the maximum allowed size: 100',
    );
  });
});
