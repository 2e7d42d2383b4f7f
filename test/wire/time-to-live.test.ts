/**
 * UpdateTimeToLive and DescribeTimeToLive through the AWS SDK in process (and the JSON they travel as): the typed
 * API's answers and AWS's errors, the one-hour rule on the database's clock, and the statuses.
 */
import {
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  DynamoDBClient,
  UpdateTimeToLiveCommand,
  type UpdateTimeToLiveCommandInput,
} from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import type { Database } from '../../src/index.js';
import { listen } from '../../src/public/wire.js';
import { dispatch } from '../../src/wire/index.js';
import { makeWire, withoutMetadata } from '../support/sdk-clients.js';
import { expectSdkError, sdkValidation } from '../support/sdk-errors.js';
import { makeTable } from '../support/tables.js';
import { HOUR, MINUTE } from '../support/time.js';

const spec = (Enabled: boolean, AttributeName: string, TableName = 'items'): UpdateTimeToLiveCommandInput => ({
  TableName,
  TimeToLiveSpecification: { Enabled, AttributeName },
});

async function withTable(options: { transition?: number } = {}) {
  const fixture = await makeWire(
    options.transition === undefined ? {} : { timeToLive: { transitionTime: options.transition } },
  );
  makeTable(fixture.db);
  return fixture;
}

/** The JSON answer to a raw request body, for what the SDK never sends. */
function raw(db: Database, operation: string, body: unknown): { status: number; body: Record<string, unknown> } {
  const response = dispatch(db, `DynamoDB_20120810.${operation}`, JSON.stringify(body));
  return { status: response.statusCode, body: JSON.parse(response.body) as Record<string, unknown> };
}

describe('UpdateTimeToLive and DescribeTimeToLive through DynamoDBClient', () => {
  it('answer what the typed API answers: the echoed specification, then ENABLED with the attribute', async () => {
    const { client, db } = await withTable();
    const enabled = await client.send(new UpdateTimeToLiveCommand(spec(true, 'expires')));
    expect(withoutMetadata(enabled)).toEqual({ TimeToLiveSpecification: { Enabled: true, AttributeName: 'expires' } });
    const described = await client.send(new DescribeTimeToLiveCommand({ TableName: 'items' }));
    expect(withoutMetadata(described)).toEqual({
      TimeToLiveDescription: { TimeToLiveStatus: 'ENABLED', AttributeName: 'expires' },
    });
    expect(withoutMetadata(described)).toEqual(db.describeTimeToLive({ TableName: 'items' }));
    expect(db.table('items').timeToLive.activeAttribute).toBe('expires');
    // DescribeTable says nothing of TTL, as in AWS.
    const table = await client.send(new DescribeTableCommand({ TableName: 'items' }));
    expect(JSON.stringify(table.Table)).not.toMatch(/TimeToLive/);
  });

  it('refuses a second change within the hour on the database clock, and takes it after', async () => {
    const { client, clock } = await withTable();
    await client.send(new UpdateTimeToLiveCommand(spec(true, 'expires')));
    clock.advance(HOUR - 1);
    await expectSdkError(
      client.send(new UpdateTimeToLiveCommand(spec(false, 'expires'))),
      sdkValidation('Time to live has been modified multiple times within a fixed interval'),
    );
    clock.advance(1);
    const disabled = await client.send(new UpdateTimeToLiveCommand(spec(false, 'expires')));
    expect(disabled.TimeToLiveSpecification).toEqual({ Enabled: false, AttributeName: 'expires' });
    const described = await client.send(new DescribeTimeToLiveCommand({ TableName: 'items' }));
    expect(described.TimeToLiveDescription).toEqual({ TimeToLiveStatus: 'DISABLED' });
  });

  it("AWS's errors, in AWS's order, through the SDK", async () => {
    const { client } = await withTable();
    const cases: [UpdateTimeToLiveCommandInput, string, string][] = [
      [
        { TableName: 'ab' } as UpdateTimeToLiveCommandInput,
        'ValidationException',
        "Invalid table/index name.  Table/index names must be between 3 and 255 characters long, and may contain only the characters a-z, A-Z, 0-9, '_', '-', and '.'",
      ],
      [
        { TableName: 'absent' } as UpdateTimeToLiveCommandInput,
        'ValidationException',
        "1 validation error detected: Value null at 'timeToLiveSpecification' failed to satisfy constraint: Member must not be null",
      ],
      [spec(true, 'expires', 'absent'), 'ResourceNotFoundException', 'Cannot do operations on a non-existent table'],
      [
        spec(true, 'a'.repeat(256)),
        'ValidationException',
        `1 validation error detected: Value '${'a'.repeat(256)}' at 'timeToLiveSpecification.attributeName' failed to satisfy constraint: Member must have length less than or equal to 255`,
      ],
      [spec(false, 'expires'), 'ValidationException', 'TimeToLive is already disabled'],
    ];
    for (const [input, name, message] of cases)
      await expectSdkError(client.send(new UpdateTimeToLiveCommand(input)), { name, message });
    await expectSdkError(client.send(new DescribeTimeToLiveCommand({ TableName: 'absent' })), {
      name: 'ResourceNotFoundException',
      message: 'Cannot do operations on a non-existent table',
    });
    await client.send(new UpdateTimeToLiveCommand(spec(true, 'expires')));
    await expectSdkError(
      client.send(new UpdateTimeToLiveCommand(spec(true, 'other'))),
      sdkValidation('TimeToLive is active on a different AttributeName: current AttributeName is expires'),
    );
    await expectSdkError(
      client.send(new UpdateTimeToLiveCommand(spec(true, 'expires'))),
      sdkValidation('TimeToLive is already enabled'),
    );
  });

  it('shows ENABLING, then ENABLED once the transition time has passed on the clock', async () => {
    const { client, clock } = await withTable({ transition: 5 * MINUTE });
    await client.send(new UpdateTimeToLiveCommand(spec(true, 'expires')));
    const status = async () =>
      (await client.send(new DescribeTimeToLiveCommand({ TableName: 'items' }))).TimeToLiveDescription;
    expect(await status()).toEqual({ TimeToLiveStatus: 'ENABLING', AttributeName: 'expires' });
    clock.advance(5 * MINUTE);
    expect(await status()).toEqual({ TimeToLiveStatus: 'ENABLED', AttributeName: 'expires' });
  });
});

