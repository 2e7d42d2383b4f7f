/**
 * `listen(db)`: the real AWS SDK v3 clients over loopback against a real `node:http` server, and raw HTTP
 * requests for what DynamoDB answers before any operation runs (AWS's answers as recorded by dynalite's
 * connection tests, which run against AWS: their x-amz-crc32 values are AWS's own).
 */
import { execFile } from 'node:child_process';
import { createServer, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { connect } from 'node:net';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { crc32 } from 'node:zlib';
import {
  ConditionalCheckFailedException,
  CreateTableCommand,
  DeleteItemCommand,
  DescribeTableCommand,
  DynamoDBClient,
  GetItemCommand,
  ListTablesCommand,
  PutItemCommand,
  ResourceNotFoundException,
  TransactWriteItemsCommand,
  TransactionCanceledException,
} from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  ExpiredIteratorException,
  GetRecordsCommand,
  GetShardIteratorCommand,
  ListStreamsCommand,
} from '@aws-sdk/client-dynamodb-streams';
import { DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  Database,
  ManualClock,
  TransactionCanceledException as TransactionCanceledEngineError,
} from '../../src/index.js';
import { createHttpListener, listen, type HttpServer } from '../../src/public/wire.js';
import { withoutMetadata } from '../support/sdk-clients.js';
import { expectSdkError } from '../support/sdk-errors.js';
import { DEF_ID, KEY_ID } from '../support/tables.js';
import { T0 } from '../support/time.js';

const DDB = 'DynamoDB_20120810.';
const STREAMS = 'DynamoDBStreams_20120810.';
const AMZ_JSON = 'application/x-amz-json-1.0';
const SIXTEEN_MIB = 16 * 1024 * 1024;

interface Served {
  clock: ManualClock;
  db: Database;
  server: HttpServer;
  client: DynamoDBClient;
  doc: DynamoDBDocumentClient;
  streams: DynamoDBStreamsClient;
}

const running: Served[] = [];

afterEach(async () => {
  for (const { server, client, streams } of running.splice(0)) {
    client.destroy();
    streams.destroy();
    await server.close();
  }
});

async function serve(): Promise<Served> {
  const clock = new ManualClock(T0);
  const db = await Database.create({ clock, seed: 42 });
  const server = await listen(db, { port: 0 });
  // No retries: a retry would wait on a real timer, and every error here is meant to arrive on the first try.
  const config = {
    region: 'us-east-1',
    endpoint: server.endpoint,
    credentials: { accessKeyId: 'AKIDSHARDLINE', secretAccessKey: 'shardline' },
    maxAttempts: 1,
  };
  const client = new DynamoDBClient(config);
  const served = {
    clock,
    db,
    server,
    client,
    doc: DynamoDBDocumentClient.from(client),
    streams: new DynamoDBStreamsClient(config),
  };
  running.push(served);
  return served;
}

async function createOrders(client: DynamoDBClient): Promise<string> {
  const created = await client.send(
    new CreateTableCommand({
      TableName: 'orders',
      KeySchema: KEY_ID,
      AttributeDefinitions: DEF_ID,
      BillingMode: 'PAY_PER_REQUEST',
      StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
    }),
  );
  return created.TableDescription!.LatestStreamArn!;
}

interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
  bytes: Buffer;
}

/** One HTTP request on its own connection, exactly as given: no header is added but Host (and Content-Length). */
function raw(
  server: HttpServer,
  options: { method?: string; headers?: Record<string, string>; body?: string | Buffer },
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(
      server.endpoint,
      { method: options.method ?? 'POST', headers: options.headers ?? {}, agent: false },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          const bytes = Buffer.concat(chunks);
          resolve({ status: response.statusCode!, headers: response.headers, body: bytes.toString('utf8'), bytes });
        });
        response.on('error', reject);
      },
    );
    outgoing.on('error', reject);
    outgoing.end(options.body);
  });
}

/** A POST; `contentType: null` sends none. */
const post = (
  server: HttpServer,
  target: string | undefined,
  body: string | Buffer,
  contentType: string | null = AMZ_JSON,
) =>
  raw(server, {
    headers: {
      ...(target === undefined ? {} : { 'X-Amz-Target': target }),
      ...(contentType === null ? {} : { 'Content-Type': contentType }),
    },
    body,
  });

