/**
 * Query and Scan with IndexName through the AWS SDK in process: the same answers as the typed API (order, paging by
 * LastEvaluatedKey, projections, segments) and the same refusals, as DynamoDB Local 2.9.30 answered the same
 * requests (AWS's texts where they differ: ConsistentRead on a GSI).
 */
import {
  DynamoDBClient,
  PutItemCommand,
  QueryCommand,
  ScanCommand,
  type QueryCommandInput,
} from '@aws-sdk/client-dynamodb';
import { QueryCommand as DocQueryCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { Database, ManualClock, type AttributeMap } from '../../src/index.js';
import { listen } from '../../src/public/wire.js';
import { fillOrders, keysOf, makeIndexedTable, ORDER_ROWS, orderItem } from '../support/index-read-tables.js';
import { makeWire, withoutMetadata } from '../support/sdk-clients.js';
import { expectSdkError, sdkValidation } from '../support/sdk-errors.js';
import { T0 } from '../support/time.js';

async function wireOrders() {
  const fixture = await makeWire();
  const table = makeIndexedTable(fixture.db);
  for (const row of ORDER_ROWS)
    await fixture.client.send(new PutItemCommand({ TableName: 'orders', Item: orderItem(row) }));
  return { ...fixture, table };
}

const G: QueryCommandInput = {
  TableName: 'orders',
  IndexName: 'gsi1',
  KeyConditionExpression: 'g = :g',
  ExpressionAttributeValues: { ':g': { S: 'G' } },
};

describe('Query and Scan on an index through the SDK', () => {
  it('answers as the typed API does, and pages by LastEvaluatedKey', async () => {
    const { client, table } = await wireOrders();
    const whole = withoutMetadata(await client.send(new QueryCommand(G)));
    expect(whole).toEqual(table.query({ ...G } as never));
    expect(keysOf(whole.Items as AttributeMap[])).toEqual(['b/1', 'a/1', 'a/3', 'b/2', 'a/2']);
    const paged: AttributeMap[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await client.send(new QueryCommand({ ...G, Limit: 2, ExclusiveStartKey: start as never }));
      paged.push(...((page.Items ?? []) as AttributeMap[]));
      start = page.LastEvaluatedKey;
    } while (start !== undefined);
    expect(keysOf(paged)).toEqual(keysOf(whole.Items as AttributeMap[]));
  });

  it('fetches unprojected attributes of an LSI from the table, and scans a segment of a GSI', async () => {
    const { client } = await wireOrders();
    const lsi = await client.send(
      new QueryCommand({
        TableName: 'orders',
        IndexName: 'lsi1',
        KeyConditionExpression: 'pk = :p',
        ExpressionAttributeValues: { ':p': { S: 'a' } },
        ProjectionExpression: 'sk, y',
      }),
    );
    expect(lsi.Items).toEqual([
      { sk: { S: '2' }, y: { S: 'yy' } },
      { sk: { S: '1' }, y: { S: 'yy' } },
      { sk: { S: '3' }, y: { S: 'yy' } },
    ]);
    const segments = await Promise.all(
      [0, 1].map((Segment) =>
        client.send(new ScanCommand({ TableName: 'orders', IndexName: 'gsi2', Segment, TotalSegments: 2 })),
      ),
    );
    // One index partition (g2 = X): all of it in one segment, none in the other.
    expect(segments.map((segment) => segment.Count).sort()).toEqual([0, 5]);
  });

  it('the document client queries an index', async () => {
    const { doc, db } = await makeWire();
    fillOrders(makeIndexedTable(db));
    const out = await doc.send(
      new DocQueryCommand({
        TableName: 'orders',
        IndexName: 'gsi2',
        KeyConditionExpression: 'g2 = :g',
        ExpressionAttributeValues: { ':g': 'X' },
        Limit: 1,
      }),
    );
    expect(out.Items).toEqual([{ pk: 'a', sk: '1', g2: 'X', x: 'xx' }]);
    expect(out.LastEvaluatedKey).toEqual({ pk: 'a', sk: '1', g2: 'X' });
  });

  const refusals: { name: string; send: () => QueryCommand | ScanCommand; message: string }[] = [
    {
      name: 'ConsistentRead on a GSI',
      send: () => new QueryCommand({ ...G, ConsistentRead: true }),
      message: 'Consistent reads are not supported on global secondary indexes',
    },
    {
      name: 'an unknown index',
      send: () => new ScanCommand({ TableName: 'orders', IndexName: 'nope' }),
      message: 'The table does not have the specified index: nope',
    },
    {
      name: 'ALL_ATTRIBUTES on a KEYS_ONLY GSI',
      send: () => new ScanCommand({ TableName: 'orders', IndexName: 'gsi1', Select: 'ALL_ATTRIBUTES' }),
      message:
        'One or more parameter values were invalid: Select type ALL_ATTRIBUTES is not supported for global secondary index gsi1 because its projection type is not ALL',
    },
    {
      name: 'a filter on an unprojected attribute',
      send: () => new QueryCommand({ ...G, FilterExpression: 'y = :g' }),
      message:
        'One or more parameter values were invalid: Secondary index gsi1 does not project one or more filter attributes: [y]',
    },
  ];
  for (const { name, send, message } of refusals) {
    it(`refuses ${name}`, async () => {
      const { client } = await wireOrders();
      await expectSdkError(client.send(send() as never), sdkValidation(message));
    });
  }
});

describe('Query on an index over HTTP (listen, as shardline serve)', () => {
  it('pages an LSI by LastEvaluatedKey and refuses ConsistentRead on a GSI', async () => {
    const db = await Database.create({ clock: new ManualClock(T0), seed: 42 });
    fillOrders(makeIndexedTable(db));
    const server = await listen(db, { port: 0 });
    // No retries: a retry would wait on a real timer.
    const client = new DynamoDBClient({
      region: 'us-east-1',
      endpoint: server.endpoint,
      credentials: { accessKeyId: 'AKIDSHARDLINE', secretAccessKey: 'shardline' },
      maxAttempts: 1,
    });
    try {
      const lsi = {
        TableName: 'orders',
        IndexName: 'lsi1',
        KeyConditionExpression: 'pk = :p',
        ExpressionAttributeValues: { ':p': { S: 'a' } },
      };
      const first = await client.send(new QueryCommand({ ...lsi, Limit: 2 }));
      expect(first.LastEvaluatedKey).toEqual({ pk: { S: 'a' }, sk: { S: '1' }, l: { N: '5' } });
      const rest = await client.send(new QueryCommand({ ...lsi, ExclusiveStartKey: first.LastEvaluatedKey }));
      expect(keysOf([...(first.Items ?? []), ...(rest.Items ?? [])] as AttributeMap[])).toEqual(['a/2', 'a/1', 'a/3']);
      await expectSdkError(
        client.send(new QueryCommand({ ...G, ConsistentRead: true })),
        sdkValidation('Consistent reads are not supported on global secondary indexes'),
      );
    } finally {
      client.destroy();
      await server.close();
    }
  });
});
