/**
 * The control interface (docs/time-travel.md) through the wire: each operation's answer, each refusal with its
 * words, the manual-clock guard, and that a refused call changes nothing. `dispatch` and `runParsed` (the
 * in-process plugin's path) answer alike.
 */
import { describe, expect, it } from 'vitest';
import { Database, SystemClock, ValidationException } from '../../../src/index.js';
import { dispatch, runParsed } from '../../../src/wire/dispatch.js';
import { CONTROL_OPERATIONS } from '../../../src/wire/control/control-registry.js';
import { createAwsHandler, shardlineControl, type ControlFetch } from '../../../src/public/wire.js';
import { makeDb } from '../../support/database.js';
import { openShardIds, onlyShardId } from '../../support/shards.js';
import { DEF_ID, KEY_ID } from '../../support/tables.js';
import { HOUR, T0 } from '../../support/time.js';

const PREFIX = 'Shardline_20261208.';
const MIDDLE = String(1n << 63n);
const MAX = String((1n << 64n) - 1n);

function control(db: Database, name: string, input: unknown = {}) {
  const response = dispatch(db, `${PREFIX}${name}`, JSON.stringify(input));
  return { status: response.statusCode, body: JSON.parse(response.body) as Record<string, unknown> };
}

async function withOrders() {
  const fixture = await makeDb();
  const table = fixture.db.createTable({
    TableName: 'orders',
    KeySchema: KEY_ID,
    AttributeDefinitions: DEF_ID,
    StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_IMAGE' },
  });
  fixture.db.createTable({ TableName: 'plain', KeySchema: KEY_ID, AttributeDefinitions: DEF_ID });
  const stream = table.stream!;
  return { ...fixture, stream, shard: onlyShardId(stream) };
}

const iso = (ms: number) => new Date(ms).toISOString();

/** The typed client, answered by `db` in process through the AWS SDK's request handler (createAwsHandler). */
function sdkHandlerClient(db: Database) {
  const handler = createAwsHandler(db);
  const send: ControlFetch = async (url, init) => {
    const headers = Object.fromEntries(
      Object.entries(init.headers).map(([name, value]) => [name.toLowerCase(), value]),
    );
    const request = {
      method: 'POST',
      protocol: 'http:',
      hostname: 'shardline.test',
      path: '/',
      query: {},
      headers,
      body: init.body,
    };
    const { response } = await handler.handle(request as never);
    return {
      status: response.statusCode,
      text: () => Promise.resolve(new TextDecoder().decode(response.body as Uint8Array)),
    };
  };
  return shardlineControl('http://shardline.test', { fetch: send });
}

