/**
 * The raw wire: hand-written JSON bodies, sent with `fetch` and an X-Amz-Target header to shardline (served by
 * `listen(db)` on a database on the real clock) and to DynamoDB Local, and compared by HTTP status, `__type` and
 * message, and by output. The AWS SDK scenarios cannot reach these requests: the SDK only ever sends JSON of the
 * model's types. Covered: members of the wrong JSON type (top-level and inside AttributeValues), JSON nulls,
 * numbers in every notation as keys and as attributes (and what GetItem, Query and the stream give back), unknown
 * members, and bodies that are empty, `{}`, or not a JSON object.
 */
import { describe, it } from 'vitest';
import type { KnownDifferenceId } from './known-differences.js';
import { expectSameOverTheWire, type RawContext } from './raw-wire-client.js';
import { idSkTable } from './id-sk-table.js';

const createBody = (TableName: string): Record<string, unknown> => ({ ...idSkTable(TableName) });

const KEY = { id: { S: 'k' }, sk: { N: '1' } };

/** The JSON types of AWS's model, and values of every other JSON type to send in their place. */
type MemberType = 'String' | 'Integer' | 'Boolean' | 'Map' | 'List' | 'Structure';
const WRONG_VALUES: Record<MemberType, [string, unknown][]> = {
  String: [
    ['a number', 1],
    ['a fraction', 1.5],
    ['an object', {}],
    ['a list', []],
    ['true', true],
  ],
  Integer: [
    ['a string', '5'],
    ['an object', {}],
    ['a list', []],
    ['false', false],
  ],
  Boolean: [
    ['the string "true"', 'true'],
    ['the number 1', 1],
    ['an object', {}],
    ['a list', []],
  ],
  Map: [
    ['a list', []],
    ['a string', 'x'],
    ['a number', 1],
    ['true', true],
  ],
  List: [
    ['an object', {}],
    ['a string', 'x'],
    ['a number', 1],
  ],
  Structure: [
    ['a list', []],
    ['a string', 'x'],
    ['true', true],
  ],
};

interface Setup {
  table: string;
  streamArn: string;
  shardId: string;
  iterator: string;
}

/** A table with one item, its stream, its shard and an iterator: what the requests below need to get past the table. */
async function setUp({ step, table }: RawContext, base: string): Promise<Setup> {
  const name = table(base);
  const created = await step('create the table', 'CreateTable', createBody(name));
  await step('put an item', 'PutItem', { TableName: name, Item: KEY });
  const streamArn = (created?.TableDescription as { LatestStreamArn: string }).LatestStreamArn;
  const described = await step('describe its stream', 'DescribeStream', { StreamArn: streamArn });
  const shardId = (described?.StreamDescription as { Shards: { ShardId: string }[] }).Shards[0]!.ShardId;
  const iterator = await step('an iterator', 'GetShardIterator', {
    StreamArn: streamArn,
    ShardId: shardId,
    ShardIteratorType: 'TRIM_HORIZON',
  });
  return { table: name, streamArn, shardId, iterator: iterator?.ShardIterator as string };
}

