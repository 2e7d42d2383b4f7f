/**
 * The two endpoints of the differential suite, behind the same AWS SDK v3 clients: shardline through its
 * in-process request handler, DynamoDB Local over HTTP. Each client records the raw HTTP answer of its last call,
 * so that an error can be compared by its `__type` and message exactly as sent, not only as the SDK parsed them.
 */
import { Readable } from 'node:stream';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import type { HttpResponse } from '@smithy/types';
import { Database, ManualClock } from '../src/index.js';
import { createAwsHandler } from '../src/public/wire.js';

/** Where DynamoDB Local answers: `scripts/with-ddb-local.sh` sets it; 8799 is the port that script uses by default. */
export const DDB_LOCAL_ENDPOINT = process.env.DDB_LOCAL_ENDPOINT ?? 'http://127.0.0.1:8799';

export type SideName = 'shardline' | 'ddb-local';

/** The raw answer to one call: HTTP status and body text. */
export interface RawResponse {
  status: number;
  body: string;
}

export interface Side {
  readonly name: SideName;
  readonly client: DynamoDBClient;
  readonly streams: DynamoDBStreamsClient;
  /** The raw answer to the last call made through either client. */
  lastResponse(): RawResponse | undefined;
  /** The shardline database behind the clients (only on the shardline side). */
  readonly db?: Database;
  readonly clock?: ManualClock;
}

const credentials = { accessKeyId: 'AKIDCONFORMANCE', secretAccessKey: 'conformance' };

interface MiddlewareClient {
  middlewareStack: DynamoDBClient['middlewareStack'];
}

/**
 * Adds a middleware just above the HTTP handler (the innermost place of the deserialize step) that reads the
 * response body, keeps its text, and hands the SDK's deserializer a fresh stream of the same bytes.
 */
function recordResponses(client: MiddlewareClient, sink: { last?: RawResponse }): void {
  client.middlewareStack.add(
    (next) => async (args) => {
      sink.last = undefined;
      const result = await next(args);
      const response = result.response as HttpResponse;
      const chunks: Buffer[] = [];
      for await (const chunk of response.body as AsyncIterable<Uint8Array | string>)
        chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk));
      const bytes = Buffer.concat(chunks);
      response.body = Readable.from([bytes]);
      sink.last = { status: response.statusCode, body: bytes.toString('utf8') };
      return result;
    },
    { step: 'deserialize', priority: 'low', name: 'conformanceResponseRecorder' },
  );
}

function makeSide(
  name: SideName,
  config: Record<string, unknown>,
  extra: { db?: Database; clock?: ManualClock } = {},
): Side {
  // No retries: a retry would hide the first answer (and wait on a real timer).
  const common = { region: 'us-east-1', credentials, maxAttempts: 1, ...config };
  const sink: { last?: RawResponse } = {};
  const client = new DynamoDBClient(common);
  const streams = new DynamoDBStreamsClient(common);
  recordResponses(client, sink);
  recordResponses(streams as unknown as MiddlewareClient, sink);
  return { name, client, streams, lastResponse: () => sink.last, ...extra };
}

/**
 * A fresh shardline database with both clients on one in-process handler. Its clock starts at the real time
 * and stays there: nothing in a scenario waits, and every timestamp is normalised before comparison.
 */
export async function shardlineSide(): Promise<Side> {
  const clock = new ManualClock(Date.now());
  const db = await Database.create({ clock, seed: 7 });
  return makeSide('shardline', { requestHandler: createAwsHandler(db) }, { db, clock });
}

/** Clients on DynamoDB Local (its own region, `ddblocal`, goes into every ARN whatever the client says). */
export function ddbLocalSide(): Side {
  return makeSide('ddb-local', { endpoint: DDB_LOCAL_ENDPOINT });
}
