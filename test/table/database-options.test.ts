/**
 * The option objects of `Database.create`, `createTable`/`updateTable` (shardline's own `streamOptions`) and
 * `listen(db, options)`: an unknown key, NaN, a negative or a wrongly typed value is a clear error that names the option, at
 * the call that takes it, and never silently ignored (issue 9, item 18's class).
 */
import { describe, expect, it } from 'vitest';
import { Database, ManualClock, ValidationException, type DatabaseOptions } from '../../src/index.js';
import { listen } from '../../src/public/wire.js';
import { expectRejected, expectThrows } from '../support/aws-errors.js';
import { makeDb } from '../support/database.js';
import { makeTable } from '../support/tables.js';
import { T0 } from '../support/time.js';

const STREAM_OPTIONS =
  'initialShards, rolloverAfter, splitOnWriteRate, maxRecordsPerShard, maxBytesPerShard, retention, iteratorLifetime';
const DATABASE_OPTIONS = 'clock, seed, region, accountId, streamDefaults, indexBackfillTime, timeToLive';

/** Database.create's refusal of `options`: its class and message. */
async function refusal(options: unknown): Promise<{ type: string; message: string }> {
  try {
    await Database.create(options as DatabaseOptions);
  } catch (error) {
    return { type: (error as Error).name, message: (error as Error).message };
  }
  throw new Error(`Database.create accepted ${String(options)}`);
}

describe('Database.create options', () => {
  it('regression: a bad streamDefaults is refused by Database.create, not by the first createTable', async () => {
    expect(await refusal({ streamDefaults: { retention: { hours: -1 } } })).toEqual({
      type: 'ValidationException',
      message: "Invalid stream option retention: a duration's hours must be a finite number >= 0, got -1",
    });
    expect(await refusal({ streamDefaults: { retentionHours: 1 } })).toEqual({
      type: 'ValidationException',
      message: `Invalid stream option retentionHours: unknown option; the options are ${STREAM_OPTIONS}`,
    });
    await expect(Database.create({ streamDefaults: { iteratorLifetime: Number.NaN } })).rejects.toThrow(
      ValidationException,
    );
  });

  it.each<[string, Record<string, unknown>, string]>([
    [
      'an unknown key',
      { sead: 1 },
      `Invalid database option sead: unknown option; the options are ${DATABASE_OPTIONS}`,
    ],
    ['streamDefaults of another type', { streamDefaults: 24 }, 'Invalid stream options: expected an object, got 24'],
    ['streamDefaults null', { streamDefaults: null }, 'Invalid stream options: expected an object, got null'],
    ['streamDefaults as text', { streamDefaults: 'fast' }, "Invalid stream options: expected an object, got 'fast'"],
    ['a seed that is NaN', { seed: Number.NaN }, 'Invalid database option seed: expected an integer, got NaN'],
    ['a fractional seed', { seed: 1.5 }, 'Invalid database option seed: expected an integer, got 1.5'],
    ['a seed given as text', { seed: '42' }, "Invalid database option seed: expected an integer, got '42'"],
    [
      'a clock without schedule',
      { clock: { now: () => 0 } },
      'Invalid database option clock: expected a Clock, an object with now() and schedule(atMs, callback)',
    ],
    [
      'a clock that is a number',
      { clock: 0 },
      'Invalid database option clock: expected a Clock, an object with now() and schedule(atMs, callback)',
    ],
    ['a region that is not text', { region: 1 }, 'Invalid database option region: expected a non-empty string, got 1'],
    ['an empty region', { region: '' }, "Invalid database option region: expected a non-empty string, got ''"],
    [
      'an account id that is a number',
      { accountId: 123456789012 },
      'Invalid database option accountId: expected a non-empty string, got 123456789012',
    ],
  ])('%s is a ValidationException that names it', async (_case, options, message) => {
    expect(await refusal(options)).toEqual({ type: 'ValidationException', message });
  });

  it('options of another type than an object are refused; undefined members are left out, as the CLI passes them', async () => {
    expect(await refusal(42)).toEqual({
      type: 'ValidationException',
      message: 'Invalid database options: expected an object, got 42',
    });
    expect(await refusal(null)).toEqual({
      type: 'ValidationException',
      message: 'Invalid database options: expected an object, got null',
    });
    const db = await Database.create({
      clock: new ManualClock(T0),
      seed: undefined,
      region: undefined,
      accountId: undefined,
      streamDefaults: undefined,
    });
    expect(db.region).toBe('us-east-1');
  });

  it('the defaults still apply to every table, and a table overrides them', async () => {
    const db = await Database.create({ clock: new ManualClock(T0), seed: 1, streamDefaults: { initialShards: 2 } });
    expect(makeTable(db).stream!.listShards()).toHaveLength(2);
    expect(makeTable(db, { name: 'other' }).stream!.listShards()).toHaveLength(2);
  });
});

