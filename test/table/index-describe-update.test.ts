/**
 * DescribeTable's index entries, and UpdateTable's GlobalSecondaryIndexUpdates: AWS's texts and exception names, one
 * Create or Delete per call, a new GSI backfilled from the table and CREATING for `indexBackfillTime` on the clock.
 */
import { describe, expect, it } from 'vitest';
import {
  LimitExceededException,
  ResourceInUseException,
  SerializationException,
  type DynamoDBError,
  ResourceNotFoundException,
  ValidationException,
  type CreateTableInput,
  type GlobalSecondaryIndexUpdate,
  type UpdateTableInput,
} from '../../src/index.js';
import { checkIndexReadable } from '../../src/table/index-readable.js';
import { expectRejected } from '../support/aws-errors.js';
import { makeDb } from '../support/database.js';

const INVALID = 'One or more parameter values were invalid: ';
const S = (name: string) => ({ AttributeName: name, AttributeType: 'S' as const });
const N = (name: string) => ({ AttributeName: name, AttributeType: 'N' as const });
const HASH = (name: string) => ({ AttributeName: name, KeyType: 'HASH' as const });
const RANGE = (name: string) => ({ AttributeName: name, KeyType: 'RANGE' as const });
const PT = { ReadCapacityUnits: 1, WriteCapacityUnits: 1 };
const ARN = 'arn:aws:dynamodb:us-east-1:000000000000:table/Tbl';

function table(provisioned: boolean): CreateTableInput {
  return {
    TableName: 'Tbl',
    KeySchema: [HASH('pk'), RANGE('sk')],
    AttributeDefinitions: [S('pk'), S('sk'), S('g'), N('l')],
    ...(provisioned ? { BillingMode: 'PROVISIONED', ProvisionedThroughput: PT } : { BillingMode: 'PAY_PER_REQUEST' }),
    GlobalSecondaryIndexes: [
      {
        IndexName: 'gsi1',
        KeySchema: [HASH('g')],
        Projection: { ProjectionType: 'INCLUDE', NonKeyAttributes: ['z', 'a'] },
        ...(provisioned ? { ProvisionedThroughput: { ReadCapacityUnits: 3, WriteCapacityUnits: 4 } } : {}),
      },
    ],
    LocalSecondaryIndexes: [
      { IndexName: 'lsi1', KeySchema: [HASH('pk'), RANGE('l')], Projection: { ProjectionType: 'KEYS_ONLY' } },
    ],
  };
}

async function fixture(provisioned = false, indexBackfillTime = 0) {
  const { db, clock } = await makeDb({ indexBackfillTime });
  db.createTable(table(provisioned));
  db.putItem({
    TableName: 'Tbl',
    Item: { pk: { S: 'a' }, sk: { S: 'b' }, g: { S: 'G' }, h: { S: 'H' }, z: { S: 'zz' } },
  });
  db.putItem({ TableName: 'Tbl', Item: { pk: { S: 'a' }, sk: { S: 'c' }, h: { S: 'H2' } } });
  return { db, clock };
}

const createH = (more: object = {}): GlobalSecondaryIndexUpdate => ({
  Create: { IndexName: 'gsi2', KeySchema: [HASH('h')], Projection: { ProjectionType: 'ALL' }, ...more },
});
const update = (input: Omit<UpdateTableInput, 'TableName'>): UpdateTableInput => ({ TableName: 'Tbl', ...input });

