/**
 * DescribeTable's shape against DynamoDB Local's bodies (docs/ddb-local-observed-core.md, sections 1, 2, 4
 * and 6), DeleteTable, and operations on a table that does not exist or was deleted (section 3).
 *
 * The database runs with region `ddblocal` and its clock at the moments the docs' tables were created, so ARNs
 * and labels are DynamoDB Local's own. Differences kept on purpose: timestamps are Dates (as the AWS SDK gives
 * them); `ProvisionedThroughput.LastIncreaseDateTime`/`LastDecreaseDateTime` are left out, as AWS leaves them
 * out for a table whose throughput never changed (DynamoDB Local sends 0.000); DeleteTable answers
 * `TableStatus: DELETING`, as AWS (DynamoDB Local says ACTIVE).
 */
import { describe, expect, it } from 'vitest';
import {
  Database,
  ManualClock,
  ResourceNotFoundException,
  ValidationException,
  type Table,
  type TableDescription,
} from '../../src/index.js';
import { expectRejected } from '../support/aws-errors.js';
import { recordsOf } from '../support/stream-reads.js';

async function ddbLocalDb(atSeconds: number): Promise<{ clock: ManualClock; db: Database }> {
  const clock = new ManualClock(Math.round(atSeconds * 1000));
  const db = await Database.create({ clock, seed: 1, region: 'ddblocal' });
  return { clock, db };
}

/** A DynamoDB Local `Table`/`TableDescription` body as our typed API gives it (see the file comment). */
function fromDdbLocal(body: string): TableDescription {
  const parsed = JSON.parse(body) as { Table?: Record<string, unknown>; TableDescription?: Record<string, unknown> };
  const table = (parsed.Table ?? parsed.TableDescription) as Record<string, unknown>;
  const date = (seconds: unknown) => new Date(Math.round((seconds as number) * 1000));
  table.CreationDateTime = date(table.CreationDateTime);
  const throughput = table.ProvisionedThroughput as Record<string, unknown>;
  delete throughput.LastIncreaseDateTime;
  delete throughput.LastDecreaseDateTime;
  const billing = table.BillingModeSummary as Record<string, unknown> | undefined;
  if (billing !== undefined)
    billing.LastUpdateToPayPerRequestDateTime = date(billing.LastUpdateToPayPerRequestDateTime);
  return table as unknown as TableDescription;
}

const hashRange = {
  AttributeDefinitions: [
    { AttributeName: 'id', AttributeType: 'S' as const },
    { AttributeName: 'sk', AttributeType: 'N' as const },
  ],
  KeySchema: [
    { AttributeName: 'id', KeyType: 'HASH' as const },
    { AttributeName: 'sk', KeyType: 'RANGE' as const },
  ],
};