describe('the control operations', () => {
  it('are the contract names, each in the registry once', () => {
    const names = CONTROL_OPERATIONS.map((operation) => operation.name);
    expect(new Set(names).size).toBe(names.length);
    expect(CONTROL_OPERATIONS.map((operation) => [operation.name, operation.needsManualClock])).toEqual(
      expect.arrayContaining([
        ['GetClock', false],
        ['AdvanceClock', true],
        ['SetClock', true],
        ['SplitShard', true],
        ['MergeShards', true],
        ['RolloverShard', true],
        ['TrimStream', true],
      ]),
    );
  });

  it('GetClock reads the clock; AdvanceClock and SetClock move it and answer the same shape', async () => {
    const { db, clock } = await withOrders();
    const reading = (ms: number) => ({ status: 200, body: { Now: iso(ms), EpochMillis: ms, Manual: true } });
    expect(control(db, 'GetClock')).toEqual(reading(T0));
    const steps: [string, unknown, number][] = [
      ['AdvanceClock', { By: '25h' }, T0 + 25 * HOUR],
      ['AdvanceClock', { By: '90m' }, T0 + 26.5 * HOUR],
      ['AdvanceClock', { By: '1d2h30m' }, T0 + 53 * HOUR],
      ['AdvanceClock', { By: '45s' }, T0 + 53 * HOUR + 45_000],
      ['AdvanceClock', { By: '1500ms' }, T0 + 53 * HOUR + 46_500],
      ['AdvanceClock', { By: 500 }, T0 + 53 * HOUR + 47_000],
      ['AdvanceClock', { By: '0' }, T0 + 53 * HOUR + 47_000],
      ['SetClock', { Time: '2026-02-01T00:00:00Z' }, Date.UTC(2026, 1, 1)],
      ['SetClock', { Time: '2026-02-01T01:00:00.5+01:00' }, Date.UTC(2026, 1, 1, 0, 0, 0, 500)],
      ['SetClock', { EpochMillis: Date.UTC(2026, 2, 1) }, Date.UTC(2026, 2, 1)],
      // The same time again is no move backwards.
      ['SetClock', { Time: '2026-03-01' }, Date.UTC(2026, 2, 1)],
    ];
    for (const [name, input, expected] of steps) {
      expect(control(db, name, input), `${name} ${JSON.stringify(input)}`).toEqual(reading(expected));
      expect(clock.now()).toBe(expected);
    }
  });

  it('SplitShard, MergeShards and RolloverShard shape the stream, named by table or by stream ARN', async () => {
    const { db, stream, shard } = await withOrders();
    const split = control(db, 'SplitShard', { TableName: 'orders', ShardId: shard });
    expect(split.status).toBe(200);
    const [low, high] = split.body.Shards as Record<string, unknown>[];
    expect([low, high]).toMatchObject([
      { parentShardIds: [shard], hashKeyRange: { start: '0', end: String((1n << 63n) - 1n) }, status: 'OPEN' },
      { parentShardIds: [shard], hashKeyRange: { start: MIDDLE, end: MAX }, origin: 'split', createdAt: T0 },
    ]);
    expect(openShardIds(stream)).toEqual([low!.shardId, high!.shardId]);

    const at = control(db, 'SplitShard', { StreamArn: stream.arn, ShardId: high!.shardId, At: String(3n << 62n) });
    const [, top] = at.body.Shards as { shardId: string; hashKeyRange: { start: string } }[];
    expect(top!.hashKeyRange.start).toBe(String(3n << 62n));

    const merged = control(db, 'MergeShards', {
      TableName: 'orders',
      ShardId: low!.shardId,
      AdjacentShardId: (at.body.Shards as { shardId: string }[])[0]!.shardId,
    });
    expect(merged.body.Shard).toMatchObject({ origin: 'merge', hashKeyRange: { start: '0' }, status: 'OPEN' });
    expect((merged.body.Shard as { parentShardIds: string[] }).parentShardIds).toHaveLength(2);

    const rolled = control(db, 'RolloverShard', { StreamArn: stream.arn, ShardId: top!.shardId ?? '' });
    expect(rolled.body.Shard).toMatchObject({
      origin: 'rollover',
      parentShardIds: [(at.body.Shards as { shardId: string }[])[1]!.shardId],
      hashKeyRange: { start: String(3n << 62n), end: MAX },
    });
    // The first shard, the split's two, the second split's two (one merged, one rolled over), merge and rollover.
    expect(stream.describeStream().StreamDescription.Shards).toHaveLength(7);
  });

  it('TrimStream applies retention to every shard now and says how many records it dropped', async () => {
    const { db, clock, stream, shard } = await withOrders();
    for (const id of ['a', 'b', 'c']) db.putItem({ TableName: 'orders', Item: { id: { S: id } } });
    clock.advance(3 * HOUR);
    db.putItem({ TableName: 'orders', Item: { id: { S: 'late' } } });
    // The shard rolled over at 4 h; it lives until its newest record is past retention.
    clock.advance(22 * HOUR);
    // Not read since: trimming is lazy, so the listing still counts what retention has dropped by now.
    expect(stream.shardInfo(shard)).toMatchObject({ status: 'CLOSED', retainedRecords: 4 });
    expect(control(db, 'TrimStream', { TableName: 'orders' })).toEqual({ status: 200, body: { TrimmedRecords: 3 } });
    expect(stream.shardInfo(shard)!.retainedRecords).toBe(1);
    expect(control(db, 'TrimStream', { StreamArn: stream.arn }).body).toEqual({ TrimmedRecords: 0 });
  });

  it("answer through the AWS SDK's in-process request handler (createAwsHandler), as over HTTP", async () => {
    const { db, stream, shard } = await withOrders();
    const control = sdkHandlerClient(db);
    expect(await control.advance('2h')).toEqual({ Now: iso(T0 + 2 * HOUR), EpochMillis: T0 + 2 * HOUR, Manual: true });
    const child = await control.rolloverShard({ StreamArn: stream.arn, ShardId: shard });
    expect(child.parentShardIds).toEqual([shard]);
  });

  it('answer alike through runParsed (the in-process plugin path)', async () => {
    const { db } = await withOrders();
    expect(runParsed(db, `${PREFIX}AdvanceClock`, { By: '1h' })).toMatchObject({
      ok: true,
      output: { EpochMillis: T0 + HOUR, Manual: true },
    });
    const refused = runParsed(db, `${PREFIX}AdvanceClock`, { By: 'soon' });
    expect(refused.ok).toBe(false);
    expect(JSON.parse((refused as { response: { body: string } }).response.body)).toEqual(
      control(db, 'AdvanceClock', { By: 'soon' }).body,
    );
  });
});