/** Proof that the server still answers properly: an SDK call that reads the tables. */
async function stillServing({ client, db }: Served): Promise<void> {
  expect((await client.send(new ListTablesCommand({}))).TableNames).toEqual(db.listTables().TableNames);
}

describe('listen(db)', () => {
  it('binds to 127.0.0.1 on a free port and says where', async () => {
    const { server } = await serve();
    expect(server.host).toBe('127.0.0.1');
    expect(server.port).toBeGreaterThan(0);
    expect(server.endpoint).toBe(`http://127.0.0.1:${server.port}`);
  });

  it('close() stops it: later connections are refused, and a second close() is the same promise', async () => {
    const db = await Database.create({ clock: new ManualClock(T0), seed: 1 });
    const server = await listen(db);
    expect((await raw(server, { method: 'GET' })).status).toBe(200);
    const closing = server.close();
    expect(server.close()).toBe(closing);
    await closing;
    await expect(raw(server, { method: 'GET' })).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    expect(db.listTables()).toEqual({ TableNames: [] }); // the database itself is untouched
  });

  it('close() ends the idle keep-alive connections an SDK client holds', async () => {
    const db = await Database.create({ clock: new ManualClock(T0), seed: 1 });
    const server = await listen(db, { port: 0, host: '127.0.0.1' });
    const client = new DynamoDBClient({
      region: 'us-east-1',
      endpoint: server.endpoint,
      credentials: { accessKeyId: 'a', secretAccessKey: 'b' },
      maxAttempts: 1,
    });
    await client.send(new ListTablesCommand({}));
    await server.close(); // resolves although the client has not been destroyed
    client.destroy();
  });

  it('rejects a port in use, and a port that is not one', async () => {
    const { server, db } = await serve();
    await expect(listen(db, { port: server.port })).rejects.toMatchObject({ code: 'EADDRINUSE' });
    await expect(listen(db, { port: 70_000 })).rejects.toThrow(RangeError);
    await expect(listen(db, { port: 1.5 })).rejects.toThrow('port must be an integer from 0 to 65535, got 1.5');
    await stillServing(running[0]!);
  });
  it('loads node:http only when a database listens', async () => {
    // A fresh process: this one has loaded node:http long ago. moduleLoadList names Node's own modules as loaded.
    const index = fileURLToPath(new URL('../../src/index.ts', import.meta.url));
    const wire = fileURLToPath(new URL('../../src/public/wire.ts', import.meta.url));
    const script = [
      "const http = () => process.moduleLoadList.includes('NativeModule http');",
      `const { Database } = await import(${JSON.stringify(index)});`,
      `const { listen } = await import(${JSON.stringify(wire)});`,
      'const db = await Database.create({ seed: 1 });',
      'const beforeListen = http();',
      'const server = await listen(db);',
      'console.log(JSON.stringify({ beforeListen, afterListen: http() }));',
      'await server.close();',
    ].join('\n');
    const { stdout } = await promisify(execFile)(process.execPath, [
      '--import',
      'tsx',
      '--input-type=module',
      '--eval',
      script,
    ]);
    expect(JSON.parse(stdout)).toEqual({ beforeListen: false, afterListen: true });
  });
});

