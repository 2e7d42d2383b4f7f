/**
 * UpdateTimeToLive and DescribeTimeToLive on the typed API: AWS's checks and texts in AWS's order, the one change an
 * hour on the clock, and ENABLING -> ENABLED (DISABLING -> DISABLED) after `timeToLive.transitionTime`.
 * https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_UpdateTimeToLive.html
 */
import { describe, expect, it } from 'vitest';
import {
  ResourceNotFoundException,
  SerializationException,
  ValidationException,
  type Database,
  type UpdateTimeToLiveInput,
} from '../../src/index.js';
import { expectRejected } from '../support/aws-errors.js';
import { makeDb } from '../support/database.js';
import { makeTable } from '../support/tables.js';
import { HOUR, MINUTE, SECOND } from '../support/time.js';

const INVALID_NAME =
  "Invalid table/index name.  Table/index names must be between 3 and 255 characters long, and may contain only the characters a-z, A-Z, 0-9, '_', '-', and '.'";
const MODIFIED_TOO_OFTEN = 'Time to live has been modified multiple times within a fixed interval';

const enable = (AttributeName: string, TableName = 'items'): UpdateTimeToLiveInput => ({
  TableName,
  TimeToLiveSpecification: { Enabled: true, AttributeName },
});
const disable = (AttributeName: string, TableName = 'items'): UpdateTimeToLiveInput => ({
  TableName,
  TimeToLiveSpecification: { Enabled: false, AttributeName },
});
const statusOf = (db: Database, TableName = 'items') => db.describeTimeToLive({ TableName }).TimeToLiveDescription;

/** A request the typed API may be handed by JavaScript, whatever TypeScript says. */
const loose = (input: unknown) => input as UpdateTimeToLiveInput;

async function fixture(options: { transition?: number } = {}) {
  const { clock, db } = await makeDb(
    options.transition === undefined ? {} : { timeToLive: { transitionTime: options.transition } },
  );
  const table = makeTable(db);
  return { clock, db, table };
}

