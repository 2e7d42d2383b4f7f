import type { Database } from '../database.js';
import { createAwsHandler, type AwsHandler } from './aws-request-handler.js';

/** What `inProcessClientConfig` returns: settings any AWS SDK v3 client constructor accepts. */
export interface InProcessClientConfig {
  region: string;
  credentials: { accessKeyId: string; secretAccessKey: string };
  requestHandler: AwsHandler;
  maxAttempts: number;
  cacheMiddleware: boolean;
  endpointProvider: () => { url: URL };
  httpAuthSchemeProvider: () => { schemeId: string }[];
  httpAuthSchemes: {
    schemeId: string;
    identityProvider: () => () => Promise<Record<string, never>>;
    signer: { sign: <R>(request: R) => Promise<R> };
  }[];
}

/** Smithy's scheme id for an operation that is not signed. */
const NO_AUTH = 'smithy.api#noAuth';

/**
 * Settings for an AWS SDK v3 client (`DynamoDBClient`, `DynamoDBStreamsClient`, and so `DynamoDBDocumentClient`)
 * that talks to `db` in process and skips the client-side work an in-process endpoint does not need, which is most
 * of the cost of a call (bench/wire-put-item.ts: about twice the calls per second of a client given only
 * `requestHandler`):
 * - `cacheMiddleware`: the middleware stack is resolved once per command type, not on every call;
 * - no SigV4 signing (the `smithy.api#noAuth` scheme): nothing checks a signature in process, and signing hashes
 *   every body;
 * - a fixed endpoint instead of the endpoint rules (the endpoint does not matter to the handler);
 * - `maxAttempts: 1`: a retryable error is not retried after a real-time back-off, which a ManualClock test would
 *   wait on.
 * Spread your own settings after it to change any of them: `new DynamoDBClient({ ...inProcessClientConfig(db), maxAttempts: 3 })`.
 * `DynamoDBDocumentClient.from` refuses a client with `cacheMiddleware`, so a document client's own client takes
 * `{ ...inProcessClientConfig(db), cacheMiddleware: false }`.
 * Production code that builds its own client needs only `requestHandler: createAwsHandler(db)`. For the fastest
 * calls, add `client.middlewareStack.use(inProcessPlugin(db))` (in-process-plugin.ts), which also skips the
 * SDK's serialisation on success.
 */
export function inProcessClientConfig(db: Database, region = 'us-east-1'): InProcessClientConfig {
  const endpoint = new URL('http://shardline.localhost/');
  return {
    region,
    credentials: { accessKeyId: 'shardline', secretAccessKey: 'shardline' },
    requestHandler: createAwsHandler(db),
    maxAttempts: 1,
    cacheMiddleware: true,
    endpointProvider: () => ({ url: endpoint }),
    httpAuthSchemeProvider: () => [{ schemeId: NO_AUTH }],
    httpAuthSchemes: [
      { schemeId: NO_AUTH, identityProvider: () => async () => ({}), signer: { sign: async (request) => request } },
    ],
  };
}
