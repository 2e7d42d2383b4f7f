/**
 * GetItem's and BatchGetItem's legacy AttributesToGet through the SDK, with the answers DynamoDB Local 2.x gave to
 * the same requests (recorded 2026-11-30).
 */
import { BatchGetItemCommand, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { makeWire } from '../support/sdk-clients.js';
import { expectSdkError, sdkValidation } from '../support/sdk-errors.js';
import { DEF_ID } from '../support/tables.js';

async function withItem() {
  const fixture = await makeWire();
  fixture.db.createTable({
    TableName: 'items',
    KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
    AttributeDefinitions: DEF_ID,
  });
  await fixture.client.send(
    new PutItemCommand({ TableName: 'items', Item: { id: { S: 'x' }, a: { S: '1' }, b: { N: '2' } } }),
  );
  return fixture;
}

describe('AttributesToGet on GetItem and BatchGetItem', () => {
  it('GetItem returns only the named attributes the item has (an empty map when it has none of them)', async () => {
    const { client } = await withItem();
    expect(
      (
        await client.send(
          new GetItemCommand({ TableName: 'items', Key: { id: { S: 'x' } }, AttributesToGet: ['a', 'zz'] }),
        )
      ).Item,
    ).toEqual({ a: { S: '1' } });
    expect(
      (await client.send(new GetItemCommand({ TableName: 'items', Key: { id: { S: 'x' } }, AttributesToGet: ['zz'] })))
        .Item,
    ).toEqual({});
    expect(
      (
        await client.send(
          new GetItemCommand({ TableName: 'items', Key: { id: { S: 'nope' } }, AttributesToGet: ['a'] }),
        )
      ).Item,
    ).toBeUndefined();
  });

  it('GetItem rejects an empty list and a name given twice', async () => {
    const { client } = await withItem();
    await expectSdkError(
      client.send(new GetItemCommand({ TableName: 'items', Key: { id: { S: 'x' } }, AttributesToGet: [] })),
      sdkValidation('AttributesToGet cannot be empty'),
    );
    await expectSdkError(
      client.send(new GetItemCommand({ TableName: 'items', Key: { id: { S: 'x' } }, AttributesToGet: ['a', 'a'] })),
      sdkValidation('Cannot have two attributes with the same name'),
    );
  });

  it('BatchGetItem projects per table, and words a duplicate name its own way', async () => {
    const { client } = await withItem();
    const out = await client.send(
      new BatchGetItemCommand({ RequestItems: { items: { Keys: [{ id: { S: 'x' } }], AttributesToGet: ['b'] } } }),
    );
    expect(out.Responses).toEqual({ items: [{ b: { N: '2' } }] });
    await expectSdkError(
      client.send(
        new BatchGetItemCommand({
          RequestItems: { items: { Keys: [{ id: { S: 'x' } }], AttributesToGet: ['b', 'b'] } },
        }),
      ),
      sdkValidation('One or more parameter values were invalid: Duplicate value in attribute name: b'),
    );
  });
});