describe('DescribeTable matches DynamoDB Local', () => {
  it('hash+range, on demand, NEW_AND_OLD_IMAGES stream (T2ok)', async () => {
    const { db } = await ddbLocalDb(1795459276.965);
    db.createTable({
      TableName: 'T2ok',
      ...hashRange,
      BillingMode: 'PAY_PER_REQUEST',
      StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
    });
    expect(db.describeTable({ TableName: 'T2ok' })).toEqual({
      Table: fromDdbLocal(
        '{"Table":{"AttributeDefinitions":[{"AttributeName":"id","AttributeType":"S"},{"AttributeName":"sk","AttributeType":"N"}],"TableName":"T2ok","KeySchema":[{"AttributeName":"id","KeyType":"HASH"},{"AttributeName":"sk","KeyType":"RANGE"}],"TableStatus":"ACTIVE","CreationDateTime":1795459276.965,"ProvisionedThroughput":{"LastIncreaseDateTime":0.000,"LastDecreaseDateTime":0.000,"NumberOfDecreasesToday":0,"ReadCapacityUnits":0,"WriteCapacityUnits":0},"TableSizeBytes":0,"ItemCount":0,"TableArn":"arn:aws:dynamodb:ddblocal:000000000000:table/T2ok","BillingModeSummary":{"BillingMode":"PAY_PER_REQUEST","LastUpdateToPayPerRequestDateTime":1795459276.965},"StreamSpecification":{"StreamEnabled":true,"StreamViewType":"NEW_AND_OLD_IMAGES"},"LatestStreamLabel":"2026-11-23T18:41:16.965","LatestStreamArn":"arn:aws:dynamodb:ddblocal:000000000000:table/T2ok/stream/2026-11-23T18:41:16.965","DeletionProtectionEnabled":false}}',
      ),
    });
  });

  it('provisioned 5/5 with a stream (T2ok2): no BillingModeSummary', async () => {
    const { db } = await ddbLocalDb(1795459277.019);
    db.createTable({
      TableName: 'T2ok2',
      ...hashRange,
      ProvisionedThroughput: { ReadCapacityUnits: 5, WriteCapacityUnits: 5 },
      StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
    });
    expect(db.describeTable({ TableName: 'T2ok2' }).Table).toEqual(
      fromDdbLocal(
        '{"TableDescription":{"AttributeDefinitions":[{"AttributeName":"id","AttributeType":"S"},{"AttributeName":"sk","AttributeType":"N"}],"TableName":"T2ok2","KeySchema":[{"AttributeName":"id","KeyType":"HASH"},{"AttributeName":"sk","KeyType":"RANGE"}],"TableStatus":"ACTIVE","CreationDateTime":1795459277.019,"ProvisionedThroughput":{"LastIncreaseDateTime":0.000,"LastDecreaseDateTime":0.000,"NumberOfDecreasesToday":0,"ReadCapacityUnits":5,"WriteCapacityUnits":5},"TableSizeBytes":0,"ItemCount":0,"TableArn":"arn:aws:dynamodb:ddblocal:000000000000:table/T2ok2","StreamSpecification":{"StreamEnabled":true,"StreamViewType":"NEW_AND_OLD_IMAGES"},"LatestStreamLabel":"2026-11-23T18:41:17.019","LatestStreamArn":"arn:aws:dynamodb:ddblocal:000000000000:table/T2ok2/stream/2026-11-23T18:41:17.019","DeletionProtectionEnabled":false}}',
      ),
    );
  });

  it('no stream (T2g3, {StreamEnabled:false}): no stream fields', async () => {
    const { db } = await ddbLocalDb(1795459276.941);
    db.createTable({
      TableName: 'T2g3',
      AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      BillingMode: 'PAY_PER_REQUEST',
      StreamSpecification: { StreamEnabled: false },
    });
    expect(db.describeTable({ TableName: 'T2g3' }).Table).toEqual(
      fromDdbLocal(
        '{"Table":{"AttributeDefinitions":[{"AttributeName":"id","AttributeType":"S"}],"TableName":"T2g3","KeySchema":[{"AttributeName":"id","KeyType":"HASH"}],"TableStatus":"ACTIVE","CreationDateTime":1795459276.941,"ProvisionedThroughput":{"LastIncreaseDateTime":0.000,"LastDecreaseDateTime":0.000,"NumberOfDecreasesToday":0,"ReadCapacityUnits":0,"WriteCapacityUnits":0},"TableSizeBytes":0,"ItemCount":0,"TableArn":"arn:aws:dynamodb:ddblocal:000000000000:table/T2g3","BillingModeSummary":{"BillingMode":"PAY_PER_REQUEST","LastUpdateToPayPerRequestDateTime":1795459276.941},"DeletionProtectionEnabled":false}}',
      ),
    );
  });

  it('the default region and account make the ARNs', async () => {
    const db = await Database.create({ clock: new ManualClock(Date.UTC(2026, 0, 1)), seed: 1 });
    const table = db.createTable({
      TableName: 'Arn',
      AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      StreamSpecification: { StreamEnabled: true, StreamViewType: 'KEYS_ONLY' },
    });
    expect(table.describe()).toMatchObject({
      TableArn: 'arn:aws:dynamodb:us-east-1:000000000000:table/Arn',
      LatestStreamArn: 'arn:aws:dynamodb:us-east-1:000000000000:table/Arn/stream/2026-01-01T00:00:00.000',
      LatestStreamLabel: '2026-01-01T00:00:00.000',
    });
  });

  it('ItemCount and TableSizeBytes follow the items', async () => {
    const { db } = await ddbLocalDb(1795459280.351);
    const table = db.createTable({
      TableName: 'Del1',
      AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      BillingMode: 'PAY_PER_REQUEST',
      StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
    });
    for (const id of ['a', 'b', 'c']) table.putItem({ Item: { id: { S: id }, v: { N: '1' } } });
    expect(table.describe()).toMatchObject({ ItemCount: 3, TableSizeBytes: 18 });
    table.putItem({ Item: { id: { S: 'a' }, v: { N: '-1.5' } } });
    expect(table.describe()).toMatchObject({ ItemCount: 3, TableSizeBytes: 20 });
    table.deleteItem({ Key: { id: { S: 'b' } } });
    expect(table.describe()).toMatchObject({ ItemCount: 2, TableSizeBytes: 14 });
    expect(table.itemCount).toBe(2);
    expect(table.sizeBytes).toBe(14);
  });

  it('hands out a fresh description: changing it changes nothing', async () => {
    const { db } = await ddbLocalDb(1795459276.965);
    db.createTable({ TableName: 'T2ok', ...hashRange, BillingMode: 'PAY_PER_REQUEST' });
    const first = db.describeTable({ TableName: 'T2ok' }).Table;
    first.KeySchema[0]!.AttributeName = 'changed';
    first.AttributeDefinitions.pop();
    expect(db.describeTable({ TableName: 'T2ok' }).Table.KeySchema).toEqual(hashRange.KeySchema);
    expect(db.describeTable({ TableName: 'T2ok' }).Table.AttributeDefinitions).toEqual(hashRange.AttributeDefinitions);
  });
});