describe('the AWS SDK v3 clients over HTTP', () => {
  it('DynamoDBClient and the document client: tables and items', async () => {
    const served = await serve();
    const { client, doc, db } = served;
    await createOrders(client);
    expect(withoutMetadata(await client.send(new DescribeTableCommand({ TableName: 'orders' })))).toEqual(
      db.describeTable({ TableName: 'orders' }),
    );
    await client.send(
      new PutItemCommand({
        TableName: 'orders',
        Item: { id: { S: 'a' }, total: { N: '42' }, sig: { B: new Uint8Array([1, 2, 3]) } },
      }),
    );
    expect((await client.send(new GetItemCommand({ TableName: 'orders', Key: { id: { S: 'a' } } }))).Item).toEqual({
      id: { S: 'a' },
      total: { N: '42' },
      sig: { B: new Uint8Array([1, 2, 3]) },
    });
    await doc.send(
      new PutCommand({
        TableName: 'orders',
        Item: { id: 'b', tags: new Set(['x', 'y']), nested: { list: [1, 'two', null] } },
      }),
    );
    expect((await doc.send(new GetCommand({ TableName: 'orders', Key: { id: 'b' } }))).Item).toEqual({
      id: 'b',
      tags: new Set(['x', 'y']),
      nested: { list: [1, 'two', null] },
    });
    await client.send(new DeleteItemCommand({ TableName: 'orders', Key: { id: { S: 'a' } } }));
    expect([...db.table('orders').items()].map((item) => item.id)).toEqual([{ S: 'b' }]);
    expect((await client.send(new ListTablesCommand({}))).TableNames).toEqual(['orders']);
  });

  it('DynamoDBStreamsClient: ListStreams, DescribeStream, GetShardIterator and GetRecords read what the typed API reads', async () => {
    const { client, doc, streams, db } = await serve();
    const streamArn = await createOrders(client);
    await doc.send(new PutCommand({ TableName: 'orders', Item: { id: 'a', status: 'placed' } }));
    await doc.send(new PutCommand({ TableName: 'orders', Item: { id: 'a', status: 'paid' } }));
    await client.send(new DeleteItemCommand({ TableName: 'orders', Key: { id: { S: 'a' } } }));

    const listed = await streams.send(new ListStreamsCommand({ TableName: 'orders' }));
    expect(withoutMetadata(listed)).toEqual(db.listStreams({ TableName: 'orders' }));
    expect(listed.Streams!.map((stream) => stream.StreamArn)).toEqual([streamArn]);
    const described = withoutMetadata(await streams.send(new DescribeStreamCommand({ StreamArn: streamArn })));
    expect(described).toEqual(db.describeStream({ StreamArn: streamArn }));
    const shardId = described.StreamDescription!.Shards![0]!.ShardId!;
    const { ShardIterator } = await streams.send(
      new GetShardIteratorCommand({ StreamArn: streamArn, ShardId: shardId, ShardIteratorType: 'TRIM_HORIZON' }),
    );
    const page = await streams.send(new GetRecordsCommand({ ShardIterator }));
    expect(page.Records).toEqual(db.getRecords({ ShardIterator: ShardIterator! }).Records);
    expect(page.Records!.map((record) => record.eventName)).toEqual(['INSERT', 'MODIFY', 'REMOVE']);
    expect(page.Records![1]!.dynamodb!.OldImage).toEqual({ id: { S: 'a' }, status: { S: 'placed' } });
    expect(page.Records![0]!.dynamodb!.ApproximateCreationDateTime).toEqual(new Date(Math.floor(T0 / 1000) * 1000));
    expect(page.NextShardIterator).toEqual(expect.any(String)); // the shard is open
  });

  it("errors arrive as the SDK's own exception classes, with AWS's name, message and status", async () => {
    const { client, streams, clock, db } = await serve();
    const streamArn = await createOrders(client);
    const missing = await expectSdkError(client.send(new DescribeTableCommand({ TableName: 'absent' })), {
      name: 'ResourceNotFoundException',
      message: 'Cannot do operations on a non-existent table',
    });
    expect(missing).toBeInstanceOf(ResourceNotFoundException);
    await expectSdkError(
      client.send(
        new CreateTableCommand({
          TableName: 'orders',
          KeySchema: KEY_ID,
          AttributeDefinitions: DEF_ID,
          BillingMode: 'PAY_PER_REQUEST',
        }),
      ),
      {
        name: 'ResourceInUseException',
        message: 'Cannot create preexisting table',
      },
    );
    await expectSdkError(client.send(new PutItemCommand({ TableName: 'orders', Item: { id: { N: '1' } } })), {
      name: 'ValidationException',
      message: 'One or more parameter values were invalid: Type mismatch for key',
    });
    await client.send(new PutItemCommand({ TableName: 'orders', Item: { id: { S: 'a' } } }));
    const failed = await expectSdkError(
      client.send(
        new PutItemCommand({ TableName: 'orders', Item: { id: { S: 'a' } }, Expected: { id: { Exists: false } } }),
      ),
      {
        name: 'ConditionalCheckFailedException',
        message: 'The conditional request failed',
      },
    );
    expect(failed).toBeInstanceOf(ConditionalCheckFailedException);

    // Conditions in transactions need expressions, not there yet: the engine's exception, sent over HTTP.
    vi.spyOn(db, 'transactWriteItems').mockImplementationOnce(() => {
      throw new TransactionCanceledEngineError([
        { Code: 'None' },
        { Code: 'ConditionalCheckFailed', Message: 'The conditional request failed' },
      ]);
    });
    const cancelled = await expectSdkError(
      client.send(
        new TransactWriteItemsCommand({ TransactItems: [{ Put: { TableName: 'orders', Item: { id: { S: 'b' } } } }] }),
      ),
      {
        name: 'TransactionCanceledException',
        message:
          'Transaction cancelled, please refer cancellation reasons for specific reasons [None, ConditionalCheckFailed]',
      },
    );
    expect(cancelled).toBeInstanceOf(TransactionCanceledException);
    expect((cancelled as unknown as TransactionCanceledException).CancellationReasons).toEqual([
      { Code: 'None' },
      { Code: 'ConditionalCheckFailed', Message: 'The conditional request failed' },
    ]);

    // A bug of shardline's is AWS's retryable 500, and the server goes on.
    vi.spyOn(db, 'describeTable').mockImplementationOnce(() => {
      throw new TypeError('boom');
    });
    await expectSdkError(client.send(new DescribeTableCommand({ TableName: 'orders' })), {
      name: 'InternalServerError',
      message: 'An error occurred on the server side.',
      status: 500,
    });

    // Time is the database's clock: a manual one here, so an iterator expires when the test says so.
    const shardId = (await streams.send(new DescribeStreamCommand({ StreamArn: streamArn }))).StreamDescription!
      .Shards![0]!.ShardId!;
    const { ShardIterator } = await streams.send(
      new GetShardIteratorCommand({ StreamArn: streamArn, ShardId: shardId, ShardIteratorType: 'LATEST' }),
    );
    clock.advance({ minutes: 16 });
    const expired = await expectSdkError(streams.send(new GetRecordsCommand({ ShardIterator })), {
      name: 'ExpiredIteratorException',
      message: 'The provided iterator exceeds the maximum age allowed.',
    });
    expect(expired).toBeInstanceOf(ExpiredIteratorException);
  });
});

