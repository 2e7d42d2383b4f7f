import { EventEmitter } from 'eventemitter3';
import type { DynamoDBRecord, ShardCloseReason, ShardInfo, StreamStatus } from './types.js';

/** Events a Stream (and, for all its streams, a Database) emits. Payloads are copies: changing them changes nothing. */
export interface StreamEvents {
  /** A record was appended; emitted synchronously, before the write call returns. */
  record: { streamArn: string; tableName: string; shardId: string; record: DynamoDBRecord };
  shardOpened: { streamArn: string; shard: ShardInfo };
  shardClosed: { streamArn: string; shard: ShardInfo; reason: ShardCloseReason };
  /** A closed shard's records are all past retention: it is gone from DescribeStream. */
  shardExpired: { streamArn: string; shardId: string };
  streamStatus: { streamArn: string; tableName: string; status: StreamStatus };
  /** A DISABLED stream's retention ended: it is gone from ListStreams and DescribeStream. */
  streamExpired: { streamArn: string; tableName: string };
  /** A listener threw. The log is unaffected and the other listeners still ran. */
  listenerError: { event: string; error: unknown };
}

export type StreamEventName = keyof StreamEvents;
export type Unsubscribe = () => void;

const EVENT_NAMES: readonly StreamEventName[] = ['record', 'shardOpened', 'shardClosed', 'shardExpired', 'streamStatus', 'streamExpired', 'listenerError'];

/** A misspelt event name (`'recrod'`) or a listener that is not a function would never fire: refused by name. */
function checkListener(event: unknown, listener: unknown): void {
  if (!EVENT_NAMES.includes(event as StreamEventName)) {
    throw new TypeError(`Unknown event ${typeof event === 'string' ? `'${event}'` : typeof event}: the events are ${EVENT_NAMES.join(', ')}`);
  }
  if (typeof listener !== 'function') throw new TypeError(`A listener for '${String(event)}' must be a function, got ${listener === null ? 'null' : typeof listener}`);
}

/**
 * eventemitter3, with two guarantees it does not give on its own: one throwing listener neither stops the
 * others nor escapes into the write that emitted the event (it is reported as `listenerError`, or rethrown
 * on a microtask when nobody listens for that, so it is never silent); and `on()` returns its unsubscribe.
 */
export class EventHub {
  readonly #emitter = new EventEmitter();
  readonly #parent: EventHub | undefined;
  /** Listener counts per event, kept by on/off/once: `wants` runs on every write and must cost nothing. */
  readonly #counts = new Map<string, number>();
  /** Listeners of every event together: with none (the usual case), `wants` answers without a lookup. */
  #total = 0;

  constructor(parent?: EventHub) {
    this.#parent = parent;
  }

  on<E extends StreamEventName>(event: E, listener: (payload: StreamEvents[E]) => void): Unsubscribe {
    checkListener(event, listener);
    this.#emitter.on(event, listener);
    this.#recount(event);
    return () => this.off(event, listener);
  }

  off<E extends StreamEventName>(event: E, listener: (payload: StreamEvents[E]) => void): void {
    this.#emitter.off(event, listener);
    this.#recount(event);
  }

  once<E extends StreamEventName>(event: E, listener: (payload: StreamEvents[E]) => void): Unsubscribe {
    const wrapped = (payload: StreamEvents[E]): void => {
      this.off(event, wrapped);
      listener(payload);
    };
    return this.on(event, wrapped);
  }

  /** Whether anyone (here or on the parent) listens: payloads are only built when someone does. */
  wants(event: StreamEventName): boolean {
    return (this.#total > 0 && (this.#counts.get(event) ?? 0) > 0) || (this.#parent !== undefined && this.#parent.wants(event));
  }

  #recount(event: string): void {
    const count = this.#emitter.listenerCount(event);
    this.#total += count - (this.#counts.get(event) ?? 0);
    this.#counts.set(event, count);
  }

  emit<E extends StreamEventName>(event: E, payload: StreamEvents[E]): void {
    this.#deliver(event, payload);
    this.#parent?.emit(event, payload);
  }

  #deliver(event: StreamEventName, payload: unknown): void {
    const listeners = this.#emitter.listeners(event) as ((payload: unknown) => void)[];
    for (const listener of listeners) {
      try {
        listener(payload);
      } catch (error) {
        this.#report(event, error);
      }
    }
  }

  #report(event: string, error: unknown): void {
    if (event === 'listenerError') return; // a failing error handler must not loop
    const parent = this.#parent;
    const handlers = this.#emitter.listenerCount('listenerError') + (parent === undefined ? 0 : parent.#emitter.listenerCount('listenerError'));
    if (handlers === 0) {
      queueMicrotask(() => {
        throw error;
      });
      return;
    }
    const payload = { event, error };
    this.#deliver('listenerError', payload);
    if (parent !== undefined) parent.#deliver('listenerError', payload);
  }
}
