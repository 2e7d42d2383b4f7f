/**
 * DynamoDB's item limits where the legacy parameters and start keys meet them, over the raw wire against DynamoDB
 * Local (issue 9's siblings of items 10 and 11): an ExclusiveStartKey nested past 32 levels or over 400 KB; the
 * values of Expected over 400 KB, together and entry by entry, and where Expected is read against the item or Key;
 * an UpdateItem whose item would pass 400 KB, and its failed condition first; a list or map over 400 KB inside a
 * filter value. Each answer (status, `__type`, message) and each item left must be DynamoDB Local's.
 */
import { describe, it } from 'vitest';
import { idSkTable } from './id-sk-table.js';
import { expectSameOverTheWire, type RawContext } from './raw-wire-client.js';

const s = (chars: number) => ({ S: 'x'.repeat(chars) });

function nested(containers: number): unknown {
  let value: unknown = { S: 'x' };
  for (let i = 0; i < containers; i++) value = { M: { a: value } };
  return value;
}

/** The id/sk table without a stream, with one item `{id: 'a', sk: 1, w: 'small', n: 1}`. */
async function setUp({ step, table }: RawContext, base: string): Promise<string> {
  const name = table(base);
  // No stream: the random suites that run last read ListStreams, and leftover streams crowd it.
  await step('create the table', 'CreateTable', idSkTable(name, { StreamSpecification: undefined }));
  await step('put an item', 'PutItem', {
    TableName: name,
    Item: { id: { S: 'a' }, sk: { N: '1' }, w: { S: 'small' }, n: { N: '1' } },
  });
  return name;
}

const KEY = { id: { S: 'a' }, sk: { N: '1' } };
const HASH = { id: { ComparisonOperator: 'EQ', AttributeValueList: [{ S: 'a' }] } };

