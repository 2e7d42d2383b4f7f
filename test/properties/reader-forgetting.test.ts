/**
 * StreamReader, property-based, with a stream that forgets: the sibling of reader-retention's store property,
 * on a stream that keeps only a few expired shards beyond one retention period (1024 by default; lowered here
 * through an internal knob, `Stream.rememberExpiredShards`, so 40 operations reach the horizon). A forgotten
 * shard can no longer be read, counted, or followed to its children, so the invariant becomes:
 * - never is a record delivered twice, out of order, or not owed; every owed record still in the stream is
 *   delivered;
 * - for every shard, records delivered + records counted lost <= records owed (never both delivered and
 *   reported), and = where nothing uncounted is involved;
 * - a shard that falls short had an uncounted loss reported (`trimmed` with `lostRecords` undefined) for it
 *   or for a shard in its line (an ancestor: its loss covers what followed it; a descendant: the forgotten
 *   shards before it, whose IDs nobody knows any more); never silently missing;
 * - each uncounted loss is reported once for a shard, across restarts from the store.
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { HOUR } from '../support/time.js';
import { StoreConsumer, checkHandled, opArbitrary, world, type ConsumerState, type World } from './reader-ops.js';

/** What the consumer keeps with its checkpoint: what it handled, and the losses it heard of. */
interface ForgettingState extends ConsumerState {
  /** Records counted lost, by shard. */
  lost: Map<string, number>;
  /** Shards reported with an uncounted loss, in report order. */
  uncounted: string[];
}

function emptyConsumer(): ForgettingState {
  return { log: [], lost: new Map(), uncounted: [], start: undefined };
}

function copyOf(state: ForgettingState): ForgettingState {
  return { log: [...state.log], lost: new Map(state.lost), uncounted: [...state.uncounted], start: state.start };
}

/** Every shard in a shard's line: its ancestors and its descendants (the world's record of the lineage). */
function lineOf(w: World, shardId: string): Set<string> {
  const line = new Set<string>();
  const up = (id: string): void => {
    for (const parent of w.parents.get(id) ?? []) {
      if (line.has(parent)) continue;
      line.add(parent);
      up(parent);
    }
  };
  up(shardId);
  const children = new Map<string, string[]>();
  for (const [child, parents] of w.parents)
    for (const parent of parents) children.set(parent, [...(children.get(parent) ?? []), child]);
  const down = (id: string): void => {
    for (const child of children.get(id) ?? []) {
      if (line.has(child)) continue;
      line.add(child);
      down(child);
    }
  };
  down(shardId);
  return line;
}

const NUM_RUNS = Number(process.env.READER_PROPERTY_RUNS ?? 150);
const seen = { operations: 0, runsWithForgotten: 0, runsWithUncounted: 0 };

afterAll(() => {
  if (process.env.READER_PROPERTY_STATS !== undefined) console.log(seen);
  expect(seen.operations).toBeGreaterThan(2_000);
  // The property must reach what it is about: shards forgotten, and losses that could not be counted.
  expect(seen.runsWithForgotten).toBeGreaterThan(NUM_RUNS / 5);
  expect(seen.runsWithUncounted).toBeGreaterThan(NUM_RUNS / 20);
});

