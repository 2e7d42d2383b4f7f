/**
 * CreateTable validation, in DynamoDB Local's order and with its messages (docs/ddb-local-observed-core.md,
 * sections 1 and 2; the ordering cases and duplicate definitions observed on DynamoDB Local 1.25.1). A
 * rejected CreateTable creates nothing.
 */
import { describe, expect, it } from 'vitest';
import { ResourceInUseException, ValidationException, type CreateTableInput } from '../../src/index.js';
import { expectRejected } from '../support/aws-errors.js';
import { makeDb } from '../support/database.js';

const BAD_NAME =
  "Invalid table/index name.  Table/index names must be between 3 and 255 characters long, and may contain only the characters a-z, A-Z, 0-9, '_', '-', and '.'";
const NO_HASH = 'No Hash Key specified in schema.  All Dynamo DB tables must have exactly one hash key';
const ENUM = 'Member must satisfy enum value set: [B, N, S]';

const S = (name: string) => ({ AttributeName: name, AttributeType: 'S' as const });
const N = (name: string) => ({ AttributeName: name, AttributeType: 'N' as const });
const HASH = (name: string) => ({ AttributeName: name, KeyType: 'HASH' as const });
const RANGE = (name: string) => ({ AttributeName: name, KeyType: 'RANGE' as const });

/** A valid request for a hash-only table `id` (S), on demand, overridden by `changes`. */
function request(changes: Partial<Record<keyof CreateTableInput, unknown>>): CreateTableInput {
  return {
    TableName: 'Tbl',
    AttributeDefinitions: [S('id')],
    KeySchema: [HASH('id')],
    BillingMode: 'PAY_PER_REQUEST',
    ...changes,
  } as CreateTableInput;
}

describe('CreateTable validation (docs section 2)', () => {
  it.each<[string, Partial<Record<keyof CreateTableInput, unknown>>, string]>([
    [
      'KeySchema attribute missing from AttributeDefinitions',
      { AttributeDefinitions: [S('x')] },
      'Hash Key not specified in Attribute Definitions.  Type unknown.',
    ],
    [
      'empty AttributeDefinitions',
      { AttributeDefinitions: [] },
      'Hash Key not specified in Attribute Definitions.  Type unknown.',
    ],
    [
      'an AttributeDefinition no key uses',
      { AttributeDefinitions: [S('id'), N('extra')] },
      'The number of attributes in key schema must match the number of attributes defined in attribute definitions.',
    ],
    [
      'RANGE before HASH',
      { AttributeDefinitions: [S('id'), N('sk')], KeySchema: [RANGE('sk'), HASH('id')] },
      'Invalid key order. Hash Key must be specified first in key schema, Range Key must be specifed second',
    ],
    [
      'two HASH keys',
      { AttributeDefinitions: [S('id'), N('sk')], KeySchema: [HASH('id'), HASH('sk')] },
      'Too many hash keys specified.  All Dynamo DB tables must have exactly one hash key',
    ],
    ['only a RANGE key', { AttributeDefinitions: [N('sk')], KeySchema: [RANGE('sk')] }, NO_HASH],
    [
      'one attribute as HASH and RANGE',
      { KeySchema: [HASH('id'), RANGE('id')] },
      'Two keys can not have the same name',
    ],
    [
      'three key elements',
      { AttributeDefinitions: [S('a'), S('b'), S('c')], KeySchema: [HASH('a'), RANGE('b'), RANGE('c')] },
      'Key Schema too big.  Key Schema must at most consist of the hash and range key of a table',
    ],
    ['an empty KeySchema', { AttributeDefinitions: [S('a')], KeySchema: [] }, NO_HASH],
    ['KeyType "FOO"', { AttributeDefinitions: [S('a')], KeySchema: [{ AttributeName: 'a', KeyType: 'FOO' }] }, NO_HASH],
    ['TableName "ab"', { TableName: 'ab' }, BAD_NAME],
    ['TableName "bad name!"', { TableName: 'bad name!' }, BAD_NAME],
    ['a 256-character TableName', { TableName: 'a'.repeat(256) }, BAD_NAME],
    ['no TableName', { TableName: undefined }, BAD_NAME],
    ['AttributeType "X"', { AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'X' }] }, ENUM],
    ['AttributeType "BOOL"', { AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'BOOL' }] }, ENUM],
    [
      'a stream enabled without a view type',
      { StreamSpecification: { StreamEnabled: true } },
      'Invalid StreamViewType: Stream ViewType must not be null or empty when enabling streams.',
    ],
    [
      'a disabled stream with a view type',
      { StreamSpecification: { StreamEnabled: false, StreamViewType: 'NEW_IMAGE' } },
      'Invalid StreamViewType: Stream StreamEnabled was false but a StreamViewType was present.',
    ],
    [
      'view type "BOGUS"',
      { StreamSpecification: { StreamEnabled: true, StreamViewType: 'BOGUS' } },
      'Invalid StreamViewType: BOGUS',
    ],
  ])('%s', async (_label, changes, message) => {
    const { db } = await makeDb();
    expectRejected(db, () => db.createTable(request(changes)), ValidationException, message);
    expect(db.listTables()).toEqual({ TableNames: [] });
  });
});