describe('UpdateTimeToLive refuses, changing nothing', () => {
  const missing = (at: string) => `Value null at '${at}' failed to satisfy constraint: Member must not be null`;
  const cases: [string, unknown, string][] = [
    ['no TableName', { TimeToLiveSpecification: { Enabled: true, AttributeName: 'e' } }, INVALID_NAME],
    ['a short TableName, before a missing specification', { TableName: 'ab' }, INVALID_NAME],
    ['a TableName with a bad character', enable('e', 'it;ems'), INVALID_NAME],
    [
      'no TimeToLiveSpecification, before the table is looked up',
      { TableName: 'absent' },
      `1 validation error detected: ${missing('timeToLiveSpecification')}`,
    ],
    [
      'a null TimeToLiveSpecification',
      { TableName: 'items', TimeToLiveSpecification: null },
      `1 validation error detected: ${missing('timeToLiveSpecification')}`,
    ],
    [
      'an empty TimeToLiveSpecification (both members listed)',
      { TableName: 'items', TimeToLiveSpecification: {} },
      `2 validation errors detected: ${missing('timeToLiveSpecification.enabled')}; ${missing('timeToLiveSpecification.attributeName')}`,
    ],
    [
      'no AttributeName, to disable too',
      { TableName: 'items', TimeToLiveSpecification: { Enabled: false } },
      `1 validation error detected: ${missing('timeToLiveSpecification.attributeName')}`,
    ],
    [
      'no Enabled',
      { TableName: 'items', TimeToLiveSpecification: { AttributeName: 'e' } },
      `1 validation error detected: ${missing('timeToLiveSpecification.enabled')}`,
    ],
    [
      'an empty AttributeName',
      enable(''),
      "1 validation error detected: Value '' at 'timeToLiveSpecification.attributeName' failed to satisfy constraint: Member must have length greater than or equal to 1",
    ],
    [
      'an AttributeName of 256 characters',
      enable('a'.repeat(256)),
      `1 validation error detected: Value '${'a'.repeat(256)}' at 'timeToLiveSpecification.attributeName' failed to satisfy constraint: Member must have length less than or equal to 255`,
    ],
    ['disabling a table whose TTL is disabled', disable('e'), 'TimeToLive is already disabled'],
    ['disabling with a name of 255 characters', disable('a'.repeat(255)), 'TimeToLive is already disabled'],
  ];
  it.each(cases)('%s', async (_case, input, message) => {
    const { db } = await fixture();
    expectRejected(db, () => db.updateTimeToLive(loose(input)), ValidationException, message);
    expect(statusOf(db)).toEqual({ TimeToLiveStatus: 'DISABLED' });
  });

  it('a table that does not exist: ResourceNotFoundException', async () => {
    const { db } = await fixture();
    expectRejected(
      db,
      () => db.updateTimeToLive(enable('e', 'absent')),
      ResourceNotFoundException,
      'Cannot do operations on a non-existent table',
    );
  });

  it.each([
    ['a specification that is not an object', { TableName: 'items', TimeToLiveSpecification: 'on' }],
    [
      'an Enabled that is not a boolean',
      { TableName: 'items', TimeToLiveSpecification: { Enabled: 'true', AttributeName: 'e' } },
    ],
    [
      'an AttributeName that is not a string',
      { TableName: 'items', TimeToLiveSpecification: { Enabled: true, AttributeName: 5 } },
    ],
  ])('%s: SerializationException, as on the wire', async (_case, input) => {
    const { db } = await fixture();
    expect(() => db.updateTimeToLive(loose(input))).toThrow(SerializationException);
    expect(statusOf(db)).toEqual({ TimeToLiveStatus: 'DISABLED' });
  });

  // Recorded against AWS (ack-api-quirks DDB-TABLE-146/147): what the change asks is checked against the setting.
  const whileEnabled: [string, UpdateTimeToLiveInput, string][] = [
    ['enabling the same attribute again', enable('expires'), 'TimeToLive is already enabled'],
    [
      'enabling another attribute',
      enable('other'),
      'TimeToLive is active on a different AttributeName: current AttributeName is expires',
    ],
    [
      'disabling another attribute',
      disable('other'),
      'TimeToLive is active on a different AttributeName: current AttributeName is expires',
    ],
  ];
  it.each(whileEnabled)('while enabled on "expires": %s, even after the hour', async (_case, input, message) => {
    const { clock, db } = await fixture();
    db.updateTimeToLive(enable('expires'));
    // Within the hour the content check still wins over the one-hour rule (DDB-TABLE-143).
    expectRejected(db, () => db.updateTimeToLive(input), ValidationException, message);
    clock.advance(2 * HOUR);
    expectRejected(db, () => db.updateTimeToLive(input), ValidationException, message);
    expect(statusOf(db)).toEqual({ TimeToLiveStatus: 'ENABLED', AttributeName: 'expires' });
  });
});

