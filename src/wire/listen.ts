import type { Database } from '../database.js';
import { isPlainObject } from '../database-options.js';
import { showQuoted } from '../model/show-value.js';
import type { HttpServer, ListenOptions } from './http-server.js';

/** What `listen` takes (ListenOptions in http-server.ts, which checks their values). */
const LISTEN_OPTION_NAMES = [
  'port',
  'host',
  'requestTimeoutMs',
  'maxRequestBytes',
  'maxBufferedBytes',
  'idleTimeoutMs',
] as const;

/**
 * Serves `db` over HTTP with the AWS JSON 1.0 protocol, DynamoDB and DynamoDB Streams on one port, for any AWS
 * SDK or the AWS CLI: `const server = await listen(db, { port: 0 })`, then `endpoint: server.endpoint`. Binds to
 * 127.0.0.1 unless `host` says otherwise; `server.close()` stops it. The body size, buffered bytes and timeouts it
 * allows are options too (docs/limits.md); an option it does not take is a TypeError, a number out of range a
 * RangeError.
 */
export async function listen(db: Database, options: ListenOptions = {}): Promise<HttpServer> {
  checkListenOptions(options);
  // Loaded on first use: node:http and the server stay out of every process that never listens.
  const { listenHttp } = await import('./http-server.js');
  return listenHttp(db, options);
}

/** An object of the keys `listen` takes, `host` a non-empty string; their numbers are checked by the server. */
function checkListenOptions(options: unknown): void {
  if (!isPlainObject(options))
    throw new TypeError(`listen(db, options) takes an object of options, got ${showQuoted(options)}`);
  for (const key of Object.keys(options)) {
    if (!(LISTEN_OPTION_NAMES as readonly string[]).includes(key)) {
      throw new TypeError(
        `listen(db, options) takes ${LISTEN_OPTION_NAMES.join(', ')}; got an unknown option '${key}'`,
      );
    }
  }
  const { host } = options;
  if (host !== undefined && (typeof host !== 'string' || host === ''))
    throw new TypeError(`listen(db, options): host must be a non-empty string, got ${showQuoted(host)}`);
}
