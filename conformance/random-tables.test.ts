/**
 * Random table calls, on both endpoints: fast-check draws CreateTable requests (key schemas and attribute
 * definitions that fit, miss, repeat or contradict each other, both billing modes, stream specifications valid
 * and not, table names valid and not), then UpdateTable stream changes, DescribeTable, ListStreams and
 * DeleteTable on what exists. Every answer, every error's type and text, must agree.
 *
 * Not drawn: the requests whose answer is a listed difference on its own (PAY_PER_REQUEST with a throughput, a
 * billing mode outside the enum, a throughput below 1: known-differences.md), which the table scenarios check.
 * CONFORMANCE_SEED and CONFORMANCE_RUNS widen the search, as in random-operations.test.ts.
 */
import {
  CreateTableCommand,
  DeleteTableCommand,
  DescribeTableCommand,
  UpdateTableCommand,
  type AttributeDefinition,
  type CreateTableCommandInput,
  type KeySchemaElement,
  type StreamSpecification,
} from '@aws-sdk/client-dynamodb';
import { ListStreamsCommand } from '@aws-sdk/client-dynamodb-streams';
import fc from 'fast-check';
import { describe, it } from 'vitest';
import type { KnownDifferenceId } from './known-differences.js';
import { expectSameOnBoth, type ScenarioContext } from './scenario.js';

const keySchema: fc.Arbitrary<KeySchemaElement[]> = fc.oneof(
  { weight: 4, arbitrary: fc.constant<KeySchemaElement[]>([{ AttributeName: 'pk', KeyType: 'HASH' as const }]) },
  {
    weight: 4,
    arbitrary: fc.constant<KeySchemaElement[]>([
      { AttributeName: 'pk', KeyType: 'HASH' as const },
      { AttributeName: 'sk', KeyType: 'RANGE' as const },
    ]),
  },
  { weight: 1, arbitrary: fc.constant<KeySchemaElement[]>([{ AttributeName: 'sk', KeyType: 'RANGE' as const }]) },
  {
    weight: 1,
    arbitrary: fc.constant<KeySchemaElement[]>([
      { AttributeName: 'pk', KeyType: 'HASH' as const },
      { AttributeName: 'pk', KeyType: 'RANGE' as const },
    ]),
  },
  {
    weight: 1,
    arbitrary: fc.constant<KeySchemaElement[]>([
      { AttributeName: 'pk', KeyType: 'RANGE' as const },
      { AttributeName: 'sk', KeyType: 'HASH' as const },
    ]),
  },
  {
    weight: 1,
    arbitrary: fc.constant<KeySchemaElement[]>([
      { AttributeName: 'pk', KeyType: 'HASH' as const },
      { AttributeName: 'sk', KeyType: 'HASH' as const },
    ]),
  },
  { weight: 1, arbitrary: fc.constant<KeySchemaElement[]>([]) },
);
const scalarType = fc.constantFrom<AttributeDefinition['AttributeType']>('S', 'N', 'B');
const definitions: fc.Arbitrary<AttributeDefinition[]> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.tuple(scalarType, scalarType).map(
      ([a, b]) =>
        [
          { AttributeName: 'pk', AttributeType: a },
          { AttributeName: 'sk', AttributeType: b },
        ] as AttributeDefinition[],
    ),
  },
  { weight: 3, arbitrary: scalarType.map((a): AttributeDefinition[] => [{ AttributeName: 'pk', AttributeType: a }]) },
  {
    weight: 1,
    arbitrary: scalarType.map((a): AttributeDefinition[] => [
      { AttributeName: 'pk', AttributeType: a },
      { AttributeName: 'other', AttributeType: a },
    ]),
  },
  {
    weight: 1,
    arbitrary: scalarType.map((a): AttributeDefinition[] => [
      { AttributeName: 'pk', AttributeType: a },
      { AttributeName: 'pk', AttributeType: a },
    ]),
  },
  {
    weight: 1,
    arbitrary: fc.constant<AttributeDefinition[]>([
      { AttributeName: 'pk', AttributeType: 'X' as AttributeDefinition['AttributeType'] },
    ]),
  },
  { weight: 1, arbitrary: fc.constant<AttributeDefinition[]>([]) },
);
const streamSpecification: fc.Arbitrary<StreamSpecification | undefined> = fc.oneof(
  { weight: 3, arbitrary: fc.constant(undefined) },
  {
    weight: 4,
    arbitrary: fc
      .constantFrom<StreamSpecification['StreamViewType']>('KEYS_ONLY', 'NEW_IMAGE', 'OLD_IMAGE', 'NEW_AND_OLD_IMAGES')
      .map((StreamViewType) => ({ StreamEnabled: true, StreamViewType })),
  },
  { weight: 1, arbitrary: fc.constant({ StreamEnabled: true }) },
  { weight: 1, arbitrary: fc.constant({ StreamEnabled: false }) },
  { weight: 1, arbitrary: fc.constant({ StreamEnabled: false, StreamViewType: 'NEW_IMAGE' as const }) },
  {
    weight: 1,
    arbitrary: fc.constant({ StreamEnabled: true, StreamViewType: 'ALL' as StreamSpecification['StreamViewType'] }),
  },
);
const billing: fc.Arbitrary<Pick<CreateTableCommandInput, 'BillingMode' | 'ProvisionedThroughput'>> = fc.oneof(
  fc.constant({ BillingMode: 'PAY_PER_REQUEST' as const }),
  fc.constant({
    BillingMode: 'PROVISIONED' as const,
    ProvisionedThroughput: { ReadCapacityUnits: 1, WriteCapacityUnits: 2 },
  }),
  fc.constant({ ProvisionedThroughput: { ReadCapacityUnits: 5, WriteCapacityUnits: 5 } }),
  fc.constant({ BillingMode: 'PROVISIONED' as const }),
  fc.constant({}),
);
/** Index into the scenario's table names; a few names that are not valid. */
const name = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 0, max: 1 }) },
  { weight: 1, arbitrary: fc.constantFrom('ab', 'bad name!') },
);

