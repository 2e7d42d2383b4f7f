/**
 * StreamReader, property-based, across clock jumps beyond the retention period: whatever the writes,
 * reshardings, rollovers, stream disables and re-enables, polls, crashes and restarts (from checkpoints, or
 * from a store), the only records the consumer has not handled are records trimmed before it could read them,
 * and the reader reports exactly how many, per shard (its `lostRecords`, its `trimmed` events and, under
 * onTrimmed 'throw', its errors): a loss is never hidden, never reported twice.
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { StreamReader } from '../../src/index.js';
import { DAY, HOUR } from '../support/time.js';
import {
  StoreConsumer,
  applyWorldOp,
  checkHandled,
  describeWritten,
  handle,
  missing,
  opArbitrary,
  world,
  type ConsumerState,
  type Handled,
} from './reader-ops.js';

/**
 * What a consumer is owed (the README's "Consuming the stream" says the same):
 * - A consumer starts at the first poll of its first reader. A checkpoint saved before that (`{ '*': ... }`)
 *   is a start not yet taken; a reader resumed from a store inherits the start saved with the checkpoint; one
 *   resumed from an empty store is a new consumer.
 * - From TRIM_HORIZON it is owed every record of the stream not yet trimmed when it started (written at most
 *   24 hours before: trimming takes records more than 24 hours old) and every record written after.
 * - From LATEST it is owed every record written after it started.
 * For every shard, records delivered + records reported lost = records owed, summed over every reader the
 * consumer ran, where what it handled and the losses it heard of are saved with each checkpoint (as a real
 * consumer keeps its own state and its checkpoint together) and a crash rolls both back to the last save.
 */
interface RetentionState extends ConsumerState {
  /** Records reported lost, by shard. */
  lost: Map<string, number>;
}

function emptyConsumer(): RetentionState {
  return { log: [], lost: new Map(), start: undefined };
}

function copyOf(state: RetentionState): RetentionState {
  return { log: [...state.log], lost: new Map(state.lost), start: state.start };
}

const NUM_RUNS = Number(process.env.READER_PROPERTY_RUNS ?? 150);
let operations = 0;

afterAll(() => {
  expect(operations).toBeGreaterThan(2_000);
});

