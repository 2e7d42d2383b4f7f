import { EventEmitter } from 'eventemitter3';

export type Unsubscribe = () => void;

/** What every hub emits when one of its listeners throws: the event being delivered, and what was thrown. */
export interface ListenerErrorEvent {
  event: string;
  error: unknown;
}

/** An event map: event name to payload. Every hub has `listenerError`. */
export type EventMap = { listenerError: ListenerErrorEvent };

/**
 * The one event mechanism of the stream, the database, the reader and the Lambda mapping: eventemitter3,
 * with guarantees it does not give on its own. A throwing listener neither stops the others nor escapes
 * into the write, poll or invocation that emitted the event: it is reported as `listenerError` (here and
 * on the parent), or, when nobody listens for that, rethrown on a microtask so it is never silent. `on()`
 * refuses an event name the hub does not have and a listener that is not a function, and returns its
 * unsubscribe. Events bubble to the parent hub (a stream's to its database's).
 */
export class EventHub<Events extends EventMap> {
  readonly #emitter = new EventEmitter();
  readonly #names: readonly string[];
  readonly #parent: EventHub<Events> | undefined;
  /** Listener counts per event, kept by on/off: `wants` runs on every write and must cost nothing. */
  readonly #counts = new Map<string, number>();
  /** Listeners of every event together: with none (the usual case), `wants` and `emit` answer without a lookup. */
  #total = 0;

  /** `names` lists the events `on()` accepts (`listenerError` included). */
  constructor(names: readonly (keyof Events & string)[], parent?: EventHub<Events>) {
    this.#names = names;
    this.#parent = parent;
  }

  on<E extends keyof Events & string>(event: E, listener: (payload: Events[E]) => void): Unsubscribe {
    this.#checkListener(event, listener);
    this.#emitter.on(event, listener);
    this.#recount(event);
    return () => this.off(event, listener);
  }

  off<E extends keyof Events & string>(event: E, listener: (payload: Events[E]) => void): void {
    this.#emitter.off(event, listener);
    this.#recount(event);
  }

  /** Whether anyone (here or on the parent) listens: callers build a payload only when someone does. */
  wants(event: keyof Events & string): boolean {
    return (
      (this.#total > 0 && (this.#counts.get(event) ?? 0) > 0) ||
      (this.#parent !== undefined && this.#parent.wants(event))
    );
  }

  emit<E extends keyof Events & string>(event: E, payload: Events[E]): void {
    if (this.#total > 0) this.#deliver(event, payload);
    this.#parent?.emit(event, payload);
  }

  /** A misspelt event name (`'recrod'`) or a listener that is not a function would never fire: refused by name. */
  #checkListener(event: unknown, listener: unknown): void {
    if (!this.#names.includes(event as string)) {
      throw new TypeError(
        `Unknown event ${typeof event === 'string' ? `'${event}'` : typeof event}: the events are ${this.#names.join(', ')}`,
      );
    }
    if (typeof listener !== 'function')
      throw new TypeError(
        `A listener for '${String(event)}' must be a function, got ${listener === null ? 'null' : typeof listener}`,
      );
  }

  #recount(event: string): void {
    const count = this.#emitter.listenerCount(event);
    this.#total += count - (this.#counts.get(event) ?? 0);
    this.#counts.set(event, count);
  }

  #deliver(event: string, payload: unknown): void {
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
    const handlers =
      this.#emitter.listenerCount('listenerError') +
      (parent === undefined ? 0 : parent.#emitter.listenerCount('listenerError'));
    if (handlers === 0) {
      // Nobody handles it: thrown outside the emitting call, as an uncaught error, rather than lost.
      queueMicrotask(() => {
        throw error;
      });
      return;
    }
    const payload: ListenerErrorEvent = { event, error };
    this.#deliver('listenerError', payload);
    if (parent !== undefined) parent.#deliver('listenerError', payload);
  }
}
