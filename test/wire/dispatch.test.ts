import { Readable } from 'node:stream';
import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { describe, expect, it, vi } from 'vitest';
import { TransactionCanceledException, type Database } from '../../src/index.js';
import { createAwsHandler } from '../../src/public/wire.js';
import { dispatch } from '../../src/wire/index.js';
import { makeWire } from '../support/sdk-clients.js';
import { expectSdkError } from '../support/sdk-errors.js';
import { DEF_ID, KEY_ID } from '../support/tables.js';
import { T0 } from '../support/time.js';

const DDB = 'DynamoDB_20120810.';
const STREAMS = 'DynamoDBStreams_20120810.';

function call(db: Database, target: string | undefined, body: unknown) {
  const response = dispatch(db, target, typeof body === 'string' ? body : JSON.stringify(body));
  return {
    status: response.statusCode,
    body: JSON.parse(response.body) as Record<string, unknown>,
    raw: response.body,
    headers: response.headers,
  };
}

async function withTable() {
  const fixture = await makeWire();
  fixture.db.createTable({
    TableName: 'items',
    KeySchema: KEY_ID,
    AttributeDefinitions: DEF_ID,
    StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_IMAGE' },
  });
  return fixture;
}

describe('dispatch: the JSON 1.0 protocol', () => {
  it('answers an unknown target with UnknownOperationException, whose message names it (it had none: the SDK showed "UnknownError")', async () => {
    const { db } = await withTable();
    const dynamodb =
      'BatchGetItem, BatchWriteItem, CreateTable, DeleteItem, DeleteTable, DescribeTable, DescribeTimeToLive, GetItem, ListTables, PutItem, Query, Scan, TransactGetItems, TransactWriteItems, UpdateItem, UpdateTable, UpdateTimeToLive';
    const streams = 'DescribeStream, GetRecords, GetShardIterator, ListStreams';
    const served = 'DynamoDB_20120810 and DynamoDBStreams_20120810';
    const cases: [string | undefined, string][] = [
      [
        `${DDB}DescribeLimits`,
        `shardline does not implement DynamoDB_20120810.DescribeLimits (it implements ${dynamodb})`,
      ],
      [`${STREAMS}PutItem`, `shardline does not implement DynamoDBStreams_20120810.PutItem (it implements ${streams})`],
      [`${DDB}constructor`, `shardline does not implement DynamoDB_20120810.constructor (it implements ${dynamodb})`],
      [`${DDB}toString`, `shardline does not implement DynamoDB_20120810.toString (it implements ${dynamodb})`],
      [
        'Kinesis_20131202.ListStreams',
        `X-Amz-Target Kinesis_20131202.ListStreams names no service shardline serves (it serves ${served})`,
      ],
      ['nonsense', `X-Amz-Target nonsense names no service shardline serves (it serves ${served})`],
      [
        'constructor.toString',
        `X-Amz-Target constructor.toString names no service shardline serves (it serves ${served})`,
      ],
      [undefined, `the request has no X-Amz-Target header (shardline serves ${served})`],
      ['', `the request has no X-Amz-Target header (shardline serves ${served})`],
    ];
    for (const [target, message] of cases) {
      const response = dispatch(db, target, '{}');
      expect(response.statusCode).toBe(400);
      // AWS's __type, as dynalite's connection tests recorded it; the words before the colon are DynamoDB Local's.
      expect(JSON.parse(response.body)).toEqual({
        __type: 'com.amazon.coral.service#UnknownOperationException',
        message: `An unknown operation was requested: ${message}`,
      });
    }
  });

  it('answers a body that is not JSON with SerializationException; not an object with its message', async () => {
    const { db } = await withTable();
    expect(dispatch(db, `${DDB}ListTables`, '{"Limit":')).toMatchObject({
      statusCode: 400,
      body: '{"__type":"com.amazon.coral.service#SerializationException"}',
    });
    expect(call(db, `${DDB}ListTables`, '[1]').body).toEqual({
      __type: 'com.amazon.coral.service#SerializationException',
      message: 'Start of structure or map expected',
    });
    // An empty body is an empty request.
    expect(call(db, `${DDB}ListTables`, '')).toMatchObject({ status: 200, body: { TableNames: ['items'] } });
  });

  it('answers a member of the wrong JSON type with SerializationException', async () => {
    const { db } = await withTable();
    expect(call(db, `${DDB}DescribeTable`, { TableName: 5 }).body).toEqual({
      __type: 'com.amazon.coral.service#SerializationException',
      message: 'NUMBER_VALUE cannot be converted to String',
    });
    expect(call(db, `${STREAMS}GetRecords`, { ShardIterator: 'x', Limit: 'ten' }).body.message).toBe(
      'STRING_VALUE cannot be converted to Integer',
    );
    expect(call(db, `${DDB}Query`, { TableName: 'items', ScanIndexForward: 'yes' }).body.message).toBe(
      'STRING_VALUE cannot be converted to Boolean',
    );
    expect(call(db, `${DDB}PutItem`, { TableName: 'items', Item: [] }).body.message).toBe(
      'Start of list found where not expected',
    );
    expect(call(db, `${STREAMS}DescribeStream`, { StreamArn: 'x', ShardFilter: { Type: {} } }).body.message).toBe(
      'Start of structure or map found where not expected.',
    );
  });

  it('collects constraint violations as AWS does, with `message` in lower case', async () => {
    const { db } = await withTable();
    const one = call(db, `${STREAMS}GetRecords`, {});
    expect(one.status).toBe(400);
    expect(one.body).toEqual({
      __type: 'com.amazon.coral.validate#ValidationException',
      message:
        "1 validation error detected: Value null at 'shardIterator' failed to satisfy constraint: Member must not be null",
    });
    expect(call(db, `${STREAMS}GetShardIterator`, { StreamArn: 'x' }).body.message).toBe(
      "2 validation errors detected: Value null at 'shardId' failed to satisfy constraint: Member must not be null; Value null at 'shardIteratorType' failed to satisfy constraint: Member must not be null",
    );
    // A JSON null is an absent member.
    expect(call(db, `${DDB}ListTables`, { Limit: null, ExclusiveStartTableName: null })).toMatchObject({
      status: 200,
      body: { TableNames: ['items'] },
    });
  });

  it('sends timestamps as epoch seconds and binary as base64, and reads base64 in', async () => {
    const { db } = await withTable();
    const described = call(db, `${DDB}DescribeTable`, { TableName: 'items' });
    expect((described.body.Table as Record<string, unknown>).CreationDateTime).toBe(T0 / 1000);
    expect(described.raw).toContain(`"CreationDateTime":${T0 / 1000}`);
    expect(
      call(db, `${DDB}PutItem`, {
        TableName: 'items',
        Item: { id: { S: 'a' }, b: { B: 'AQID' }, bs: { BS: ['AA==', '/w=='] }, m: { M: { x: { B: '' } } } },
      }).status,
    ).toBe(200);
    expect(db.getItem({ TableName: 'items', Key: { id: { S: 'a' } } }).Item).toEqual({
      id: { S: 'a' },
      b: { B: new Uint8Array([1, 2, 3]) },
      bs: { BS: [new Uint8Array([0]), new Uint8Array([255])] },
      m: { M: { x: { B: new Uint8Array([]) } } },
    });
    expect(call(db, `${DDB}GetItem`, { TableName: 'items', Key: { id: { S: 'a' } } }).body).toEqual({
      Item: { id: { S: 'a' }, b: { B: 'AQID' }, bs: { BS: ['AA==', '/w=='] }, m: { M: { x: { B: '' } } } },
    });
    const arn = db.table('items').stream!.arn;
    const shardId = db.describeStream({ StreamArn: arn }).StreamDescription.Shards[0]!.ShardId;
    const { ShardIterator } = db.getShardIterator({
      StreamArn: arn,
      ShardId: shardId,
      ShardIteratorType: 'TRIM_HORIZON',
    });
    const records = call(db, `${STREAMS}GetRecords`, { ShardIterator }).body.Records as {
      dynamodb: Record<string, unknown>;
    }[];
    expect(records[0]!.dynamodb.ApproximateCreationDateTime).toBe(Math.floor(T0 / 1000));
    expect((records[0]!.dynamodb.NewImage as Record<string, unknown>).b).toEqual({ B: 'AQID' });
    expect(call(db, `${DDB}PutItem`, { TableName: 'items', Item: { id: { S: 'a' }, b: { B: '!!!' } } }).body).toEqual({
      __type: 'com.amazon.coral.service#SerializationException',
      message: 'Base64 encoded length is expected a multiple of 4 bytes but found: 3',
    });
    expect(
      call(db, `${DDB}PutItem`, { TableName: 'items', Item: { id: { S: 'a' }, b: { B: '!!!!' } } }).body.message,
    ).toBe('Invalid Base64 character detected');
  });

  it('sends TransactionCanceledException with `Message` and its reasons', async () => {
    const { db } = await withTable();
    vi.spyOn(db, 'transactWriteItems').mockImplementation(() => {
      throw new TransactionCanceledException([
        {
          Code: 'ConditionalCheckFailed',
          Message: 'The conditional request failed',
          Item: { id: { S: 'a' }, b: { B: new Uint8Array([1]) } },
        },
      ]);
    });
    expect(
      call(db, `${DDB}TransactWriteItems`, {
        TransactItems: [{ Put: { TableName: 'items', Item: { id: { S: 'a' } } } }],
      }).body,
    ).toEqual({
      __type: 'com.amazonaws.dynamodb.v20120810#TransactionCanceledException',
      CancellationReasons: [
        {
          Code: 'ConditionalCheckFailed',
          Message: 'The conditional request failed',
          Item: { id: { S: 'a' }, b: { B: 'AQ==' } },
        },
      ],
      Message: 'Transaction cancelled, please refer cancellation reasons for specific reasons [ConditionalCheckFailed]',
    });
  });

  it('never throws: a bug is InternalServerError, HTTP 500 (and the SDK sees it so)', async () => {
    const { db, client } = await withTable();
    vi.spyOn(db, 'describeTable').mockImplementation(() => {
      throw new TypeError('boom');
    });
    const response = call(db, `${DDB}DescribeTable`, { TableName: 'items' });
    expect(response.status).toBe(500);
    expect(response.body).toEqual({
      __type: 'com.amazonaws.dynamodb.v20120810#InternalServerError',
      message: 'An error occurred on the server side.',
    });
    await expectSdkError(client.send(new DescribeTableCommand({ TableName: 'items' })), {
      name: 'InternalServerError',
      message: 'An error occurred on the server side.',
      status: 500,
    });
  });

  it('gives each response a content type and a request id', async () => {
    const { db } = await withTable();
    const { headers } = call(db, `${DDB}ListTables`, {});
    expect(headers['content-type']).toBe('application/x-amz-json-1.0');
    expect(headers['x-amzn-requestid']).toMatch(/^[A-Z0-9]{52}$/);
  });
});