describe('DescribeTable with indexes', () => {
  it('shows LSIs then GSIs, members in AWS order, before the stream members, with sizes, counts and ARNs', async () => {
    const { db } = await fixture();
    const description = db.describeTable({ TableName: 'Tbl' }).Table;
    expect(Object.keys(description).slice(-3)).toEqual([
      'LocalSecondaryIndexes',
      'GlobalSecondaryIndexes',
      'DeletionProtectionEnabled',
    ]);
    expect(description.LocalSecondaryIndexes).toEqual([
      {
        IndexName: 'lsi1',
        KeySchema: [HASH('pk'), RANGE('l')],
        Projection: { ProjectionType: 'KEYS_ONLY' },
        IndexSizeBytes: 0,
        ItemCount: 0,
        IndexArn: `${ARN}/index/lsi1`,
      },
    ]);
    const [gsi] = description.GlobalSecondaryIndexes!;
    expect(Object.keys(gsi!)).toEqual([
      'IndexName',
      'KeySchema',
      'Projection',
      'IndexStatus',
      'ProvisionedThroughput',
      'IndexSizeBytes',
      'ItemCount',
      'IndexArn',
    ]);
    expect(gsi).toEqual({
      IndexName: 'gsi1',
      KeySchema: [HASH('g')],
      Projection: { ProjectionType: 'INCLUDE', NonKeyAttributes: ['z', 'a'] },
      IndexStatus: 'ACTIVE',
      // An on-demand table's GSI shows 0 and 0, as AWS and DynamoDB Local show it.
      ProvisionedThroughput: { NumberOfDecreasesToday: 0, ReadCapacityUnits: 0, WriteCapacityUnits: 0 },
      // pk a, sk b, g G, z zz: the keys and the projected z (3 + 3 + 2 + 3).
      IndexSizeBytes: 11,
      ItemCount: 1,
      IndexArn: `${ARN}/index/gsi1`,
    });
  });

  it('shows a provisioned GSI’s throughput, and DeleteTable answers with the indexes', async () => {
    const { db } = await fixture(true);
    expect(db.describeTable({ TableName: 'Tbl' }).Table.GlobalSecondaryIndexes![0]!.ProvisionedThroughput).toEqual({
      NumberOfDecreasesToday: 0,
      ReadCapacityUnits: 3,
      WriteCapacityUnits: 4,
    });
    const deleted = db.deleteTable({ TableName: 'Tbl' }).TableDescription;
    expect(deleted.TableStatus).toBe('DELETING');
    expect(deleted.GlobalSecondaryIndexes!.map((index) => index.IndexName)).toEqual(['gsi1']);
    expect(deleted.LocalSecondaryIndexes!.map((index) => index.IndexName)).toEqual(['lsi1']);
  });

  it('a table without indexes shows neither list', async () => {
    const { db } = await makeDb();
    db.createTable({ TableName: 'Tbl', KeySchema: [HASH('pk')], AttributeDefinitions: [S('pk')] });
    const description = db.describeTable({ TableName: 'Tbl' }).Table;
    expect('GlobalSecondaryIndexes' in description || 'LocalSecondaryIndexes' in description).toBe(false);
  });
});

