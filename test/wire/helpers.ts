/**
 * Helpers for the wire tests: a deterministic database with the real AWS SDK v3 clients wired to it in
 * process (no socket), and an assertion on an SDK error as a caller sees it: `name`, `message` and
 * `$metadata.httpStatusCode`.
 */
import { DynamoDBClient, type DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { expect } from 'vitest';
import { Database, ManualClock, type DatabaseOptions } from '../../src/index.js';
import { createAwsHandler, inProcessPlugin } from '../../src/public/wire.js';

/** 2026-01-01T12:30:15.250Z: a non-zero millisecond part shows that timestamps keep their milliseconds. */
export const T0 = Date.UTC(2026, 0, 1, 12, 30, 15, 250);

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

export async function makeWire(options: Omit<DatabaseOptions, 'clock'> = {}): Promise<WireFixture> {
  const clock = new ManualClock(T0);
  const db = await Database.create({ seed: 42, ...options, clock });
  const client = sdkMode(new DynamoDBClient(clientConfig(db)), db);
  const doc = DynamoDBDocumentClient.from(client);
  const streams = sdkMode(new DynamoDBStreamsClient(clientConfig(db)), db);
  return { clock, db, client, doc, streams };
}

export interface ExpectedSdkError {
  name: string;
  message: string;
  /** Default 400. */
  status?: number;
}

/** Awaits `promise`, expects it to reject with exactly this AWS error, and returns the error. */
export async function expectSdkError(promise: Promise<unknown>, expected: ExpectedSdkError): Promise<Error & Record<string, unknown>> {
  let thrown: unknown;
  try {
    await promise;
  } catch (error) {
    thrown = error;
  }
  expect(thrown, `expected ${expected.name}: ${expected.message}`).toBeInstanceOf(Error);
  const error = thrown as Error & { $metadata?: { httpStatusCode?: number } } & Record<string, unknown>;
  expect({ name: error.name, message: error.message, status: error.$metadata?.httpStatusCode }).toEqual({
    name: expected.name,
    message: expected.message,
    status: expected.status ?? 400,
  });
  return error;
}

export const sdkValidation = (message: string): ExpectedSdkError => ({ name: 'ValidationException', message });

/** An SDK output without its `$metadata`, to compare with the typed API's output. */
export function withoutMetadata<T extends object>(output: T): Omit<T, '$metadata'> {
  const { $metadata: _metadata, ...rest } = output as T & { $metadata?: unknown };
  return rest;
}

export const KEY_ID = [{ AttributeName: 'id', KeyType: 'HASH' as const }];
export const DEF_ID = [{ AttributeName: 'id', AttributeType: 'S' as const }];
export const KEY_ID_SK = [
  { AttributeName: 'id', KeyType: 'HASH' as const },
  { AttributeName: 'sk', KeyType: 'RANGE' as const },
];
export const defIdSk = (sortType: 'S' | 'N' | 'B') => [
  { AttributeName: 'id', AttributeType: 'S' as const },
  { AttributeName: 'sk', AttributeType: sortType },
];