/** For each operation, a valid request and the types of the members to break in it. */
function requests(s: Setup, otherTable: string): [string, Record<string, unknown>, [string, MemberType][]][] {
  const eq = { id: { ComparisonOperator: 'EQ', AttributeValueList: [{ S: 'k' }] } };
  return [
    [
      'PutItem',
      { TableName: s.table, Item: KEY },
      [
        ['TableName', 'String'],
        ['Item', 'Map'],
        ['ReturnValues', 'String'],
        ['Expected', 'Map'],
      ],
    ],
    [
      'GetItem',
      { TableName: s.table, Key: KEY },
      [
        ['TableName', 'String'],
        ['Key', 'Map'],
        ['ConsistentRead', 'Boolean'],
        ['AttributesToGet', 'List'],
      ],
    ],
    [
      'UpdateItem',
      { TableName: s.table, Key: KEY },
      [
        ['Key', 'Map'],
        ['AttributeUpdates', 'Map'],
        ['ReturnValues', 'String'],
      ],
    ],
    [
      'DeleteItem',
      { TableName: s.table, Key: { id: { S: 'absent' }, sk: { N: '1' } } },
      [
        ['Key', 'Map'],
        ['Expected', 'Map'],
        ['ReturnValues', 'String'],
      ],
    ],
    [
      'Query',
      { TableName: s.table, KeyConditions: eq },
      [
        ['Limit', 'Integer'],
        ['KeyConditions', 'Map'],
        ['ScanIndexForward', 'Boolean'],
        ['ExclusiveStartKey', 'Map'],
        ['Select', 'String'],
        ['AttributesToGet', 'List'],
      ],
    ],
    [
      'Scan',
      { TableName: s.table },
      [
        ['Limit', 'Integer'],
        ['ScanFilter', 'Map'],
        ['Segment', 'Integer'],
        ['ConsistentRead', 'Boolean'],
      ],
    ],
    ['BatchWriteItem', { RequestItems: { [s.table]: [{ PutRequest: { Item: KEY } }] } }, [['RequestItems', 'Map']]],
    [
      'CreateTable',
      createBody(otherTable),
      [
        ['TableName', 'String'],
        ['KeySchema', 'List'],
        ['AttributeDefinitions', 'List'],
        ['StreamSpecification', 'Structure'],
        ['BillingMode', 'String'],
        ['ProvisionedThroughput', 'Structure'],
      ],
    ],
    [
      'DescribeStream',
      { StreamArn: s.streamArn },
      [
        ['StreamArn', 'String'],
        ['Limit', 'Integer'],
        ['ExclusiveStartShardId', 'String'],
        ['ShardFilter', 'Structure'],
      ],
    ],
    [
      'GetShardIterator',
      { StreamArn: s.streamArn, ShardId: s.shardId, ShardIteratorType: 'TRIM_HORIZON' },
      [
        ['StreamArn', 'String'],
        ['ShardId', 'String'],
        ['ShardIteratorType', 'String'],
        ['SequenceNumber', 'String'],
      ],
    ],
    [
      'GetRecords',
      { ShardIterator: s.iterator },
      [
        ['ShardIterator', 'String'],
        ['Limit', 'Integer'],
      ],
    ],
    [
      'ListStreams',
      { TableName: s.table },
      [
        ['TableName', 'String'],
        ['Limit', 'Integer'],
        ['ExclusiveStartStreamArn', 'String'],
      ],
    ],
  ];
}

describe('raw wire: members of the wrong JSON type', () => {
  it('a number for a string, a string for Limit, an object for a list, a list for a map, booleans as strings, for each operation', async () => {
    await expectSameOverTheWire(async (context) => {
      const setup = await setUp(context, 'raw_types');
      for (const [operation, valid, members] of requests(setup, context.table('raw_types_other'))) {
        for (const [member, type] of members) {
          for (const [what, value] of WRONG_VALUES[type]) {
            await context.step(
              `${operation}: ${what} for ${member}`,
              operation,
              { ...valid, [member]: value },
              { known: ['wrong-json-type'] },
            );
          }
        }
      }
    });
  });

  it('null members are absent members', async () => {
    await expectSameOverTheWire(async (context) => {
      const setup = await setUp(context, 'raw_nulls');
      const known: Partial<Record<string, KnownDifferenceId[]>> = {
        'DescribeStream.StreamArn': ['streams-missing-member'],
        'GetShardIterator.StreamArn': ['streams-missing-member'],
        'GetShardIterator.ShardId': ['streams-missing-member'],
        'GetShardIterator.ShardIteratorType': ['streams-missing-member'],
        'GetRecords.ShardIterator': ['streams-missing-member'],
        // The valid DeleteItem deletes a key that is not there.
        'DeleteItem.Expected': ['delete-absent-consumed-capacity'],
        'DeleteItem.ReturnValues': ['delete-absent-consumed-capacity'],
      };
      let created = 0;
      for (const [operation, valid, members] of requests(setup, '')) {
        for (const [member] of members) {
          // Each CreateTable names a table of its own: one that succeeds must not make the next one's answer "in use".
          let request =
            operation === 'CreateTable' ? { ...valid, TableName: context.table(`raw_nulls_${++created}`) } : valid;
          // Without a BillingMode, a table is PROVISIONED (AWS's default): it needs its throughput (see below).
          if (operation === 'CreateTable' && member === 'BillingMode')
            request = { ...request, ProvisionedThroughput: { ReadCapacityUnits: 1, WriteCapacityUnits: 1 } };
          // ListStreams without a TableName lists every stream of the endpoint.
          const onlyOwnStreams = operation === 'ListStreams' && member === 'TableName';
          await context.step(
            `${operation}: ${member} null`,
            operation,
            { ...request, [member]: null },
            { known: known[`${operation}.${member}`] ?? [], onlyOwnStreams },
          );
        }
      }
      // Without a BillingMode a table is PROVISIONED: without a throughput, both refuse it.
      await context.step('CreateTable: BillingMode null, and no throughput', 'CreateTable', {
        ...createBody(context.table('raw_nulls_billing')),
        BillingMode: null,
      });
    });
  });
});