describe('createAwsHandler', () => {
  const request = (body: unknown, headers: Record<string, string> = { 'x-amz-target': `${DDB}ListTables` }) =>
    ({ method: 'POST', protocol: 'https:', hostname: 'localhost', path: '/', query: {}, headers, body }) as never;

  async function text(stream: unknown): Promise<string> {
    const chunks: Buffer[] = [];
    for await (const chunk of stream as Readable) chunks.push(Buffer.from(chunk as Uint8Array));
    return Buffer.concat(chunks).toString('utf8');
  }

  it('reads a body given as a string, bytes, a stream or nothing, and any header case', async () => {
    const { db } = await withTable();
    const handler = createAwsHandler(db);
    const bodies = [
      '{"Limit":1}',
      new TextEncoder().encode('{"Limit":1}'),
      Readable.from([Buffer.from('{"Lim'), Buffer.from('it":1}')]),
      undefined,
    ];
    for (const body of bodies) {
      const { response } = await handler.handle(request(body, { 'X-Amz-Target': `${DDB}ListTables` }));
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toBe('application/x-amz-json-1.0');
      expect(JSON.parse(await text(response.body))).toEqual({ TableNames: ['items'] });
    }
    expect(handler.httpHandlerConfigs()).toEqual({});
    handler.updateHttpClientConfig(undefined as never, undefined as never);
    handler.destroy();
  });

  it('rejects an already aborted request', async () => {
    const { db } = await withTable();
    const controller = new AbortController();
    controller.abort();
    await expect(
      createAwsHandler(db).handle(request('{}'), { abortSignal: controller.signal as never }),
    ).rejects.toMatchObject({ name: 'AbortError' });
  });
});
