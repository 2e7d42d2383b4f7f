import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Database } from '../database.js';
import { createHttpListener } from './http-request-listener.js';
import { checkInteger, type HttpLimitOptions } from './http-limits.js';

export interface ListenOptions extends HttpLimitOptions {
  /** TCP port. Default 0: a free port, chosen by the system (read it from `port` or `endpoint`). */
  port?: number;
  /** Interface to bind. Default `127.0.0.1`: only this machine can connect. */
  host?: string;
  /**
   * How long a whole request (head and body) may take to arrive, however steadily it trickles. Default 60,000 ms;
   * 0 for no limit. node:http answers one that takes longer 408 and closes its connection.
   */
  requestTimeoutMs?: number;
}

/** node:http's own limit on the head of a request, kept unless the whole request has less time. */
const HEADERS_TIMEOUT_MS = 60_000;
export const DEFAULT_REQUEST_TIMEOUT_MS = 60_000;

/** A running server: where it listens, and how to stop it. */
export interface HttpServer {
  /** `http://<host>:<port>`, ready for an SDK's `endpoint` or the AWS CLI's `--endpoint-url`. */
  readonly endpoint: string;
  readonly host: string;
  readonly port: number;
  /** Bytes of request bodies the server holds now, all connections together (at most `maxBufferedBytes`). */
  readonly bufferedBytes: number;
  /**
   * Stops listening, ends idle keep-alive connections, and resolves once every connection is closed. Calling
   * it again returns the same promise. The database is left as it is (and readable).
   */
  close(): Promise<void>;
}

/**
 * Serves `db` over HTTP: DynamoDB and DynamoDB Streams on one port, as DynamoDB Local does. Time is the
 * database's clock (a `SystemClock` for a server that outlives a test). The server's own limits (docs/limits.md)
 * are real time by nature, a stalled client being stalled in real time: they are node:http's timeouts
 * (`requestTimeout`, and the socket idle timeout the listener sets), not timers of shardline's.
 */
export async function listenHttp(db: Database, options: ListenOptions = {}): Promise<HttpServer> {
  const host = options.host ?? '127.0.0.1';
  const port = options.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65_535)
    throw new RangeError(`port must be an integer from 0 to 65535, got ${String(port)}`);
  const requestTimeout = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  checkInteger('requestTimeoutMs', requestTimeout, 0);
  const listener = createHttpListener(db, options);
  const server = createServer(
    {
      requestTimeout,
      // node:http refuses a head timeout longer than the whole request's.
      headersTimeout: requestTimeout === 0 ? HEADERS_TIMEOUT_MS : Math.min(HEADERS_TIMEOUT_MS, requestTimeout),
      // How often node:http looks for requests past their time (30 s by default, as long as the limit itself).
      ...(requestTimeout === 0
        ? {}
        : { connectionsCheckingInterval: Math.max(1, Math.min(1_000, Math.floor(requestTimeout / 4))) }),
    },
    listener,
  );

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });

  const address = server.address() as AddressInfo;
  const hostInUrl =
    address.family === 'IPv6' || address.address.includes(':') ? `[${address.address}]` : address.address;
  let closing: Promise<void> | undefined;
  return {
    endpoint: `http://${hostInUrl}:${address.port}`,
    host: address.address,
    port: address.port,
    get bufferedBytes() {
      return listener.bufferedBytes;
    },
    close() {
      closing ??= new Promise<void>((resolve, reject) => {
        server.close((error) => (error === undefined ? resolve() : reject(error)));
        server.closeIdleConnections();
      });
      return closing;
    },
  };
}
