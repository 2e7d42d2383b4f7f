/**
 * One event hub behind the stream, the database, the reader and the Lambda mapping: a throwing listener never
 * breaks the write, poll or invocation that emitted the event, the other listeners still run, and the error
 * is reported the same way everywhere (`listenerError`, or rethrown on a microtask when nobody listens).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { StreamReader, type ListenerErrorEvent, type ReaderBatch } from '../../src/index.js';
import { attachLambda } from '../../src/lambda/index.js';
import { ids as eventIds, putMany, setup as lambdaSetup } from '../support/lambda-fixture.js';
import { setup } from '../support/reader-fixture.js';
import { flat, ids } from '../support/reader-results.js';
import { openShardIds as openShards } from '../support/shards.js';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('a throwing reader listener no longer breaks the read', () => {
  it('poll() reads on, and the error is reported as listenerError', async () => {
    const { table, stream } = await setup();
    table.put({ id: 'a' });
    const reader = new StreamReader(stream);
    const boom = new Error('boom');
    const errors: ListenerErrorEvent[] = [];
    reader.on('listenerError', (event) => errors.push(event));
    reader.on('shardStarted', () => {
      throw boom;
    });
    expect(ids(flat(reader.poll()))).toEqual(['a']);
    expect(errors).toEqual([{ event: 'shardStarted', error: boom }]);
  });

  it('drainEach() reads every shard of a split, past throwing shardStarted and shardFinished listeners', async () => {
    const { table, stream } = await setup();
    table.put({ id: 'a', v: 1 });
    stream.splitShard(openShards(stream)[0]!);
    table.put({ id: 'a', v: 2 });
    const reader = new StreamReader(stream);
    const errors: string[] = [];
    reader.on('listenerError', ({ event }) => errors.push(event));
    reader.on('shardStarted', () => {
      throw new Error('started');
    });
    reader.on('shardFinished', () => {
      throw new Error('finished');
    });
    const handed: ReaderBatch[] = [];
    expect(reader.drainEach((batch) => handed.push(batch))).toBe(2);
    expect(ids(flat(handed))).toEqual(['a', 'a']);
    expect(errors).toEqual(['shardStarted', 'shardFinished', 'shardStarted', 'shardStarted']);
  });

  it('for await yields the batch past a throwing listener', async () => {
    const { table, stream } = await setup();
    table.put({ id: 'a' });
    const reader = new StreamReader(stream);
    const errors: string[] = [];
    reader.on('listenerError', ({ event }) => errors.push(event));
    reader.on('shardStarted', () => {
      throw new Error('started');
    });
    const seen: string[] = [];
    for await (const batch of reader.batches()) {
      seen.push(...ids(batch.records));
      break;
    }
    expect(seen).toEqual(['a']);
    expect(errors).toEqual(['shardStarted']);
  });
});

describe('a throwing mapping listener does not break an invocation', () => {
  it('every batch is invoked once and checkpointed, and the error is reported as listenerError', async () => {
    const { table } = await lambdaSetup();
    const delivered: string[] = [];
    const mapping = attachLambda(table.stream!, (event) => void delivered.push(...eventIds(event)), {
      StartingPosition: 'TRIM_HORIZON',
      BatchSize: 2,
    });
    const errors: ListenerErrorEvent[] = [];
    mapping.on('listenerError', (event) => errors.push(event));
    const boom = new Error('boom');
    mapping.on('invocation', () => {
      throw boom;
    });
    putMany(table, 3);
    mapping.drain();
    expect(delivered).toEqual(['k0', 'k1', 'k2']);
    expect(mapping.history.map((event) => event.outcome)).toEqual(['success', 'success']);
    expect(mapping.metrics()).toMatchObject({ invocations: 2, errors: 0, recordsDelivered: 3 });
    expect(errors).toEqual([
      { event: 'invocation', error: boom },
      { event: 'invocation', error: boom },
    ]);
  });
});

/** One emitter under test: how to listen to it, and a call that makes it emit `event` once, which must not throw. */
interface Subject {
  on(event: string, listener: (payload: unknown) => void): () => void;
  event: string;
  trigger(): void;
  names: string;
}