describe('over HTTP (listen, as shardline serve)', () => {
  it('UpdateTimeToLive and DescribeTimeToLive answer as in process', async () => {
    const { db } = await withTable();
    const server = await listen(db, { port: 0, host: '127.0.0.1' });
    const client = new DynamoDBClient({
      region: 'us-east-1',
      endpoint: server.endpoint,
      credentials: { accessKeyId: 'AKIDSHARDLINE', secretAccessKey: 'shardline' },
      maxAttempts: 1,
    });
    try {
      const enabled = await client.send(new UpdateTimeToLiveCommand(spec(true, 'expires')));
      expect(enabled.TimeToLiveSpecification).toEqual({ Enabled: true, AttributeName: 'expires' });
      const described = await client.send(new DescribeTimeToLiveCommand({ TableName: 'items' }));
      expect(described.TimeToLiveDescription).toEqual({ TimeToLiveStatus: 'ENABLED', AttributeName: 'expires' });
      await expectSdkError(
        client.send(new UpdateTimeToLiveCommand(spec(true, 'expires'))),
        sdkValidation('TimeToLive is already enabled'),
      );
    } finally {
      client.destroy();
      await server.close();
    }
  });
});

describe('the JSON of UpdateTimeToLive', () => {
  it('a member of the wrong JSON type is a SerializationException, a null member an absent one', async () => {
    const { db } = await withTable();
    for (const specification of ['on', { Enabled: 'yes', AttributeName: 'e' }, { Enabled: true, AttributeName: 1 }]) {
      const answer = raw(db, 'UpdateTimeToLive', { TableName: 'items', TimeToLiveSpecification: specification });
      expect(answer.status).toBe(400);
      expect(answer.body.__type).toBe('com.amazon.coral.service#SerializationException');
    }
    expect(
      raw(db, 'UpdateTimeToLive', {
        TableName: 'items',
        TimeToLiveSpecification: { Enabled: null, AttributeName: 'e' },
      }).body,
    ).toEqual({
      __type: 'com.amazon.coral.validate#ValidationException',
      message:
        "1 validation error detected: Value null at 'timeToLiveSpecification.enabled' failed to satisfy constraint: Member must not be null",
    });
    expect(db.describeTimeToLive({ TableName: 'items' })).toEqual({
      TimeToLiveDescription: { TimeToLiveStatus: 'DISABLED' },
    });
    expect(
      raw(db, 'UpdateTimeToLive', {
        TableName: 'items',
        TimeToLiveSpecification: { Enabled: true, AttributeName: 'e' },
      }),
    ).toEqual({ status: 200, body: { TimeToLiveSpecification: { Enabled: true, AttributeName: 'e' } } });
  });
});