describe('UpdateTable GlobalSecondaryIndexUpdates', () => {
  it('Create backfills the GSI from the table, adds its key attribute, and with no backfill time is ACTIVE at once', async () => {
    const { db } = await fixture();
    const answer = db.updateTable(update({ AttributeDefinitions: [S('h')], GlobalSecondaryIndexUpdates: [createH()] }));
    const created = answer.TableDescription.GlobalSecondaryIndexes![1]!;
    expect(created).toMatchObject({ IndexName: 'gsi2', IndexStatus: 'ACTIVE', ItemCount: 2 });
    expect(answer.TableDescription.AttributeDefinitions).toEqual([S('pk'), S('sk'), S('g'), N('l'), S('h')]);
    const index = db.table('Tbl').indexes.get('gsi2')!;
    expect(index.count).toBe(2);
    expect(() => checkIndexReadable(index)).not.toThrow();
    // New writes reach it.
    db.putItem({ TableName: 'Tbl', Item: { pk: { S: 'x' }, sk: { S: 'y' }, h: { S: 'H3' } } });
    expect(index.count).toBe(3);
  });

  it('with a backfill time, the GSI is CREATING (not readable, in AWS’s words) until the clock passes it', async () => {
    const { db, clock } = await fixture(false, 60_000);
    const answer = db.updateTable(update({ AttributeDefinitions: [S('h')], GlobalSecondaryIndexUpdates: [createH()] }));
    expect(answer.TableDescription.GlobalSecondaryIndexes![1]).toMatchObject({
      IndexStatus: 'CREATING',
      Backfilling: false,
    });
    const index = db.table('Tbl').indexes.get('gsi2')!;
    expect(() => checkIndexReadable(index)).toThrow(
      new ValidationException('Cannot read from backfilling global secondary index: gsi2'),
    );
    // One online index change at a time.
    expectRejected(
      db,
      () =>
        db.updateTable(
          update({
            AttributeDefinitions: [S('h')],
            GlobalSecondaryIndexUpdates: [{ Create: { ...createH().Create!, IndexName: 'gsi3' } }],
          }),
        ),
      LimitExceededException,
      'Subscriber limit exceeded: Only 1 online index can be created or deleted simultaneously per table',
    );
    clock.advance(59_999);
    expect(index.status).toBe('CREATING');
    clock.advance(1);
    expect(index.status).toBe('ACTIVE');
    expect(db.describeTable({ TableName: 'Tbl' }).Table.GlobalSecondaryIndexes![1]).not.toHaveProperty('Backfilling');
  });

  it('a GSI deleted while CREATING stays gone; close() cancels pending backfills', async () => {
    const { db, clock } = await fixture(false, 1000);
    db.updateTable(update({ AttributeDefinitions: [S('h')], GlobalSecondaryIndexUpdates: [createH()] }));
    const first = db.table('Tbl').indexes.get('gsi2')!;
    db.updateTable(update({ GlobalSecondaryIndexUpdates: [{ Delete: { IndexName: 'gsi2' } }] }));
    db.updateTable(update({ AttributeDefinitions: [S('h')], GlobalSecondaryIndexUpdates: [createH()] }));
    const second = db.table('Tbl').indexes.get('gsi2')!;
    db.close();
    clock.advance(5000);
    expect([first.status, second.status]).toEqual(['CREATING', 'CREATING']);
  });

  it('Delete answers with the GSI DELETING, then it is gone and its key attribute pruned', async () => {
    const { db } = await fixture();
    const answer = db.updateTable(update({ GlobalSecondaryIndexUpdates: [{ Delete: { IndexName: 'gsi1' } }] }));
    expect(
      answer.TableDescription.GlobalSecondaryIndexes!.map((index) => [index.IndexName, index.IndexStatus]),
    ).toEqual([['gsi1', 'DELETING']]);
    expect(Object.keys(answer.TableDescription).slice(-2)).toEqual([
      'GlobalSecondaryIndexes',
      'DeletionProtectionEnabled',
    ]);
    const after = db.describeTable({ TableName: 'Tbl' }).Table;
    expect(after.GlobalSecondaryIndexes).toBeUndefined();
    expect(after.AttributeDefinitions).toEqual([S('pk'), S('sk'), N('l')]);
    expect(db.table('Tbl').indexes.get('gsi1')).toBeUndefined();
    expect(db.table('Tbl').definition.indexes.map((index) => index.name)).toEqual(['lsi1']);
  });

  it('Update changes a provisioned GSI’s throughput', async () => {
    const { db } = await fixture(true);
    const answer = db.updateTable(
      update({
        GlobalSecondaryIndexUpdates: [
          { Update: { IndexName: 'gsi1', ProvisionedThroughput: { ReadCapacityUnits: 5, WriteCapacityUnits: 4 } } },
        ],
      }),
    );
    expect(answer.TableDescription.GlobalSecondaryIndexes![0]!.ProvisionedThroughput).toEqual({
      NumberOfDecreasesToday: 0,
      ReadCapacityUnits: 5,
      WriteCapacityUnits: 4,
    });
  });

  it('Create on a provisioned table takes the GSI’s throughput', async () => {
    const { db } = await fixture(true);
    const answer = db.updateTable(
      update({
        AttributeDefinitions: [S('h')],
        GlobalSecondaryIndexUpdates: [
          createH({ ProvisionedThroughput: { ReadCapacityUnits: 7, WriteCapacityUnits: 8 } }),
        ],
      }),
    );
    expect(answer.TableDescription.GlobalSecondaryIndexes![1]!.ProvisionedThroughput).toMatchObject({
      ReadCapacityUnits: 7,
      WriteCapacityUnits: 8,
    });
  });

  it('Create of a GSI keyed on attributes the table already defines needs only AttributeDefinitions present', async () => {
    const { db } = await fixture();
    db.updateTable(
      update({
        AttributeDefinitions: [N('g')], // a conflicting type for a defined attribute: the table's stands
        GlobalSecondaryIndexUpdates: [
          {
            Create: {
              IndexName: 'gsi3',
              KeySchema: [HASH('g'), RANGE('sk')],
              Projection: { ProjectionType: 'KEYS_ONLY' },
            },
          },
        ],
      }),
    );
    expect(db.table('Tbl').indexes.get('gsi3')!.definition.keySchema.partitionKey).toEqual({ name: 'g', type: 'S' });
    expect(db.describeTable({ TableName: 'Tbl' }).Table.AttributeDefinitions).toEqual([
      S('pk'),
      S('sk'),
      S('g'),
      N('l'),
    ]);
  });

  type Refusal = [
    string,
    Omit<UpdateTableInput, 'TableName'>,
    abstract new (...args: never[]) => DynamoDBError,
    string,
  ];
  const refusals = (provisioned: boolean): Refusal[] => [
    [
      'an empty list beside a stream change',
      { GlobalSecondaryIndexUpdates: [], StreamSpecification: { StreamEnabled: true, StreamViewType: 'KEYS_ONLY' } },
      ValidationException,
      `${INVALID}List of GlobalSecondaryIndexUpdates is empty`,
    ],
    ['an empty list alone', { GlobalSecondaryIndexUpdates: [] }, ValidationException, 'Nothing to update'],
    [
      'an entry with no action',
      { GlobalSecondaryIndexUpdates: [{}] },
      ValidationException,
      `${INVALID}One of GlobalSecondaryIndexUpdate.Update, GlobalSecondaryIndexUpdate.Create, GlobalSecondaryIndexUpdate.Delete must not be null`,
    ],
    [
      'an entry with two actions',
      {
        GlobalSecondaryIndexUpdates: [
          { Delete: { IndexName: 'gsi1' }, Update: { IndexName: 'gsi1', ProvisionedThroughput: PT } },
        ],
      },
      ValidationException,
      `${INVALID}Only one global secondary index action is allowed per GlobalSecondaryIndexUpdate object`,
    ],
    [
      'one index twice',
      { GlobalSecondaryIndexUpdates: [{ Delete: { IndexName: 'gsi1' } }, { Delete: { IndexName: 'gsi1' } }] },
      ValidationException,
      `${INVALID}Only one global secondary index update per index is allowed simultaneously. Index: gsi1`,
    ],
    [
      'a Create and a Delete',
      { AttributeDefinitions: [S('h')], GlobalSecondaryIndexUpdates: [createH(), { Delete: { IndexName: 'gsi1' } }] },
      LimitExceededException,
      'Subscriber limit exceeded: Only 1 online index can be created or deleted simultaneously per table',
    ],
    [
      'a Create beside a stream change',
      {
        AttributeDefinitions: [S('h')],
        GlobalSecondaryIndexUpdates: [createH()],
        StreamSpecification: { StreamEnabled: true, StreamViewType: 'KEYS_ONLY' },
      },
      ValidationException,
      `${INVALID}You cannot create or delete index while changing stream status`,
    ],
    [
      'a bad index name, a missing Update throughput',
      { GlobalSecondaryIndexUpdates: [{ Delete: { IndexName: 'x' } }, { Update: { IndexName: 'gsi1' } as never }] },
      ValidationException,
      "2 validation errors detected: Value 'x' at 'globalSecondaryIndexUpdates.1.member.delete.indexName' failed to satisfy constraint: Member must have length greater than or equal to 3; Value null at 'globalSecondaryIndexUpdates.2.member.update.provisionedThroughput' failed to satisfy constraint: Member must not be null",
    ],
    [
      'a Create of an existing GSI',
      {
        AttributeDefinitions: [S('g')],
        GlobalSecondaryIndexUpdates: [{ Create: { ...createH().Create!, IndexName: 'gsi1' } }],
      },
      ValidationException,
      'Attempting to create an index which already exists',
    ],
    [
      'a Create named like an LSI',
      {
        AttributeDefinitions: [S('h')],
        GlobalSecondaryIndexUpdates: [{ Create: { ...createH().Create!, IndexName: 'lsi1' } }],
      },
      ValidationException,
      'Attempting to create an index which already exists',
    ],
    [
      'a Create without AttributeDefinitions',
      { GlobalSecondaryIndexUpdates: [createH()] },
      ValidationException,
      `${INVALID}AttributeDefinitions is not specified for index: gsi2`,
    ],
    [
      'a Create keyed on an undefined attribute',
      { AttributeDefinitions: [S('x')], GlobalSecondaryIndexUpdates: [createH()] },
      ValidationException,
      `${INVALID}Some index key attributes are not defined in AttributeDefinitions. Keys: [h], AttributeDefinitions: [x]`,
    ],
    [
      'a Create without a projection type',
      {
        AttributeDefinitions: [S('h')],
        GlobalSecondaryIndexUpdates: [{ Create: { ...createH().Create!, Projection: {} } }],
      },
      ValidationException,
      `${INVALID}Unknown ProjectionType: null`,
    ],
    provisioned
      ? [
          'a Create without throughput on a provisioned table',
          { AttributeDefinitions: [S('h')], GlobalSecondaryIndexUpdates: [createH()] },
          ValidationException,
          `${INVALID}ProvisionedThroughput must be specified for index: gsi2`,
        ]
      : [
          'a Create with throughput on an on-demand table',
          { AttributeDefinitions: [S('h')], GlobalSecondaryIndexUpdates: [createH({ ProvisionedThroughput: PT })] },
          ValidationException,
          `${INVALID}Neither ReadCapacityUnits nor WriteCapacityUnits can be specified for index: gsi2 when BillingMode is PAY_PER_REQUEST`,
        ],
    [
      'a Delete of an unknown index',
      { GlobalSecondaryIndexUpdates: [{ Delete: { IndexName: 'nope' } }] },
      ResourceNotFoundException,
      'Requested resource not found: Index nope for table Tbl',
    ],
    [
      'a Delete of an LSI',
      { GlobalSecondaryIndexUpdates: [{ Delete: { IndexName: 'lsi1' } }] },
      ValidationException,
      'Cannot delete an index that is not a GlobalSecondaryIndex: lsi1',
    ],
    [
      'an Update of an unknown index',
      { GlobalSecondaryIndexUpdates: [{ Update: { IndexName: 'nope', ProvisionedThroughput: PT } }] },
      ResourceNotFoundException,
      'Requested resource not found: Index nope for table Tbl',
    ],
    [
      'an Update of an LSI',
      { GlobalSecondaryIndexUpdates: [{ Update: { IndexName: 'lsi1', ProvisionedThroughput: PT } }] },
      ValidationException,
      'Cannot update an index that is not a GlobalSecondaryIndex: lsi1',
    ],
    provisioned
      ? [
          'an Update to the same throughput',
          {
            GlobalSecondaryIndexUpdates: [
              { Update: { IndexName: 'gsi1', ProvisionedThroughput: { ReadCapacityUnits: 3, WriteCapacityUnits: 4 } } },
            ],
          },
          ValidationException,
          'The provisioned throughput for the index gsi1 will not change. The requested value equals the current value. Current ReadCapacityUnits provisioned for index gsi1: 3. Requested ReadCapacityUnits: 3. Current WriteCapacityUnits provisioned for index gsi1: 4. Requested WriteCapacityUnits: 4. Refer to the Amazon DynamoDB Developer Guide for current limits and how to request higher limits.',
        ]
      : [
          'an Update of throughput on an on-demand table',
          { GlobalSecondaryIndexUpdates: [{ Update: { IndexName: 'gsi1', ProvisionedThroughput: PT } }] },
          ValidationException,
          `${INVALID}The only Updates for index: gsi1 when TableThroughputMode is PAY_PER_REQUEST can be to OnDemandThroughput, WarmThroughput`,
        ],
  ];

  it.each([...refusals(false).map((r) => [false, ...r] as const), ...refusals(true).map((r) => [true, ...r] as const)])(
    'provisioned %s: %s is refused and changes nothing',
    async (provisioned, _case, input, type, message) => {
      const { db } = await fixture(provisioned);
      const before = db.describeTable({ TableName: 'Tbl' });
      expectRejected(db, () => db.updateTable(update(input)), type, message);
      expect(db.describeTable({ TableName: 'Tbl' })).toEqual(before);
      expect(db.table('Tbl').stream).toBeUndefined();
    },
  );

  it('a 21st GSI is LimitExceededException', async () => {
    const { db } = await makeDb();
    db.createTable({
      TableName: 'Tbl',
      KeySchema: [HASH('pk')],
      AttributeDefinitions: [S('pk'), S('g')],
      GlobalSecondaryIndexes: Array.from({ length: 20 }, (_, i) => ({
        IndexName: `gsi${i}`,
        KeySchema: [HASH('g')],
        Projection: { ProjectionType: 'ALL' as const },
      })),
    });
    expectRejected(
      db,
      () =>
        db.updateTable(
          update({
            AttributeDefinitions: [S('h')],
            GlobalSecondaryIndexUpdates: [{ Create: { ...createH().Create!, IndexName: 'gsi20' } }],
          }),
        ),
      LimitExceededException,
      'Subscriber limit exceeded: Number of global secondary indexes exceeds per-table limit of 20',
    );
  });

  it('DeleteTable is refused while a GSI is CREATING, as AWS refuses it', async () => {
    const { db, clock } = await fixture(false, 1000);
    db.updateTable(update({ AttributeDefinitions: [S('h')], GlobalSecondaryIndexUpdates: [createH()] }));
    expectRejected(
      db,
      () => db.deleteTable({ TableName: 'Tbl' }),
      ResourceInUseException,
      'Attempt to change a resource which is still in use: Cannot delete table while indexes are being created, updated, or deleted.',
    );
    clock.advance(1000);
    expect(db.deleteTable({ TableName: 'Tbl' }).TableDescription.TableStatus).toBe('DELETING');
  });

  it('GlobalSecondaryIndexUpdates that is not a list is the wire deserializer’s SerializationException', async () => {
    const { db } = await fixture();
    expectRejected(
      db,
      () => db.updateTable(update({ GlobalSecondaryIndexUpdates: {} as never })),
      SerializationException,
      'Start of structure or map found where not expected.',
    );
  });

  it('a bad indexBackfillTime is refused by name', async () => {
    await expect(makeDb({ indexBackfillTime: -1 })).rejects.toThrow(
      new ValidationException(
        'Invalid database option indexBackfillTime: a duration must be a finite number of milliseconds >= 0, got -1',
      ),
    );
  });
});
