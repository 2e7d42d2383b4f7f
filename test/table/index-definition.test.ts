/**
 * CreateTable's secondary index definitions: AWS's texts and order (dynalite's createTable, recorded against AWS, and
 * AWS's recorded answers), where DynamoDB Local 2.9.30 words them differently (docs/indexes.md lists the pairs). A
 * refused CreateTable creates nothing.
 */
import { describe, expect, it } from 'vitest';
import {
  SerializationException,
  ValidationException,
  type CreateTableInput,
  type GlobalSecondaryIndex,
  type LocalSecondaryIndex,
} from '../../src/index.js';
import { expectRejected } from '../support/aws-errors.js';
import { makeDb } from '../support/database.js';

const INVALID = 'One or more parameter values were invalid: ';
const S = (name: string) => ({ AttributeName: name, AttributeType: 'S' as const });
const N = (name: string) => ({ AttributeName: name, AttributeType: 'N' as const });
const B = (name: string) => ({ AttributeName: name, AttributeType: 'B' as const });
const HASH = (name: string) => ({ AttributeName: name, KeyType: 'HASH' as const });
const RANGE = (name: string) => ({ AttributeName: name, KeyType: 'RANGE' as const });
const ALL = { ProjectionType: 'ALL' as const };
const PT = { ReadCapacityUnits: 1, WriteCapacityUnits: 1 };

const gsi = (name: string, keys: unknown[], projection: unknown = ALL, more: object = {}) =>
  ({ IndexName: name, KeySchema: keys, Projection: projection, ...more }) as GlobalSecondaryIndex;
const lsi = (name: string, keys: unknown[], projection: unknown = ALL) =>
  ({ IndexName: name, KeySchema: keys, Projection: projection }) as LocalSecondaryIndex;

/** An on-demand table pk (S) + sk (S), with `g` (S) and `l` (N) defined, overridden by `changes`. */
function request(changes: Partial<Record<keyof CreateTableInput, unknown>>): CreateTableInput {
  return {
    TableName: 'Tbl',
    KeySchema: [HASH('pk'), RANGE('sk')],
    AttributeDefinitions: [S('pk'), S('sk'), S('g'), N('l')],
    BillingMode: 'PAY_PER_REQUEST',
    GlobalSecondaryIndexes: [gsi('gsi1', [HASH('g')])],
    LocalSecondaryIndexes: [lsi('lsi1', [HASH('pk'), RANGE('l')])],
    ...changes,
  } as CreateTableInput;
}

const many = (count: number, make: (i: number) => unknown) => Array.from({ length: count }, (_, i) => make(i));

