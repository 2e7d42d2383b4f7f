/**
 * The legacy `Expected` operators CONTAINS, NOT_CONTAINS and IN through the SDK, with the answers DynamoDB Local
 * 2.x gave for the same requests (recorded 2026-11-30): `true` means the put went through, `false` that it failed
 * its condition, a string the ValidationException's message.
 */
import { PutItemCommand, type ExpectedAttributeValue } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { makeWire } from '../support/sdk-clients.js';

const ITEM = {
  id: { S: 'x' },
  s: { S: 'hello' },
  ss: { SS: ['a', 'b'] },
  ns: { NS: ['1', '2'] },
  l: { L: [{ S: 'a' }, { N: '1' }] },
  n: { N: '5' },
  b: { B: new Uint8Array([1, 2, 3]) },
};

const invalid = (text: string) => `One or more parameter values were invalid: ${text}`;

const CASES: [string, Record<string, ExpectedAttributeValue>, boolean | string][] = [
  ['CONTAINS: a substring', { s: { ComparisonOperator: 'CONTAINS', AttributeValueList: [{ S: 'ell' }] } }, true],
  ['CONTAINS: not a substring', { s: { ComparisonOperator: 'CONTAINS', AttributeValueList: [{ S: 'zz' }] } }, false],
  ['CONTAINS: a string set member', { ss: { ComparisonOperator: 'CONTAINS', AttributeValueList: [{ S: 'a' }] } }, true],
  [
    'CONTAINS: a number set member, by value',
    { ns: { ComparisonOperator: 'CONTAINS', AttributeValueList: [{ N: '2.0' }] } },
    true,
  ],
  [
    'CONTAINS: a list element (string)',
    { l: { ComparisonOperator: 'CONTAINS', AttributeValueList: [{ S: 'a' }] } },
    true,
  ],
  [
    'CONTAINS: a list element (number)',
    { l: { ComparisonOperator: 'CONTAINS', AttributeValueList: [{ N: '1' }] } },
    true,
  ],
  [
    'CONTAINS: a byte subsequence',
    { b: { ComparisonOperator: 'CONTAINS', AttributeValueList: [{ B: new Uint8Array([2, 3]) }] } },
    true,
  ],
  [
    'CONTAINS: a number contains nothing',
    { n: { ComparisonOperator: 'CONTAINS', AttributeValueList: [{ N: '5' }] } },
    false,
  ],
  [
    'CONTAINS: an absent attribute',
    { zz: { ComparisonOperator: 'CONTAINS', AttributeValueList: [{ S: 'a' }] } },
    false,
  ],
  [
    'NOT_CONTAINS: an absent attribute is false',
    { zz: { ComparisonOperator: 'NOT_CONTAINS', AttributeValueList: [{ S: 'a' }] } },
    false,
  ],
  [
    'NOT_CONTAINS: not a substring',
    { s: { ComparisonOperator: 'NOT_CONTAINS', AttributeValueList: [{ S: 'zz' }] } },
    true,
  ],
  [
    'NOT_CONTAINS: a set member',
    { ss: { ComparisonOperator: 'NOT_CONTAINS', AttributeValueList: [{ S: 'a' }] } },
    false,
  ],
  ['NOT_CONTAINS: a number', { n: { ComparisonOperator: 'NOT_CONTAINS', AttributeValueList: [{ N: '5' }] } }, true],
  [
    'CONTAINS: a set argument',
    { ss: { ComparisonOperator: 'CONTAINS', AttributeValueList: [{ SS: ['a'] }] } },
    invalid('ComparisonOperator CONTAINS is not valid for SS AttributeValue type'),
  ],
  [
    'CONTAINS: two arguments',
    { s: { ComparisonOperator: 'CONTAINS', AttributeValueList: [{ S: 'a' }, { S: 'b' }] } },
    invalid('Invalid number of argument(s) for the CONTAINS ComparisonOperator'),
  ],
  ['IN: one of the values', { n: { ComparisonOperator: 'IN', AttributeValueList: [{ N: '6' }, { N: '5' }] } }, true],
  ['IN: none of the values', { n: { ComparisonOperator: 'IN', AttributeValueList: [{ N: '7' }] } }, false],
  ['IN: an absent attribute', { zz: { ComparisonOperator: 'IN', AttributeValueList: [{ N: '7' }] } }, false],
  ['IN: a string', { s: { ComparisonOperator: 'IN', AttributeValueList: [{ S: 'hello' }] } }, true],
  [
    'IN: values of two types',
    { n: { ComparisonOperator: 'IN', AttributeValueList: [{ N: '5' }, { S: '5' }] } },
    invalid('AttributeValues inside AttributeValueList must be of same type'),
  ],
  [
    'IN: no values',
    { n: { ComparisonOperator: 'IN', AttributeValueList: [] } },
    invalid('Invalid number of argument(s) for the IN ComparisonOperator'),
  ],
  [
    'IN: a set value',
    { ss: { ComparisonOperator: 'IN', AttributeValueList: [{ SS: ['a', 'b'] }] } },
    invalid('ComparisonOperator IN is not valid for SS AttributeValue type'),
  ],
  [
    'an unknown operator',
    { s: { ComparisonOperator: 'BOGUS' as 'EQ', AttributeValueList: [{ S: 'hello' }] } },
    'Comparison type does not exist in DynamoDB',
  ],
];

describe('Expected: CONTAINS, NOT_CONTAINS and IN, as DynamoDB Local answers', () => {
  it.each(CASES)('%s', async (_name, Expected, outcome) => {
    const { client, db } = await makeWire();
    db.createTable({
      TableName: 'things',
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
    });
    await client.send(new PutItemCommand({ TableName: 'things', Item: ITEM }));
    const put = client.send(
      new PutItemCommand({ TableName: 'things', Item: { ...ITEM, marker: { S: 'second' } }, Expected }),
    );
    if (outcome === true) {
      await put;
      expect(db.table('things').get({ id: 'x' })?.marker).toBe('second');
      return;
    }
    await expect(put).rejects.toMatchObject(
      outcome === false
        ? { name: 'ConditionalCheckFailedException', message: 'The conditional request failed' }
        : { name: 'ValidationException', message: outcome },
    );
    expect(db.table('things').get({ id: 'x' })?.marker).toBeUndefined();
  });
});
