import { describe, expect, it } from 'vitest';
import { ValidationException, type StreamOptions } from '../../src/index.js';
import { expectError, validation } from '../support/aws-errors.js';
import { makeDb } from '../support/database.js';
import { makeTable } from '../support/tables.js';

/** What the option checks refuse: every number and duration option, with each kind of bad value. */
const refused: [string, Record<string, unknown>, string][] = [
  [
    'retention',
    { retention: { hours: -1 } },
    "Invalid stream option retention: a duration's hours must be a finite number >= 0, got -1",
  ],
  [
    'iteratorLifetime',
    { iteratorLifetime: Number.NaN },
    'Invalid stream option iteratorLifetime: a duration must be a finite number of milliseconds >= 0, got NaN',
  ],
  [
    'retention',
    { retention: Number.POSITIVE_INFINITY },
    'Invalid stream option retention: a duration must be a finite number of milliseconds >= 0, got Infinity',
  ],
  [
    'retention',
    { retention: -5 },
    'Invalid stream option retention: a duration must be a finite number of milliseconds >= 0, got -5',
  ],
  [
    'retention',
    { retention: '24h' },
    "Invalid stream option retention: a duration is a number of milliseconds or { days, hours, minutes, seconds, ms }, got '24h'",
  ],
  [
    'retention',
    { retention: null },
    'Invalid stream option retention: a duration is a number of milliseconds or { days, hours, minutes, seconds, ms }, got null',
  ],
  [
    'retention',
    { retention: { day: 1 } },
    "Invalid stream option retention: unknown duration unit 'day': the units are days, hours, minutes, seconds, ms",
  ],
  [
    'retention',
    { retention: { hours: '2' } },
    "Invalid stream option retention: a duration's hours must be a number, got '2'",
  ],
  ['retention', { retention: { minutes: 0 } }, 'Invalid stream option retention: must be > 0'],
  [
    'iteratorLifetime',
    { iteratorLifetime: { minutes: Number.POSITIVE_INFINITY } },
    "Invalid stream option iteratorLifetime: a duration's minutes must be a finite number >= 0, got Infinity",
  ],
  ['iteratorLifetime', { iteratorLifetime: 0 }, 'Invalid stream option iteratorLifetime: must be > 0'],
  [
    'rolloverAfter',
    { rolloverAfter: { hours: -4 } },
    "Invalid stream option rolloverAfter: a duration's hours must be a finite number >= 0, got -4",
  ],
  [
    'rolloverAfter',
    { rolloverAfter: true },
    'Invalid stream option rolloverAfter: a duration is a number of milliseconds or { days, hours, minutes, seconds, ms }, got true',
  ],
  ['rolloverAfter', { rolloverAfter: 0 }, 'Invalid stream option rolloverAfter: must be > 0'],
  [
    'initialShards',
    { initialShards: Number.NaN },
    'Invalid stream option initialShards: expected a positive integer, got NaN',
  ],
  ['initialShards', { initialShards: '2' }, 'Invalid stream option initialShards: expected a positive integer, got 2'],
  [
    'maxRecordsPerShard',
    { maxRecordsPerShard: Number.POSITIVE_INFINITY },
    'Invalid stream option maxRecordsPerShard: expected a positive integer, got Infinity',
  ],
  [
    'maxRecordsPerShard',
    { maxRecordsPerShard: null },
    'Invalid stream option maxRecordsPerShard: expected a positive integer, got null',
  ],
  [
    'maxBytesPerShard',
    { maxBytesPerShard: -1 },
    'Invalid stream option maxBytesPerShard: expected a positive integer, got -1',
  ],
  [
    'splitOnWriteRate',
    { splitOnWriteRate: true },
    'Invalid stream option splitOnWriteRate: expected false or { writesPerSecond, windowMs }, got true',
  ],
  [
    'splitOnWriteRate',
    { splitOnWriteRate: 500 },
    'Invalid stream option splitOnWriteRate: expected false or { writesPerSecond, windowMs }, got 500',
  ],
  ['splitOnWriteRate', { splitOnWriteRate: {} }, 'Invalid stream option splitOnWriteRate.writesPerSecond: required'],
  [
    'splitOnWriteRate',
    { splitOnWriteRate: { writesPerSecond: Number.NaN } },
    'Invalid stream option splitOnWriteRate.writesPerSecond: expected a positive number, got NaN',
  ],
  [
    'splitOnWriteRate',
    { splitOnWriteRate: { writesPerSecond: 10, windowMs: Number.POSITIVE_INFINITY } },
    'Invalid stream option splitOnWriteRate.windowMs: expected a positive integer, got Infinity',
  ],
  [
    'splitOnWriteRate',
    { splitOnWriteRate: { writesPerSec: 10 } },
    'Invalid stream option splitOnWriteRate.writesPerSec: unknown option; the options are writesPerSecond, windowMs',
  ],
  [
    'an unknown option',
    { retentionHours: 1 },
    'Invalid stream option retentionHours: unknown option; the options are initialShards, rolloverAfter, splitOnWriteRate, maxRecordsPerShard, maxBytesPerShard, retention, iteratorLifetime',
  ],
];

describe('stream options', () => {
  it('regression: retention { hours: -1 } and iteratorLifetime NaN are the documented ValidationException, not a RangeError', async () => {
    const { db } = await makeDb();
    expectError(
      () => makeTable(db, { streamOptions: { retention: { hours: -1 } } }),
      validation("Invalid stream option retention: a duration's hours must be a finite number >= 0, got -1"),
    );
    expectError(
      () => makeTable(db, { streamOptions: { iteratorLifetime: Number.NaN } }),
      validation(
        'Invalid stream option iteratorLifetime: a duration must be a finite number of milliseconds >= 0, got NaN',
      ),
    );
    expect(db.listTables().TableNames).toEqual([]);
  });

  it.each(refused)(
    '%s, bad value #%#: a ValidationException that names the option, and nothing created',
    async (_name, streamOptions, message) => {
      const { db } = await makeDb();
      expectError(() => makeTable(db, { streamOptions: streamOptions as StreamOptions }), validation(message));
      expect(db.listTables().TableNames).toEqual([]);
      expect(db.listStreams().Streams).toEqual([]);
    },
  );

  it('a bad option in updateTable (enabling a stream) changes nothing', async () => {
    const { db } = await makeDb();
    const table = makeTable(db, { viewType: null });
    expect(() =>
      db.updateTable({
        TableName: table.name,
        StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_IMAGE' },
        streamOptions: { retention: { hours: -1 } },
      }),
    ).toThrow(ValidationException);
    expect(table.stream).toBeUndefined();
    expect(db.listStreams().Streams).toEqual([]);
  });

  it('takes days, and every unit together', async () => {
    const { db } = await makeDb();
    const table = makeTable(db, {
      streamOptions: {
        retention: { days: 2 },
        iteratorLifetime: { minutes: 1, seconds: 30 },
        rolloverAfter: { days: 1, hours: 1 },
      },
    });
    expect(table.stream!.options).toMatchObject({
      retentionMs: 2 * 86_400_000,
      iteratorLifetimeMs: 90_000,
      rolloverAfterMs: 25 * 3_600_000,
    });
  });
});