describe('DeleteTable', () => {
  it('returns the last description (DELETING, as AWS), disables the stream, and the table is gone', async () => {
    const { db } = await ddbLocalDb(1795459280.351);
    const table = db.createTable({
      TableName: 'Del1',
      AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      BillingMode: 'PAY_PER_REQUEST',
      StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
    });
    for (const id of ['a', 'b', 'c']) table.putItem({ Item: { id: { S: id }, v: { N: '1' } } });
    const expected = fromDdbLocal(
      '{"TableDescription":{"AttributeDefinitions":[{"AttributeName":"id","AttributeType":"S"}],"TableName":"Del1","KeySchema":[{"AttributeName":"id","KeyType":"HASH"}],"TableStatus":"ACTIVE","CreationDateTime":1795459280.351,"ProvisionedThroughput":{"LastIncreaseDateTime":0.000,"LastDecreaseDateTime":0.000,"NumberOfDecreasesToday":0,"ReadCapacityUnits":0,"WriteCapacityUnits":0},"TableSizeBytes":18,"ItemCount":3,"TableArn":"arn:aws:dynamodb:ddblocal:000000000000:table/Del1","BillingModeSummary":{"BillingMode":"PAY_PER_REQUEST","LastUpdateToPayPerRequestDateTime":1795459280.351},"StreamSpecification":{"StreamEnabled":true,"StreamViewType":"NEW_AND_OLD_IMAGES"},"LatestStreamLabel":"2026-11-23T18:41:20.351","LatestStreamArn":"arn:aws:dynamodb:ddblocal:000000000000:table/Del1/stream/2026-11-23T18:41:20.351","DeletionProtectionEnabled":false}}',
    );
    const stream = table.stream!;
    expect(db.deleteTable({ TableName: 'Del1' })).toEqual({
      TableDescription: { ...expected, TableStatus: 'DELETING' },
    });
    expectRejected(
      db,
      () => db.describeTable({ TableName: 'Del1' }),
      ResourceNotFoundException,
      'Cannot do operations on a non-existent table',
    );
    expect(db.listTables()).toEqual({ TableNames: [] });
    // The stream stays listed and readable, DISABLED, with its records.
    expect(db.listStreams({ TableName: 'Del1' }).Streams).toEqual([
      { StreamArn: expected.LatestStreamArn, TableName: 'Del1', StreamLabel: '2026-11-23T18:41:20.351' },
    ]);
    expect(db.describeStream({ StreamArn: stream.arn }).StreamDescription.StreamStatus).toBe('DISABLED');
  });

  it('a name can be used again; the old Table handle stays dead', async () => {
    const { db, clock } = await ddbLocalDb(1795459280.351);
    const definition = {
      TableName: 'Again',
      AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' as const }],
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' as const }],
      StreamSpecification: { StreamEnabled: true, StreamViewType: 'KEYS_ONLY' as const },
    };
    const old = db.createTable(definition);
    const oldArn = old.stream!.arn;
    old.putItem({ Item: { id: { S: 'x' } } });
    db.deleteTable({ TableName: 'Again' });
    clock.advance(5);
    const fresh = db.createTable(definition);
    expect(fresh).not.toBe(old);
    expect(fresh.itemCount).toBe(0);
    expect(fresh.getItem({ Key: { id: { S: 'x' } } })).toEqual({});
    expectRejected(
      db,
      () => old.putItem({ Item: { id: { S: 'y' } } }),
      ResourceNotFoundException,
      'Cannot do operations on a non-existent table',
    );
    expectRejected(
      db,
      () => old.getItem({ Key: { id: { S: 'x' } } }),
      ResourceNotFoundException,
      'Cannot do operations on a non-existent table',
    );
    expect(fresh.stream!.arn).not.toBe(oldArn);
    expect(db.listStreams({ TableName: 'Again' }).Streams.map((stream) => stream.StreamLabel)).toEqual([
      '2026-11-23T18:41:20.356',
      '2026-11-23T18:41:20.351',
    ]);
    fresh.putItem({ Item: { id: { S: 'z' } } });
    expect(recordsOf(db, fresh).map((record) => record.dynamodb.Keys)).toEqual([{ id: { S: 'z' } }]);
  });
});

