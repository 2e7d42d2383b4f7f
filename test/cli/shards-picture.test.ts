/**
 * `shardline shards --endpoint URL (--table NAME | --stream-arn ARN) [--svg FILE] [--text]` against an in-process
 * `listen(db)` server: through shardline's DescribeShardHistory, and through the AWS API (DescribeTable,
 * DescribeStream, GetRecords) when forced with --aws-api or when the endpoint does not know the operation.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHARDS_PICTURE_USAGE, runShardsPicture } from '../../src/cli/shards-picture-command.js';
import {
  Database,
  ManualClock,
  historyFromDescribeStream,
  renderHistoryText,
  type DescribedShard,
  type Stream,
} from '../../src/index.js';
import { listen } from '../../src/wire/listen.js';
import type { HttpServer } from '../../src/wire/http-server.js';
import { HOUR, T0 } from '../support/time.js';

let db: Database;
let stream: Stream;
let server: HttpServer;
let dir: string;

beforeAll(async () => {
  db = await Database.create({ clock: new ManualClock(T0), seed: 21 });
  const table = db.createTable({
    TableName: 'orders',
    KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
    AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
    StreamSpecification: { StreamEnabled: true, StreamViewType: 'KEYS_ONLY' },
  });
  stream = table.stream!;
  for (let i = 0; i < 5; i++) table.put({ id: `a${i}` });
  (db.clock as ManualClock).advance(HOUR);
  stream.splitShard(stream.listShards()[0]!.shardId);
  for (let i = 0; i < 7; i++) table.put({ id: `b${i}` });
  (db.clock as ManualClock).advance(HOUR);
  server = await listen(db, { port: 0 });
  dir = mkdtempSync(join(tmpdir(), 'shardline-shards-'));
});

afterAll(async () => {
  await server.close();
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

async function shards(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runShardsPicture(args, {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
  });
  return { code, stdout, stderr };
}

/** The history the AWS API gives of the stream, at `now`, with every shard's records counted. */
function awsApiHistory(now: number) {
  const shards: DescribedShard[] = stream.describeStream().StreamDescription.Shards;
  const recordCounts = new Map(stream.listShards().map((shard) => [shard.shardId, shard.retainedRecords]));
  return historyFromDescribeStream({
    description: { ...stream.describeStream().StreamDescription, Shards: shards },
    now,
    recordCounts,
  });
}

describe('shardline shards, against a shardline server', () => {
  it('prints the text picture of DescribeShardHistory, the same as stream.toText()', async () => {
    expect(await shards('--endpoint', server.endpoint, '--table', 'orders')).toEqual({
      code: 0,
      stdout: stream.toText(),
      stderr: '',
    });
    const byArn = await shards('--endpoint', server.endpoint, '--stream-arn', stream.arn, '--width', '60');
    expect(byArn.stdout).toBe(stream.toText({ width: 60 }));
  });

  it('--svg FILE writes the SVG and prints its path; --text prints the text as well', async () => {
    const file = join(dir, 'orders.svg');
    expect(await shards('--endpoint', server.endpoint, '--table', 'orders', '--svg', file)).toEqual({
      code: 0,
      stdout: `${file}\n`,
      stderr: '',
    });
    expect(readFileSync(file, 'utf8')).toBe(stream.toSvg());
    const both = await shards('--endpoint', server.endpoint, '--table', 'orders', '--svg', file, '--text');
    expect(both.stdout).toBe(`${file}\n${stream.toText()}`);
  });

  it('says which file it could not write (exit 1)', async () => {
    const file = join(dir, 'no-such-folder', 'orders.svg');
    const { code, stdout, stderr } = await shards('--endpoint', server.endpoint, '--table', 'orders', '--svg', file);
    expect({ code, stdout }).toEqual({ code: 1, stdout: '' });
    expect(stderr).toContain(`shardline shards: cannot write ${file}: ENOENT`);
  });

  it("reports shardline's own error (exit 1) rather than falling back", async () => {
    const { code, stdout, stderr } = await shards('--endpoint', server.endpoint, '--table', 'absent');
    expect({ code, stdout }).toEqual({ code: 1, stdout: '' });
    expect(stderr).toBe(
      'shardline shards: ValidationException: DescribeShardHistory: no table absent (ListTables lists the tables)\n',
    );
  });
});

describe('shardline shards, through the AWS API', () => {
  it('--aws-api draws from DescribeTable, DescribeStream and GetRecords, by lineage, and says so', async () => {
    const now = T0 + 2 * HOUR;
    const { code, stdout } = await shards(
      '--endpoint',
      server.endpoint,
      '--table',
      'orders',
      '--aws-api',
      '--count-records',
      '--now',
      new Date(now).toISOString(),
    );
    expect(code).toBe(0);
    expect(stdout).toBe(renderHistoryText(awsApiHistory(now)));
    expect(stdout).toContain('hash ranges unknown (the AWS API does not give them)');
    for (const shard of stream.listShards()) expect(stdout).toContain(shard.shardId);
  });

  it('falls back by itself on an endpoint that does not know DescribeShardHistory', async () => {
    const proxy = await notShardline(server.endpoint);
    try {
      const now = T0 + 2 * HOUR;
      const { code, stdout, stderr } = await shards(
        '--endpoint',
        proxy.endpoint,
        '--stream-arn',
        stream.arn,
        '--count-records',
        '--now',
        String(now),
      );
      expect(code).toBe(0);
      expect(stderr).toContain(
        'not a shardline server (HTTP 400, UnknownOperationException): drawing from the AWS API',
      );
      expect(stdout).toBe(renderHistoryText(awsApiHistory(now)));
    } finally {
      await new Promise((resolve) => proxy.server.close(resolve));
    }
  });

  it('says which endpoint it could not reach (exit 1)', async () => {
    const closed = await listen(db, { port: 0 });
    await closed.close();
    const { code, stderr } = await shards('--endpoint', closed.endpoint, '--table', 'orders');
    expect(code).toBe(1);
    expect(stderr).toContain(closed.endpoint);
    expect(stderr).toContain('ECONNREFUSED');
  });
});