describe('createTable and updateTable: streamOptions', () => {
  it.each<[string, unknown, string]>([
    ['a number', 5, '5'],
    ['null', null, 'null'],
    ['a list', [], 'a list'],
    ['text', 'fast', "'fast'"],
  ])('streamOptions given as %s is refused, not ignored', async (_case, streamOptions, shown) => {
    const { db } = await makeDb();
    expectRejected(
      db,
      () =>
        db.createTable({
          TableName: 'items',
          KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
          AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
          streamOptions: streamOptions as never,
        }),
      ValidationException,
      `Invalid stream options: expected an object, got ${shown}`,
    );
    const table = makeTable(db, { viewType: null });
    expectRejected(
      db,
      () =>
        db.updateTable({
          TableName: table.name,
          StreamSpecification: { StreamEnabled: true, StreamViewType: 'KEYS_ONLY' },
          streamOptions: streamOptions as never,
        }),
      ValidationException,
      `Invalid stream options: expected an object, got ${shown}`,
    );
  });

  it('streamOptions with an update that disables the stream are refused: they would change nothing', async () => {
    const { db } = await makeDb();
    const table = makeTable(db);
    expectRejected(
      db,
      () =>
        db.updateTable({
          TableName: table.name,
          StreamSpecification: { StreamEnabled: false },
          streamOptions: { retention: { hours: 1 } },
        }),
      ValidationException,
      'streamOptions apply to the stream an UpdateTable enables; this one disables it',
    );
  });

  it('a member CreateTable does not have is refused by name (a misspelt streamOptions once did nothing); AWS members shardline ignores are accepted', async () => {
    const { db } = await makeDb();
    const base = {
      TableName: 'items',
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' as const }],
      AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' as const }],
    };
    const members =
      'AttributeDefinitions, TableName, KeySchema, LocalSecondaryIndexes, GlobalSecondaryIndexes, BillingMode, ProvisionedThroughput, StreamSpecification, SSESpecification, Tags, TableClass, DeletionProtectionEnabled, WarmThroughput, ResourcePolicy, OnDemandThroughput, streamOptions';
    expectRejected(
      db,
      () => db.createTable({ ...base, streamOption: { initialShards: 2 } } as never),
      ValidationException,
      `Unknown parameter in CreateTable input: "streamOption", must be one of: ${members}`,
    );
    db.createTable({ ...base, Tags: [{ Key: 'team', Value: 'a' }], TableClass: 'STANDARD' } as never);
    const updateMembers =
      'TableName, AttributeDefinitions, BillingMode, ProvisionedThroughput, GlobalSecondaryIndexUpdates, StreamSpecification, SSESpecification, ReplicaUpdates, TableClass, DeletionProtectionEnabled, MultiRegionConsistency, GlobalTableWitnessUpdates, OnDemandThroughput, WarmThroughput, streamOptions';
    expectThrows(
      () =>
        db.updateTable({
          TableName: 'items',
          StreamSpecification: { StreamEnabled: false },
          streamoptions: {},
        } as never),
      ValidationException,
      `Unknown parameter in UpdateTable input: "streamoptions", must be one of: ${updateMembers}`,
    );
  });
});

describe('listen(db, options)', () => {
  it('an unknown key is refused by name (a misspelt maxRequestBytes once left the default in place)', async () => {
    const { db } = await makeDb();
    await expect(listen(db, { port: 0, maxRequestByte: 10 } as never)).rejects.toThrow(
      new TypeError(
        "listen(db, options) takes port, host, requestTimeoutMs, maxRequestBytes, maxBufferedBytes, idleTimeoutMs; got an unknown option 'maxRequestByte'",
      ),
    );
  });

  it('options that are not an object, and a host that is not a non-empty string, are refused', async () => {
    const { db } = await makeDb();
    await expect(listen(db, 8000 as never)).rejects.toThrow(
      new TypeError('listen(db, options) takes an object of options, got 8000'),
    );
    await expect(listen(db, { port: 0, host: 127 } as never)).rejects.toThrow(
      new TypeError('listen(db, options): host must be a non-empty string, got 127'),
    );
    await expect(listen(db, { port: 0, host: '' })).rejects.toThrow(
      new TypeError("listen(db, options): host must be a non-empty string, got ''"),
    );
    await expect(listen(db, { port: Number.NaN })).rejects.toThrow(RangeError);
    await expect(listen(db, { port: 0, idleTimeoutMs: Number.NaN })).rejects.toThrow(RangeError);
  });
});