describe('CreateTable with secondary indexes: refusals', () => {
  it.each<[string, Partial<Record<keyof CreateTableInput, unknown>>, string]>([
    ['an empty GSI list', { GlobalSecondaryIndexes: [] }, `${INVALID}List of GlobalSecondaryIndexes is empty`],
    ['an empty LSI list', { LocalSecondaryIndexes: [] }, `${INVALID}List of LocalSecondaryIndexes is empty`],
    [
      '21 GSIs',
      { GlobalSecondaryIndexes: many(21, (i) => gsi(`gsi${i}`, [HASH('g')])) },
      `${INVALID}GlobalSecondaryIndex count exceeds the per-table limit of 20`,
    ],
    [
      '21 GSIs, one of them badly projected: the count first',
      { GlobalSecondaryIndexes: many(21, (i) => gsi(`gsi${i}`, [HASH('g')], i === 20 ? {} : ALL)) },
      `${INVALID}GlobalSecondaryIndex count exceeds the per-table limit of 20`,
    ],
    [
      '6 LSIs',
      { LocalSecondaryIndexes: many(6, (i) => lsi(`lsi${i}`, [HASH('pk'), RANGE('l')])) },
      `${INVALID}Number of LocalSecondaryIndexes exceeds per-table limit of 5`,
    ],
    [
      'index names too short and with a space, listed together',
      { GlobalSecondaryIndexes: [gsi('ab', [HASH('g')]), gsi('a b', [HASH('g')])] },
      "2 validation errors detected: Value 'ab' at 'globalSecondaryIndexes.1.member.indexName' failed to satisfy constraint: Member must have length greater than or equal to 3; Value 'a b' at 'globalSecondaryIndexes.2.member.indexName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+",
    ],
    [
      'an index name of 256 characters',
      { LocalSecondaryIndexes: [lsi('x'.repeat(256), [HASH('pk'), RANGE('l')])] },
      `1 validation error detected: Value '${'x'.repeat(256)}' at 'localSecondaryIndexes.1.member.indexName' failed to satisfy constraint: Member must have length less than or equal to 255`,
    ],
    [
      'no index name, no projection',
      { GlobalSecondaryIndexes: [{ KeySchema: [HASH('g')] }] },
      "2 validation errors detected: Value null at 'globalSecondaryIndexes.1.member.indexName' failed to satisfy constraint: Member must not be null; Value null at 'globalSecondaryIndexes.1.member.projection' failed to satisfy constraint: Member must not be null",
    ],
    [
      'three key attributes, a bad key type',
      { GlobalSecondaryIndexes: [gsi('gsi1', [HASH('g'), RANGE('l'), { AttributeName: 'sk', KeyType: 'SORT' }])] },
      "2 validation errors detected: Value '[...]' at 'globalSecondaryIndexes.1.member.keySchema' failed to satisfy constraint: Member must have length less than or equal to 2; Value 'SORT' at 'globalSecondaryIndexes.1.member.keySchema.3.member.keyType' failed to satisfy constraint: Member must satisfy enum value set: [HASH, RANGE]",
    ],
    [
      'an empty key schema',
      { GlobalSecondaryIndexes: [gsi('gsi1', [])] },
      "1 validation error detected: Value '[]' at 'globalSecondaryIndexes.1.member.keySchema' failed to satisfy constraint: Member must have length greater than or equal to 1",
    ],
    [
      'a lowercase projection type',
      { GlobalSecondaryIndexes: [gsi('gsi1', [HASH('g')], { ProjectionType: 'all' })] },
      "1 validation error detected: Value 'all' at 'globalSecondaryIndexes.1.member.projection.projectionType' failed to satisfy constraint: Member must satisfy enum value set: [ALL, INCLUDE, KEYS_ONLY]",
    ],
    [
      'INCLUDE with no names, and with 21',
      {
        GlobalSecondaryIndexes: [
          gsi('gsi1', [HASH('g')], { ProjectionType: 'INCLUDE', NonKeyAttributes: [] }),
          gsi('gsi2', [HASH('g')], { ProjectionType: 'INCLUDE', NonKeyAttributes: many(21, (i) => `a${i}`) }),
        ],
      },
      "2 validation errors detected: Value '[]' at 'globalSecondaryIndexes.1.member.projection.nonKeyAttributes' failed to satisfy constraint: Member must have length greater than or equal to 1; Value '[...]' at 'globalSecondaryIndexes.2.member.projection.nonKeyAttributes' failed to satisfy constraint: Member must have length less than or equal to 20",
    ],
    [
      'a projected name of 256 characters',
      {
        GlobalSecondaryIndexes: [
          gsi('gsi1', [HASH('g')], { ProjectionType: 'INCLUDE', NonKeyAttributes: ['y'.repeat(256)] }),
        ],
      },
      `1 validation error detected: Value '${'y'.repeat(256)}' at 'globalSecondaryIndexes.1.member.projection.nonKeyAttributes.1.member' failed to satisfy constraint: Member must have length less than or equal to 255`,
    ],
    [
      'a GSI throughput of 0',
      {
        BillingMode: 'PROVISIONED',
        ProvisionedThroughput: PT,
        GlobalSecondaryIndexes: [
          gsi('gsi1', [HASH('g')], ALL, { ProvisionedThroughput: { ReadCapacityUnits: 0, WriteCapacityUnits: 1 } }),
        ],
      },
      "1 validation error detected: Value '0' at 'globalSecondaryIndexes.1.member.provisionedThroughput.readCapacityUnits' failed to satisfy constraint: Member must have value greater than or equal to 1",
    ],
    [
      'an LSI on a table without a sort key',
      { KeySchema: [HASH('pk')], AttributeDefinitions: [S('pk'), N('l')], GlobalSecondaryIndexes: undefined },
      `${INVALID}Table KeySchema does not have a range key, which is required when specifying a LocalSecondaryIndex`,
    ],
    [
      'a GSI key attribute with no definition',
      { GlobalSecondaryIndexes: [gsi('gsi1', [HASH('zz'), RANGE('g')])] },
      `${INVALID}Some index key attributes are not defined in AttributeDefinitions. Keys: [zz, g], AttributeDefinitions: [pk, sk, g, l]`,
    ],
    [
      'an undefined key beats a duplicate name',
      { GlobalSecondaryIndexes: [gsi('dup', [HASH('zz')]), gsi('dup', [HASH('g')])] },
      `${INVALID}Some index key attributes are not defined in AttributeDefinitions. Keys: [zz], AttributeDefinitions: [pk, sk, g, l]`,
    ],
    [
      'an index key of one name twice',
      { GlobalSecondaryIndexes: [gsi('gsi1', [HASH('g'), RANGE('g')])] },
      'Both the Hash Key and the Range Key element in the KeySchema have the same name',
    ],
    [
      'a RANGE key first',
      { GlobalSecondaryIndexes: [gsi('gsi1', [RANGE('g'), HASH('l')])] },
      'Invalid KeySchema: The first KeySchemaElement is not a HASH key type',
    ],
    [
      'a RANGE-only key',
      { GlobalSecondaryIndexes: [gsi('gsi1', [RANGE('g')])] },
      'Invalid KeySchema: The first KeySchemaElement is not a HASH key type',
    ],
    [
      'two HASH keys',
      { GlobalSecondaryIndexes: [gsi('gsi1', [HASH('g'), HASH('l')])] },
      'Invalid KeySchema: The second KeySchemaElement is not a RANGE key type',
    ],
    [
      'an attribute definition no key uses (before a bad projection)',
      {
        AttributeDefinitions: [S('pk'), S('sk'), S('g'), N('l'), S('x')],
        GlobalSecondaryIndexes: [gsi('gsi1', [HASH('g')], {})],
      },
      `${INVALID}Some AttributeDefinitions are not used. AttributeDefinitions: [pk, sk, g, l, x], keys used: [pk, sk, l, g]`,
    ],
    [
      'an LSI without a sort key',
      { LocalSecondaryIndexes: [lsi('lsi1', [HASH('pk')])], AttributeDefinitions: [S('pk'), S('sk'), S('g')] },
      `${INVALID}Index KeySchema does not have a range key for index: lsi1`,
    ],
    [
      'an LSI with another partition key',
      { LocalSecondaryIndexes: [lsi('lsi1', [HASH('g'), RANGE('l')])] },
      `${INVALID}Index KeySchema does not have the same leading hash key as table KeySchema for index: lsi1. index hash key: g, table hash key: pk`,
    ],
    [
      'no projection type',
      { GlobalSecondaryIndexes: [gsi('gsi1', [HASH('g')], {})] },
      `${INVALID}Unknown ProjectionType: null`,
    ],
    [
      'KEYS_ONLY with names',
      { GlobalSecondaryIndexes: [gsi('gsi1', [HASH('g')], { ProjectionType: 'KEYS_ONLY', NonKeyAttributes: ['x'] })] },
      `${INVALID}ProjectionType is KEYS_ONLY, but NonKeyAttributes is specified`,
    ],
    [
      'ALL with names',
      {
        LocalSecondaryIndexes: [
          lsi('lsi1', [HASH('pk'), RANGE('l')], { ProjectionType: 'ALL', NonKeyAttributes: ['x'] }),
        ],
      },
      `${INVALID}ProjectionType is ALL, but NonKeyAttributes is specified`,
    ],
    [
      'INCLUDE without names',
      { GlobalSecondaryIndexes: [gsi('gsi1', [HASH('g')], { ProjectionType: 'INCLUDE' })] },
      `${INVALID}ProjectionType is INCLUDE, but NonKeyAttributes is not specified`,
    ],
    [
      'a projected name twice',
      {
        GlobalSecondaryIndexes: [gsi('gsi1', [HASH('g')], { ProjectionType: 'INCLUDE', NonKeyAttributes: ['x', 'x'] })],
      },
      `${INVALID}Duplicate element in NonKeyAttributes: x`,
    ],
    [
      'two GSIs of one name',
      { GlobalSecondaryIndexes: [gsi('dup', [HASH('g')]), gsi('dup', [HASH('g')])] },
      `${INVALID}Duplicate index name: dup`,
    ],
    [
      'a GSI and an LSI of one name',
      {
        GlobalSecondaryIndexes: [gsi('dup', [HASH('g')])],
        LocalSecondaryIndexes: [lsi('dup', [HASH('pk'), RANGE('l')])],
      },
      `${INVALID}Duplicate index name: dup`,
    ],
    [
      '101 projected attributes across the indexes (a name in two indexes counts twice)',
      {
        GlobalSecondaryIndexes: many(6, (j) =>
          gsi(`gsi${j}`, [HASH('g')], {
            ProjectionType: 'INCLUDE',
            NonKeyAttributes: many(j < 5 ? 17 : 16, (i) => `a${i}`),
          }),
        ),
      },
      `${INVALID}Number of NonKeyAttributes in all secondary indexes exceeds the per-table limit of 100`,
    ],
    [
      'a provisioned table with a GSI without throughput',
      { BillingMode: 'PROVISIONED', ProvisionedThroughput: PT },
      `${INVALID}ProvisionedThroughput is not specified for index: gsi1`,
    ],
    [
      'an on-demand table with a GSI throughput',
      { GlobalSecondaryIndexes: [gsi('gsi1', [HASH('g')], ALL, { ProvisionedThroughput: PT })] },
      `${INVALID}ProvisionedThroughput should not be specified for index: gsi1 when BillingMode is PAY_PER_REQUEST`,
    ],
  ])('%s', async (_case, changes, message) => {
    const { db } = await makeDb();
    expectRejected(db, () => db.createTable(request(changes)), ValidationException, message);
    expect(db.listTables().TableNames).toEqual([]);
  });

  it.each<[string, Partial<Record<keyof CreateTableInput, unknown>>, string]>([
    [
      'a GSI list that is an object',
      { GlobalSecondaryIndexes: {} },
      'Start of structure or map found where not expected.',
    ],
    [
      'an index that is text',
      { GlobalSecondaryIndexes: ['gsi1'] },
      'Unexpected value type in payload: STRING_VALUE where a structure was expected',
    ],
    [
      'a key schema that is text',
      { GlobalSecondaryIndexes: [gsi('gsi1', 'g' as never)] },
      'Unrecognized collection type: STRING_VALUE where a list was expected',
    ],
  ])('%s is the wire deserializer’s SerializationException', async (_case, changes, message) => {
    const { db } = await makeDb();
    expectRejected(db, () => db.createTable(request(changes)), SerializationException, message);
  });
});