describe('raw wire: AttributeValues', () => {
  /** AttributeValues whose data-type member has the wrong JSON type, or that are not an object. */
  const WRONG: [string, unknown][] = [
    ['{"S": 1}', { S: 1 }],
    ['{"N": 5}', { N: 5 }],
    ['{"SS": "a"}', { SS: 'a' }],
    ['{"NS": [1]}', { NS: [1] }],
    ['{"M": []}', { M: [] }],
    ['{"L": {}}', { L: {} }],
    ['{"BOOL": "true"}', { BOOL: 'true' }],
    ['{"NULL": "true"}', { NULL: 'true' }],
    ['{"B": "not base64!"}', { B: 'not base64!' }],
    ['{"BS": ["!!!!"]}', { BS: ['!!!!'] }],
    ['{"S": {}}', { S: {} }],
    ['{"N": []}', { N: [] }],
    ['a string', 'x'],
    ['a list', []],
    ['{"M": {"x": {"S": 1}}}', { M: { x: { S: 1 } } }],
    ['{"L": [{"N": 5}]}', { L: [{ N: 5 }] }],
  ];

  it('with members of the wrong JSON type: as an attribute, a key, an update, a key condition, a batch put', async () => {
    await expectSameOverTheWire(async (context) => {
      const { step } = context;
      const table = context.table('raw_values');
      await step('create the table', 'CreateTable', createBody(table));
      const known: KnownDifferenceId[] = ['wrong-json-type'];
      for (const [what, value] of WRONG) {
        await step(
          `PutItem, an attribute ${what}`,
          'PutItem',
          { TableName: table, Item: { ...KEY, a: value } },
          { known },
        );
        await step(
          `PutItem, the sort key ${what}`,
          'PutItem',
          { TableName: table, Item: { ...KEY, sk: value } },
          { known },
        );
        await step(
          `GetItem, the sort key ${what}`,
          'GetItem',
          { TableName: table, Key: { ...KEY, sk: value } },
          { known },
        );
        await step(
          `UpdateItem, a Value ${what}`,
          'UpdateItem',
          { TableName: table, Key: KEY, AttributeUpdates: { a: { Action: 'PUT', Value: value } } },
          { known },
        );
        await step(
          `Query, a key condition ${what}`,
          'Query',
          { TableName: table, KeyConditions: { id: { ComparisonOperator: 'EQ', AttributeValueList: [value] } } },
          { known },
        );
        await step(
          `BatchWriteItem, an attribute ${what}`,
          'BatchWriteItem',
          { RequestItems: { [table]: [{ PutRequest: { Item: { ...KEY, a: value } } }] } },
          { known },
        );
      }
    });
  });

  it('of the right JSON type but invalid (or with an unknown member): the same answers, and the same items', async () => {
    await expectSameOverTheWire(async ({ step, table: tableName }) => {
      const table = tableName('raw_invalid_values');
      await step('create the table', 'CreateTable', createBody(table));
      const values: [string, unknown][] = [
        ['{"NULL": false}', { NULL: false }],
        ['{"S": null}', { S: null }],
        ['{}', {}],
        ['{"S": "a", "N": "1"}', { S: 'a', N: '1' }],
        ['{"S": "a", "X": 1}', { S: 'a', X: 1 }],
        ['{"SS": []}', { SS: [] }],
        ['{"SS": ["a", null]}', { SS: ['a', null] }],
        ['{"B": ""}', { B: '' }],
        ['{"M": {"": {"S": "x"}}}', { M: { '': { S: 'x' } } }],
        ['null', null],
      ];
      for (const [what, value] of values) {
        await step(`PutItem, an attribute ${what}`, 'PutItem', { TableName: table, Item: { ...KEY, a: value } });
        await step(`UpdateItem, a Value ${what}`, 'UpdateItem', {
          TableName: table,
          Key: KEY,
          AttributeUpdates: { a: { Action: 'PUT', Value: value } },
        });
      }
      await step('what is there', 'Scan', { TableName: table });
    });
  });
});