describe('HTTP-level answers, as DynamoDB gives them', () => {
  it("a good request: 200, the protocol's content type, a 52-character request id and the body's CRC32", async () => {
    const { server } = await serve();
    const response = await post(server, `${DDB}ListTables`, '{}');
    expect(response).toMatchObject({ status: 200, body: '{"TableNames":[]}' });
    expect(response.headers['content-type']).toBe(AMZ_JSON);
    expect(response.headers['x-amzn-requestid']).toMatch(/^[0-9A-Z]{52}$/);
    expect(response.headers['x-amzn-requestid']).toBe(`SHARDLINE${'1'.padStart(43, '0')}`); // a counter: the same on every run
    expect(response.headers['content-length']).toBe(String(response.bytes.byteLength));
    // 1315925753: DynamoDB Local's x-amz-crc32 for this very body, observed.
    expect(response.headers['x-amz-crc32']).toBe('1315925753');
    expect(response.headers['x-amz-crc32']).toBe(String(crc32(response.bytes)));
  });

  it('GET is AWS\'s health check: 200, "healthy: dynamodb.<region>.amazonaws.com " (HEAD: the same head)', async () => {
    const { server } = await serve();
    const response = await raw(server, { method: 'GET' });
    expect(response).toMatchObject({ status: 200, body: 'healthy: dynamodb.us-east-1.amazonaws.com ' });
    expect(response.headers['x-amz-crc32']).toBe(String(crc32(response.bytes)));
    expect(response.headers['x-amzn-requestid']).toMatch(/^[0-9A-Z]{52}$/);
    const head = await raw(server, { method: 'HEAD' });
    expect(head).toMatchObject({ status: 200, body: '' });
    expect(head.headers['content-length']).toBe('42');

    const elsewhere = await listen(await Database.create({ clock: new ManualClock(T0), seed: 1, region: 'eu-west-1' }));
    expect((await raw(elsewhere, { method: 'GET' })).body).toBe('healthy: dynamodb.eu-west-1.amazonaws.com ');
    await elsewhere.close();
  });

  it('another method, or a body of another content type: 404 <UnknownOperationException/>', async () => {
    const served = await serve();
    const { server } = served;
    const answers = [
      await raw(server, {
        method: 'PUT',
        headers: { 'Content-Type': AMZ_JSON, 'X-Amz-Target': `${DDB}ListTables` },
        body: '{}',
      }),
      await raw(server, { method: 'DELETE' }),
      await raw(server, { method: 'OPTIONS' }),
      await post(server, `${DDB}ListTables`, '{}', 'text/plain'),
      await post(server, `${DDB}ListTables`, '{}', 'application/x-amz-json-1.1'),
      await post(server, `${DDB}ListTables`, '{}', null),
    ];
    for (const response of answers) {
      expect(response).toMatchObject({ status: 404, body: '<UnknownOperationException/>\n' });
      expect(response.headers['x-amz-crc32']).toBe('3552371480'); // AWS's, for this body
      expect(response.headers['content-length']).toBe('29');
    }
    await stillServing(served);
  });

  it('malformed JSON: 400 SerializationException, also when the target is unknown (AWS checks the body first)', async () => {
    const served = await serve();
    const { server } = served;
    for (const target of [`${DDB}ListTables`, `${DDB}NoSuchOperation`, undefined]) {
      const response = await post(server, target, '{"TableName": "orders"');
      expect(response.status).toBe(400);
      expect(JSON.parse(response.body)).toEqual({ __type: 'com.amazon.coral.service#SerializationException' });
      expect(response.headers['x-amz-crc32']).toBe('3948637019'); // AWS's, for this body
    }
    // A JSON body that is not an object is malformed for the operation too.
    expect(JSON.parse((await post(server, `${DDB}ListTables`, '[1, 2]')).body).__type).toBe(
      'com.amazon.coral.service#SerializationException',
    );
    await stillServing(served);
  });

  it('a missing or unknown X-Amz-Target: 400 UnknownOperationException, with a message that names it', async () => {
    const served = await serve();
    const { server } = served;
    for (const target of [
      undefined,
      'whatever',
      `${DDB}ListTable`,
      `${DDB}constructor`,
      `${STREAMS}PutItem`,
      'DynamoDB_20111205.ListTables',
    ]) {
      const response = await post(server, target, '{}');
      expect(response.status).toBe(400);
      // AWS's __type (dynalite's connection tests); the message is shardline's (test/wire/unsupported-requests.test.ts).
      expect(JSON.parse(response.body)).toEqual({
        __type: 'com.amazon.coral.service#UnknownOperationException',
        message: expect.stringContaining(target ?? 'X-Amz-Target'),
      });
      expect(response.headers['x-amz-crc32']).toBe(String(crc32(response.bytes)));
    }
    await stillServing(served);
  });

  it('reads an empty body as {} (AWS would answer SerializationException), and checks no signature', async () => {
    const { server } = await serve();
    expect(await post(server, `${DDB}ListTables`, '')).toMatchObject({ status: 200, body: '{"TableNames":[]}' });
  });

  it("answers in the request's JSON media type, and reads it with parameters", async () => {
    const { server } = await serve();
    const plain = await post(server, `${DDB}ListTables`, '{}', 'application/json');
    expect(plain).toMatchObject({ status: 200, body: '{"TableNames":[]}' });
    expect(plain.headers['content-type']).toBe('application/json');
    const withCharset = await post(server, `${DDB}ListTables`, '{}', 'application/x-amz-json-1.0; charset=utf-8');
    expect(withCharset.status).toBe(200);
    expect(withCharset.headers['content-type']).toBe(AMZ_JSON);
  });

  it('a body over 16 MiB: 413, read and dropped; 16 MiB exactly is read', async () => {
    const served = await serve();
    const { server } = served;
    const padded = (bytes: number): Buffer => {
      const head = '{"TableName":"orders","Pad":"';
      return Buffer.from(`${head}${'a'.repeat(bytes - head.length - 2)}"}`);
    };
    const over = await post(server, `${DDB}DescribeTable`, padded(SIXTEEN_MIB + 1));
    expect(over).toMatchObject({ status: 413, body: '' });
    expect(over.headers['transfer-encoding']).toBe('chunked');
    expect(over.headers['x-amzn-requestid']).toMatch(/^[0-9A-Z]{52}$/);
    const atLimit = await post(server, `${DDB}DescribeTable`, padded(SIXTEEN_MIB));
    expect(atLimit.status).toBe(400); // read, validated, and answered by the operation
    expect(JSON.parse(atLimit.body).__type).not.toContain('SerializationException');
    await stillServing(served);
  });

  it('an Origin is allowed, and an OPTIONS with one is a CORS preflight', async () => {
    const { server } = await serve();
    const preflight = await raw(server, {
      method: 'OPTIONS',
      headers: {
        Origin: 'http://localhost:3000',
        'Access-Control-Request-Headers': 'x-amz-target, content-type',
        'Access-Control-Request-Method': 'POST',
      },
    });
    expect(preflight).toMatchObject({ status: 200, body: '' });
    expect(preflight.headers).toMatchObject({
      'access-control-allow-origin': '*',
      'access-control-allow-headers': 'x-amz-target, content-type',
      'access-control-allow-methods': 'POST',
      'access-control-max-age': '172800',
      'content-length': '0',
    });
    const call = await raw(server, {
      headers: { Origin: 'http://localhost:3000', 'Content-Type': AMZ_JSON, 'X-Amz-Target': `${DDB}ListTables` },
      body: '{}',
    });
    expect(call.status).toBe(200);
    expect(call.headers['access-control-allow-origin']).toBe('*');
  });

  it('survives what is not HTTP, and a client that leaves mid-body', async () => {
    const served = await serve();
    const { server } = served;
    const garbage = await new Promise<string>((resolve, reject) => {
      const socket = connect(server.port, '127.0.0.1', () => socket.write('NOT HTTP AT ALL\r\n\r\n'));
      let text = '';
      socket.on('data', (chunk) => (text += chunk.toString('latin1')));
      socket.on('close', () => resolve(text));
      socket.on('error', reject);
    });
    expect(garbage).toMatch(/^HTTP\/1\.1 400 Bad Request/);

    await new Promise<void>((resolve) => {
      const socket = connect(server.port, '127.0.0.1', () => {
        socket.write(
          `POST / HTTP/1.1\r\nHost: x\r\nContent-Type: ${AMZ_JSON}\r\nX-Amz-Target: ${DDB}ListTables\r\nContent-Length: 1000\r\n\r\n{"Lim`,
        );
        socket.destroy();
        resolve();
      });
    });
    await stillServing(served);
  });
});