describe('operations on a table that does not exist', () => {
  const NO_TABLE = 'Cannot do operations on a non-existent table';
  const calls: [string, (db: Database) => unknown][] = [
    ['DescribeTable', (db) => db.describeTable({ TableName: 'Nope' })],
    ['DeleteTable', (db) => db.deleteTable({ TableName: 'Nope' })],
    ['PutItem', (db) => db.putItem({ TableName: 'Nope', Item: { id: { S: 'a' } } })],
    ['GetItem', (db) => db.getItem({ TableName: 'Nope', Key: { id: { S: 'a' } } })],
    ['DeleteItem', (db) => db.deleteItem({ TableName: 'Nope', Key: { id: { S: 'a' } } })],
    ['UpdateItem', (db) => db.updateItem({ TableName: 'Nope', Key: { id: { S: 'a' } }, update: () => ({}) })],
    [
      'UpdateTable (stream spec)',
      (db) =>
        db.updateTable({
          TableName: 'Nope',
          StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_IMAGE' },
        }),
    ],
    ['UpdateTable (nothing)', (db) => db.updateTable({ TableName: 'Nope' })],
    [
      'BatchWriteItem',
      (db) => db.batchWriteItem({ RequestItems: { Nope: [{ PutRequest: { Item: { id: { S: 'a' } } } }] } }),
    ],
    [
      'TransactWriteItems',
      (db) => db.transactWriteItems({ TransactItems: [{ Put: { TableName: 'Nope', Item: { id: { S: 'a' } } } }] }),
    ],
    ['db.table', (db) => db.table('Nope')],
  ];

  it.each(calls)('%s: ResourceNotFoundException', async (_label, call) => {
    const { db } = await ddbLocalDb(1795459276);
    db.createTable({
      TableName: 'Exists',
      AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
    });
    expectRejected(db, () => call(db), ResourceNotFoundException, NO_TABLE);
  });

  it.each(calls)('%s on a deleted table: ResourceNotFoundException', async (_label, call) => {
    const { db } = await ddbLocalDb(1795459276);
    db.createTable({
      TableName: 'Nope',
      AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
    });
    db.deleteTable({ TableName: 'Nope' });
    expectRejected(db, () => call(db), ResourceNotFoundException, NO_TABLE);
  });

  it('every method of a deleted table’s handle: ResourceNotFoundException', async () => {
    const { db } = await ddbLocalDb(1795459276);
    const table: Table = db.createTable({
      TableName: 'Gone',
      AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_IMAGE' },
    });
    table.put({ id: 'a' });
    db.deleteTable({ TableName: 'Gone' });
    const calls: (() => unknown)[] = [
      () => table.describe(),
      () => table.putItem({ Item: { id: { S: 'b' } } }),
      () => table.getItem({ Key: { id: { S: 'a' } } }),
      () => table.deleteItem({ Key: { id: { S: 'a' } } }),
      () => table.updateItem({ Key: { id: { S: 'a' } }, update: () => ({}) }),
      () => table.put({ id: 'b' }),
      () => table.get({ id: 'a' }),
      () => table.delete({ id: 'a' }),
      () => table.update({ id: 'a' }, (item) => ({ ...item })),
      () => table.batchWrite([{ put: { id: 'b' } }]),
    ];
    for (const call of calls)
      expectRejected(db, call, ResourceNotFoundException, 'Cannot do operations on a non-existent table');
    expect(table.stream).toBeUndefined();
    expect([...table.items()]).toEqual([]);
    expect(table.itemCount).toBe(0);
  });

  it('an invalid or missing TableName is a ValidationException, before existence (DynamoDB Local)', async () => {
    const { db } = await ddbLocalDb(1795459276);
    const BAD_NAME =
      "Invalid table/index name.  Table/index names must be between 3 and 255 characters long, and may contain only the characters a-z, A-Z, 0-9, '_', '-', and '.'";
    const calls: (() => unknown)[] = [
      () => db.describeTable({} as never),
      () => db.describeTable({ TableName: 'ab' }),
      () => db.deleteTable({ TableName: 'ab' }),
      () => db.updateTable({ TableName: 'ab' }),
      () => db.putItem({ TableName: 'ab', Item: { id: { S: 'a' } } }),
      () => db.getItem({ TableName: 'bad name!', Key: { id: { S: 'a' } } }),
      () => db.deleteItem({ TableName: 'ab', Key: { id: { S: 'a' } } }),
      () => db.updateItem({ TableName: 'ab', Key: { id: { S: 'a' } }, update: () => ({}) }),
      () => db.batchWriteItem({ RequestItems: { ab: [{ PutRequest: { Item: { id: { S: 'a' } } } }] } }),
      () => db.transactWriteItems({ TransactItems: [{ Put: { TableName: 'ab', Item: { id: { S: 'a' } } } }] }),
      () => db.table('x'.repeat(256)),
    ];
    for (const call of calls) expectRejected(db, call, ValidationException, BAD_NAME);
  });
});

describe('UpdateTable validation needs the table first', () => {
  it('an invalid StreamSpecification on a missing table is ResourceNotFoundException, on an existing one ValidationException', async () => {
    const { db } = await ddbLocalDb(1795459276);
    db.createTable({
      TableName: 'Upd2',
      AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
    });
    const spec = { StreamEnabled: true } as never;
    expectRejected(
      db,
      () => db.updateTable({ TableName: 'Nope', StreamSpecification: spec }),
      ResourceNotFoundException,
      'Cannot do operations on a non-existent table',
    );
    expectRejected(
      db,
      () => db.updateTable({ TableName: 'Upd2', StreamSpecification: spec }),
      ValidationException,
      'Invalid StreamViewType: Stream ViewType must not be null or empty when enabling streams.',
    );
  });
});