describe('raw wire: numbers', () => {
  /** Numbers in every notation, valid or not. */
  const NUMBERS = [
    '1',
    '1.0',
    '-0',
    '0',
    '1e3',
    '1E3',
    '0.000',
    '007',
    '-007.50',
    '+1',
    '.5',
    '5.',
    // 38 significant digits, 39, and 38 followed by zeros (trailing zeros are not significant).
    '12345678901234567890123456789012345678',
    '123456789012345678901234567890123456789',
    '1234567890123456789012345678901234567800000',
    '0.00012345678901234567890123456789012345678',
    // The magnitude limits: 1E-130 to 9.99...E+125.
    '1E+125',
    '9.9999999999999999999999999999999999999E+125',
    '1E+126',
    '1E-130',
    '1E-131',
    '1e-129',
    // Not numbers.
    ' 1',
    '1 ',
    '',
    'NaN',
    'Infinity',
    '-Infinity',
    '0x10',
    '1e',
    '--1',
    '1,000',
  ];

  it('as attributes, as sort keys and in number sets: the answers, the stored form, GetItem, Query and the stream', async () => {
    await expectSameOverTheWire(async ({ step, table: tableName }) => {
      const table = tableName('raw_numbers');
      const created = await step('create the table', 'CreateTable', createBody(table));
      const streamArn = (created?.TableDescription as { LatestStreamArn: string }).LatestStreamArn;
      for (const n of NUMBERS) {
        const shown = JSON.stringify(n);
        await step(`put ${shown} as an attribute`, 'PutItem', {
          TableName: table,
          Item: { id: { S: 'attribute' }, sk: { N: '1' }, n: { N: n } },
          ReturnValues: 'ALL_OLD',
        });
        await step(`get it back (${shown})`, 'GetItem', {
          TableName: table,
          Key: { id: { S: 'attribute' }, sk: { N: '1' } },
        });
        await step(`put ${shown} as the sort key`, 'PutItem', {
          TableName: table,
          Item: { id: { S: 'key' }, sk: { N: n }, text: { S: n } },
        });
        await step(`get the item of sort key ${shown}`, 'GetItem', {
          TableName: table,
          Key: { id: { S: 'key' }, sk: { N: n } },
        });
        await step(`put ${shown} in a number set`, 'PutItem', {
          TableName: table,
          Item: { id: { S: 'set' }, sk: { N: '1' }, ns: { NS: [n, '2'] } },
          ReturnValues: 'ALL_OLD',
        });
      }
      // One value, several spellings: one key.
      await step('put sort key 1.0', 'PutItem', { TableName: table, Item: { id: { S: 'same' }, sk: { N: '1.0' } } });
      for (const n of ['1', '1e0', '01', '1.000', '0.1E1', '10E-1'])
        await step(`get sort key ${n}`, 'GetItem', { TableName: table, Key: { id: { S: 'same' }, sk: { N: n } } });
      await step('put sort key -0', 'PutItem', {
        TableName: table,
        Item: { id: { S: 'same' }, sk: { N: '-0' } },
        ReturnValues: 'ALL_OLD',
      });
      await step('get sort key 0', 'GetItem', { TableName: table, Key: { id: { S: 'same' }, sk: { N: '0' } } });
      await step('put sort key 1e3 over 1000', 'PutItem', {
        TableName: table,
        Item: { id: { S: 'same' }, sk: { N: '1000' }, v: { S: 'first' } },
      });
      await step('put sort key 1E3', 'PutItem', {
        TableName: table,
        Item: { id: { S: 'same' }, sk: { N: '1E3' }, v: { S: 'second' } },
        ReturnValues: 'ALL_OLD',
      });
      await step('a number set of 1 and 1.0', 'PutItem', {
        TableName: table,
        Item: { id: { S: 'same' }, sk: { N: '2' }, ns: { NS: ['1', '1.0'] } },
      });
      await step('a number set of 0 and -0', 'PutItem', {
        TableName: table,
        Item: { id: { S: 'same' }, sk: { N: '2' }, ns: { NS: ['0', '-0'] } },
      });
      await step('query key: in number order', 'Query', {
        TableName: table,
        KeyConditions: { id: { ComparisonOperator: 'EQ', AttributeValueList: [{ S: 'key' }] } },
      });
      await step('query key: BETWEEN -1 and 1.0E0', 'Query', {
        TableName: table,
        KeyConditions: {
          id: { ComparisonOperator: 'EQ', AttributeValueList: [{ S: 'key' }] },
          sk: { ComparisonOperator: 'BETWEEN', AttributeValueList: [{ N: '-1' }, { N: '1.0E0' }] },
        },
      });
      await step('query same: EQ 0.1e4', 'Query', {
        TableName: table,
        KeyConditions: {
          id: { ComparisonOperator: 'EQ', AttributeValueList: [{ S: 'same' }] },
          sk: { ComparisonOperator: 'EQ', AttributeValueList: [{ N: '0.1e4' }] },
        },
      });
      // Arithmetic: ADD keeps the canonical form.
      const add = (label: string, N: string, known: KnownDifferenceId[] = []) =>
        step(
          label,
          'UpdateItem',
          {
            TableName: table,
            Key: { id: { S: 'sum' }, sk: { N: '1' } },
            AttributeUpdates: { n: { Action: 'ADD', Value: { N } } },
            ReturnValues: 'ALL_NEW',
          },
          { known },
        );
      await add('ADD 1.50 to nothing', '1.50');
      await add('ADD -1.5: zero', '-1.5', ['add-sum-trailing-zeros']);
      await add('ADD 1e3', '1e3', ['add-sum-trailing-zeros']);
      await add('ADD -0.001', '-0.001');
      await add('ADD 1E+125 (too large a sum)', '9.9999999999999999999999999999999999999E+125');
      await step('delete sort key 1.00', 'DeleteItem', {
        TableName: table,
        Key: { id: { S: 'same' }, sk: { N: '1.00' } },
        ReturnValues: 'ALL_OLD',
      });
      await step('batch: one key as 1 and as 1.0', 'BatchWriteItem', {
        RequestItems: {
          [table]: [
            { PutRequest: { Item: { id: { S: 'batch' }, sk: { N: '1' } } } },
            { PutRequest: { Item: { id: { S: 'batch' }, sk: { N: '1.0' } } } },
          ],
        },
      });
      // What the stream recorded, in order.
      const described = await step('describe the stream', 'DescribeStream', { StreamArn: streamArn });
      const shardId = (described?.StreamDescription as { Shards: { ShardId: string }[] }).Shards[0]!.ShardId;
      const iterator = await step('an iterator', 'GetShardIterator', {
        StreamArn: streamArn,
        ShardId: shardId,
        ShardIteratorType: 'TRIM_HORIZON',
      });
      await step(
        'the records',
        'GetRecords',
        { ShardIterator: iterator?.ShardIterator },
        { known: ['add-sum-trailing-zeros'] },
      );
    });
  });
});