describe('CreateTable validation order and further cases (observed on DynamoDB Local 1.25.1)', () => {
  it.each<[string, Partial<Record<keyof CreateTableInput, unknown>>, string]>([
    [
      'the name before anything else',
      { TableName: 'ab', AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'X' }], KeySchema: [] },
      BAD_NAME,
    ],
    [
      'the key schema before attribute types (RANGE only, type X)',
      { AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'X' }], KeySchema: [RANGE('id')] },
      NO_HASH,
    ],
    [
      'the key order before attribute types',
      {
        AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'X' }, S('sk')],
        KeySchema: [RANGE('sk'), HASH('id')],
      },
      'Invalid key order. Hash Key must be specified first in key schema, Range Key must be specifed second',
    ],
    [
      'two keys of one name before attribute types',
      { AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'X' }], KeySchema: [HASH('id'), RANGE('id')] },
      'Two keys can not have the same name',
    ],
    [
      'two definitions of one name',
      { AttributeDefinitions: [S('id'), N('id')] },
      'Cannot have two attributes with the same name',
    ],
    [
      'two definitions of one name before their types',
      { AttributeDefinitions: [S('id'), { AttributeName: 'id', AttributeType: 'X' }] },
      'Cannot have two attributes with the same name',
    ],
    [
      'an unused definition of a bad type',
      { AttributeDefinitions: [S('id'), { AttributeName: 'q', AttributeType: 'X' }] },
      ENUM,
    ],
    [
      'a range key missing from the definitions',
      { AttributeDefinitions: [S('id'), S('sk')], KeySchema: [HASH('id'), RANGE('zz')] },
      'Range Key not specified in Attribute Definitions.  Type unknown.',
    ],
    [
      'the definition count before the stream',
      {
        AttributeDefinitions: [S('id'), S('x')],
        StreamSpecification: { StreamEnabled: true, StreamViewType: 'BOGUS' },
      },
      'The number of attributes in key schema must match the number of attributes defined in attribute definitions.',
    ],
    [
      'PROVISIONED without ProvisionedThroughput',
      { BillingMode: 'PROVISIONED' },
      'No provisioned throughput specified for the table',
    ],
    [
      'a StreamSpecification without StreamEnabled',
      { StreamSpecification: { StreamViewType: 'NEW_IMAGE' } },
      'Stream StreamEnabled was null',
    ],
    ['an empty StreamSpecification', { StreamSpecification: {} }, 'Stream StreamEnabled was null'],
  ])('%s', async (_label, changes, message) => {
    const { db } = await makeDb();
    expectRejected(db, () => db.createTable(request(changes)), ValidationException, message);
  });
});

describe('CreateTable', () => {
  it('rejects a second table of the same name: ResourceInUseException', async () => {
    const { db } = await makeDb();
    db.createTable(request({ TableName: 'Tone' }));
    expectRejected(
      db,
      () => db.createTable(request({ TableName: 'Tone' })),
      ResourceInUseException,
      'Cannot create preexisting table',
    );
    // Also with a different schema: the name is what counts.
    expectRejected(
      db,
      () => db.createTable(request({ TableName: 'Tone', AttributeDefinitions: [N('n')], KeySchema: [HASH('n')] })),
      ResourceInUseException,
      'Cannot create preexisting table',
    );
  });

  it('accepts names of 3 and 255 characters of a-z, A-Z, 0-9, _, - and .', async () => {
    const { db } = await makeDb();
    for (const name of ['abc', 'a'.repeat(255), 'A-z_0.9', '...', '---', '___', '123'])
      db.createTable(request({ TableName: name }));
    expect(db.listTables({ Limit: 100 }).TableNames).toHaveLength(7);
  });

  it('rejects names with other characters', async () => {
    const { db } = await makeDb();
    for (const name of ['tab/le', 'tàble', 'ta ble', 'tab:le', '', 'a\u0000b']) {
      expectRejected(db, () => db.createTable(request({ TableName: name })), ValidationException, BAD_NAME);
    }
  });

  it('{StreamEnabled:false} creates a table without a stream', async () => {
    const { db } = await makeDb();
    const table = db.createTable(request({ TableName: 'T2g3', StreamSpecification: { StreamEnabled: false } }));
    expect(table.stream).toBeUndefined();
    expect(db.describeTable({ TableName: 'T2g3' }).Table.StreamSpecification).toBeUndefined();
    expect(db.listStreams()).toEqual({ Streams: [] });
  });

  it('without BillingMode the table is on demand (shardline’s default; AWS and DynamoDB Local default to PROVISIONED)', async () => {
    const { db } = await makeDb();
    db.createTable({ TableName: 'T2h', AttributeDefinitions: [S('id')], KeySchema: [HASH('id')] });
    expect(db.describeTable({ TableName: 'T2h' }).Table.BillingModeSummary?.BillingMode).toBe('PAY_PER_REQUEST');
  });

  it('returns the table, ready for items', async () => {
    const { db } = await makeDb();
    const table = db.createTable(
      request({ TableName: 'Ready', AttributeDefinitions: [S('id'), N('sk')], KeySchema: [HASH('id'), RANGE('sk')] }),
    );
    expect(table.name).toBe('Ready');
    expect(table.keySchema).toEqual({ partitionKey: { name: 'id', type: 'S' }, sortKey: { name: 'sk', type: 'N' } });
    expect(db.table('Ready')).toBe(table);
    table.put({ id: 'a', sk: 1 });
    expect(table.itemCount).toBe(1);
  });

  it('keeps its own copy of the request: changing it afterwards changes nothing', async () => {
    const { db } = await makeDb();
    const input = request({ TableName: 'Copy' });
    db.createTable(input);
    input.KeySchema[0]!.AttributeName = 'other';
    input.AttributeDefinitions[0]!.AttributeType = 'N';
    expect(db.describeTable({ TableName: 'Copy' }).Table.KeySchema).toEqual([HASH('id')]);
    expect(db.describeTable({ TableName: 'Copy' }).Table.AttributeDefinitions).toEqual([S('id')]);
  });
});