describe('raw wire: item limits in start keys and legacy parameters', () => {
  it('an ExclusiveStartKey nested past 32 levels or over 400 KB, and where its values are checked', async () => {
    await expectSameOverTheWire(async (context) => {
      const TableName = await setUp(context, 'lim_esk');
      const deep = { id: nested(40), sk: { N: '1' } };
      const { step } = context;
      await step('Scan: nested 40 levels', 'Scan', { TableName, ExclusiveStartKey: deep });
      await step('Scan: an extra attribute nested 32 levels', 'Scan', {
        TableName,
        ExclusiveStartKey: { ...KEY, x: nested(32) },
      });
      await step('Query: nested 40 levels', 'Query', { TableName, KeyConditions: HASH, ExclusiveStartKey: deep });
      await step('Scan: over 400 KB', 'Scan', { TableName, ExclusiveStartKey: { id: s(500_000), sk: { N: '1' } } });
      await step('Scan: nested, and a Segment without TotalSegments', 'Scan', {
        TableName,
        ExclusiveStartKey: deep,
        Segment: 1,
      });
      await step('Scan: nested, and a bad Segment', 'Scan', {
        TableName,
        ExclusiveStartKey: deep,
        Segment: 5,
        TotalSegments: 2,
      });
      await step('Scan: nested, and a ScanFilter with two values for EQ', 'Scan', {
        TableName,
        ExclusiveStartKey: deep,
        ScanFilter: { w: { ComparisonOperator: 'EQ', AttributeValueList: [{ S: 'a' }, { S: 'b' }] } },
      });
      await step('Scan: nested, and a lone ConditionalOperator', 'Scan', {
        TableName,
        ExclusiveStartKey: deep,
        ConditionalOperator: 'OR',
      });
      await step('Query: nested, and a bad key condition', 'Query', {
        TableName,
        ExclusiveStartKey: deep,
        KeyConditions: { id: { ComparisonOperator: 'BEGINS_WITH', AttributeValueList: [{ S: 'a' }] } },
      });
      await step('Query: nested, and a QueryFilter with two values for EQ', 'Query', {
        TableName,
        KeyConditions: HASH,
        ExclusiveStartKey: deep,
        QueryFilter: { w: { ComparisonOperator: 'EQ', AttributeValueList: [{ S: 'a' }, { S: 'b' }] } },
      });
    });
  });

  it('Expected over 400 KB: together, entry by entry, and against the item or the Key', async () => {
    await expectSameOverTheWire(async (context) => {
      const TableName = await setUp(context, 'lim_exp');
      const { step } = context;
      const put = (label: string, Expected: unknown, Item: unknown = KEY) =>
        step(label, 'PutItem', { TableName, Item, Expected });
      await put('a value of 409,599 characters (409,600 bytes with its name)', { w: { Value: s(409_599) } });
      await put('a value of 409,600 characters', { w: { Value: s(409_600) } });
      await put('a two-character name and 409,599 characters', { ww: { Value: s(409_599) } });
      await put('BETWEEN bounds of 204,799 and 204,800 characters', {
        w: { ComparisonOperator: 'BETWEEN', AttributeValueList: [s(204_799), s(204_800)] },
      });
      await put('BETWEEN bounds of 204,800 characters each', {
        w: { ComparisonOperator: 'BETWEEN', AttributeValueList: [s(204_800), s(204_800)] },
      });
      await put('two entries of 204,799 and 204,800 characters', {
        w: { Value: s(204_799) },
        z: { Value: s(204_800) },
      });
      await put('an entry without a value counts its name', { w: { Value: s(409_599) }, z: { Exists: false } });
      await put('over 400 KB, then an entry with Value and Exists false', {
        w: { Value: s(300_000) },
        z: { Value: s(300_000) },
        q: { Exists: false, Value: { S: 'a' } },
      });
      await put('an entry with Value and Exists false, then one over 400 KB', {
        z: { Exists: false, Value: { S: 'a' } },
        w: { Value: s(500_000) },
      });
      await put('over 400 KB with two values for EQ', {
        w: { ComparisonOperator: 'EQ', AttributeValueList: [s(500_000), s(1)] },
      });
      await put('a list with an empty value after 300,000 characters', { w: { Value: { L: [s(300_000), {}] } } });
      await put('a list with an empty value after 500,000 characters', { w: { Value: { L: [s(500_000), {}] } } });
      await put(
        'over 400 KB, and a key of the wrong type in the item',
        { w: { Value: s(500_000) } },
        { id: { N: '1' }, sk: { N: '1' } },
      );
      for (const operation of ['DeleteItem', 'UpdateItem']) {
        await step(`${operation}: over 400 KB, and a key of the wrong type`, operation, {
          TableName,
          Key: { id: { N: '1' }, sk: { N: '1' } },
          Expected: { w: { Value: s(500_000) } },
        });
        await step(`${operation}: over 400 KB, and no Key`, operation, {
          TableName,
          Expected: { w: { Value: s(500_000) } },
        });
        await step(`${operation}: two values for EQ, and a key of the wrong type`, operation, {
          TableName,
          Key: { id: { N: '1' }, sk: { N: '1' } },
          Expected: { w: { ComparisonOperator: 'EQ', AttributeValueList: [{ S: 'a' }, { S: 'b' }] } },
        });
      }
      await step('the item is unchanged', 'GetItem', { TableName, Key: KEY });
    });
  });

  it('UpdateItem: an item over 400 KB after the update, after a failed condition, and a list over 400 KB in a value', async () => {
    await expectSameOverTheWire(async (context) => {
      const TableName = await setUp(context, 'lim_upd');
      const { step } = context;
      const update = (
        label: string,
        AttributeUpdates: unknown,
        extra: Record<string, unknown> = {},
        Key: unknown = KEY,
      ) => step(label, 'UpdateItem', { TableName, Key, AttributeUpdates, ...extra });
      const failing = { Expected: { w: { Value: { S: 'other' } } } };
      await update('PUT of 500,000 characters', { v: { Action: 'PUT', Value: s(500_000) } });
      await update(
        'PUT of 500,000 characters, on a new item',
        { v: { Action: 'PUT', Value: s(500_000) } },
        {},
        { id: { S: 'new' }, sk: { N: '1' } },
      );
      await update(
        'PUT of 500,000 characters, and a failed condition',
        { v: { Action: 'PUT', Value: s(500_000) } },
        failing,
      );
      await update(
        'a list of 500,000 characters, and a failed condition',
        { v: { Action: 'PUT', Value: { L: [s(500_000)] } } },
        failing,
      );
      await update('a list of 500,000 characters and an empty value', {
        v: { Action: 'PUT', Value: { L: [s(500_000), {}] } },
      });
      await update(
        'ADD of a set to a number, and a failed condition',
        { n: { Action: 'ADD', Value: { SS: ['a'] } } },
        failing,
      );
      await update('an empty value, and a failed condition', { v: { Action: 'PUT', Value: {} } }, failing);
      await update(
        'the largest item: 409,600 bytes',
        { v: { Action: 'PUT', Value: s(409_592) } },
        {},
        { id: { S: 'b' }, sk: { N: '1' } },
      );
      await update(
        'one byte more',
        { v: { Action: 'PUT', Value: s(409_593) } },
        {},
        { id: { S: 'c' }, sk: { N: '1' } },
      );
      await update('DELETE of a set of 500,000 characters', {
        u: { Action: 'DELETE', Value: { SS: ['x'.repeat(500_000)] } },
      });
      for (const id of ['a', 'new', 'b', 'c'])
        await step(`item ${id}`, 'GetItem', {
          TableName,
          Key: { id: { S: id }, sk: { N: '1' } },
          AttributesToGet: ['id', 'sk', 'w', 'u'],
        });
    });
  });

  it('a list or map over 400 KB inside a filter value', async () => {
    await expectSameOverTheWire(async (context) => {
      const TableName = await setUp(context, 'lim_filter');
      const scan = (label: string, value: unknown) =>
        context.step(label, 'Scan', {
          TableName,
          ScanFilter: { w: { ComparisonOperator: 'EQ', AttributeValueList: [value] } },
        });
      await scan('a string of 500,000 characters', s(500_000));
      await scan('a list holding 409,600 characters', { L: [s(409_600)] });
      await scan('a list holding 409,601 characters', { L: [s(409_601)] });
      await scan('a map holding 409,599 characters under a one-character name', { M: { a: s(409_599) } });
      await scan('a map holding 409,600 characters under a one-character name', { M: { a: s(409_600) } });
      await scan('a list with an empty value after 500,000 characters', { L: [s(500_000), {}] });
    });
  });
});
