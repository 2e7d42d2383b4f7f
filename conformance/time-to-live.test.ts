/**
 * UpdateTimeToLive and DescribeTimeToLive on both endpoints: the answers, and the errors in their order. DynamoDB
 * Local knows no one-change-an-hour rule, so shardline's clock is moved an hour before each change of the main
 * table, and the rule itself is one step on a table of its own (`ttl-one-change-an-hour`).
 */
import {
  CreateTableCommand,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  UpdateTimeToLiveCommand,
  type UpdateTimeToLiveCommandInput,
} from '@aws-sdk/client-dynamodb';
import { describe, it } from 'vitest';
import { expectSameOnBoth, type ScenarioContext } from './scenario.js';

const HOUR = 3_600_000;

const hashTable = (TableName: string) =>
  new CreateTableCommand({
    TableName,
    KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
    AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
    BillingMode: 'PAY_PER_REQUEST',
  });

/** A request the SDK's types would not let through, as a caller in JavaScript may send it. */
const loose = (input: unknown) => input as UpdateTimeToLiveCommandInput;

describe('time to live', () => {
  it('UpdateTimeToLive and DescribeTimeToLive: answers, and errors in their order', async () => {
    await expectSameOnBoth(async ({ client, side, step, table }: ScenarioContext) => {
      const name = table('ttl');
      const update = (label: string, input: UpdateTimeToLiveCommandInput, known: Parameters<typeof step>[2] = []) =>
        step(label, () => client.send(new UpdateTimeToLiveCommand(input)), known);
      const spec = (Enabled: boolean, AttributeName: string, TableName = name) => ({
        TableName,
        TimeToLiveSpecification: { Enabled, AttributeName },
      });
      /** shardline refuses a second change within the hour: its clock moves past it first. */
      const anHourLater = () => side.clock?.advance(HOUR);

      await step('create', () => client.send(hashTable(name)));
      await step('describe, never configured', () => client.send(new DescribeTimeToLiveCommand({ TableName: name })));
      await step('describe an absent table', () =>
        client.send(new DescribeTimeToLiveCommand({ TableName: `${name}_absent` })),
      );
      await step('describe a bad name', () => client.send(new DescribeTimeToLiveCommand({ TableName: 'ab' })));
      await update('a bad name, no specification', loose({ TableName: 'ab' }));
      await update('a bad name', spec(true, 'expires', 'a;b'));
      await update('no specification', loose({ TableName: name }), ['ttl-specification-texts']);
      await update('no specification, absent table', loose({ TableName: `${name}_absent` }), [
        'ttl-members-before-table',
        'ttl-specification-texts',
      ]);
      await update('no AttributeName', loose({ TableName: name, TimeToLiveSpecification: { Enabled: true } }), [
        'ttl-specification-texts',
      ]);
      await update('no Enabled', loose({ TableName: name, TimeToLiveSpecification: { AttributeName: 'expires' } }), [
        'ttl-specification-texts',
      ]);
      await update('an empty specification', loose({ TableName: name, TimeToLiveSpecification: {} }), [
        'ttl-specification-texts',
      ]);
      await update('an empty AttributeName', spec(true, ''), ['ttl-specification-texts']);
      await update('an AttributeName of 256 characters', spec(true, 'a'.repeat(256)), ['ttl-specification-texts']);
      await update('disable, already disabled', spec(false, 'expires'));
      await update('disable a 255-character name, already disabled', spec(false, 'a'.repeat(255)));
      await update('enable on an absent table', spec(true, 'expires', `${name}_absent`));

      await update('enable', spec(true, 'expires'));
      await step('describe, enabled', () => client.send(new DescribeTimeToLiveCommand({ TableName: name })));
      await step('DescribeTable, no TTL member', () => client.send(new DescribeTableCommand({ TableName: name })));
      anHourLater();
      await update('enable again', spec(true, 'expires'));
      await update('enable another attribute', spec(true, 'other'), ['ttl-different-attribute-text']);
      await update('disable another attribute', spec(false, 'other'), ['ttl-different-attribute-text']);
      await update('disable', spec(false, 'expires'));
      await step('describe, disabled', () => client.send(new DescribeTimeToLiveCommand({ TableName: name })));
      await update('disable again', spec(false, 'expires'));
      anHourLater();
      await update('enable the partition key', spec(true, 'id'));
      await step('describe, on the key', () => client.send(new DescribeTimeToLiveCommand({ TableName: name })));
    });
  });

  it('a second change within the hour', async () => {
    await expectSameOnBoth(async ({ client, step, table }: ScenarioContext) => {
      const name = table('ttl_hour');
      await step('create', () => client.send(hashTable(name)));
      await step('enable', () =>
        client.send(
          new UpdateTimeToLiveCommand({
            TableName: name,
            TimeToLiveSpecification: { Enabled: true, AttributeName: 'expires' },
          }),
        ),
      );
      await step(
        'disable at once',
        () =>
          client.send(
            new UpdateTimeToLiveCommand({
              TableName: name,
              TimeToLiveSpecification: { Enabled: false, AttributeName: 'expires' },
            }),
          ),
        ['ttl-one-change-an-hour'],
      );
    });
  });
});
