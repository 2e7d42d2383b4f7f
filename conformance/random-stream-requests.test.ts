/**
 * Random Streams requests with one or several things wrong at once, on both endpoints: fast-check draws
 * DescribeStream, GetShardIterator and GetRecords calls whose members are each valid or not (an ARN of an unknown
 * table or label, not an ARN; an unknown or malformed shard id; a type outside the enum; sequence numbers that are
 * the stream's own, absent from it, or not numbers; iterators cut short or made up; every Limit edge), so that
 * which problem is reported first, and in which words, is compared too.
 *
 * Required members are never left out (`streams-missing-member`, checked in bad-inputs.test.ts).
 * CONFORMANCE_SEED and CONFORMANCE_RUNS widen the search, as in random-operations.test.ts.
 */
import { CreateTableCommand, DescribeTableCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type ShardIteratorType,
} from '@aws-sdk/client-dynamodb-streams';
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { idSkTable } from './id-sk-table.js';
import { expectSameOnBoth, type ScenarioContext } from './scenario.js';

type ArnChoice = 'valid' | 'unknown table' | 'other label' | 'not an ARN';
type ShardChoice = 'valid' | 'unknown' | 'malformed';
type SequenceChoice = 'none' | 'first' | 'last' | 'zeros' | 'one' | 'letters';
type IteratorChoice = 'latest taken' | 'cut short' | 'made up';

type Op =
  | { kind: 'describe'; arn: ArnChoice; limit?: number; start?: ShardChoice }
  | { kind: 'iterator'; arn: ArnChoice; shard: ShardChoice; type: string; sequence: SequenceChoice }
  | { kind: 'records'; iterator: IteratorChoice; limit?: number };

const arn = fc.constantFrom<ArnChoice>('valid', 'valid', 'unknown table', 'other label', 'not an ARN');
const shard = fc.constantFrom<ShardChoice>('valid', 'valid', 'unknown', 'malformed');
const limit = (values: number[]) => fc.option(fc.constantFrom(...values), { nil: undefined });
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record(
    {
      kind: fc.constant('describe' as const),
      arn,
      limit: limit([0, 1, 100, 101]),
      start: fc.option(shard, { nil: undefined }),
    },
    { requiredKeys: ['kind', 'arn'] },
  ),
  fc.record({
    kind: fc.constant('iterator' as const),
    arn,
    shard,
    type: fc.constantFrom<string>('TRIM_HORIZON', 'LATEST', 'AT_SEQUENCE_NUMBER', 'AFTER_SEQUENCE_NUMBER', 'BOGUS'),
    // Not a number past the shard's end in 40 digits: DynamoDB Local fails it with HTTP 500 (known-differences.md).
    sequence: fc.constantFrom<SequenceChoice>('none', 'first', 'last', 'zeros', 'one', 'letters'),
  }),
  fc
    .record(
      {
        kind: fc.constant('records' as const),
        iterator: fc.constantFrom<IteratorChoice>('latest taken', 'latest taken', 'cut short', 'made up'),
        limit: limit([0, 1, 2, 1000, 1001]),
      },
      { requiredKeys: ['kind', 'iterator'] },
    )
    // A bad iterator with a bad Limit: DynamoDB Local reports the iterator first, AWS's validation layer the Limit
    // (known-differences.md, "Not compared").
    .filter((o) => o.iterator === 'latest taken' || o.limit === undefined || (o.limit >= 1 && o.limit <= 1000)),
);

/** What each choice stands for on this side: its own ARN, shard id and sequence numbers. */
interface Stream {
  arn: Record<ArnChoice, string>;
  shard: Record<ShardChoice, string>;
  sequence: Record<SequenceChoice, string | undefined>;
  /** The last iterator a GetShardIterator answered, if any. */
  iterator?: string;
}

async function setUp(context: ScenarioContext): Promise<Stream> {
  const TableName = context.table('requests');
  await context.step('create table', () => context.client.send(new CreateTableCommand(idSkTable(TableName))));
  for (const sk of ['1', '2', '3'])
    await context.step(`put ${sk}`, () =>
      context.client.send(new PutItemCommand({ TableName, Item: { id: { S: 'a' }, sk: { N: sk } } })),
    );
  const table = await context.client.send(new DescribeTableCommand({ TableName }));
  const StreamArn = table.Table?.LatestStreamArn as string;
  const description = await context.streams.send(new DescribeStreamCommand({ StreamArn }));
  const ShardId = description.StreamDescription?.Shards?.[0]?.ShardId as string;
  const start = await context.streams.send(
    new GetShardIteratorCommand({ StreamArn, ShardId, ShardIteratorType: 'TRIM_HORIZON' }),
  );
  const records =
    (await context.streams.send(new GetRecordsCommand({ ShardIterator: start.ShardIterator }))).Records ?? [];
  const numbers = records.map((record) => record.dynamodb?.SequenceNumber as string);
  return {
    arn: {
      valid: StreamArn,
      'unknown table': StreamArn.replace(`table/${TableName}/`, `table/${TableName}_gone/`),
      // A label of the same table that no stream has: a day earlier.
      'other label': StreamArn.replace(/stream\/(\d{4})-/, (_match, year: string) => `stream/${Number(year) - 1}-`),
      'not an ARN': 'arn:aws:dynamodb:nowhere',
    },
    shard: { valid: ShardId, unknown: 'shardId-00000000000000000000-00000000', malformed: 'shard-1' },
    sequence: {
      none: undefined,
      first: numbers[0],
      last: numbers[numbers.length - 1],
      zeros: '0'.repeat(21),
      one: '1',
      letters: 'abc',
    },
  };
}

async function run(context: ScenarioContext, stream: Stream, step: number, o: Op): Promise<void> {
  const { streams } = context;
  if (o.kind === 'describe') {
    const input = {
      StreamArn: stream.arn[o.arn],
      Limit: o.limit,
      ExclusiveStartShardId: o.start === undefined ? undefined : stream.shard[o.start],
    };
    await context.step(`${step} describe ${JSON.stringify(o)}`, () => streams.send(new DescribeStreamCommand(input)));
  } else if (o.kind === 'iterator') {
    const input = {
      StreamArn: stream.arn[o.arn],
      ShardId: stream.shard[o.shard],
      ShardIteratorType: o.type as ShardIteratorType,
      SequenceNumber: stream.sequence[o.sequence],
    };
    const output = await context.step(`${step} iterator ${JSON.stringify(o)}`, () =>
      streams.send(new GetShardIteratorCommand(input)),
    );
    if (output?.ShardIterator !== undefined) stream.iterator = output.ShardIterator;
  } else {
    const taken = stream.iterator;
    if (o.iterator === 'latest taken' && taken === undefined) return;
    const ShardIterator =
      o.iterator === 'latest taken'
        ? (taken as string)
        : o.iterator === 'cut short'
          ? stream.arn.valid.slice(0, -3)
          : `${stream.arn.valid}|1|AAAAAAAAAAAA`;
    await context.step(`${step} records ${JSON.stringify(o)}`, () =>
      streams.send(new GetRecordsCommand({ ShardIterator, Limit: o.limit })),
    );
  }
}

const SEED = Number(process.env.CONFORMANCE_SEED ?? 20261130);
const RUNS = Number(process.env.CONFORMANCE_RUNS ?? 20);

describe('random Streams requests', () => {
  it('report the same problem, in the same words, on both endpoints', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 10 }), async (ops) => {
        await expectSameOnBoth(async (context) => {
          const stream = await setUp(context);
          for (let i = 0; i < ops.length; i++) await run(context, stream, i + 1, ops[i] as Op);
        });
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });
});
