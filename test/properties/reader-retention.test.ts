/**
 * StreamReader, property-based, across clock jumps beyond the retention period: whatever the writes,
 * reshardings, rollovers, polls and restarts, after each drain the only records the consumer has not handled
 * are records trimmed before it could read them, and the reader reports exactly how many (its `lostRecords`,
 * summed over restarts, and its `trimmed` events): the loss is never hidden, never counted twice.
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { InMemoryCheckpointStore, StreamReader, checkpointAfter } from '../../src/index.js';
import { DAY, HOUR, MINUTE, applyWorldOp, checkHandled, describeWritten, drainEachSaving, handle, missing, opArbitrary, world, type Handled } from './reader-ops.js';

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
          ops: fc.array(opArbitrary({ maxAdvanceMs: 3 * HOUR, jump: [12 * HOUR, 30 * HOUR], saves: false }), { maxLength: 40, size: 'max' }),
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
            expect(unread.filter((entry) => now - entry.at <= DAY).map(describeWritten), 'still in the stream, yet not delivered').toEqual([]);
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

  it('crashes that restart from checkpoints saved anywhere, across jumps: never a record twice, nothing missing that was not trimmed', async () => {
    // The loss count is not checked here: a restarted reader re-counts what its predecessor lost after the
    // saved checkpoint, and a shard saved as TRIM_HORIZON cannot say what was trimmed before the save.
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          initialShards: fc.integer({ min: 1, max: 3 }),
          limit: fc.constantFrom(1, 2, 1000),
          ops: fc.array(opArbitrary({ maxAdvanceMs: 20 * MINUTE, jump: [12 * HOUR, 30 * HOUR], saves: true }), { maxLength: 40, size: 'max' }),
        }),
        async ({ initialShards, limit, ops }) => {
          const w = await world(initialShards);
          const store = new InMemoryCheckpointStore();
          let reader = new StreamReader(w.stream, { limit });
          reader.drain();
          const log: Handled[] = [];
          let savedLength = 0;
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
                  savedLength = log.length;
                  break;
                }
                const b = op.batch % batches.length;
                const batch = batches[b]!;
                const r = op.record % batch.records.length;
                store.save(checkpointAfter(batch, batch.records[r]!));
                savedLength = before + batches.slice(0, b).reduce((sum, earlier) => sum + earlier.records.length, 0) + r + 1;
                break;
              }
              case 'save':
                store.save(reader.checkpoint());
                savedLength = log.length;
                break;
              case 'drainEach': {
                // Each handled batch is saved as it goes, its checkpoint covering all handled so far; a failed
                // batch is neither, and the consumer restarts from the store (what was not saved comes again).
                const { failed, saved } = drainEachSaving(reader, log, store, op.failAt);
                if (saved) savedLength = log.length;
                if (failed) {
                  log.length = savedLength;
                  reader = StreamReader.fromStore(w.stream, store, { limit });
                }
                break;
              }
              case 'restart':
                log.length = savedLength;
                reader = StreamReader.fromStore(w.stream, store, { limit });
                break;
            }
          }
          handle(log, reader.drain());
          checkHandled(w, log);
          const now = w.clock.now();
          expect(missing(w, log).filter((entry) => now - entry.at <= DAY).map(describeWritten), 'still in the stream, yet not delivered').toEqual([]);
          w.db.close();
        },
      ),
      { numRuns: NUM_RUNS },
    );
  });
});
