/**
 * CreateTable without AttributeDefinitions (left out, or JSON null) is refused with DynamoDB Local's text, "No
 * Attribute Schema Defined", after the table name and the key schema are checked. Found by the raw-wire
 * differential (conformance/raw-wire.test.ts): shardline used to answer "Hash Key not specified in Attribute
 * Definitions.  Type unknown.", DynamoDB Local's text for definitions that leave out the hash key.
 */
import { describe, expect, it } from 'vitest';
import { dispatch } from '../../src/wire/index.js';
import { makeWire } from '../support/sdk-clients.js';
import { KEY_ID } from '../support/tables.js';

const invalid = (message: string) => ({ __type: 'com.amazon.coral.validate#ValidationException', message });

describe('CreateTable without AttributeDefinitions', () => {
  it('is "No Attribute Schema Defined", over the wire and in process; nothing is created', async () => {
    const { db } = await makeWire();
    const create = (body: Record<string, unknown>) =>
      JSON.parse(dispatch(db, 'DynamoDB_20120810.CreateTable', JSON.stringify(body)).body) as unknown;
    const base = { TableName: 'items', KeySchema: KEY_ID, BillingMode: 'PAY_PER_REQUEST' };
    expect(create(base)).toEqual(invalid('No Attribute Schema Defined'));
    expect(create({ ...base, AttributeDefinitions: null })).toEqual(invalid('No Attribute Schema Defined'));
    expect(() => db.createTable({ TableName: 'items', KeySchema: KEY_ID } as never)).toThrow(
      'No Attribute Schema Defined',
    );
    expect(db.listTables().TableNames).toEqual([]);
  });

  it('comes after the checks of the table name and the key schema; an empty list is still about the hash key', async () => {
    const { db } = await makeWire();
    const create = (body: Record<string, unknown>) =>
      (JSON.parse(dispatch(db, 'DynamoDB_20120810.CreateTable', JSON.stringify(body)).body) as { message: string })
        .message;
    expect(create({ TableName: 'ab', KeySchema: KEY_ID })).toMatch(/^Invalid table\/index name/);
    expect(create({ TableName: 'items' })).toBe(
      'No defined key schema.  A key schema containing at least a hash key must be defined for all tables',
    );
    expect(create({ TableName: 'items', KeySchema: KEY_ID, AttributeDefinitions: [] })).toBe(
      'Hash Key not specified in Attribute Definitions.  Type unknown.',
    );
  });
});
