/**
 * What `listen(db)` holds for a client, and for how long (docs/limits.md, issue 9 items 9, 11 and 12): the
 * bytes of bodies held across connections, a stalled body, a request that takes too long, bytes that are not
 * UTF-8, and JSON nested too deep to parse. Raw sockets, so that a test sends exactly the bytes it means to, and
 * stops sending when it means to.
 *
 * The timeouts are the server's real time (a stalled client is stalled in real time): a test sets one of a few
 * milliseconds and waits for the server's answer, never for a fixed time.
 */
import { readFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { Database, ManualClock } from '../../src/index.js';
import { listen, type HttpServer, type ListenOptions } from '../../src/public/wire.js';
import { T0 } from '../support/time.js';

const AMZ_JSON = 'application/x-amz-json-1.0';
const DDB = 'DynamoDB_20120810.';

const running: { db: Database; server: HttpServer; sockets: Socket[] }[] = [];

afterEach(async () => {
  for (const { db, server, sockets } of running.splice(0)) {
    for (const socket of sockets) socket.destroy();
    await server.close();
    db.close();
  }
});

async function serve(
  options: ListenOptions = {},
): Promise<{ db: Database; server: HttpServer; open: () => Promise<Connection> }> {
  const db = await Database.create({ clock: new ManualClock(T0), seed: 42 });
  db.createTable({
    TableName: 'items',
    KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
    AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
  });
  const server = await listen(db, { port: 0, ...options });
  const sockets: Socket[] = [];
  running.push({ db, server, sockets });
  const open = () =>
    new Promise<Connection>((resolve, reject) => {
      const socket = connect(server.port, '127.0.0.1', () => resolve(new Connection(socket)));
      socket.on('error', reject);
      sockets.push(socket);
    });
  return { db, server, open };
}

/** A client connection: what it sends, what it is answered, and when the server closes it. */
class Connection {
  #received = '';
  /** Where the next answer starts in what was received. */
  #next = 0;
  #waiter: (() => void) | undefined;
  readonly closed: Promise<void>;

  constructor(readonly socket: Socket) {
    socket.on('data', (chunk: Buffer) => {
      this.#received += chunk.toString('latin1');
      this.#waiter?.();
    });
    this.closed = new Promise((resolve) => socket.on('close', () => resolve()));
  }

  /** Everything received so far. */
  get text(): string {
    return this.#received;
  }

  /** A POST's head, announcing `length` bytes of body, and `body` (all of it, or the start of it). */
  post(target: string, length: number, body: Buffer | string = ''): void {
    this.socket.write(
      `POST / HTTP/1.1\r\nHost: x\r\nContent-Type: ${AMZ_JSON}\r\nX-Amz-Target: ${DDB}${target}\r\nContent-Length: ${length}\r\n\r\n`,
    );
    if (body.length > 0) this.socket.write(body);
  }

  /** The next whole answer (head and body) on this connection, once it is in. */
  async answer(): Promise<string> {
    for (;;) {
      const end = this.#complete();
      if (end !== undefined) {
        const answer = this.#received.slice(this.#next, end);
        this.#next = end;
        return answer;
      }
      await new Promise<void>((resolve) => (this.#waiter = resolve));
    }
  }

  /** Where the answer starting at #next ends, if it is all in. */
  #complete(): number | undefined {
    const text = this.#received;
    const headEnd = text.indexOf('\r\n\r\n', this.#next);
    if (headEnd < 0) return undefined;
    const head = text.slice(this.#next, headEnd);
    const length = /\r\ncontent-length: (\d+)/i.exec(head);
    if (length !== null)
      return text.length >= headEnd + 4 + Number(length[1]) ? headEnd + 4 + Number(length[1]) : undefined;
    if (!/\r\ntransfer-encoding: chunked/i.test(head)) return headEnd + 4;
    const last = text.indexOf('0\r\n\r\n', headEnd + 4);
    return last < 0 ? undefined : last + 5;
  }
}

/** Waits, turn by turn of the event loop (no timer), until `condition` holds. */
async function until(condition: () => boolean): Promise<void> {
  for (let turn = 0; !condition(); turn++) {
    if (turn > 10_000_000) throw new Error('the condition never held');
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}

function statusOf(answer: string): number {
  return Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1]);
}

function bodyOf(answer: string): unknown {
  const text = answer.slice(answer.indexOf('\r\n\r\n') + 4);
  return text === '' ? '' : JSON.parse(text);
}

const padded = (bytes: number): Buffer => {
  const head = '{"Limit":1,"Pad":"';
  return Buffer.from(`${head}${'a'.repeat(bytes - head.length - 2)}"}`);
};

describe('bytes held across connections', () => {
  it('never pass maxBufferedBytes: the body past it is answered 503, and closing idle connections gives every byte back (regression: 40 idle connections held 667 MiB)', async () => {
    const { server, open } = await serve({ maxRequestBytes: 10_000, maxBufferedBytes: 25_000, idleTimeoutMs: 0 });
    // Two connections send 9,000 of their 10,000 bytes and go quiet.
    const idle = [await open(), await open()];
    idle[0]!.post('ListTables', 10_000, padded(10_000).subarray(0, 9_000));
    await until(() => server.bufferedBytes === 9_000);
    idle[1]!.post('ListTables', 10_000, padded(10_000).subarray(0, 9_000));
    await until(() => server.bufferedBytes === 18_000);

    // A third body does not fit beside them: dropped as it arrives, answered 503, which the SDKs retry.
    const third = await open();
    third.post('ListTables', 10_000, padded(10_000));
    const busy = await third.answer();
    expect(statusOf(busy)).toBe(503);
    expect(bodyOf(busy)).toEqual({
      __type: 'com.amazonaws.dynamodb.v20120810#ServiceUnavailable',
      message: 'The request has failed due to a temporary failure of the server.',
    });
    expect(server.bufferedBytes).toBe(18_000);

    // A small request still fits, and is served.
    const small = await open();
    small.post('ListTables', 2, '{}');
    expect(bodyOf(await small.answer())).toEqual({ TableNames: ['items'] });

    // The idle clients leave: their bytes are given back.
    for (const connection of idle) connection.socket.destroy();
    await until(() => server.bufferedBytes === 0);
    const after = await open();
    after.post('ListTables', 10_000, padded(10_000));
    expect(statusOf(await after.answer())).toBe(200);
    expect(server.bufferedBytes).toBe(0);
  });
});

describe('timeouts', () => {
  it("a body that stalls for idleTimeoutMs is answered 500 and its connection closed, and its bytes are given back (regression: held until node's 300 s)", async () => {
    const { server, open } = await serve({ idleTimeoutMs: 50 });
    const stalled = await open();
    stalled.post('ListTables', 1_000, '{"Lim');
    await stalled.closed;
    const answer = stalled.text;
    expect(statusOf(answer)).toBe(500);
    expect(answer).toMatch(/\r\nConnection: close\r\n/i);
    expect(bodyOf(answer)).toEqual({
      __type: 'com.amazonaws.dynamodb.v20120810#InternalFailure',
      message: 'The request processing has failed because of an unknown error, exception or failure.',
    });
    expect(server.bufferedBytes).toBe(0);
  });

  it('a body already refused that then stalls gets its refusal, and its connection closed', async () => {
    const { open } = await serve({ maxRequestBytes: 100, idleTimeoutMs: 50 });
    const stalled = await open();
    stalled.post('ListTables', 1_000, 'x'.repeat(500));
    await stalled.closed;
    expect(statusOf(stalled.text)).toBe(413);
  });

  it("an answered connection that goes quiet stays open for the next request (the idle timeout is the body's)", async () => {
    const { open } = await serve({ idleTimeoutMs: 50 });
    const connection = await open();
    connection.post('ListTables', 2, '{}');
    expect(statusOf(await connection.answer())).toBe(200);
    // node:http's keep-alive timeout (5 s) is what ends an idle connection after an answer.
    connection.post('ListTables', 2, '{}');
    expect(statusOf(await connection.answer())).toBe(200);
  });

  it('requestTimeoutMs: a request still arriving after it is answered 408 by node:http', async () => {
    const { open } = await serve({ idleTimeoutMs: 0, requestTimeoutMs: 100 });
    const slow = await open();
    slow.post('ListTables', 1_000, '{"Lim');
    await slow.closed;
    expect(statusOf(slow.text)).toBe(408);
  });

  it('limits that cannot work are refused when the server starts', async () => {
    const db = await Database.create({ clock: new ManualClock(T0) });
    await expect(listen(db, { port: 0, maxRequestBytes: 0 })).rejects.toThrow(
      new RangeError('maxRequestBytes must be an integer of at least 1, got 0'),
    );
    await expect(listen(db, { port: 0, idleTimeoutMs: -1 })).rejects.toThrow(
      new RangeError('idleTimeoutMs must be an integer of at least 0, got -1'),
    );
    await expect(listen(db, { port: 0, requestTimeoutMs: 1.5 })).rejects.toThrow(
      new RangeError('requestTimeoutMs must be an integer of at least 0, got 1.5'),
    );
    await expect(listen(db, { port: 0, maxRequestBytes: 2_000, maxBufferedBytes: 1_000 })).rejects.toThrow(
      /maxBufferedBytes \(1000\) must be at least maxRequestBytes \(2000\)/,
    );
    // Left out, maxBufferedBytes grows with a larger maxRequestBytes.
    const server = await listen(db, { port: 0, maxRequestBytes: 100 * 1024 * 1024 });
    await server.close();
    db.close();
  });
});

describe('bodies the server does not parse', () => {
  const put = (value: Buffer): Buffer =>
    Buffer.concat([Buffer.from('{"TableName":"items","Item":{"id":{"S":"u"},"s":{"S":"'), value, Buffer.from('"}}}')]);

  it.each([
    ['an invalid byte', [0xff]],
    ['a sequence cut short', [0x61, 0xc3]],
    ['an encoded surrogate', [0xed, 0xa0, 0x80]],
    ['an overlong encoding', [0xc0, 0xaf]],
  ])(
    'bytes that are not UTF-8 (%s): 400 SerializationException, nothing stored (regression: stored with U+FFFD)',
    async (_case, bytes) => {
      const { db, open } = await serve();
      const body = put(Buffer.from(bytes));
      const connection = await open();
      connection.post('PutItem', body.length, body);
      const answer = await connection.answer();
      expect(statusOf(answer)).toBe(400);
      expect(bodyOf(answer)).toEqual({ __type: 'com.amazon.coral.service#SerializationException' });
      expect(db.table('items').itemCount).toBe(0);
    },
  );

  it('checked before the target, as a body that is not JSON is', async () => {
    const { open } = await serve();
    const connection = await open();
    connection.post('NoSuchOperation', 3, Buffer.from([0x7b, 0xff, 0x7d]));
    expect(bodyOf(await connection.answer())).toEqual({ __type: 'com.amazon.coral.service#SerializationException' });
  });

  it('UTF-8 of every width is stored byte for byte, and a JSON-escaped lone surrogate as sent', async () => {
    const { db, open } = await serve();
    const text = 'aé中😀';
    const body = Buffer.from(
      JSON.stringify({ TableName: 'items', Item: { id: { S: 'u' }, s: { S: text }, lone: { S: '\ud800' } } }),
    );
    const connection = await open();
    connection.post('PutItem', body.length, body);
    expect(statusOf(await connection.answer())).toBe(200);
    expect(db.table('items').getItem({ Key: { id: { S: 'u' } } }).Item).toEqual({
      id: { S: 'u' },
      s: { S: text },
      lone: { S: '\ud800' },
    });
  });

  it("an item 33 levels deep gets DynamoDB's nesting error; JSON nested past 1,000 levels is refused unparsed (regression: 500 at 2,000 levels)", async () => {
    const { db, open } = await serve();
    const item = (levels: number) =>
      `{"TableName":"items","Item":{"id":{"S":"d"},"v":${'{"M":{"a":'.repeat(levels)}{"S":"x"}${'}}'.repeat(levels)}}}`;
    const answers: unknown[] = [];
    for (const body of [
      item(32),
      item(2_000),
      item(100_000),
      `{"TableName":"items","Junk":${'['.repeat(2_000_000)}${']'.repeat(2_000_000)}}`,
    ]) {
      const connection = await open();
      connection.post('PutItem', Buffer.byteLength(body), body);
      const answer = await connection.answer();
      answers.push([statusOf(answer), bodyOf(answer)]);
    }
    const tooDeep = [
      400,
      {
        __type: 'com.amazon.coral.service#SerializationException',
        message: 'The request body nests deeper than 1000 levels',
      },
    ];
    expect(answers).toEqual([
      [
        400,
        {
          __type: 'com.amazon.coral.validate#ValidationException',
          message:
            'Nesting Levels have exceeded supported limits: Attributes in the item have nested levels beyond supported limit',
        },
      ],
      tooDeep,
      tooDeep,
      tooDeep,
    ]);
    expect(db.table('items').itemCount).toBe(0);
  });
});

describe('docs/limits.md', () => {
  it("states every limit's default and every answer's text as the server has them", async () => {
    const { DEFAULT_HTTP_LIMITS } = await import('../../src/wire/http-limits.js');
    const { DEFAULT_REQUEST_TIMEOUT_MS } = await import('../../src/wire/http-server.js');
    const { MAX_JSON_DEPTH } = await import('../../src/wire/json-depth.js');
    const doc = readFileSync(new URL('../../docs/limits.md', import.meta.url), 'utf8');
    expect(DEFAULT_HTTP_LIMITS).toEqual({
      maxRequestBytes: 16_777_216,
      maxBufferedBytes: 64 * 1024 * 1024,
      idleTimeoutMs: 30_000,
    });
    expect(DEFAULT_REQUEST_TIMEOUT_MS).toBe(60_000);
    expect(MAX_JSON_DEPTH).toBe(1_000);
    for (const text of [
      '| 16 MiB (16,777,216 bytes',
      '| 64 MiB, or `maxRequestBytes` if larger',
      '| 30 s (0: none) |',
      '| 60 s (0: none) |',
      'JSON nested deeper than 1,000 levels',
      'The request has failed due to a temporary failure of the server.',
      'The request processing has failed because of an unknown error, exception or failure.',
      'The request body nests deeper than 1000 levels',
      'Nesting Levels have exceeded supported limits: Attributes in the item have nested levels beyond supported limit',
      'Attribute name is too large, must be less than 65536 bytes',
      'Names of key attributes and attributes projected into an index must be between 1 and 255 characters, inclusive',
      'Item size has exceeded the maximum allowed size',
      'Item size to update has exceeded the maximum allowed size',
    ]) {
      expect(doc).toContain(text);
    }
  });
});