const subjects: [string, () => Promise<Subject>][] = [
  [
    'stream (record, on a write)',
    async () => {
      const { table, stream } = await setup();
      let n = 0;
      return {
        on: (event, listener) => stream.on(event as 'record', listener),
        event: 'record',
        trigger: () => table.put({ id: `k${n++}` }),
        names: 'record, shardOpened, shardClosed, shardExpired, streamStatus, streamExpired, listenerError',
      };
    },
  ],
  [
    'reader (shardStarted, on a poll)',
    async () => {
      const { table, stream } = await setup();
      const reader = new StreamReader(stream);
      table.put({ id: 'a' });
      return {
        on: (event, listener) => reader.on(event as 'shardStarted', listener),
        event: 'shardStarted',
        trigger: () => {
          if (flat(reader.poll()).length !== 1) throw new Error('the poll lost its record');
        },
        names: 'shardStarted, shardFinished, iteratorExpired, trimmed, listenerError',
      };
    },
  ],
  [
    'Lambda mapping (invocation)',
    async () => {
      const { table } = await lambdaSetup();
      const delivered: string[] = [];
      const mapping = attachLambda(table.stream!, (event) => void delivered.push(...eventIds(event)), {
        StartingPosition: 'TRIM_HORIZON',
      });
      return {
        on: (event, listener) => mapping.on(event as 'invocation', listener),
        event: 'invocation',
        trigger: () => {
          table.put({ id: 'a' });
          mapping.drain();
          if (delivered.length !== 1) throw new Error('the invocation lost its record');
        },
        names: 'invocation, discarded, trimmed, pollError, listenerError',
      };
    },
  ],
];

describe.each(subjects)('listener isolation: %s', (_name, make) => {
  it('the call completes, later listeners still run, and listenerError gets the event name and the error', async () => {
    const subject = await make();
    const boom = new Error('boom');
    const reported: unknown[] = [];
    const later: string[] = [];
    subject.on('listenerError', (payload) => reported.push(payload));
    subject.on(subject.event, () => {
      throw boom;
    });
    subject.on(subject.event, () => later.push('ran'));
    expect(() => subject.trigger()).not.toThrow();
    expect(later).toEqual(['ran']);
    expect(reported).toEqual([{ event: subject.event, error: boom }]);
  });

  it('with no listenerError listener, the error is rethrown on a microtask, never into the call, never lost', async () => {
    const subject = await make();
    const boom = new Error('boom');
    const queued: (() => void)[] = [];
    subject.on(subject.event, () => {
      throw boom;
    });
    vi.spyOn(globalThis, 'queueMicrotask').mockImplementation((task) => void queued.push(task));
    expect(() => subject.trigger()).not.toThrow();
    vi.restoreAllMocks();
    expect(queued).toHaveLength(1);
    expect(() => queued[0]!()).toThrow(boom);
  });

  it('a throwing listenerError handler does not loop, and the other handlers still run', async () => {
    const subject = await make();
    const handled: string[] = [];
    subject.on('listenerError', () => {
      throw new Error('the handler fails too');
    });
    subject.on('listenerError', (payload) => handled.push(((payload as ListenerErrorEvent).error as Error).message));
    subject.on(subject.event, () => {
      throw new Error('the listener fails');
    });
    expect(() => subject.trigger()).not.toThrow();
    expect(handled).toEqual(['the listener fails']);
  });

  it('an unsubscribed listener no longer runs', async () => {
    const subject = await make();
    const seen: unknown[] = [];
    const off = subject.on(subject.event, (payload) => seen.push(payload));
    off();
    subject.trigger();
    expect(seen).toEqual([]);
  });

  it('refuses an unknown event name and a listener that is not a function', async () => {
    const subject = await make();
    expect(() => subject.on('nope', () => {})).toThrow(
      new TypeError(`Unknown event 'nope': the events are ${subject.names}`),
    );
    expect(() => subject.on(subject.event, 'log' as unknown as () => void)).toThrow(
      new TypeError(`A listener for '${subject.event}' must be a function, got string`),
    );
  });
});