describe('CreateTable with secondary indexes: accepted', () => {
  it('keeps each index definition: kind, key types, projection, throughput', async () => {
    const { db } = await makeDb();
    const table = db.createTable(
      request({
        AttributeDefinitions: [S('pk'), S('sk'), N('n'), B('b'), N('l')],
        BillingMode: 'PROVISIONED',
        ProvisionedThroughput: PT,
        GlobalSecondaryIndexes: [
          gsi(
            'gsi.1_a-b',
            [HASH('n'), RANGE('b')],
            { ProjectionType: 'INCLUDE', NonKeyAttributes: ['z', 'a'] },
            {
              ProvisionedThroughput: { ReadCapacityUnits: 3, WriteCapacityUnits: 4 },
            },
          ),
          gsi(
            'same-as-table',
            [HASH('pk'), RANGE('sk')],
            { ProjectionType: 'KEYS_ONLY' },
            { ProvisionedThroughput: PT },
          ),
        ],
        LocalSecondaryIndexes: [lsi('lsi1', [HASH('pk'), RANGE('l')]), lsi('lsi-sk', [HASH('pk'), RANGE('sk')])],
      }),
    );
    expect(table.definition.indexes).toEqual([
      {
        name: 'lsi1',
        kind: 'LOCAL',
        keySchema: { partitionKey: { name: 'pk', type: 'S' }, sortKey: { name: 'l', type: 'N' } },
        keySchemaElements: [HASH('pk'), RANGE('l')],
        projectionType: 'ALL',
        nonKeyAttributes: [],
        provisioned: undefined,
      },
      {
        name: 'lsi-sk',
        kind: 'LOCAL',
        keySchema: { partitionKey: { name: 'pk', type: 'S' }, sortKey: { name: 'sk', type: 'S' } },
        keySchemaElements: [HASH('pk'), RANGE('sk')],
        projectionType: 'ALL',
        nonKeyAttributes: [],
        provisioned: undefined,
      },
      {
        name: 'gsi.1_a-b',
        kind: 'GLOBAL',
        keySchema: { partitionKey: { name: 'n', type: 'N' }, sortKey: { name: 'b', type: 'B' } },
        keySchemaElements: [HASH('n'), RANGE('b')],
        projectionType: 'INCLUDE',
        nonKeyAttributes: ['z', 'a'],
        provisioned: { ReadCapacityUnits: 3, WriteCapacityUnits: 4 },
      },
      {
        name: 'same-as-table',
        kind: 'GLOBAL',
        keySchema: { partitionKey: { name: 'pk', type: 'S' }, sortKey: { name: 'sk', type: 'S' } },
        keySchemaElements: [HASH('pk'), RANGE('sk')],
        projectionType: 'KEYS_ONLY',
        nonKeyAttributes: [],
        provisioned: PT,
      },
    ]);
    expect(table.indexes.all().map((index) => index.name)).toEqual(['lsi1', 'lsi-sk', 'gsi.1_a-b', 'same-as-table']);
  });

  it.each<[string, Partial<Record<keyof CreateTableInput, unknown>>]>([
    [
      '20 GSIs and 5 LSIs',
      {
        GlobalSecondaryIndexes: many(20, (i) => gsi(`gsi${i}`, [HASH('g')])),
        LocalSecondaryIndexes: many(5, (i) => lsi(`lsi${i}`, [HASH('pk'), RANGE('l')])),
      },
    ],
    [
      '100 projected attributes, names of key attributes among them',
      {
        GlobalSecondaryIndexes: many(5, (j) =>
          gsi(`gsi${j}`, [HASH('g')], {
            ProjectionType: 'INCLUDE',
            NonKeyAttributes: many(20, (i) => (i === 0 ? 'pk' : `a${i}`)),
          }),
        ),
      },
    ],
    [
      'a GSI named like the table, and an index named __proto__',
      {
        GlobalSecondaryIndexes: [gsi('Tbl', [HASH('g')]), gsi('__proto__', [HASH('g')])],
      },
    ],
    [
      'GSIs only, on a hash-only table',
      { KeySchema: [HASH('pk')], AttributeDefinitions: [S('pk'), S('g')], LocalSecondaryIndexes: undefined },
    ],
  ])('%s', async (_case, changes) => {
    const { db } = await makeDb();
    expect(db.createTable(request(changes)).name).toBe('Tbl');
  });

  it('copies the request: a later change to it changes no index', async () => {
    const { db } = await makeDb();
    const input = request({
      GlobalSecondaryIndexes: [gsi('gsi1', [HASH('g')], { ProjectionType: 'INCLUDE', NonKeyAttributes: ['x'] })],
    });
    const table = db.createTable(input);
    input.GlobalSecondaryIndexes![0]!.Projection.NonKeyAttributes!.push('y');
    input.GlobalSecondaryIndexes![0]!.KeySchema[0]!.AttributeName = 'zz';
    const definition = table.indexes.get('gsi1')!.definition;
    expect(definition.nonKeyAttributes).toEqual(['x']);
    expect(definition.keySchemaElements).toEqual([HASH('g')]);
  });
});