describe('UpdateTimeToLive turns expiry on and off', () => {
  it('echoes the specification; DescribeTimeToLive shows ENABLED with the attribute, then DISABLED without', async () => {
    const { clock, db, table } = await fixture();
    expect(db.updateTimeToLive(enable('expires'))).toEqual({
      TimeToLiveSpecification: { Enabled: true, AttributeName: 'expires' },
    });
    expect(Object.keys(statusOf(db))).toEqual(['TimeToLiveStatus', 'AttributeName']);
    expect(statusOf(db)).toEqual({ TimeToLiveStatus: 'ENABLED', AttributeName: 'expires' });
    expect(table.timeToLive.activeAttribute).toBe('expires');
    clock.advance(HOUR);
    expect(db.updateTimeToLive(disable('expires'))).toEqual({
      TimeToLiveSpecification: { Enabled: false, AttributeName: 'expires' },
    });
    expect(statusOf(db)).toEqual({ TimeToLiveStatus: 'DISABLED' });
    expect(table.timeToLive.activeAttribute).toBeUndefined();
  });

  it('a table never configured describes as DISABLED; an absent one is ResourceNotFoundException', async () => {
    const { db } = await fixture();
    expect(db.describeTimeToLive({ TableName: 'items' })).toEqual({
      TimeToLiveDescription: { TimeToLiveStatus: 'DISABLED' },
    });
    expect(() => db.describeTimeToLive({ TableName: 'absent' })).toThrow(
      new ResourceNotFoundException('Cannot do operations on a non-existent table'),
    );
    expect(() => db.describeTimeToLive({ TableName: 'ab' })).toThrow(new ValidationException(INVALID_NAME));
  });

  it('accepts the partition key and any name of 1 to 255 characters (AWS accepts TTL on a key attribute)', async () => {
    const { clock, db } = await fixture();
    db.updateTimeToLive(enable('id'));
    expect(statusOf(db)).toEqual({ TimeToLiveStatus: 'ENABLED', AttributeName: 'id' });
    clock.advance(HOUR);
    db.updateTimeToLive(disable('id'));
    clock.advance(HOUR);
    db.updateTimeToLive(enable('a'.repeat(255)));
    expect(statusOf(db).AttributeName).toBe('a'.repeat(255));
  });

  it('the listeners hear expiry turn on and off', async () => {
    const { clock, db, table } = await fixture();
    const heard: (string | undefined)[] = [];
    table.timeToLive.onChange((attribute) => heard.push(attribute));
    db.updateTimeToLive(enable('expires'));
    clock.advance(HOUR);
    db.updateTimeToLive(disable('expires'));
    expect(heard).toEqual(['expires', undefined]);
  });

  it('DescribeTable has no TTL member, whatever the setting', async () => {
    const { db } = await fixture();
    const before = db.describeTable({ TableName: 'items' });
    db.updateTimeToLive(enable('expires'));
    expect(db.describeTable({ TableName: 'items' })).toEqual(before);
    expect(JSON.stringify(before)).not.toMatch(/TimeToLive/);
  });

  it('a new table of the same name starts DISABLED', async () => {
    const { db } = await fixture();
    db.updateTimeToLive(enable('expires'));
    db.deleteTable({ TableName: 'items' });
    makeTable(db);
    expect(statusOf(db)).toEqual({ TimeToLiveStatus: 'DISABLED' });
    // No hour to wait: the rule is the table's.
    db.updateTimeToLive(enable('expires'));
    expect(statusOf(db)).toEqual({ TimeToLiveStatus: 'ENABLED', AttributeName: 'expires' });
  });
});

describe('one change an hour, on the clock', () => {
  it('refuses a second change within the hour of the last one, and takes it once the hour has passed', async () => {
    const { clock, db, table } = await fixture();
    db.updateTimeToLive(enable('expires'));
    expect(table.timeToLive.lastChangeAt).toBe(clock.now());
    for (const wait of [0, 30 * MINUTE, 30 * MINUTE - 1]) {
      clock.advance(wait);
      expectRejected(db, () => db.updateTimeToLive(disable('expires')), ValidationException, MODIFIED_TOO_OFTEN);
    }
    expect(statusOf(db)).toEqual({ TimeToLiveStatus: 'ENABLED', AttributeName: 'expires' });
    clock.advance(1);
    db.updateTimeToLive(disable('expires'));
    expect(statusOf(db)).toEqual({ TimeToLiveStatus: 'DISABLED' });
    // The disable starts a new hour; the refused calls did not move it.
    expect(table.timeToLive.lastChangeAt).toBe(clock.now());
    clock.advance(HOUR - 1);
    expectRejected(db, () => db.updateTimeToLive(enable('other')), ValidationException, MODIFIED_TOO_OFTEN);
    clock.advance(1);
    db.updateTimeToLive(enable('other'));
    expect(statusOf(db)).toEqual({ TimeToLiveStatus: 'ENABLED', AttributeName: 'other' });
  });

  it('is per table', async () => {
    const { db } = await fixture();
    makeTable(db, { name: 'second' });
    db.updateTimeToLive(enable('expires'));
    db.updateTimeToLive(enable('expires', 'second'));
    expect(statusOf(db, 'second')).toEqual({ TimeToLiveStatus: 'ENABLED', AttributeName: 'expires' });
  });
});

