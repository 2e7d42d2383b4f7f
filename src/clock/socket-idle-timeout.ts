import type { IncomingMessage } from 'node:http';

/**
 * Calls `onIdle` once `request`'s socket has been silent for `ms` of real time. A client stalls in real time,
 * whatever the database's clock, so this is the one real-time wait the HTTP server has; it lives here, with the
 * other readers of real time. It is node:http's socket idle timeout, not a timer a test's fake timers own.
 */
export function onSocketIdle(request: IncomingMessage, ms: number, onIdle: () => void): void {
  request.setTimeout(ms, onIdle);
}
