/**
 * An Integer member given as a JSON number with a fraction (`"Limit": 1.5`) is read as its integer part, as AWS's
 * JSON deserializer reads it (dynalite, built against AWS, floors it; DynamoDB Local truncates it). Found by the
 * raw-wire differential (conformance/raw-wire.test.ts): shardline used to refuse it with "Member must be an
 * integer", a constraint AWS's model does not have.
 */
import { describe, expect, it } from 'vitest';
import { type Database } from '../../src/index.js';
import { dispatch } from '../../src/wire/index.js';
import { makeWire } from '../support/sdk-clients.js';
import { KEY_ID_SK, defIdSk } from '../support/tables.js';

function call(db: Database, target: string, body: unknown) {
  const response = dispatch(db, target, JSON.stringify(body));
  return { status: response.statusCode, body: JSON.parse(response.body) as Record<string, unknown> };
}

async function withItems() {
  const { db } = await makeWire();
  db.createTable({
    TableName: 'items',
    KeySchema: KEY_ID_SK,
    AttributeDefinitions: defIdSk('N'),
    StreamSpecification: { StreamEnabled: true, StreamViewType: 'KEYS_ONLY' },
  });
  for (const sk of ['1', '2', '3']) db.putItem({ TableName: 'items', Item: { id: { S: 'k' }, sk: { N: sk } } });
  return db;
}

const EQ = { id: { ComparisonOperator: 'EQ', AttributeValueList: [{ S: 'k' }] } };

describe('an Integer member with a fraction is read as its integer part', () => {
  it('Query and Scan Limit 1.5 read one item, 2.9 two', async () => {
    const db = await withItems();
    const query = call(db, 'DynamoDB_20120810.Query', { TableName: 'items', KeyConditions: EQ, Limit: 1.5 });
    expect(query).toMatchObject({
      status: 200,
      body: { Count: 1, LastEvaluatedKey: { id: { S: 'k' }, sk: { N: '1' } } },
    });
    expect(call(db, 'DynamoDB_20120810.Scan', { TableName: 'items', Limit: 2.9 }).body.Count).toBe(2);
  });

  it('DescribeStream, ListStreams and GetRecords too; the constraints apply to the integer part', async () => {
    const db = await withItems();
    const streams = call(db, 'DynamoDBStreams_20120810.ListStreams', { TableName: 'items', Limit: 1.5 });
    expect(streams.status).toBe(200);
    const StreamArn = (streams.body.Streams as { StreamArn: string }[])[0]!.StreamArn;
    expect(call(db, 'DynamoDBStreams_20120810.DescribeStream', { StreamArn, Limit: 1.9 }).status).toBe(200);
    const ShardId = db.table('items').stream!.listShards()[0]!.shardId;
    const iterator = call(db, 'DynamoDBStreams_20120810.GetShardIterator', {
      StreamArn,
      ShardId,
      ShardIteratorType: 'TRIM_HORIZON',
    }).body.ShardIterator;
    const records = call(db, 'DynamoDBStreams_20120810.GetRecords', { ShardIterator: iterator, Limit: 2.5 });
    expect((records.body.Records as unknown[]).length).toBe(2);
    expect(call(db, 'DynamoDBStreams_20120810.ListStreams', { Limit: 0.5 }).body).toEqual({
      __type: 'com.amazon.coral.validate#ValidationException',
      message:
        "1 validation error detected: Value '0' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1",
    });
  });
});