describe('ENABLING and DISABLING, with timeToLive.transitionTime', () => {
  it('ENABLING for the transition time, then ENABLED; DISABLING keeps the attribute, then DISABLED', async () => {
    const { clock, db, table } = await fixture({ transition: 10 * MINUTE });
    expect(db.updateTimeToLive(enable('expires'))).toEqual({
      TimeToLiveSpecification: { Enabled: true, AttributeName: 'expires' },
    });
    expect(statusOf(db)).toEqual({ TimeToLiveStatus: 'ENABLING', AttributeName: 'expires' });
    // Nothing expires until ENABLED.
    expect(table.timeToLive.activeAttribute).toBeUndefined();
    // While ENABLING, the setting is on: enabling again is "already enabled".
    expectRejected(
      db,
      () => db.updateTimeToLive(enable('expires')),
      ValidationException,
      'TimeToLive is already enabled',
    );
    clock.advance(10 * MINUTE - 1);
    expect(statusOf(db).TimeToLiveStatus).toBe('ENABLING');
    clock.advance(1);
    expect(statusOf(db)).toEqual({ TimeToLiveStatus: 'ENABLED', AttributeName: 'expires' });
    expect(table.timeToLive.activeAttribute).toBe('expires');

    clock.advance(HOUR);
    db.updateTimeToLive(disable('expires'));
    expect(statusOf(db)).toEqual({ TimeToLiveStatus: 'DISABLING', AttributeName: 'expires' });
    expect(table.timeToLive.activeAttribute).toBeUndefined();
    expectRejected(
      db,
      () => db.updateTimeToLive(disable('expires')),
      ValidationException,
      'TimeToLive is already disabled',
    );
    clock.advance(10 * MINUTE);
    expect(statusOf(db)).toEqual({ TimeToLiveStatus: 'DISABLED' });
  });

  it('takes a Duration object, and a bad one is refused by name', async () => {
    const { clock, db } = await makeDb({ timeToLive: { transitionTime: { seconds: 30 } } });
    makeTable(db);
    db.updateTimeToLive(enable('expires'));
    clock.advance(30 * SECOND);
    expect(statusOf(db).TimeToLiveStatus).toBe('ENABLED');
    await expect(makeDb({ timeToLive: { transitionTime: -1 } })).rejects.toThrow(
      /^Invalid database option timeToLive: transitionTime: /,
    );
  });

  it('DeleteTable cancels the pending transition', async () => {
    const { clock, db, table } = await fixture({ transition: 10 * MINUTE });
    const heard: (string | undefined)[] = [];
    table.timeToLive.onChange((attribute) => heard.push(attribute));
    db.updateTimeToLive(enable('expires'));
    const pending = clock.pendingTimers;
    db.deleteTable({ TableName: 'items' });
    expect(clock.pendingTimers).toBe(pending - 1);
    clock.advance(HOUR);
    expect(heard).toEqual([]);
    expect(table.timeToLive.status).toBe('ENABLING');
  });

  it('close() cancels every pending transition', async () => {
    const { clock, db, table } = await fixture({ transition: 10 * MINUTE });
    db.updateTimeToLive(enable('expires'));
    db.close();
    clock.advance(HOUR);
    expect(table.timeToLive.status).toBe('ENABLING');
  });
});