describe('StreamReader (fast-check): across jumps beyond retention', () => {
  it('exactly the trimmed-unread records are missing, and lostRecords says how many', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          initialShards: fc.integer({ min: 1, max: 3 }),
          limit: fc.constantFrom(1, 2, 1000),
          // Small moves up to 3 hours, and jumps of 12 to 30 hours: some records outlive a jump, some do not.
          ops: fc.array(
            opArbitrary({ maxAdvanceMs: 3 * HOUR, jump: [12 * HOUR, 30 * HOUR], saves: false, lifecycle: true }),
            { maxLength: 40, size: 'max' },
          ),
        }),
        async ({ initialShards, limit, ops }) => {
          const w = await world(initialShards);
          const log: Handled[] = [];
          let lostByEarlierReaders = 0;
          let lostInEvents = 0;
          const start = (checkpoint?: Record<string, string>): StreamReader => {
            const reader = new StreamReader(w.stream, checkpoint === undefined ? { limit } : { limit, checkpoint });
            reader.on('trimmed', ({ lostRecords }) => (lostInEvents += lostRecords ?? Number.NaN));
            return reader;
          };
          // The consumer starts reading at once (a reader starts at its first poll): every record is owed to it.
          let reader = start();
          reader.drain();
          /** drain(), then: every record handled or trimmed, and the loss reported exactly. */
          const catchUp = (): void => {
            handle(log, reader.drain());
            const now = w.clock.now();
            const unread = missing(w, log);
            expect(
              unread.filter((entry) => now - entry.at <= DAY).map(describeWritten),
              'still in the stream, yet not delivered',
            ).toEqual([]);
            expect(lostByEarlierReaders + (reader.lostRecords ?? Number.NaN), 'lostRecords').toBe(unread.length);
            expect(lostInEvents, 'lostRecords of the trimmed events').toBe(unread.length);
          };
          // The checkpoint of a consumer that stopped: it comes back at its next poll or drain, after whatever
          // writes, reshardings and jumps happened meanwhile (so a checkpoint's TRIM_HORIZON positions must
          // carry what they owe, or a loss while it was away would go uncounted).
          let away: Record<string, string> | undefined;
          const comeBack = (): void => {
            if (away === undefined) return;
            reader = start(away);
            away = undefined;
          };
          for (const op of ops) {
            operations++;
            if (applyWorldOp(w, op)) continue;
            switch (op.kind) {
              case 'poll':
                comeBack();
                handle(log, reader.poll());
                break;
              case 'drain':
                comeBack();
                catchUp();
                break;
              case 'restart': {
                // The consumer catches up, saves its checkpoint and stops.
                comeBack();
                catchUp();
                away = reader.checkpoint();
                lostByEarlierReaders += reader.lostRecords ?? Number.NaN;
                break;
              }
              default:
                throw new Error(`unexpected op ${op.kind}`);
            }
          }
          comeBack();
          catchUp();
          checkHandled(w, log);
          w.db.close();
        },
      ),
      { numRuns: NUM_RUNS },
    );
  });

  it('for every shard, records delivered + records reported lost = records owed, each loss reported once across restarts from a store', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          initialShards: fc.integer({ min: 1, max: 3 }),
          limit: fc.constantFrom(1, 2, 1000),
          startAt: fc.constantFrom('TRIM_HORIZON' as const, 'LATEST' as const),
          onTrimmed: fc.constantFrom('skip' as const, 'throw' as const),
          // Partial saves (checkpointAfter one record of a poll) are left out: the losses a poll reported after
          // that record's batch are not in that checkpoint, so a consumer cannot save its loss tally with it.
          ops: fc.array(
            opArbitrary({
              maxAdvanceMs: 3 * HOUR,
              jump: [12 * HOUR, 30 * HOUR],
              saves: true,
              partialSaves: false,
              lifecycle: true,
            }),
            {
              maxLength: 40,
              size: 'max',
            },
          ),
        }),
        async ({ initialShards, limit, startAt, onTrimmed, ops }) => {
          const w = await world(initialShards);
          // The current reader's reports: its trimmed events, and the errors it threw under 'throw'.
          let lostInEvents = 0;
          let lostThrown = 0;
          const consumer: StoreConsumer<RetentionState> = new StoreConsumer(w, {
            options: { limit, startAt, onTrimmed },
            empty: emptyConsumer,
            copy: copyOf,
            watch: (reader) =>
              reader.on('trimmed', ({ shardId, lostRecords }) => {
                consumer.state.lost.set(shardId, (consumer.state.lost.get(shardId) ?? 0) + (lostRecords ?? Number.NaN));
                lostInEvents += lostRecords ?? Number.NaN;
              }),
            onRestart: () => {
              lostInEvents = 0;
              lostThrown = 0;
            },
            onThrown: (error) => (lostThrown += error.lostRecords ?? Number.NaN),
          });
          for (const op of ops) {
            operations++;
            consumer.apply(op);
          }
          consumer.catchUp();
          const { log, lost } = consumer.state;
          checkHandled(w, log);
          const owed = consumer.owed(startAt);
          // Per shard: delivered + lost = owed. The lost tally is the consumer's own, rolled back with its state.
          const shards = new Set([...owed.map((entry) => entry.shardId), ...lost.keys()]);
          const accounts = [...shards].map((shardId) => ({
            shardId,
            owed: owed.filter((entry) => entry.shardId === shardId).length,
            deliveredPlusLost: log.filter((entry) => entry.shardId === shardId).length + (lost.get(shardId) ?? 0),
          }));
          expect(accounts.filter((account) => account.owed !== account.deliveredPlusLost)).toEqual([]);
          if (onTrimmed === 'throw')
            expect(lostThrown, 'every loss the last reader reported, it threw once').toBe(lostInEvents);
          w.db.close();
        },
      ),
      { numRuns: NUM_RUNS },
    );
  });
});