type Op =
  | {
      kind: 'create';
      name: number | string;
      keySchema: KeySchemaElement[];
      definitions: AttributeDefinition[];
      stream?: StreamSpecification;
      billing: Pick<CreateTableCommandInput, 'BillingMode' | 'ProvisionedThroughput'>;
    }
  | { kind: 'updateStream'; name: number | string; stream: StreamSpecification | undefined }
  | { kind: 'describe'; name: number | string }
  | { kind: 'listStreams'; name: number | string }
  | { kind: 'delete'; name: number | string };

const op: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('create' as const),
      name,
      keySchema,
      definitions,
      stream: streamSpecification,
      billing,
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({ kind: fc.constant('updateStream' as const), name, stream: streamSpecification }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('describe' as const), name }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('listStreams' as const), name }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('delete' as const), name }) },
);

async function run(context: ScenarioContext, names: readonly string[], step: number, o: Op): Promise<void> {
  const { client, streams } = context;
  const TableName = typeof o.name === 'number' ? (names[o.name] as string) : o.name;
  const label = `${step} ${o.kind}`;
  switch (o.kind) {
    case 'create':
      await context.step(label, () =>
        client.send(
          new CreateTableCommand({
            TableName,
            KeySchema: o.keySchema,
            AttributeDefinitions: o.definitions,
            StreamSpecification: o.stream,
            ...o.billing,
          }),
        ),
      );
      return;
    case 'updateStream':
      await context.step(label, () =>
        client.send(new UpdateTableCommand({ TableName, StreamSpecification: o.stream })),
      );
      return;
    case 'describe':
      await context.step(label, () => client.send(new DescribeTableCommand({ TableName })));
      return;
    case 'listStreams':
      await context.step(label, () => streams.send(new ListStreamsCommand({ TableName })));
      return;
    case 'delete': {
      // DeleteTable of a table that exists answers DELETING (AWS) where DynamoDB Local says ACTIVE: look first.
      const probe = await context.step(`${label}: probe`, () => client.send(new DescribeTableCommand({ TableName })));
      const known: KnownDifferenceId[] = probe !== undefined ? ['delete-table-status'] : [];
      await context.step(label, () => client.send(new DeleteTableCommand({ TableName })), known);
      return;
    }
  }
}

const SEED = Number(process.env.CONFORMANCE_SEED ?? 20261130);
const RUNS = Number(process.env.CONFORMANCE_RUNS ?? 25);

describe('random table calls', () => {
  it('answer the same on both endpoints', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 10 }), async (ops) => {
        await expectSameOnBoth(async (context) => {
          const names = [context.table('tbl_a'), context.table('tbl_b')];
          for (let i = 0; i < ops.length; i++) await run(context, names, i + 1, ops[i] as Op);
        });
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });
});
