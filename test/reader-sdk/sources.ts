/**
 * The sources the reader suites run over, with `describe.each`: the embedded stream, and the same stream read
 * through the real AWS SDK v3 DynamoDB Streams clients, wired in process to the database by createAwsHandler.
 * The database and the SDK source share one ManualClock, so iterator expiry, trimming and the reader's poll
 * waits all move together.
 */
import {
  DescribeStreamCommand,
  DynamoDBStreams,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
} from '@aws-sdk/client-dynamodb-streams';
import { embeddedSource, sdkStreamSource, type StreamReader, type StreamReaderEvents, type StreamSource } from '../../src/index.js';
import type { ReaderFixture } from '../reader/helpers.js';
import { clientConfig } from '../wire/helpers.js';

export interface SourceKind {
  name: string;
  /** Whether the source counts records lost to trimming (the embedded one can; over the wire nobody can). */
  countsLoss: boolean;
  make(fixture: ReaderFixture): StreamSource;
}

export const SOURCES: SourceKind[] = [
  { name: 'embeddedSource(stream)', countsLoss: true, make: ({ stream }) => embeddedSource(stream) },
  {
    name: 'sdkStreamSource(new DynamoDBStreams(...)) over createAwsHandler(db)',
    countsLoss: false,
    make: ({ db, clock, stream }) => sdkStreamSource(new DynamoDBStreams(clientConfig(db)), { streamArn: stream.arn, clock }),
  },
  {
    name: 'sdkStreamSource(new DynamoDBStreamsClient(...), { commands }) over createAwsHandler(db)',
    countsLoss: false,
    make: ({ db, clock, stream }) =>
      sdkStreamSource(new DynamoDBStreamsClient(clientConfig(db)), {
        streamArn: stream.arn,
        clock,
        commands: { DescribeStreamCommand, GetShardIteratorCommand, GetRecordsCommand },
      }),
  },
];

/** The reader's shardStarted / shardFinished events, as `+id` and `-id`. */
export function lifecycle(reader: StreamReader): string[] {
  const log: string[] = [];
  reader.on('shardStarted', ({ shardId }: StreamReaderEvents['shardStarted']) => log.push(`+${shardId}`));
  reader.on('shardFinished', ({ shardId }: StreamReaderEvents['shardFinished']) => log.push(`-${shardId}`));
  return log;
}

/** Each shard's status, by id. */
export function statuses(reader: StreamReader): Record<string, string> {
  return Object.fromEntries(reader.metrics().map((shard) => [shard.shardId, shard.status]));
}

/**
 * Lets the in-process SDK round trips finish. A call through the SDK takes a few dozen promise turns (its
 * middleware stack, the handler's body stream), so this yields to the event loop a few times; it never
 * touches the clock.
 */
export async function settleSdk(rounds = 20): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise((resolve) => setImmediate(resolve));
}
