/**
 * `shardline clock ...` and `shardline shards split|merge|rollover|trim ...`: their arguments, and what they print
 * and exit with against a database answered in process (the program itself, spawned: test/cli/time-travel.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { CLOCK_USAGE, parseClockArgs, runClock } from '../../src/cli/clock-command.js';
import { DEFAULT_ENDPOINT, type ControlCliIo } from '../../src/cli/control-cli.js';
import { UsageError } from '../../src/cli/command-line.js';
import { chooseCommand } from '../../src/cli/shardline-command.js';
import {
  SHARDS_CONTROL_USAGE,
  parseShardsControlArgs,
  runShardsControl,
} from '../../src/cli/shards-control-command.js';
import { Database, SystemClock } from '../../src/index.js';
import { dispatch } from '../../src/wire/dispatch.js';
import { makeDb } from '../support/database.js';
import { onlyShardId } from '../support/shards.js';
import { DEF_ID, KEY_ID } from '../support/tables.js';
import { HOUR, T0 } from '../support/time.js';

describe('parseClockArgs', () => {
  it.each([
    [['now'], 'GetClock', {}],
    [['advance', '25h'], 'AdvanceClock', { By: '25h' }],
    [['advance', '1d2h30m'], 'AdvanceClock', { By: '1d2h30m' }],
    [['advance', '1500'], 'AdvanceClock', { By: '1500' }],
    [['set', '2026-02-01T00:00:00Z'], 'SetClock', { Time: '2026-02-01T00:00:00Z' }],
  ])('%j: %s %j', (args, operation, input) => {
    expect(parseClockArgs(args)).toMatchObject({ operation, input, endpoint: DEFAULT_ENDPOINT, json: false });
  });

  it('reads --endpoint, --json and --help', () => {
    expect(parseClockArgs(['now', '--endpoint', 'http://127.0.0.1:9000', '--json'])).toMatchObject({
      endpoint: 'http://127.0.0.1:9000',
      json: true,
    });
    expect(parseClockArgs(['--help']).help).toBe(true);
    expect(parseClockArgs(['advance', '-h']).help).toBe(true);
    expect(CLOCK_USAGE).toContain('advance <duration>');
  });

  it.each([
    [[], 'say what to do with the clock: now, advance <duration> or set <time>'],
    [['stop'], "unknown clock command 'stop': the commands are now, advance and set"],
    [['now', 'please'], "Unexpected argument 'please': 'clock now' takes none"],
    [
      ['advance'],
      '\'clock advance\' needs a duration: "25h", "90m", "1d2h30m", "45s", "1500ms" or a number of milliseconds',
    ],
    [
      ['advance', 'soon'],
      '\'soon\' is not a duration: write one such as "25h", "90m", "1d2h30m", "45s", "1500ms" or a number of milliseconds (units d, h, m, s, ms, largest first)',
    ],
    [['advance', '1h', '2h'], "Unexpected argument '2h'"],
    [['set'], "'clock set' needs a time, ISO-8601 with a zone"],
    [
      ['set', '2026-02-01 00:00'],
      "'2026-02-01 00:00' is not an ISO-8601 time with a zone, such as 2026-01-02T00:00:00Z",
    ],
    [['now', '--endpoint', 'localhost:8000'], "--endpoint must be an http:// or https:// URL, got 'localhost:8000'"],
  ])('refuses %j: %s', (args, message) => {
    expect(() => parseClockArgs(args)).toThrow(new UsageError(message));
  });

  it("refuses an unknown option with node:util's message", () => {
    expect(() => parseClockArgs(['now', '--table', 'x'])).toThrow(/Unknown option '--table'/);
  });
});

describe('parseShardsControlArgs', () => {
  it.each([
    [['split', '--table', 'orders', '--shard', 'S1'], 'SplitShard', { TableName: 'orders', ShardId: 'S1' }],
    [
      ['split', '--stream-arn', 'ARN', '--shard', 'S1', '--at', '4611686018427387904'],
      'SplitShard',
      { StreamArn: 'ARN', ShardId: 'S1', At: '4611686018427387904' },
    ],
    [
      ['merge', '--table', 'orders', '--shard', 'S1', '--adjacent', 'S2'],
      'MergeShards',
      { TableName: 'orders', ShardId: 'S1', AdjacentShardId: 'S2' },
    ],
    [['rollover', '--table', 'orders', '--shard', 'S1'], 'RolloverShard', { TableName: 'orders', ShardId: 'S1' }],
    [['trim', '--stream-arn', 'ARN'], 'TrimStream', { StreamArn: 'ARN' }],
  ])('%j: %s %j', (args, operation, input) => {
    expect(parseShardsControlArgs(args)).toMatchObject({ operation, input, endpoint: DEFAULT_ENDPOINT });
  });

  it("--help on each command shows that command's usage", () => {
    for (const verb of ['split', 'merge', 'rollover', 'trim']) {
      const call = parseShardsControlArgs([verb, '--help']);
      expect(call.help).toBe(true);
      expect(call.usage).toContain(`Usage: shardline shards ${verb} [options]`);
    }
    expect(SHARDS_CONTROL_USAGE).toContain('Usage: shardline shards split|merge|rollover|trim [options]');
  });

  it('is what `shardline shards <verb>` runs; `shardline shards` alone is the picture', () => {
    expect(chooseCommand(['shards', 'split', '--table', 't'])).toEqual({
      kind: 'shards-control',
      args: ['split', '--table', 't'],
    });
    expect(chooseCommand(['shards', '--table', 't']).kind).toBe('shards-picture');
  });

  it.each([
    [['explode'], "unknown shards command 'explode': the commands are split, merge, rollover and trim"],
    [['split', '--shard', 'S1'], 'name the stream with --table <name> or --stream-arn <arn> (one of them)'],
    [
      ['split', '--table', 't', '--stream-arn', 'a', '--shard', 'S1'],
      'name the stream with --table <name> or --stream-arn <arn> (one of them)',
    ],
    [['split', '--table', '', '--shard', 'S1'], '--table must not be empty'],
    [['split', '--table', 't'], "'shards split' needs --shard <id> (DescribeStream lists the shard ids)"],
    [
      ['split', '--table', 't', '--shard', 'S1', '--at', 'middle'],
      "--at must be a hash key, a decimal number from 1 to 18446744073709551615, got 'middle'",
    ],
    [
      ['merge', '--table', 't', '--shard', 'S1'],
      "'shards merge' needs --adjacent <id>: the open shard next to --shard",
    ],
    [['rollover', '--table', 't', '--shard', 'S1', '--at', '5'], "--at does not go with 'shards rollover'"],
    [['trim', '--table', 't', '--shard', 'S1'], "--shard does not go with 'shards trim'"],
    [['trim', '--table', 't', 'now'], "Unexpected argument 'now'"],
  ])('refuses %j: %s', (args, message) => {
    expect(() => parseShardsControlArgs(args)).toThrow(new UsageError(message));
  });
});

/** Output and errors kept, and calls answered by `db` in process. */
function captured(db: Database): ControlCliIo & { stdout: string; stderr: string } {
  const io = {
    stdout: '',
    stderr: '',
    out: (text: string) => (io.stdout += text),
    err: (text: string) => (io.stderr += text),
    fetch: (_url: string, init: { headers: Record<string, string>; body: string }) => {
      const response = dispatch(db, init.headers['X-Amz-Target'], init.body);
      return Promise.resolve({ status: response.statusCode, text: () => Promise.resolve(response.body) });
    },
  };
  return io;
}

