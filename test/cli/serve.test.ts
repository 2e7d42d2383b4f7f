/**
 * `shardline serve`: its arguments, and the program itself, spawned as a user runs it, stopped as Ctrl-C
 * stops it (a signal to its whole process group).
 */
import { request } from 'node:http';
import { CreateTableCommand, DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/cli/command-line.js';
import { DEFAULT_HOST, DEFAULT_PORT, SERVE_USAGE, parseServeArgs } from '../../src/cli/serve-options.js';
import { runServe, type Exit } from '../support/serve-process.js';

describe('parseServeArgs', () => {
  it("defaults: port 8000 (as DynamoDB Local), 127.0.0.1, the Database's region, a random seed", () => {
    expect(parseServeArgs([])).toEqual({
      port: DEFAULT_PORT,
      host: DEFAULT_HOST,
      region: undefined,
      seed: undefined,
      clock: 'system',
      start: undefined,
      help: false,
    });
    expect([DEFAULT_PORT, DEFAULT_HOST]).toEqual([8000, '127.0.0.1']);
  });

  it('reads every option, with or without the word serve', () => {
    const expected = { port: 0, host: '0.0.0.0', region: 'eu-west-1', seed: 42, clock: 'system', help: false };
    expect(parseServeArgs(['--port', '0', '--host', '0.0.0.0', '--region', 'eu-west-1', '--seed', '42'])).toEqual(
      expected,
    );
    expect(parseServeArgs(['serve', '--port=0', '--host=0.0.0.0', '--region=eu-west-1', '--seed=42'])).toEqual(
      expected,
    );
    expect(parseServeArgs(['-p', '65535']).port).toBe(65_535);
    expect(parseServeArgs(['--seed', '4294967295']).seed).toBe(4_294_967_295);
    expect(parseServeArgs(['serve', '--help']).help).toBe(true);
    expect(parseServeArgs(['-h']).help).toBe(true);
  });

  it('reads --clock manual and its --start (docs/time-travel.md); without --start the server starts it at the system time', () => {
    expect(parseServeArgs(['--clock', 'manual'])).toMatchObject({ clock: 'manual', start: undefined });
    expect(parseServeArgs(['--clock=manual', '--start', '2026-03-01T00:00:00Z'])).toMatchObject({
      clock: 'manual',
      start: Date.UTC(2026, 2, 1),
    });
    expect(parseServeArgs(['--clock', 'manual', '--start', '2026-03-01T01:00:00.250+01:00']).start).toBe(
      Date.UTC(2026, 2, 1, 0, 0, 0, 250),
    );
    expect(parseServeArgs(['--clock', 'system']).clock).toBe('system');
    expect(SERVE_USAGE).toContain('--clock <c>');
    expect(SERVE_USAGE).toContain('the system time when the server starts');
  });

  it("reads the server's limits (docs/limits.md); each one left out keeps listen's default", () => {
    const limits = [
      '--max-request-bytes',
      '1048576',
      '--max-buffered-bytes=8388608',
      '--idle-timeout-ms',
      '5000',
      '--request-timeout-ms',
      '0',
    ];
    expect(parseServeArgs(limits)).toMatchObject({
      maxRequestBytes: 1_048_576,
      maxBufferedBytes: 8_388_608,
      idleTimeoutMs: 5_000,
      requestTimeoutMs: 0,
    });
    expect(parseServeArgs([])).toMatchObject({
      maxRequestBytes: undefined,
      maxBufferedBytes: undefined,
      idleTimeoutMs: undefined,
      requestTimeoutMs: undefined,
    });
    expect(SERVE_USAGE).toContain('--max-buffered-bytes <n>');
  });

  it.each([
    [['--port', '65536'], "--port must be an integer from 0 to 65535, got '65536'"],
    [['--port=-1'], "--port must be an integer from 0 to 65535, got '-1'"],
    [['--port', '80.5'], "--port must be an integer from 0 to 65535, got '80.5'"],
    [['--port', 'http'], "--port must be an integer from 0 to 65535, got 'http'"],
    [['--seed', '4294967296'], "--seed must be an integer from 0 to 4294967295, got '4294967296'"],
    [['--region', ' '], '--region must not be empty'],
    [['--host', ''], '--host must not be empty'],
    [['--max-request-bytes', '0'], "--max-request-bytes must be an integer of at least 1, got '0'"],
    [['--max-buffered-bytes', '1e6'], "--max-buffered-bytes must be an integer of at least 1, got '1e6'"],
    [['--idle-timeout-ms=-5'], "--idle-timeout-ms must be an integer of at least 0, got '-5'"],
    [
      ['--request-timeout-ms', '9007199254740993'],
      "--request-timeout-ms must be an integer of at least 0, got '9007199254740993'",
    ],
    [
      ['--max-request-bytes', '2000', '--max-buffered-bytes', '1000'],
      "--max-buffered-bytes must be at least --max-request-bytes (2000), got '1000'",
    ],
    [['start'], "Unexpected argument 'start': the only command is 'serve'"],
    [['--clock', 'fake'], "--clock must be 'system' or 'manual', got 'fake'"],
    [['--start', '2026-03-01T00:00:00Z'], '--start sets a manual clock: add --clock manual'],
    [['--clock', 'system', '--start', '2026-03-01T00:00:00Z'], '--start sets a manual clock: add --clock manual'],
    [
      ['--clock', 'manual', '--start', 'tomorrow'],
      "--start must be an ISO-8601 time with a zone, such as 2026-01-01T00:00:00Z, got 'tomorrow'",
    ],
    [
      ['--clock', 'manual', '--start', '2026-03-01T00:00:00'],
      "--start must be an ISO-8601 time with a zone, such as 2026-01-01T00:00:00Z, got '2026-03-01T00:00:00'",
    ],
    [['serve', 'now'], "Unexpected argument 'now': the only command is 'serve'"],
  ])('refuses %j: %s', (args, message) => {
    expect(() => parseServeArgs(args)).toThrow(new UsageError(message));
  });

  it("refuses an unknown option or a missing value, with node:util's message", () => {
    expect(() => parseServeArgs(['--verbose'])).toThrow(UsageError);
    expect(() => parseServeArgs(['--verbose'])).toThrow(/Unknown option '--verbose'/);
    expect(() => parseServeArgs(['--port'])).toThrow(/--port/);
  });
});

describe('shardline serve, the program', () => {
  it.each(['SIGINT', 'SIGTERM'] as const)(
    'prints its endpoint first, serves the SDK, and exits 0 on %s',
    async (signal) => {
      let listed: string[] | undefined;
      let failure: unknown;
      const exit = await runServe(['--port', '0', '--seed', '7', '--region', 'eu-west-1'], (endpoint, group) => {
        const client = new DynamoDBClient({
          region: 'eu-west-1',
          endpoint,
          credentials: { accessKeyId: 'a', secretAccessKey: 'b' },
          maxAttempts: 1,
        });
        client
          .send(
            new CreateTableCommand({
              TableName: 'orders',
              KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
              AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
              BillingMode: 'PAY_PER_REQUEST',
              StreamSpecification: { StreamEnabled: true, StreamViewType: 'KEYS_ONLY' },
            }),
          )
          .then((created) => {
            // The system clock, and the region asked for: the ARN carries both.
            expect(created.TableDescription!.LatestStreamArn).toMatch(
              /^arn:aws:dynamodb:eu-west-1:000000000000:table\/orders\/stream\/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}$/,
            );
            return client.send(new ListTablesCommand({}));
          })
          .then((output) => (listed = output.TableNames))
          .catch((error: unknown) => (failure = error))
          .finally(() => {
            client.destroy();
            process.kill(-group, signal); // as Ctrl-C does: the whole group
          });
      });
      expect(failure).toBeUndefined();
      expect(listed).toEqual(['orders']);
      expect(exit.stdout).toMatch(/^http:\/\/127\.0\.0\.1:\d+\n$/);
      expect(exit.stderr).toContain('(region eu-west-1, seed 7)');
      expect({ code: exit.code, signal: exit.signal }).toEqual({ code: 0, signal: null });
    },
  );

  it('passes its limits to the server: --max-request-bytes 64 answers a 100-byte body 413', async () => {
    const statuses: number[] = [];
    const exit = await runServe(
      ['--port', '0', '--max-request-bytes', '64', '--idle-timeout-ms', '5000'],
      (endpoint, group) => {
        const send = (body: string) =>
          new Promise<number>((resolve, reject) => {
            const headers = {
              'Content-Type': 'application/x-amz-json-1.0',
              'X-Amz-Target': 'DynamoDB_20120810.ListTables',
            };
            const outgoing = request(endpoint, { method: 'POST', headers, agent: false }, (response) => {
              response.resume();
              response.on('end', () => resolve(response.statusCode!));
            });
            outgoing.on('error', reject);
            outgoing.end(body);
          });
        send(JSON.stringify({ Limit: 1, Pad: 'x'.repeat(80) }))
          .then((status) => statuses.push(status))
          .then(() => send('{}'))
          .then((status) => statuses.push(status))
          .finally(() => process.kill(-group, 'SIGINT'));
      },
    );
    expect(statuses).toEqual([413, 200]);
    expect(exit.code).toBe(0);
  });

  it('--help prints the usage and exits 0; a bad argument prints why and exits 2', async () => {
    const [help, bad] = await Promise.all([runServe(['--help']), runServe(['--port', 'eighty'])]);
    expect(help).toEqual({ code: 0, signal: null, stdout: SERVE_USAGE, stderr: '' });
    expect(bad).toMatchObject({ code: 2, stdout: '' });
    expect(bad.stderr).toBe(`shardline: --port must be an integer from 0 to 65535, got 'eighty'\n\n${SERVE_USAGE}`);
  });

  it('a port in use: says so and exits 1', async () => {
    let second: Exit | undefined;
    let port = '';
    const first = await runServe(['--port', '0'], (endpoint, group) => {
      port = new URL(endpoint).port;
      void runServe(['--port', port])
        .then((exit) => (second = exit))
        .finally(() => process.kill(-group, 'SIGINT'));
    });
    expect(first.code).toBe(0);
    expect(second).toMatchObject({ code: 1, stdout: '' });
    expect(second!.stderr).toMatch(new RegExp(`^shardline: cannot listen on 127\\.0\\.0\\.1:${port}: .*EADDRINUSE`));
  });
});
