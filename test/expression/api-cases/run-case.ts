/**
 * Runs one row of the API-level expression suite through the AWS SDK v3 clients (against shardline in process,
 * or, to record a row, against DynamoDB Local): a fresh table keyed by `pk` (S) and `sk` (N) with a
 * NEW_AND_OLD_IMAGES stream, the row's items put, the request sent, then the stream read.
 */
import {
  CreateTableCommand,
  DeleteItemCommand,
  DescribeTableCommand,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  ScanCommand,
  UpdateItemCommand,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type DynamoDBStreamsClient,
} from '@aws-sdk/client-dynamodb-streams';
import type { ApiCase, Expected, ExpectedError, Item, StreamChange } from './case-types.js';

export interface Clients {
  client: DynamoDBClient;
  streams: DynamoDBStreamsClient;
}

/** The row's request; its output as a plain record (the outputs' own types have no index signature). */
async function send(client: DynamoDBClient, row: ApiCase, TableName: string): Promise<Record<string, unknown>> {
  const input = { ...row.input, TableName } as never;
  const output: object = await sendTyped(client, row.op, input);
  return output as Record<string, unknown>;
}

function sendTyped(client: DynamoDBClient, op: ApiCase['op'], input: never): Promise<object> {
  switch (op) {
    case 'PutItem':
      return client.send(new PutItemCommand(input));
    case 'UpdateItem':
      return client.send(new UpdateItemCommand(input));
    case 'DeleteItem':
      return client.send(new DeleteItemCommand(input));
    case 'GetItem':
      return client.send(new GetItemCommand(input));
    case 'Query':
      return client.send(new QueryCommand(input));
    case 'Scan':
      return client.send(new ScanCommand(input));
  }
}

/** Every record of the table's stream, from TRIM_HORIZON of each shard. */
async function streamChanges({ client, streams }: Clients, TableName: string): Promise<StreamChange[]> {
  const table = await client.send(new DescribeTableCommand({ TableName }));
  const StreamArn = table.Table?.LatestStreamArn;
  const description = await streams.send(new DescribeStreamCommand({ StreamArn }));
  const changes: StreamChange[] = [];
  for (const shard of description.StreamDescription?.Shards ?? []) {
    const start = await streams.send(
      new GetShardIteratorCommand({ StreamArn, ShardId: shard.ShardId, ShardIteratorType: 'TRIM_HORIZON' }),
    );
    for (let iterator = start.ShardIterator, page = 0; iterator !== undefined && page < 10; page++) {
      const output = await streams.send(new GetRecordsCommand({ ShardIterator: iterator }));
      for (const record of output.Records ?? []) {
        const { Keys, OldImage, NewImage } = record.dynamodb ?? {};
        const change: StreamChange = { eventName: String(record.eventName), Keys: Keys as Item };
        if (OldImage !== undefined) change.OldImage = OldImage as Item;
        if (NewImage !== undefined) change.NewImage = NewImage as Item;
        changes.push(change);
      }
      iterator = (output.Records ?? []).length === 0 ? undefined : output.NextShardIterator;
    }
  }
  return changes;
}

/** The row's answer and the records it left (those of the row's own items taken off). */
export async function runCase(clients: Clients, row: ApiCase, TableName: string): Promise<Expected> {
  const { client } = clients;
  await client.send(
    new CreateTableCommand({
      TableName,
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
      AttributeDefinitions: [
        { AttributeName: 'pk', AttributeType: 'S' },
        { AttributeName: 'sk', AttributeType: 'N' },
      ],
      BillingMode: 'PAY_PER_REQUEST',
      StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
    }),
  );
  for (const Item of row.items ?? []) await client.send(new PutItemCommand({ TableName, Item }));
  const before = (await streamChanges(clients, TableName)).length;
  let result: { output: Record<string, unknown> } | { error: ExpectedError };
  try {
    const { $metadata: _metadata, ...output } = await send(client, row, TableName);
    result = { output };
  } catch (thrown) {
    const error = thrown as Error & { Item?: Item; $metadata?: unknown };
    if (error.$metadata === undefined) throw thrown;
    result = {
      error: { name: error.name, message: error.message, ...(error.Item === undefined ? {} : { Item: error.Item }) },
    };
  }
  return { ...result, stream: (await streamChanges(clients, TableName)).slice(before) };
}
