import { historyFromDescribeStream, type DescribedShard } from '../stream/picture/history-from-describe-stream.js';
import type { ShardHistory } from '../stream/picture/shard-history.js';
import type { StreamTarget } from './shardline-history-request.js';

export interface AwsApiRequest {
  endpoint: string;
  target: StreamTarget;
  /** Count each shard's records with GetRecords from TRIM_HORIZON (reads the whole stream). */
  countRecords: boolean;
  /** The time the picture is taken at (epoch ms). */
  now: number;
}

/** GetRecords pages read per shard at most when counting, so a busy stream cannot keep the command going. */
const MAX_PAGES_PER_SHARD = 1000;
const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * A shard history through the AWS API, for an endpoint that is not a shardline server (AWS, DynamoDB Local):
 * DescribeTable for the stream's ARN, DescribeStream page by page, and optionally GetRecords for record counts,
 * with the AWS SDK (a peer dependency, loaded only here) and its usual credential chain; a local endpoint without
 * credentials in the environment gets dummy ones, as DynamoDB Local takes any.
 */
export async function historyThroughAwsApi(request: AwsApiRequest): Promise<ShardHistory> {
  const [dynamodb, streams] = await loadSdk();
  const config = clientConfig(request.endpoint);
  const tables = new dynamodb.DynamoDBClient(config);
  const client = new streams.DynamoDBStreamsClient(config);
  try {
    let streamArn: string;
    if ('StreamArn' in request.target) {
      streamArn = request.target.StreamArn;
    } else {
      const { Table } = await tables.send(new dynamodb.DescribeTableCommand({ TableName: request.target.TableName }));
      if (Table?.LatestStreamArn === undefined) throw new Error(`Table ${request.target.TableName} has no stream`);
      streamArn = Table.LatestStreamArn;
    }
    const shards: DescribedShard[] = [];
    let description: Awaited<ReturnType<typeof describePage>>['StreamDescription'];
    let start: string | undefined;
    const describePage = (exclusiveStart: string | undefined) =>
      client.send(
        new streams.DescribeStreamCommand({ StreamArn: streamArn, ExclusiveStartShardId: exclusiveStart, Limit: 100 }),
      );
    do {
      description = (await describePage(start)).StreamDescription;
      shards.push(...(description?.Shards ?? []));
      start = description?.LastEvaluatedShardId;
    } while (start !== undefined);
    const recordCounts = request.countRecords ? await countRecords(client, streams, streamArn, shards) : undefined;
    return historyFromDescribeStream({
      description: { ...description, Shards: shards },
      now: request.now,
      ...(recordCounts === undefined ? {} : { recordCounts }),
    });
  } finally {
    tables.destroy();
    client.destroy();
  }
}

type Sdk = [typeof import('@aws-sdk/client-dynamodb'), typeof import('@aws-sdk/client-dynamodb-streams')];

async function loadSdk(): Promise<Sdk> {
  try {
    return await Promise.all([import('@aws-sdk/client-dynamodb'), import('@aws-sdk/client-dynamodb-streams')]);
  } catch {
    throw new Error(
      'drawing a stream of an endpoint other than shardline needs the AWS SDK: npm install @aws-sdk/client-dynamodb @aws-sdk/client-dynamodb-streams',
    );
  }
}

function clientConfig(endpoint: string) {
  const env = process.env;
  const region = env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? 'us-east-1';
  const local = LOCAL_HOSTS.has(new URL(endpoint).hostname);
  const hasCredentials = env.AWS_ACCESS_KEY_ID !== undefined || env.AWS_PROFILE !== undefined;
  return {
    endpoint,
    region,
    ...(local && !hasCredentials ? { credentials: { accessKeyId: 'shardline', secretAccessKey: 'shardline' } } : {}),
  };
}

/** Records from TRIM_HORIZON to the end of each shard (an open shard: to its first empty page). */
async function countRecords(
  client: InstanceType<Sdk[1]['DynamoDBStreamsClient']>,
  streams: Sdk[1],
  streamArn: string,
  shards: readonly DescribedShard[],
): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (const shard of shards) {
    const shardId = shard.ShardId as string;
    const open = shard.SequenceNumberRange?.EndingSequenceNumber === undefined;
    try {
      let iterator = (
        await client.send(
          new streams.GetShardIteratorCommand({
            StreamArn: streamArn,
            ShardId: shardId,
            ShardIteratorType: 'TRIM_HORIZON',
          }),
        )
      ).ShardIterator;
      let count = 0;
      for (let page = 0; iterator !== undefined && page < MAX_PAGES_PER_SHARD; page++) {
        const out = await client.send(new streams.GetRecordsCommand({ ShardIterator: iterator, Limit: 1000 }));
        const read = out.Records?.length ?? 0;
        count += read;
        if (open && read === 0) break;
        iterator = out.NextShardIterator;
      }
      counts.set(shardId, count);
    } catch {
      // A shard trimmed or gone between the listing and the read: its count stays unknown.
    }
  }
  return counts;
}
