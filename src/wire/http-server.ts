import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Database } from '../database.js';
import { createHttpListener } from './http-request-listener.js';

export interface ListenOptions {
  /** TCP port. Default 0: a free port, chosen by the system (read it from `port` or `endpoint`). */
  port?: number;
  /** Interface to bind. Default `127.0.0.1`: only this machine can connect. */
  host?: string;
}

/** A running server: where it listens, and how to stop it. */
export interface HttpServer {
  /** `http://<host>:<port>`, ready for an SDK's `endpoint` or the AWS CLI's `--endpoint-url`. */
  readonly endpoint: string;
  readonly host: string;
  readonly port: number;
  /**
   * Stops listening, ends idle keep-alive connections, and resolves once every connection is closed. Calling
   * it again returns the same promise. The database is left as it is (and readable).
   */
  close(): Promise<void>;
}

/**
 * Serves `db` over HTTP: DynamoDB and DynamoDB Streams on one port, as DynamoDB Local does. Time is the
 * database's clock (a `SystemClock` for a server that outlives a test). The server sets no timers of its own.
 */
export async function listenHttp(db: Database, options: ListenOptions = {}): Promise<HttpServer> {
  const host = options.host ?? '127.0.0.1';
  const port = options.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new RangeError(`port must be an integer from 0 to 65535, got ${String(port)}`);
  const server = createServer(createHttpListener(db));

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });

  const address = server.address() as AddressInfo;
  const hostInUrl = address.family === 'IPv6' || address.address.includes(':') ? `[${address.address}]` : address.address;
  let closing: Promise<void> | undefined;
  return {
    endpoint: `http://${hostInUrl}:${address.port}`,
    host: address.address,
    port: address.port,
    close() {
      closing ??= new Promise<void>((resolve, reject) => {
        server.close((error) => (error === undefined ? resolve() : reject(error)));
        server.closeIdleConnections();
      });
      return closing;
    },
  };
}