describe('the command line', () => {
  it('--help prints the usage', async () => {
    expect(await shards('--help')).toEqual({ code: 0, stdout: SHARDS_PICTURE_USAGE, stderr: '' });
  });

  it.each([
    [[], 'name one stream: --table NAME or --stream-arn ARN'],
    [['--table', 'a', '--stream-arn', 'b'], 'name one stream'],
    [['--table', ''], 'must not be empty'],
    [['--table', 'a', '--endpoint', 'ftp://x'], '--endpoint must be an http or https URL'],
    [['--table', 'a', '--width', '10'], '--width must be an integer from 40 to 1000'],
    [['--table', 'a', '--now', 'yesterday'], '--now must be ISO-8601 or epoch ms'],
    [['--table', 'a', '--svg', ''], '--svg needs a file name'],
    [['--table', 'a', 'extra'], "Unexpected argument 'extra'"],
    [['--tabel', 'a'], "Unknown option '--tabel'"],
  ])('refuses %j (exit 2, with the usage)', async (args, message) => {
    const { code, stdout, stderr } = await shards(...args);
    expect({ code, stdout }).toEqual({ code: 2, stdout: '' });
    expect(stderr).toContain(message);
    expect(stderr).toContain(SHARDS_PICTURE_USAGE);
  });
});

describe('historyFromDescribeStream', () => {
  const id = (ms: number, hex: string) => `shardId-${String(ms).padStart(20, '0')}-${hex}`;

  it('reads creation from ids, close from children, how a shard ended from how many children it has', () => {
    const root = id(T0, 'aaaaaaaa');
    const low = id(T0 + HOUR, 'bbbbbbbb');
    const high = id(T0 + HOUR, 'cccccccc');
    const next = id(T0 + 2 * HOUR, 'dddddddd');
    const range = (end?: string) => ({
      StartingSequenceNumber: '1',
      ...(end === undefined ? {} : { EndingSequenceNumber: end }),
    });
    const history = historyFromDescribeStream({
      description: {
        StreamArn: 'arn',
        TableName: 't',
        StreamStatus: 'DISABLED',
        Shards: [
          { ShardId: next, ParentShardId: low, SequenceNumberRange: range('9') },
          { ShardId: root, SequenceNumberRange: range('2') },
          { ShardId: low, ParentShardId: root, SequenceNumberRange: range('3') },
          { ShardId: high, ParentShardId: root, SequenceNumberRange: range('4') },
          { ShardId: 'odd-id', ParentShardId: 'shardId-gone', SequenceNumberRange: range() },
        ],
      },
      now: T0 + 3 * HOUR,
      recordCounts: new Map([[low, 4]]),
    });
    expect(history).toMatchObject({
      layout: 'lineage',
      retentionMs: 24 * HOUR,
      trimHorizon: T0 + 3 * HOUR - 24 * HOUR,
    });
    expect(history.shards.map((shard) => [shard.shardId, shard.origin, shard.closedAt, shard.endedBy])).toEqual([
      [root, 'stream-created', T0 + HOUR, 'split'],
      [low, 'split', T0 + 2 * HOUR, 'rollover'],
      [high, 'split', undefined, 'stream-disabled'],
      [next, 'rollover', undefined, 'stream-disabled'],
      // An id without a time is placed at now; a parent the listing lacks leaves the origin unknown.
      ['odd-id', undefined, undefined, undefined],
    ]);
    expect(history.shards[1]!.retainedRecords).toBe(4);
    expect(history.shards[0]!.retainedRecords).toBeUndefined();
    expect(history.shards[4]).toMatchObject({ state: 'OPEN', createdAt: T0 + 3 * HOUR });
  });
});

/** A server that is not shardline: it does not know shardline's operations, and forwards the rest to `target`. */
async function notShardline(target: string): Promise<{ server: Server; endpoint: string }> {
  const proxy = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const operation = String(request.headers['x-amz-target'] ?? '');
      if (operation.startsWith('Shardline_')) {
        response.writeHead(400, { 'content-type': 'application/x-amz-json-1.0', 'x-amzn-requestid': 'LOCAL1' });
        response.end(JSON.stringify({ __type: 'com.amazonaws.dynamodb.v20120810#UnknownOperationException' }));
        return;
      }
      void fetch(target, {
        method: 'POST',
        headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': operation },
        body: Buffer.concat(chunks),
      }).then(async (answer) => {
        response.writeHead(answer.status, { 'content-type': 'application/x-amz-json-1.0' });
        response.end(await answer.text());
      });
    });
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  const { port } = proxy.address() as { port: number };
  return { server: proxy, endpoint: `http://127.0.0.1:${port}` };
}
