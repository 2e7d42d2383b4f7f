/**
 * The sources the reader-sdk suites run over, with `describe.each`: the embedded stream, and the same stream read
 * through the real AWS SDK v3 DynamoDB Streams clients, wired in process to the database by createAwsHandler.
 * The database and the SDK source share one ManualClock, so iterator expiry, trimming and the reader's poll
 * waits all move together. Tests wait for what they need (ScheduleWatch), never a fixed number of turns.
 */
import {
  DescribeStreamCommand,
  DynamoDBStreams,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
} from '@aws-sdk/client-dynamodb-streams';
import { StreamReader, type StreamSource } from '../../src/index.js';
import { sdkStreamSource } from '../../src/public/reader.js';
import { embeddedSource } from '../../src/reader/index.js';
import type { ReaderFixture } from './reader-fixture.js';
import { ids } from './reader-results.js';
import { ScheduleWatch } from './schedule-watch.js';
import { clientConfig, sdkMode } from './sdk-clients.js';

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
    make: ({ db, clock, stream }) =>
      sdkStreamSource(sdkMode(new DynamoDBStreams(clientConfig(db)), db), { streamArn: stream.arn, clock }),
  },
  {
    name: 'sdkStreamSource(new DynamoDBStreamsClient(...), { commands }) over createAwsHandler(db)',
    countsLoss: false,
    make: ({ db, clock, stream }) =>
      sdkStreamSource(sdkMode(new DynamoDBStreamsClient(clientConfig(db)), db), {
        streamArn: stream.arn,
        clock,
        commands: { DescribeStreamCommand, GetShardIteratorCommand, GetRecordsCommand },
      }),
  },
];

/**
 * A `for await` over the batches of a reader of `source` (its waits counted, `pollIntervalMs` 500, stopped by
 * `controller`), the ids of each batch's records collected into `seen`; `loop` settles when it ends.
 */
export function forAwaitLoop(source: StreamSource): {
  waits: ScheduleWatch;
  controller: AbortController;
  seen: string[];
  loop: Promise<void>;
} {
  const waits = new ScheduleWatch();
  const reader = new StreamReader(waits.source(source), { pollIntervalMs: 500 });
  const controller = new AbortController();
  const seen: string[] = [];
  const loop = (async () => {
    for await (const batch of reader.batches({ signal: controller.signal })) seen.push(...ids(batch.records));
  })();
  return { waits, controller, seen, loop };
}