describe('StreamReader (fast-check): a stream that forgets old shards', () => {
  it('delivered + counted lost = owed where counts are known; an uncounted loss is reported once; never both delivered and reported, never silently missing', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          initialShards: fc.integer({ min: 1, max: 3 }),
          rememberExpiredShards: fc.integer({ min: 0, max: 4 }),
          limit: fc.constantFrom(1, 2, 1000),
          startAt: fc.constantFrom('TRIM_HORIZON' as const, 'LATEST' as const),
          onTrimmed: fc.constantFrom('skip' as const, 'throw' as const),
          // Jumps of up to two days and more of them than reader-retention has: a shard is forgotten a retention
          // after it expired (once more than `rememberExpiredShards` have).
          ops: fc.array(
            fc.oneof(
              {
                arbitrary: opArbitrary({
                  maxAdvanceMs: 3 * HOUR,
                  jump: [12 * HOUR, 50 * HOUR],
                  saves: true,
                  partialSaves: false,
                  lifecycle: true,
                }),
                weight: 5,
              },
              {
                arbitrary: fc.record({
                  kind: fc.constant('advance' as const),
                  ms: fc.integer({ min: 20 * HOUR, max: 50 * HOUR }),
                }),
                weight: 1,
              },
            ),
            { maxLength: 40, size: 'max' },
          ),
        }),
        async ({ initialShards, rememberExpiredShards, limit, startAt, onTrimmed, ops }) => {
          const w = await world(initialShards, { rememberExpiredShards });
          // The current reader's reports: counted and uncounted, in its events and in the errors it threw.
          const reports = { counted: 0, uncounted: 0, thrownCounted: 0, thrownUncounted: 0 };
          const consumer: StoreConsumer<ForgettingState> = new StoreConsumer(w, {
            options: { limit, startAt, onTrimmed },
            empty: emptyConsumer,
            copy: copyOf,
            watch: (reader) =>
              reader.on('trimmed', ({ shardId, lostRecords }) => {
                if (lostRecords === undefined) {
                  consumer.state.uncounted.push(shardId);
                  reports.uncounted++;
                } else {
                  consumer.state.lost.set(shardId, (consumer.state.lost.get(shardId) ?? 0) + lostRecords);
                  reports.counted += lostRecords;
                }
              }),
            onRestart: () => Object.assign(reports, { counted: 0, uncounted: 0, thrownCounted: 0, thrownUncounted: 0 }),
            onThrown: (error) => {
              if (error.lostRecords === undefined) reports.thrownUncounted++;
              else reports.thrownCounted += error.lostRecords;
            },
          });
          for (const op of ops) {
            seen.operations++;
            consumer.apply(op);
          }
          consumer.catchUp();
          const { log, lost } = consumer.state;
          checkHandled(w, log);
          const owed = consumer.owed(startAt);
          // Each shard's uncounted loss reported once, across restarts (the tally is saved with the checkpoint).
          expect(
            consumer.state.uncounted.filter((shardId, index) => consumer.state.uncounted.indexOf(shardId) !== index),
            'an uncounted loss reported twice',
          ).toEqual([]);
          const uncounted = new Set(consumer.state.uncounted);
          const shards = new Set([...owed.map((entry) => entry.shardId), ...lost.keys()]);
          const accounts = [...shards].map((shardId) => ({
            shardId,
            owed: owed.filter((entry) => entry.shardId === shardId).length,
            deliveredPlusCounted: log.filter((entry) => entry.shardId === shardId).length + (lost.get(shardId) ?? 0),
            covered: uncounted.has(shardId) || [...lineOf(w, shardId)].some((other) => uncounted.has(other)),
          }));
          expect(
            accounts.filter((account) => account.deliveredPlusCounted > account.owed),
            'delivered and reported lost, or reported twice',
          ).toEqual([]);
          expect(
            accounts.filter((account) => account.deliveredPlusCounted < account.owed && !account.covered),
            'missing, and no loss reported for it',
          ).toEqual([]);
          // A reader's totals say the same as its events; under 'throw', it threw each loss it reported.
          const { reader } = consumer;
          expect(reader.uncountedLosses).toBe(reports.uncounted);
          if (reports.uncounted === 0) expect(reader.lostRecords).toBe(reports.counted);
          else expect(reader.lostRecords).toBeUndefined();
          if (onTrimmed === 'throw') {
            expect(reports.thrownUncounted > 0, 'an uncounted loss was thrown').toBe(reports.uncounted > 0);
            if (reports.thrownUncounted === 0) expect(reports.thrownCounted).toBe(reports.counted);
          }
          if (w.parents.size > 0 && [...w.parents.keys()].some((shardId) => w.stream.shardInfo(shardId) === undefined))
            seen.runsWithForgotten++;
          if (consumer.state.uncounted.length > 0) seen.runsWithUncounted++;
          w.db.close();
        },
      ),
      { numRuns: NUM_RUNS },
    );
  });
});
