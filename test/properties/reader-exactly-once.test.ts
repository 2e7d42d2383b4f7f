/**
 * StreamReader, property-based: for any sequence of writes (repeated keys, no-op writes), splits, merges,
 * rollovers (manual and every 4 hours), clock moves below the retention period (iterators expire on the
 * way) and consumer crashes that restart from a checkpoint saved at an arbitrary point, the consumer ends up
 * having handled every record exactly once: records handled before the checkpoint was saved never come
 * back, records after it all do, each item's records in write order and every parent shard before its
 * children.
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { StreamReader, checkpointAfter } from '../../src/index.js';
import { DAY, MINUTE, T0 } from '../support/time.js';
import {
  StateSavingStore,
  applyWorldOp,
  checkHandled,
  describeWritten,
  drainEachSaving,
  handle,
  missing,
  opArbitrary,
  world,
  type Handled,
} from './reader-ops.js';

const NUM_RUNS = Number(process.env.READER_PROPERTY_RUNS ?? 150);
let operations = 0;

afterAll(() => {
  // Enough to matter: a few thousand operations each time the suite runs.
  expect(operations).toBeGreaterThan(2_000);
});

describe('StreamReader (fast-check): exactly once below retention', () => {
  it('every record exactly once, in write order per item, parents first, across restarts from checkpoints saved anywhere', async () => {
    // At most 60 ops of at most 20 minutes: under 24 hours in all, so nothing is trimmed.
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          initialShards: fc.integer({ min: 1, max: 4 }),
          limit: fc.constantFrom(1, 2, 3, 1000),
          ops: fc.array(opArbitrary({ maxAdvanceMs: 20 * MINUTE, saves: true, lifecycle: true }), {
            maxLength: 60,
            size: 'max',
          }),
        }),
        async ({ initialShards, limit, ops }) => {
          const w = await world(initialShards);
          const log: Handled[] = [];
          // Saved with each checkpoint: how much of the log it covers. A crash loses the rest (it is handled again).
          const store = new StateSavingStore(() => log.length);
          let reader = new StreamReader(w.stream, { limit });
          const restart = (): void => {
            log.length = store.restore() ?? 0;
            reader = StreamReader.fromStore(w.stream, store, { limit });
          };
          for (const op of ops) {
            operations++;
            if (applyWorldOp(w, op)) continue;
            switch (op.kind) {
              case 'poll':
                handle(log, reader.poll());
                break;
              case 'drain':
                handle(log, reader.drain());
                break;
              case 'pollAndSave': {
                const before = log.length;
                const batches = reader.poll();
                handle(log, batches);
                if (batches.length === 0) {
                  store.save(reader.checkpoint());
                  break;
                }
                // Saved after one record of one batch: that record and everything handled before it are covered.
                const b = op.batch % batches.length;
                const batch = batches[b]!;
                const r = op.record % batch.records.length;
                store.saveWith(
                  checkpointAfter(batch, batch.records[r]!),
                  before + batches.slice(0, b).reduce((sum, earlier) => sum + earlier.records.length, 0) + r + 1,
                );
                break;
              }
              case 'save':
                store.save(reader.checkpoint());
                break;
              case 'drainEach':
                // Each handled batch is saved as it goes (with the log it covers); a failed batch is neither, and
                // the consumer restarts from the store (what was not saved comes again).
                if (drainEachSaving(reader, log, store, op.failAt)) restart();
                break;
              case 'restart':
                restart();
                break;
            }
          }
          handle(log, reader.drain());
          expect(w.clock.now() - T0).toBeLessThan(DAY);
          checkHandled(w, log);
          expect(missing(w, log).map(describeWritten), 'records never handled').toEqual([]);
          expect(reader.lostRecords).toBe(0);
          w.db.close();
        },
      ),
      { numRuns: NUM_RUNS },
    );
  });
});
