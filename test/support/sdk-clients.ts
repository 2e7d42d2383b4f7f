/**
 * A deterministic database with the real AWS SDK v3 clients wired to it in process (no socket), in the mode
 * the suite runs in (SDK_MODE).
 */
import { DynamoDBClient, type DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { type Database, type DatabaseOptions, type ManualClock } from '../../src/index.js';
import { createAwsHandler, inProcessPlugin } from '../../src/public/wire.js';
import { makeDb } from './database.js';

export interface WireFixture {
  clock: ManualClock;
  db: Database;
  client: DynamoDBClient;
  doc: DynamoDBDocumentClient;
  streams: DynamoDBStreamsClient;
}

/** Client settings for an in-process database: fake credentials, and no retries (a retry would wait on a real timer). */
export function clientConfig(db: Database): DynamoDBClientConfig {
  return {
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIDSHARDLINE', secretAccessKey: 'shardline' },
    requestHandler: createAwsHandler(db),
    maxAttempts: 1,
  };
}

/**
 * How the SDK clients of these suites reach the database. `npm test` runs the wire and reader-sdk suites twice
 * (vitest.config.ts): once through the request handler alone (the whole SDK stack, the JSON on the wire), and
 * once with SHARDLINE_SDK_MODE=plugin, where `inProcessPlugin(db)` answers successful calls without the SDK's
 * serialisation. Every assertion of these suites then holds for both, which is what the plugin promises.
 */
export const SDK_MODE: 'handler' | 'plugin' = process.env.SHARDLINE_SDK_MODE === 'plugin' ? 'plugin' : 'handler';

/** `client`, with shardline's in-process plugin added when the suite runs in plugin mode. */
export function sdkMode<C extends { middlewareStack: { use(plugin: never): void } }>(client: C, db: Database): C {
  if (SDK_MODE === 'plugin') client.middlewareStack.use(inProcessPlugin(db) as never);
  return client;
}

/** A database at T0 (seed 42 unless told) with a DynamoDB client, a document client and a Streams client. */
export async function makeWire(options: Omit<DatabaseOptions, 'clock'> = {}): Promise<WireFixture> {
  const { clock, db } = await makeDb(options);
  const client = sdkMode(new DynamoDBClient(clientConfig(db)), db);
  const doc = DynamoDBDocumentClient.from(client);
  const streams = sdkMode(new DynamoDBStreamsClient(clientConfig(db)), db);
  return { clock, db, client, doc, streams };
}

/** An SDK output without its `$metadata`, to compare with the typed API's output. */
export function withoutMetadata<T extends object>(output: T): Omit<T, '$metadata'> {
  const { $metadata: _metadata, ...rest } = output as T & { $metadata?: unknown };
  return rest;
}