describe('the README example and createHttpListener', () => {
  it('Over HTTP: listen(db) with the SDK clients', async () => {
    const db = await Database.create({ seed: 7 }); // the system clock
    db.createTable({
      TableName: 'orders',
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
      StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
    });
    const server = await listen(db, { port: 0 }); // 127.0.0.1 unless `host` says otherwise; port 0: a free one
    expect(server.endpoint).toBe(`http://127.0.0.1:${server.port}`);
    const config = {
      region: 'us-east-1',
      endpoint: server.endpoint,
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    };
    const client = new DynamoDBClient(config);
    const streams = new DynamoDBStreamsClient(config);
    await client.send(new PutItemCommand({ TableName: 'orders', Item: { id: { S: 'a' } } }));
    const { Streams } = await streams.send(new ListStreamsCommand({}));
    expect(Streams).toEqual([
      { StreamArn: db.table('orders').stream!.arn, TableName: 'orders', StreamLabel: expect.any(String) },
    ]);
    client.destroy();
    streams.destroy();
    await server.close(); // stops listening and ends idle connections; the database stays readable
    expect(db.getItem({ TableName: 'orders', Key: { id: { S: 'a' } } }).Item).toEqual({ id: { S: 'a' } });
    db.close();
  });

  it('createHttpListener(db) serves the protocol on a server of your own', async () => {
    const db = await Database.create({ clock: new ManualClock(T0), seed: 3 });
    const own = createServer(createHttpListener(db));
    await new Promise<void>((resolve) => own.listen(0, '127.0.0.1', resolve));
    const port = (own.address() as { port: number }).port;
    const server = { endpoint: `http://127.0.0.1:${port}` } as HttpServer;
    expect(await post(server, `${DDB}ListTables`, '{}')).toMatchObject({ status: 200, body: '{"TableNames":[]}' });
    await new Promise<void>((resolve) => own.close(() => resolve()));
  });
});
