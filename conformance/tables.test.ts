/** Tables: CreateTable, DescribeTable, UpdateTable (streams), DeleteTable, ListTables, on both endpoints. */
import {
  CreateTableCommand,
  DeleteTableCommand,
  DescribeTableCommand,
  ListTablesCommand,
  UpdateTableCommand,
  type CreateTableCommandInput,
} from '@aws-sdk/client-dynamodb';
import { DescribeStreamCommand, ListStreamsCommand } from '@aws-sdk/client-dynamodb-streams';
import { describe, it } from 'vitest';
import { expectSameOnBoth } from './scenario.js';

const hashOnly = (TableName: string, extra: Partial<CreateTableCommandInput> = {}): CreateTableCommandInput => ({
  TableName,
  KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
  AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
  BillingMode: 'PAY_PER_REQUEST',
  ...extra,
});

describe('tables', () => {
  it('CreateTable, DescribeTable and DeleteTable of a PAY_PER_REQUEST hash table', async () => {
    await expectSameOnBoth(async ({ client, step, table }) => {
      const name = table('plain');
      await step('create', () => client.send(new CreateTableCommand(hashOnly(name))));
      await step('describe', () => client.send(new DescribeTableCommand({ TableName: name })));
      await step('create again', () => client.send(new CreateTableCommand(hashOnly(name))));
      await step('delete', () => client.send(new DeleteTableCommand({ TableName: name })), ['delete-table-status']);
      await step('describe after delete', () => client.send(new DescribeTableCommand({ TableName: name })));
      await step('delete again', () => client.send(new DeleteTableCommand({ TableName: name })));
    });
  });

  it('a PROVISIONED table with a hash and a range key of each key type', async () => {
    await expectSameOnBoth(async ({ client, step, table }) => {
      for (const type of ['S', 'N', 'B'] as const) {
        const name = table(`provisioned_${type}`);
        await step(`create ${type}`, () =>
          client.send(
            new CreateTableCommand({
              TableName: name,
              KeySchema: [
                { AttributeName: 'pk', KeyType: 'HASH' },
                { AttributeName: 'sk', KeyType: 'RANGE' },
              ],
              AttributeDefinitions: [
                { AttributeName: 'pk', AttributeType: 'S' },
                { AttributeName: 'sk', AttributeType: type },
              ],
              ProvisionedThroughput: { ReadCapacityUnits: 5, WriteCapacityUnits: 7 },
            }),
          ),
        );
        await step(`describe ${type}`, () => client.send(new DescribeTableCommand({ TableName: name })));
      }
    });
  });

  it('a table created with each stream view type, and its stream described', async () => {
    await expectSameOnBoth(async ({ client, streams, step, table, scope }) => {
      for (const view of ['KEYS_ONLY', 'NEW_IMAGE', 'OLD_IMAGE', 'NEW_AND_OLD_IMAGES'] as const) {
        scope(view);
        const name = table(`view_${view.toLowerCase()}`);
        const created = await step(`create ${view}`, () =>
          client.send(
            new CreateTableCommand(
              hashOnly(name, { StreamSpecification: { StreamEnabled: true, StreamViewType: view } }),
            ),
          ),
        );
        const arn = created?.TableDescription?.LatestStreamArn;
        await step(`describe stream ${view}`, () => streams.send(new DescribeStreamCommand({ StreamArn: arn })));
        await step(`list streams of ${view}`, () => streams.send(new ListStreamsCommand({ TableName: name })));
      }
    });
  });

  it('UpdateTable disables the stream, enables a new one, and DeleteTable disables it', async () => {
    await expectSameOnBoth(async ({ client, streams, step, table }) => {
      const name = table('lifecycle');
      const created = await step('create', () =>
        client.send(
          new CreateTableCommand(
            hashOnly(name, { StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_IMAGE' } }),
          ),
        ),
      );
      const first = created?.TableDescription?.LatestStreamArn;
      await step('enable again while enabled', () =>
        client.send(
          new UpdateTableCommand({
            TableName: name,
            StreamSpecification: { StreamEnabled: true, StreamViewType: 'KEYS_ONLY' },
          }),
        ),
      );
      await step('disable', () =>
        client.send(new UpdateTableCommand({ TableName: name, StreamSpecification: { StreamEnabled: false } })),
      );
      await step('describe table, stream disabled', () => client.send(new DescribeTableCommand({ TableName: name })));
      await step('describe the disabled stream', () => streams.send(new DescribeStreamCommand({ StreamArn: first })));
      await step('disable while disabled', () =>
        client.send(new UpdateTableCommand({ TableName: name, StreamSpecification: { StreamEnabled: false } })),
      );
      const enabled = await step('enable a new stream', () =>
        client.send(
          new UpdateTableCommand({
            TableName: name,
            StreamSpecification: { StreamEnabled: true, StreamViewType: 'OLD_IMAGE' },
          }),
        ),
      );
      const second = enabled?.TableDescription?.LatestStreamArn;
      await step('describe the new stream', () => streams.send(new DescribeStreamCommand({ StreamArn: second })));
      await step('list streams of the table', () => streams.send(new ListStreamsCommand({ TableName: name })));
      await step('delete', () => client.send(new DeleteTableCommand({ TableName: name })), ['delete-table-status']);
      await step('describe the stream of the deleted table', () =>
        streams.send(new DescribeStreamCommand({ StreamArn: second })),
      );
    });
  });

  it('ListTables pages with Limit and ExclusiveStartTableName', async () => {
    await expectSameOnBoth(async ({ client, step, table }) => {
      // Names that sort after every other table of the suite, so that the pages hold only these.
      const names = ['zzzz.a', 'zzzz.b', 'zzzz.c'].map(table);
      for (const name of names) await step(`create ${name}`, () => client.send(new CreateTableCommand(hashOnly(name))));
      const first = await step('page 1', () =>
        client.send(new ListTablesCommand({ ExclusiveStartTableName: 'zzzz.', Limit: 2 })),
      );
      await step('page 2', () =>
        client.send(new ListTablesCommand({ ExclusiveStartTableName: first?.LastEvaluatedTableName, Limit: 2 })),
      );
      await step('from the last', () => client.send(new ListTablesCommand({ ExclusiveStartTableName: names[2] })));
    });
  });
});