describe('raw wire: bodies', () => {
  const OPERATIONS = [
    'PutItem',
    'GetItem',
    'UpdateItem',
    'DeleteItem',
    'Query',
    'Scan',
    'BatchWriteItem',
    'CreateTable',
    'DescribeStream',
    'GetShardIterator',
    'GetRecords',
    'ListStreams',
  ];

  /** What DynamoDB Local answers otherwise than AWS to a request without its required members. */
  const EMPTY_KNOWN: Partial<Record<string, KnownDifferenceId[]>> = {
    DescribeStream: ['streams-missing-member'],
    GetShardIterator: ['get-shard-iterator-nothing'],
    GetRecords: ['streams-missing-member'],
  };

  it('{}, an empty body, unknown members, and bodies that are not a JSON object, for each operation', async () => {
    await expectSameOverTheWire(async (context) => {
      const { step } = context;
      await setUp(context, 'raw_bodies');
      for (const operation of OPERATIONS) {
        const known = EMPTY_KNOWN[operation] ?? [];
        const onlyOwnStreams = operation === 'ListStreams';
        await step(`${operation}: {}`, operation, '{}', { known, onlyOwnStreams });
        await step(`${operation}: an empty body`, operation, '', { known: ['empty-body', ...known], onlyOwnStreams });
        await step(`${operation}: an unknown member`, operation, { Bogus: { S: 'x' } }, { known, onlyOwnStreams });
        await step(
          `${operation}: a member named in lower camel case`,
          operation,
          { tableName: 'x', streamArn: 'x', shardIterator: 'x' },
          { known, onlyOwnStreams },
        );
        for (const body of ['[]', '[{}]', '"x"', 'null', '1', 'true', '{"TableName":', 'not JSON']) {
          await step(`${operation}: the body ${body}`, operation, body, { known: ['wrong-json-type'] });
        }
      }
    });
  });

  it('unknown members beside valid ones are ignored', async () => {
    await expectSameOverTheWire(async (context) => {
      const { step } = context;
      const setup = await setUp(context, 'raw_unknown');
      const unknown = { Bogus: 1, Extra: { nested: [true] }, tablename: 'other' };
      await step('PutItem', 'PutItem', { TableName: setup.table, Item: { ...KEY, a: { S: 'x' } }, ...unknown });
      await step('GetItem', 'GetItem', { TableName: setup.table, Key: KEY, ...unknown });
      await step('UpdateItem', 'UpdateItem', {
        TableName: setup.table,
        Key: KEY,
        AttributeUpdates: { a: { Action: 'PUT', Value: { S: 'y' }, Bogus: 1 } },
        ReturnValues: 'ALL_NEW',
        ...unknown,
      });
      await step('Query', 'Query', {
        TableName: setup.table,
        KeyConditions: { id: { ComparisonOperator: 'EQ', AttributeValueList: [{ S: 'k' }], Bogus: 1 } },
        ...unknown,
      });
      await step('Scan', 'Scan', { TableName: setup.table, ...unknown });
      await step('BatchWriteItem', 'BatchWriteItem', {
        RequestItems: { [setup.table]: [{ PutRequest: { Item: { ...KEY, b: { N: '2' } }, Bogus: 1 } }] },
        ...unknown,
      });
      await step('DeleteItem', 'DeleteItem', { TableName: setup.table, Key: KEY, ReturnValues: 'ALL_OLD', ...unknown });
      await step('CreateTable', 'CreateTable', { ...createBody(context.table('raw_unknown_other')), ...unknown });
      await step('DescribeStream', 'DescribeStream', { StreamArn: setup.streamArn, ...unknown });
      await step('GetShardIterator', 'GetShardIterator', {
        StreamArn: setup.streamArn,
        ShardId: setup.shardId,
        ShardIteratorType: 'TRIM_HORIZON',
        ...unknown,
      });
      await step('GetRecords', 'GetRecords', { ShardIterator: setup.iterator, ...unknown });
      await step('ListStreams', 'ListStreams', { TableName: setup.table, ...unknown });
    });
  });

  it('an Integer member given with a fraction is read as its integer part', async () => {
    await expectSameOverTheWire(async (context) => {
      const { step } = context;
      const setup = await setUp(context, 'raw_fractions');
      await step('a second item', 'PutItem', { TableName: setup.table, Item: { ...KEY, sk: { N: '2' } } });
      const eq = { id: { ComparisonOperator: 'EQ', AttributeValueList: [{ S: 'k' }] } };
      await step('Query Limit 1.5', 'Query', { TableName: setup.table, KeyConditions: eq, Limit: 1.5 });
      await step('Query Limit 1.9999', 'Query', { TableName: setup.table, KeyConditions: eq, Limit: 1.9999 });
      await step('Scan Limit 2.5', 'Scan', { TableName: setup.table, Limit: 2.5 });
      await step('Scan Limit 0.5', 'Scan', { TableName: setup.table, Limit: 0.5 }, { known: ['read-limit-zero'] });
      await step('DescribeStream Limit 1.5', 'DescribeStream', { StreamArn: setup.streamArn, Limit: 1.5 });
      await step('GetRecords Limit 1.5', 'GetRecords', { ShardIterator: setup.iterator, Limit: 1.5 });
      await step('ListStreams Limit 1.5', 'ListStreams', { TableName: setup.table, Limit: 1.5 });
    });
  });
});
