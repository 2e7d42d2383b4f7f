/** Reading a table's whole stream through the SDK, the same way on both endpoints, as steps of a scenario. */
import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type _Record,
} from '@aws-sdk/client-dynamodb-streams';
import { canonical } from './canonical.js';
import { withEverywhereDifferences } from './known-differences.js';
import type { ScenarioContext } from './scenario.js';

export interface ReadOptions {
  /**
   * false: the records' order across keys is not promised (one BatchWriteItem's or TransactWriteItems' changes):
   * the pages are read without being recorded, and the records are noted as a sorted set, without their
   * sequence numbers, beside the check that those increase.
   */
  ordered?: boolean;
  /** GetRecords' Limit (none by default). */
  limit?: number;
}

/**
 * Every record of the table's latest stream, read from TRIM_HORIZON of each shard until a page comes back
 * empty (DynamoDB Local keeps one open shard per stream). Each call is a step named after `label`. Also notes,
 * per shard, whether its StartingSequenceNumber is at most its first record's (all AWS promises about it).
 */
export async function readStream(
  context: ScenarioContext,
  tableName: string,
  label: string,
  options: ReadOptions = {},
): Promise<_Record[]> {
  const { client, streams, step, note } = context;
  const ordered = options.ordered ?? true;
  const table = await step(`${label}: describe table`, () =>
    client.send(new DescribeTableCommand({ TableName: tableName })),
  );
  const StreamArn = table?.Table?.LatestStreamArn;
  const description = await step(`${label}: describe stream`, () =>
    streams.send(new DescribeStreamCommand({ StreamArn })),
  );
  const records: _Record[] = [];
  for (const shard of description?.StreamDescription?.Shards ?? []) {
    const start = await step(`${label}: iterator`, () =>
      streams.send(
        new GetShardIteratorCommand({ StreamArn, ShardId: shard.ShardId, ShardIteratorType: 'TRIM_HORIZON' }),
      ),
    );
    let iterator = start?.ShardIterator;
    const inShard: _Record[] = [];
    for (let page = 1; iterator !== undefined && page <= 20; page++) {
      const ShardIterator = iterator;
      const read = () => streams.send(new GetRecordsCommand({ ShardIterator, Limit: options.limit }));
      const output = ordered ? await step(`${label}: records page ${page}`, read) : await read();
      const got = output?.Records ?? [];
      inShard.push(...got);
      iterator = got.length === 0 ? undefined : output?.NextShardIterator;
    }
    const first = inShard[0]?.dynamodb?.SequenceNumber;
    const startNumber = shard.SequenceNumberRange?.StartingSequenceNumber;
    if (first !== undefined && startNumber !== undefined)
      note(`${label}: StartingSequenceNumber <= first record's`, BigInt(startNumber) <= BigInt(first));
    records.push(...inShard);
  }
  if (!ordered) {
    const numbers = records.map((record) => BigInt(record.dynamodb?.SequenceNumber ?? '0'));
    note(
      `${label}: sequence numbers increase`,
      numbers.every((n, i) => i === 0 || n > (numbers[i - 1] as bigint)),
    );
    const withoutNumbers = records.map((record) => {
      const { SequenceNumber: _number, ApproximateCreationDateTime: _time, ...dynamodb } = record.dynamodb ?? {};
      const { eventID: _id, ...rest } = record;
      const shaped = { ...rest, awsRegion: '<region>', dynamodb };
      // A note gets DynamoDB Local's `everywhere` differences applied as a whole, which cannot reach inside these
      // strings: apply them to each record before it becomes one.
      return canonical(withEverywhereDifferences(context.side.name, shaped, label));
    });
    note(`${label}: records, as a set`, withoutNumbers.sort());
  }
  return records;
}
