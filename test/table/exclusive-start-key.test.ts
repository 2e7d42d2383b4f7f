/**
 * An ExclusiveStartKey over one of an item's limits (nesting past 32 levels, 400 KB, a name over 65,535 bytes) is
 * refused with that limit's own text, as DynamoDB Local 2.9.30 answers (AWS's answer is not known), and not as a key
 * that does not match the schema; its values are checked where DynamoDB Local checks them: after the Limit, the key
 * conditions and the filter, before the projection, the segment and the QueryFilter.
 */
import { describe, expect, it } from 'vitest';
import { ValidationException, type AttributeValue } from '../../src/index.js';
import { dispatch } from '../../src/wire/dispatch.js';
import { expectThrows } from '../support/aws-errors.js';
import { makeDb } from '../support/database.js';
import { makeTable } from '../support/tables.js';

const TOO_DEEP =
  'Nesting Levels have exceeded supported limits: Attributes in the item have nested levels beyond supported limit';
const TOO_BIG = 'Item size has exceeded the maximum allowed size';
const NAME_TOO_LONG = 'Attribute name is too large, must be less than 65536 bytes';
const NO_MATCH = 'The provided starting key is invalid: The provided key element does not match the schema';

function nested(containers: number): AttributeValue {
  let value: AttributeValue = { S: 'x' };
  for (let i = 0; i < containers; i++) value = { M: { a: value } };
  return value;
}

async function fixture() {
  const { db } = await makeDb();
  const table = makeTable(db, { sortKey: 'N' });
  table.putItem({ Item: { id: { S: 'p' }, sk: { N: '1' } } });
  return { db, table };
}

const hash = { id: { ComparisonOperator: 'EQ' as const, AttributeValueList: [{ S: 'p' }] } };

