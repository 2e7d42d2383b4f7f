// A stream consumer that outlives its position, against `shardline serve --clock manual` over HTTP: it reads,
// the clock moves 25 hours, and its checkpoint is past the trim horizon. examples/python/trimmed_consumer.py is
// the same in Python (boto3). Run it with `npx tsx examples/trimmed-consumer.ts http://127.0.0.1:8000` against a
// running server; test/trimmed-consumer-example.test.ts runs it too.
import { CreateTableCommand, DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
  TrimmedDataAccessException,
  type ShardIteratorType,
} from '@aws-sdk/client-dynamodb-streams';
import { shardlineControl } from '../src/public/wire.js';

export async function runTrimmedConsumer(
  endpoint: string,
  log: (line: string) => void = console.log,
): Promise<{ lost: string[]; readAfterRestart: string[] }> {
  const config = {
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIDSHARDLINE', secretAccessKey: 'shardline' },
  };
  const dynamodb = new DynamoDBClient(config);
  const streams = new DynamoDBStreamsClient(config);
  const control = shardlineControl(endpoint);
  try {
    const clock = await control.now();
    if (!clock.Manual) throw new Error('start the server with: shardline serve --clock manual');
    const TableName = `events-${clock.EpochMillis}`; // a fresh table on every run against the same server
    const created = await dynamodb.send(
      new CreateTableCommand({
        TableName,
        KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
        AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
        BillingMode: 'PAY_PER_REQUEST',
        StreamSpecification: { StreamEnabled: true, StreamViewType: 'KEYS_ONLY' },
      }),
    );
    const StreamArn = created.TableDescription!.LatestStreamArn!;
    const written: string[] = [];
    const put = async (id: string) => {
      await dynamodb.send(new PutItemCommand({ TableName, Item: { id: { S: id } } }));
      written.push(id);
    };

    // The consumer: what it has seen, and its checkpoint (shard and sequence number of the last record).
    const seen: string[] = [];
    let checkpoint: { shardId: string; sequenceNumber: string } | undefined;
    const readShard = async (shardId: string, type: ShardIteratorType, sequenceNumber?: string) => {
      const start = { StreamArn, ShardId: shardId, ShardIteratorType: type, SequenceNumber: sequenceNumber };
      let iterator = (await streams.send(new GetShardIteratorCommand(start))).ShardIterator;
      while (iterator !== undefined) {
        const page = await streams.send(new GetRecordsCommand({ ShardIterator: iterator }));
        for (const record of page.Records ?? []) {
          seen.push(record.dynamodb!.Keys!.id!.S!);
          checkpoint = { shardId, sequenceNumber: record.dynamodb!.SequenceNumber! };
        }
        // An open shard answers an empty page and a next iterator: caught up for now.
        if ((page.Records ?? []).length === 0) break;
        iterator = page.NextShardIterator;
      }
    };
    const readFromTrimHorizon = async () => {
      const { StreamDescription } = await streams.send(new DescribeStreamCommand({ StreamArn }));
      for (const shard of StreamDescription!.Shards!) await readShard(shard.ShardId!, 'TRIM_HORIZON');
    };

    for (const n of [0, 1, 2]) await put(`early-${n}`);
    await readFromTrimHorizon();
    log(`read ${seen.length} records, checkpoint ${checkpoint!.sequenceNumber}`);

    // Written while the consumer is away; a day later they are past retention, unread.
    for (const n of [0, 1]) await put(`unread-${n}`);
    log(`clock advanced to ${(await control.advance('25h')).Now}`);
    await put('after');

    const seenBefore = seen.length;
    try {
      await readShard(checkpoint!.shardId, 'AFTER_SEQUENCE_NUMBER', checkpoint!.sequenceNumber);
    } catch (error) {
      if (!(error instanceof TrimmedDataAccessException)) throw error;
      log(`checkpoint ${checkpoint!.sequenceNumber} is past the trim horizon: restarting from TRIM_HORIZON`);
      await readFromTrimHorizon();
    }
    const lost = written.filter((id) => !seen.includes(id));
    const readAfterRestart = seen.slice(seenBefore);
    log(`lost ${lost.length} records to the trim horizon: ${lost.join(', ')}`);
    log(`read ${readAfterRestart.length} record(s) after the restart: ${readAfterRestart.join(', ')}`);
    return { lost, readAfterRestart };
  } finally {
    dynamodb.destroy();
    streams.destroy();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await runTrimmedConsumer(process.argv[2] ?? 'http://127.0.0.1:8000');
}
