import { EventHub, type Unsubscribe } from '../../events/event-hub.js';
import type { DiscardEvent, InvocationEvent, MappingEvents } from './mapping-metrics.js';

/** How many invocations (and discards) a mapping keeps in `history` (and `discards`) unless told otherwise. */
export const DEFAULT_HISTORY_LIMIT = 10_000;

const EVENT_NAMES: readonly (keyof MappingEvents)[] = [
  'invocation',
  'discarded',
  'trimmed',
  'pollError',
  'listenerError',
];

/**
 * What a mapping has done, for tests to assert on: the most recent invocations and discarded batches (at
 * most `historyLimit` of each, oldest dropped first, so a long run stays bounded), the counters behind
 * `metrics()`, and the events (`invocation`, `discarded`, `trimmed`, `pollError`) for listeners.
 */
export class MappingHistory {
  readonly #limit: number;
  readonly #events = new EventHub<MappingEvents>(EVENT_NAMES);
  readonly #invocations: InvocationEvent[] = [];
  readonly #discards: DiscardEvent[] = [];
  readonly counts = {
    invocations: 0,
    errors: 0,
    partialFailures: 0,
    recordsDelivered: 0,
    recordsFiltered: 0,
    recordsDiscarded: 0,
    failureBatches: 0,
    lostToTrim: 0,
  };

  constructor(limit: number) {
    this.#limit = limit;
  }

  /** The most recent invocations, oldest first. */
  get invocations(): readonly InvocationEvent[] {
    return trim(this.#invocations, this.#limit);
  }

  /** The most recent discarded batches, oldest first. */
  get discards(): readonly DiscardEvent[] {
    return trim(this.#discards, this.#limit);
  }

  /** Numbers the next invocation: 1, 2, ... (never reused, whatever the history keeps). */
  nextInvocationNumber(): number {
    return ++this.counts.invocations;
  }

  recordInvocation(event: InvocationEvent): void {
    append(this.#invocations, event, this.#limit);
    this.emit('invocation', event);
  }

  /** Keeps a discarded batch (the `discarded` event is emitted by the caller, once the destination has it). */
  recordDiscard(event: DiscardEvent): void {
    append(this.#discards, event, this.#limit);
  }

  /** A throwing listener is reported as `listenerError`, never thrown into the invocation or the poll. */
  on<E extends keyof MappingEvents>(event: E, listener: (payload: MappingEvents[E]) => void): Unsubscribe {
    return this.#events.on(event, listener);
  }

  emit<E extends keyof MappingEvents>(event: E, payload: MappingEvents[E]): void {
    this.#events.emit(event, payload);
  }
}

/** Appends, dropping the oldest entries in one go once the list holds twice the limit (amortised O(1)). */
function append<T>(list: T[], item: T, limit: number): void {
  if (limit === 0) return;
  list.push(item);
  if (list.length >= 2 * limit) list.splice(0, list.length - limit);
}

function trim<T>(list: T[], limit: number): T[] {
  if (list.length > limit) list.splice(0, list.length - limit);
  return list;
}
