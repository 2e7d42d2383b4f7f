/**
 * The legacy `Expected` of PutItem (and DeleteItem, UpdateItem): a `Value` with a `ComparisonOperator` is that
 * operator's one argument, and each misuse of Value, Exists, AttributeValueList and ComparisonOperator is refused in
 * AWS's order and words (dynalite's validations, recorded against AWS), as DynamoDB Local 2.9.30 answers (probed).
 */
import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { makeWire } from '../support/sdk-clients.js';
import { DEF_ID, KEY_ID } from '../support/tables.js';

const ITEM = { id: { S: 'a' }, n: { N: '5' }, s: { S: 'abc' } };
const invalid = (text: string) => `ValidationException: One or more parameter values were invalid: ${text}`;
const FAILED = 'ConditionalCheckFailedException: The conditional request failed';

/** [what, Expected, 'OK' or the error as `name: message`]. */
const CASES: [string, Record<string, unknown>, string][] = [
  ['Value with EQ, equal', { n: { Value: { N: '5' }, ComparisonOperator: 'EQ' } }, 'OK'],
  ['Value with EQ, not equal', { n: { Value: { N: '6' }, ComparisonOperator: 'EQ' } }, FAILED],
  ['Value with GT, greater', { n: { Value: { N: '4' }, ComparisonOperator: 'GT' } }, 'OK'],
  ['Value with GT, not greater', { n: { Value: { N: '6' }, ComparisonOperator: 'GT' } }, FAILED],
  ['Value with BEGINS_WITH', { s: { Value: { S: 'ab' }, ComparisonOperator: 'BEGINS_WITH' } }, 'OK'],
  ['Value with IN', { n: { Value: { N: '5' }, ComparisonOperator: 'IN' } }, 'OK'],
  ['Value with EQ, absent attribute', { zz: { Value: { N: '5' }, ComparisonOperator: 'EQ' } }, FAILED],
  ['Value with NE, absent attribute', { zz: { Value: { N: '5' }, ComparisonOperator: 'NE' } }, 'OK'],
  ['Value of a list with EQ', { n: { Value: { L: [] }, ComparisonOperator: 'EQ' } }, FAILED],
  [
    'Value with NOT_NULL (takes none)',
    { s: { Value: { S: 'ab' }, ComparisonOperator: 'NOT_NULL' } },
    invalid('Invalid number of argument(s) for the NOT_NULL ComparisonOperator'),
  ],
  [
    'Value with BETWEEN (takes two)',
    { n: { Value: { N: '4' }, ComparisonOperator: 'BETWEEN' } },
    invalid('Invalid number of argument(s) for the BETWEEN ComparisonOperator'),
  ],
  [
    'a string set Value with LT',
    { n: { Value: { SS: ['5'] }, ComparisonOperator: 'LT' } },
    invalid('ComparisonOperator LT is not valid for SS AttributeValue type'),
  ],
  [
    'a Value of no known type with EQ',
    { n: { Value: { Q: '5' }, ComparisonOperator: 'EQ' } },
    'ValidationException: Supplied AttributeValue is empty, must contain exactly one of the supported datatypes',
  ],
  [
    'Value and AttributeValueList with an operator',
    { n: { Value: { N: '5' }, AttributeValueList: [{ N: '5' }], ComparisonOperator: 'EQ' } },
    invalid('Value and AttributeValueList cannot be used together for Attribute: n'),
  ],
  [
    'Value and an empty AttributeValueList',
    { n: { Value: { N: '5' }, AttributeValueList: [], ComparisonOperator: 'EQ' } },
    invalid('Value and AttributeValueList cannot be used together for Attribute: n'),
  ],
  [
    'Value and AttributeValueList without an operator',
    { n: { Value: { N: '5' }, AttributeValueList: [{ N: '5' }] } },
    invalid('Value and AttributeValueList cannot be used together for Attribute: n'),
  ],
  [
    'Exists with an operator',
    { n: { Value: { N: '5' }, Exists: true, ComparisonOperator: 'EQ' } },
    invalid('Exists and ComparisonOperator cannot be used together for Attribute: n'),
  ],
  [
    'Exists false with an operator',
    { n: { Value: { N: '5' }, Exists: false, ComparisonOperator: 'EQ' } },
    invalid('Exists and ComparisonOperator cannot be used together for Attribute: n'),
  ],
  [
    'AttributeValueList without an operator',
    { n: { AttributeValueList: [{ N: '5' }] } },
    invalid('AttributeValueList can only be used with a ComparisonOperator for Attribute: n'),
  ],
  [
    'AttributeValueList and Exists false, without an operator',
    { n: { Exists: false, AttributeValueList: [{ N: '5' }] } },
    invalid('AttributeValueList can only be used with a ComparisonOperator for Attribute: n'),
  ],
  ['nothing at all', { n: {} }, invalid('Value must be provided when Exists is null for Attribute: n')],
  [
    'Exists true alone',
    { n: { Exists: true } },
    invalid('Value must be provided when Exists is true for Attribute: n'),
  ],
];

describe('Expected: Value with ComparisonOperator, and the misuses of its members', () => {
  it.each(CASES)('%s', async (_what, Expected, outcome) => {
    const { client, db } = await makeWire();
    db.createTable({ TableName: 'items', KeySchema: KEY_ID, AttributeDefinitions: DEF_ID });
    db.putItem({ TableName: 'items', Item: { ...ITEM, v: { N: '0' } } });
    const answer = await client
      .send(new PutItemCommand({ TableName: 'items', Item: ITEM, Expected: Expected as never }))
      .then(
        () => 'OK',
        (error: Error) => `${error.name}: ${error.message}`,
      );
    expect(answer).toBe(outcome);
    // Written only when the condition held.
    expect(db.getItem({ TableName: 'items', Key: { id: { S: 'a' } } }).Item?.v).toEqual(
      outcome === 'OK' ? undefined : { N: '0' },
    );
  });
});