describe('ExclusiveStartKey over an item limit', () => {
  it('regression: nested past 32 levels is the nesting error, not "The provided starting key is invalid"', async () => {
    const { table } = await fixture();
    expectThrows(
      () => table.scan({ ExclusiveStartKey: { id: nested(40), sk: { N: '1' } } }),
      ValidationException,
      TOO_DEEP,
    );
    expectThrows(
      () => table.scan({ ExclusiveStartKey: { id: { S: 'p' }, sk: { N: '1' }, x: nested(32) } }),
      ValidationException,
      TOO_DEEP,
    );
    expectThrows(
      () => table.query({ KeyConditions: hash, ExclusiveStartKey: { id: nested(40), sk: { N: '1' } } }),
      ValidationException,
      TOO_DEEP,
    );
    // 31 maps around a value are within the limit: the key then does not match the schema.
    expectThrows(
      () => table.scan({ ExclusiveStartKey: { id: { S: 'p' }, sk: { N: '1' }, x: nested(31) } }),
      ValidationException,
      NO_MATCH,
    );
  });

  it('over 400 KB is the size error, and a name over 65,535 bytes the name error', async () => {
    const { table } = await fixture();
    expectThrows(
      () => table.scan({ ExclusiveStartKey: { id: { S: 'x'.repeat(500_000) }, sk: { N: '1' } } }),
      ValidationException,
      TOO_BIG,
    );
    expectThrows(
      () =>
        table.query({
          KeyConditions: hash,
          ExclusiveStartKey: { id: { S: 'p' }, sk: { N: '1' }, x: { S: 'x'.repeat(500_000) } },
        }),
      ValidationException,
      TOO_BIG,
    );
    expectThrows(
      () => table.scan({ ExclusiveStartKey: { id: { S: 'p' }, ['n'.repeat(65_536)]: { S: 'x' } } }),
      ValidationException,
      NAME_TOO_LONG,
    );
  });

  it('other problems with the start key keep their text', async () => {
    const { table } = await fixture();
    expectThrows(() => table.scan({ ExclusiveStartKey: { id: { S: 'p' } } }), ValidationException, NO_MATCH);
    expectThrows(
      () => table.scan({ ExclusiveStartKey: { id: {} as AttributeValue, sk: { N: '1' } } }),
      ValidationException,
      NO_MATCH,
    );
    expectThrows(
      () => table.query({ KeyConditions: hash, ExclusiveStartKey: { id: { S: 'q' }, sk: { N: '1' } } }),
      ValidationException,
      'The provided starting key is invalid: Exclusive Start Key must have same hash key value as the query',
    );
  });

  it('checked after the Limit, the key conditions and the filter, before the projection, the segment and the QueryFilter (DynamoDB Local 2.9.30)', async () => {
    const { table } = await fixture();
    const deep = { id: nested(40), sk: { N: '1' } };
    const twoValues = { a: { ComparisonOperator: 'EQ' as const, AttributeValueList: [{ S: 'a' }, { S: 'b' }] } };
    const argumentCount =
      'One or more parameter values were invalid: Invalid number of argument(s) for the EQ ComparisonOperator';
    // Scan
    expectThrows(
      () => table.scan({ ExclusiveStartKey: deep, Limit: 0 }),
      ValidationException,
      "1 validation error detected: Value '0' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1",
    );
    expectThrows(
      () => table.scan({ ExclusiveStartKey: deep, ScanFilter: twoValues }),
      ValidationException,
      argumentCount,
    );
    expectThrows(
      () => table.scan({ ExclusiveStartKey: deep, ConditionalOperator: 'OR' }),
      ValidationException,
      'ConditionalOperator cannot be used without Filter or Expected',
    );
    expectThrows(
      () => table.scan({ ExclusiveStartKey: deep, IndexName: 'nope' } as never),
      ValidationException,
      'The table does not have the specified index: nope',
    );
    expectThrows(
      () => table.scan({ ExclusiveStartKey: deep, Select: 'BOGUS' as never }),
      ValidationException,
      TOO_DEEP,
    );
    expectThrows(
      () => table.scan({ ExclusiveStartKey: deep, AttributesToGet: ['a', 'a'] }),
      ValidationException,
      TOO_DEEP,
    );
    expectThrows(() => table.scan({ ExclusiveStartKey: deep, Segment: 1 }), ValidationException, TOO_DEEP);
    expectThrows(
      () => table.scan({ ExclusiveStartKey: deep, Segment: 5, TotalSegments: 2 }),
      ValidationException,
      TOO_DEEP,
    );
    // Query
    expectThrows(
      () => table.query({ ExclusiveStartKey: deep } as never),
      ValidationException,
      'Either the KeyConditions or KeyConditionExpression parameter must be specified in the request.',
    );
    expectThrows(
      () =>
        table.query({
          KeyConditions: { id: { ComparisonOperator: 'GT', AttributeValueList: [{ S: 'p' }] } },
          ExclusiveStartKey: deep,
        }),
      ValidationException,
      'Query key condition not supported',
    );
    expectThrows(
      () => table.query({ KeyConditions: hash, ExclusiveStartKey: deep, QueryFilter: twoValues }),
      ValidationException,
      TOO_DEEP,
    );
    expectThrows(
      () => table.query({ KeyConditions: hash, ExclusiveStartKey: deep, Select: 'BOGUS' as never }),
      ValidationException,
      TOO_DEEP,
    );
    expectThrows(
      () => table.query({ KeyConditions: hash, ExclusiveStartKey: deep, AttributesToGet: ['a', 'a'] }),
      ValidationException,
      TOO_DEEP,
    );
  });

  it('the same over the wire', async () => {
    const { db } = await fixture();
    const call = (operation: string, body: unknown) => {
      const response = dispatch(db, `DynamoDB_20120810.${operation}`, JSON.stringify(body));
      const parsed = JSON.parse(response.body) as { __type: string; message: string };
      return { status: response.statusCode, type: parsed.__type.split('#')[1], message: parsed.message };
    };
    const deep = { id: nested(40), sk: { N: '1' } };
    expect(call('Scan', { TableName: 'items', ExclusiveStartKey: deep, Segment: 1 })).toEqual({
      status: 400,
      type: 'ValidationException',
      message: TOO_DEEP,
    });
    expect(call('Query', { TableName: 'items', KeyConditions: hash, ExclusiveStartKey: deep })).toEqual({
      status: 400,
      type: 'ValidationException',
      message: TOO_DEEP,
    });
    expect(
      call('Scan', { TableName: 'items', ExclusiveStartKey: { id: { S: 'x'.repeat(500_000) }, sk: { N: '1' } } }),
    ).toEqual({ status: 400, type: 'ValidationException', message: TOO_BIG });
  });
});