const NEEDS_BY =
  'AdvanceClock needs By: a duration such as "25h", "90m", "1d2h30m", "45s", "1500ms" or a number of milliseconds';
const NOT_A_DURATION = (text: string) =>
  `AdvanceClock: By: '${text}' is not a duration: write one such as "25h", "90m", "1d2h30m", "45s", "1500ms" or a number of milliseconds (units d, h, m, s, ms, largest first)`;
const ONE_TIME =
  'SetClock needs either Time (ISO-8601, such as 2026-01-02T00:00:00Z) or EpochMillis (one of them, not both)';
const BAD_TIME = (given: string) =>
  `SetClock: Time must be an ISO-8601 time with a zone, such as 2026-01-02T00:00:00Z, got ${given}`;

describe('the control operations refuse, with a ValidationException that says why, and change nothing', () => {
  // [operation, input (SHARD: the stream's only shard), message]
  const cases: [string, Record<string, unknown>, string][] = [
    ['AdvanceClock', {}, NEEDS_BY],
    ['AdvanceClock', { By: null }, NEEDS_BY],
    ['AdvanceClock', { By: 'soon' }, NOT_A_DURATION('soon')],
    ['AdvanceClock', { By: '-5h' }, NOT_A_DURATION('-5h')],
    ['AdvanceClock', { By: '1h1d' }, NOT_A_DURATION('1h1d')],
    ['AdvanceClock', { By: '' }, NOT_A_DURATION('')],
    ['AdvanceClock', { By: -1 }, 'AdvanceClock: By: a duration in milliseconds must be a whole number >= 0, got -1'],
    ['AdvanceClock', { By: 1.5 }, 'AdvanceClock: By: a duration in milliseconds must be a whole number >= 0, got 1.5'],
    [
      'AdvanceClock',
      { By: true },
      'AdvanceClock: By: a duration is a string such as "25h", "90m", "1d2h30m", "45s", "1500ms" or a number of milliseconds, got boolean',
    ],
    ['AdvanceClock', { By: '99999999999999999d' }, "AdvanceClock: By: '99999999999999999d' is too long a duration"],
    ['SetClock', {}, ONE_TIME],
    ['SetClock', { Time: '2026-02-01T00:00:00Z', EpochMillis: 0 }, ONE_TIME],
    ['SetClock', { Time: 'tomorrow' }, BAD_TIME('"tomorrow"')],
    // No zone: the server's local time and the caller's may differ.
    ['SetClock', { Time: '2026-02-01T00:00:00' }, BAD_TIME('"2026-02-01T00:00:00"')],
    ['SetClock', { Time: 1 }, BAD_TIME('1')],
    ['SetClock', { EpochMillis: '1' }, 'SetClock: EpochMillis must be a whole number of milliseconds >= 0, got "1"'],
    [
      'SetClock',
      { Time: '2025-12-31T00:00:00Z' },
      `SetClock cannot move the clock backwards: it is ${iso(T0)}, asked for 2025-12-31T00:00:00.000Z`,
    ],
    ['SplitShard', { ShardId: 'SHARD' }, 'SplitShard needs either TableName or StreamArn (one of them, not both)'],
    [
      'SplitShard',
      { TableName: 'orders', StreamArn: 'arn', ShardId: 'SHARD' },
      'SplitShard needs either TableName or StreamArn (one of them, not both)',
    ],
    ['SplitShard', { TableName: 7, ShardId: 'SHARD' }, 'SplitShard: TableName must be a non-empty string, got 7'],
    [
      'SplitShard',
      { TableName: 'nothere', ShardId: 'SHARD' },
      'SplitShard: no table nothere (ListTables lists the tables)',
    ],
    [
      'SplitShard',
      { TableName: 'plain', ShardId: 'SHARD' },
      'SplitShard: table plain has no stream enabled (turn one on with StreamSpecification)',
    ],
    [
      'RolloverShard',
      { StreamArn: 'arn:aws:dynamodb:us-east-1:000000000000:table/x/stream/2026-01-01T00:00:00.000', ShardId: 'SHARD' },
      'RolloverShard: no stream arn:aws:dynamodb:us-east-1:000000000000:table/x/stream/2026-01-01T00:00:00.000 (ListStreams lists the streams)',
    ],
    ['SplitShard', { TableName: 'orders' }, 'SplitShard needs ShardId'],
    [
      'SplitShard',
      { TableName: 'orders', ShardId: 'shardId-nope' },
      'SplitShard: ShardId shardId-nope is no shard of stream ARN (DescribeStream lists its shards)',
    ],
    [
      'SplitShard',
      { TableName: 'orders', ShardId: 'SHARD', At: 12 },
      'SplitShard: At must be a hash key as a decimal string (such as "9223372036854775808"), got 12',
    ],
    [
      'SplitShard',
      { TableName: 'orders', ShardId: 'SHARD', At: '-1' },
      'SplitShard: At must be a hash key as a decimal string (such as "9223372036854775808"), got "-1"',
    ],
    // The stream's own words.
    [
      'SplitShard',
      { TableName: 'orders', ShardId: 'SHARD', At: '0' },
      `Invalid split point 0: it must be a bigint in (0, ${MAX}] so both children get part of the range`,
    ],
    ['MergeShards', { TableName: 'orders', ShardId: 'SHARD' }, 'MergeShards needs AdjacentShardId'],
    [
      'MergeShards',
      { TableName: 'orders', ShardId: 'SHARD', AdjacentShardId: 'SHARD' },
      'Shards SHARD and SHARD are not adjacent: only adjacent open shards can be merged',
    ],
    ['TrimStream', {}, 'TrimStream needs either TableName or StreamArn (one of them, not both)'],
  ];

  it.each(cases)('%s %j: %s', async (name, given, message) => {
    const { db, clock, stream, shard } = await withOrders();
    const input = JSON.parse(JSON.stringify(given).replaceAll('SHARD', shard)) as Record<string, unknown>;
    const before = stream.describeStream();
    expect(control(db, name, input)).toEqual({
      status: 400,
      body: {
        __type: 'com.amazon.coral.validate#ValidationException',
        message: message.replaceAll('SHARD', shard).replaceAll('ARN', stream.arn),
      },
    });
    // The same refusal through the typed client (over the SDK's in-process request handler): the class and words.
    const thrown = await sdkHandlerClient(db)
      .call(name, input)
      .then(
        () => undefined,
        (error: unknown) => error,
      );
    expect(thrown).toBeInstanceOf(ValidationException);
    expect((thrown as Error).message).toBe(message.replaceAll('SHARD', shard).replaceAll('ARN', stream.arn));
    expect(clock.now()).toBe(T0);
    expect(stream.describeStream()).toEqual(before);
  });

  it("a closed shard: the stream's own words", async () => {
    const { db, shard } = await withOrders();
    control(db, 'RolloverShard', { TableName: 'orders', ShardId: shard });
    for (const name of ['SplitShard', 'RolloverShard'])
      expect(control(db, name, { TableName: 'orders', ShardId: shard }).body.message).toBe(
        `Shard ${shard} is closed: only open shards can be split, merged or rolled over`,
      );
  });

  it('on the system clock: every operation that moves time or shapes a stream is refused and says how to start a manual clock; GetClock answers', async () => {
    const db = await Database.create({ clock: new SystemClock(), seed: 1 });
    db.createTable({
      TableName: 'orders',
      KeySchema: KEY_ID,
      AttributeDefinitions: DEF_ID,
      StreamSpecification: { StreamEnabled: true, StreamViewType: 'KEYS_ONLY' },
    });
    const shard = onlyShardId(db.table('orders').stream!);
    try {
      for (const operation of CONTROL_OPERATIONS.filter((op) => op.needsManualClock)) {
        const input = { TableName: 'orders', ShardId: shard, AdjacentShardId: shard, By: '1h', Time: '2030-01-01Z' };
        expect(control(db, operation.name, input).body).toEqual({
          __type: 'com.amazon.coral.validate#ValidationException',
          message: `${operation.name} needs a manual clock, and this database runs on the system clock: start the server with \`shardline serve --clock manual\` (or create the Database with a ManualClock)`,
        });
      }
      expect(db.table('orders').stream!.listShards()).toHaveLength(1);
      const { body } = control(db, 'GetClock');
      expect(body).toMatchObject({ Manual: false });
      expect(body.Now).toBe(iso(body.EpochMillis as number));
    } finally {
      db.close();
    }
  });

  it('an unknown control operation is UnknownOperationException naming the control operations', async () => {
    const { db } = await withOrders();
    const names = CONTROL_OPERATIONS.map((operation) => operation.name)
      .sort()
      .join(', ');
    for (const name of ['AdvanceClock', 'GetClock', 'MergeShards', 'RolloverShard', 'SetClock', 'SplitShard'])
      expect(names.split(', ')).toContain(name);
    for (const name of ['Explode', '__proto__', 'constructor', 'getClock', ''])
      expect(control(db, name).body).toEqual({
        __type: 'com.amazon.coral.service#UnknownOperationException',
        message: `An unknown operation was requested: shardline does not implement ${PREFIX}${name} (its control operations, docs/time-travel.md: ${names})`,
      });
  });
});