async function ordersDb() {
  const { db, clock } = await makeDb();
  db.createTable({
    TableName: 'orders',
    KeySchema: KEY_ID,
    AttributeDefinitions: DEF_ID,
    StreamSpecification: { StreamEnabled: true, StreamViewType: 'KEYS_ONLY' },
  });
  return { db, clock, shard: onlyShardId(db.table('orders').stream!) };
}

describe('the commands run: one line, or the JSON with --json; errors on stderr, exit 1; usage, exit 2', () => {
  it('shardline clock now|advance|set', async () => {
    const { db, clock } = await ordersDb();
    const io = captured(db);
    expect(await runClock(['now'], io)).toBe(0);
    expect(await runClock(['advance', '25h'], io)).toBe(0);
    expect(await runClock(['set', '2026-02-01T00:00:00Z', '--json'], io)).toBe(0);
    expect(clock.now()).toBe(Date.UTC(2026, 1, 1));
    expect(io.stdout).toBe(
      `${new Date(T0).toISOString()} (${T0} ms, manual clock)\n` +
        `${new Date(T0 + 25 * HOUR).toISOString()} (${T0 + 25 * HOUR} ms, manual clock)\n` +
        `${JSON.stringify({ Now: '2026-02-01T00:00:00.000Z', EpochMillis: Date.UTC(2026, 1, 1), Manual: true }, null, 2)}\n`,
    );
    expect(io.stderr).toBe('');
  });

  it('shardline shards split|merge|rollover|trim', async () => {
    const { db, shard } = await ordersDb();
    const io = captured(db);
    const run = (...args: string[]) => runShardsControl(args, io);
    expect(await run('split', '--table', 'orders', '--shard', shard)).toBe(0);
    const [low, high] = db.table('orders').stream!.listShards().slice(1);
    expect(await run('merge', '--table', 'orders', '--shard', low!.shardId, '--adjacent', high!.shardId)).toBe(0);
    const merged = db.table('orders').stream!.listShards().at(-1)!;
    expect(await run('rollover', '--table', 'orders', '--shard', merged.shardId)).toBe(0);
    const rolled = db.table('orders').stream!.listShards().at(-1)!;
    expect(await run('trim', '--table', 'orders')).toBe(0);
    const max = String((1n << 64n) - 1n);
    expect(io.stdout.split('\n')).toEqual([
      `split ${shard} into ${low!.shardId} [0..${String((1n << 63n) - 1n)}] and ${high!.shardId} [${String(1n << 63n)}..${max}]`,
      `merged into ${merged.shardId} [0..${max}]`,
      `rolled over into ${rolled.shardId} [0..${max}]`,
      'trimmed 0 records',
      '',
    ]);
  });

  it("an error of the server: its name and message on stderr, exit 1; the system clock's refusal", async () => {
    const { db, shard } = await ordersDb();
    const io = captured(db);
    expect(await runShardsControl(['split', '--table', 'orders', '--shard', 'shardId-x'], io)).toBe(1);
    expect(io.stderr).toBe(
      `shardline: ValidationException: SplitShard: ShardId shardId-x is no shard of stream ${db.table('orders').stream!.arn} (DescribeStream lists its shards)\n`,
    );
    const system = await Database.create({ clock: new SystemClock(), seed: 1 });
    const refused = captured(system);
    expect(await runClock(['advance', '1h'], refused)).toBe(1);
    expect(refused.stderr).toContain('AdvanceClock needs a manual clock');
    expect(refused.stderr).toContain('`shardline serve --clock manual`');
    expect(shard).toMatch(/^shardId-/);
  });

  it('a command line that cannot run: the message and the usage on stderr, exit 2; --help on stdout, exit 0', async () => {
    const { db } = await ordersDb();
    const io = captured(db);
    expect(await runShardsControl(['merge', '--table', 'orders', '--shard', 'S'], io)).toBe(2);
    expect(io.stderr).toMatch(/^shardline: 'shards merge' needs --adjacent <id>.*\n\nUsage: shardline shards merge /s);
    expect(await runClock(['--help'], io)).toBe(0);
    expect(io.stdout).toBe(CLOCK_USAGE);
  });

  it('a server nobody listens on: exit 1 and the reason', async () => {
    const { db } = await ordersDb();
    const io = captured(db);
    io.fetch = () => Promise.reject(new TypeError('fetch failed', { cause: new Error('connect ECONNREFUSED') }));
    expect(await runClock(['now', '--endpoint', 'http://127.0.0.1:9'], io)).toBe(1);
    expect(io.stderr).toBe('shardline: cannot reach shardline at http://127.0.0.1:9: connect ECONNREFUSED\n');
  });
});
