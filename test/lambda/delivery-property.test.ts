/**
 * The mapping never loses a record, property-based: for any mix of writes (repeated keys), shard splits and
 * merges, clock moves, handler failures (thrown, or reported with ReportBatchItemFailures), transient or
 * permanent, and any BatchSize, bisect, retry and age limit and ParallelizationFactor, once the mapping is idle every
 * record of the stream was either delivered in a successful batch or reported to the on-failure destination,
 * never both, and each key's successfully delivered records came in write order (parents before children).
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { Database, ManualClock, StreamReader } from '../../src/index.js';
import { InMemoryFailureDestination, attachLambda, type DynamoDBStreamEvent } from '../../src/lambda/index.js';

type Op =
  | { kind: 'write'; key: number }
  | { kind: 'split' }
  | { kind: 'merge' }
  | { kind: 'advance'; ms: number }
  | { kind: 'pause'; ms: number };

const opArbitrary: fc.Arbitrary<Op> = fc.oneof(
  { weight: 8, arbitrary: fc.record({ kind: fc.constant('write' as const), key: fc.integer({ min: 0, max: 7 }) }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'split' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'merge' as const }) },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant('advance' as const), ms: fc.integer({ min: 0, max: 30_000 }) }),
  },
  // The mapping disabled for a while: records wait, and with MaximumRecordAgeInSeconds 60 may expire.
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('pause' as const), ms: fc.integer({ min: 0, max: 90_000 }) }) },
);

/** How often each way of ending was seen across all runs, so the property is known to exercise them. */
const seen = { delivered: 0, retryExhausted: 0, ageExceeded: 0 };
afterAll(() => {
  expect(seen.delivered).toBeGreaterThan(0);
  expect(seen.retryExhausted).toBeGreaterThan(0);
  expect(seen.ageExceeded).toBeGreaterThan(0);
});

/** How the handler treats the records of one key: fine, failing its first `times` deliveries, or always failing. */
const faultArbitrary = fc.oneof(
  fc.constant({ times: 0 }),
  fc.record({ times: fc.integer({ min: 1, max: 4 }) }),
  fc.constant({ times: Number.POSITIVE_INFINITY }),
);

const runArbitrary = fc.record({
  initialShards: fc.integer({ min: 1, max: 3 }),
  batchSize: fc.integer({ min: 1, max: 6 }),
  bisect: fc.boolean(),
  report: fc.boolean(),
  throwInstead: fc.boolean(),
  retries: fc.integer({ min: 0, max: 3 }),
  maxAge: fc.constantFrom(-1, 60),
  parallelization: fc.integer({ min: 1, max: 3 }),
  faults: fc.array(faultArbitrary, { minLength: 8, maxLength: 8 }),
  ops: fc.array(opArbitrary, { maxLength: 40 }),
});
type Run = typeof runArbitrary extends fc.Arbitrary<infer T> ? T : never;

/** A run with nothing random in it: the examples below change one thing each. */
const CALM: Run = {
  initialShards: 1,
  batchSize: 1,
  bisect: false,
  report: false,
  throwInstead: false,
  retries: 0,
  maxAge: -1,
  parallelization: 1,
  faults: Array.from({ length: 8 }, () => ({ times: 0 }) as const),
  ops: [],
};

describe('event source mapping (fast-check): delivered or reported, never lost', () => {
  it('every record is delivered once or reported to the failure destination, and each key stays in order', async () => {
    await fc.assert(
      fc.asyncProperty(
        runArbitrary,
        async ({
          initialShards,
          batchSize,
          bisect,
          report,
          throwInstead,
          retries,
          maxAge,
          parallelization,
          faults,
          ops,
        }) => {
          const clock = new ManualClock();
          const db = await Database.create({ clock, seed: 11 });
          const table = db.createTable({
            TableName: 'prop',
            KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
            AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
            StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_IMAGE' },
            streamOptions: { initialShards, splitOnWriteRate: false, rolloverAfter: false },
          });
          const stream = table.stream!;
          const destination = new InMemoryFailureDestination();
          const tries = new Map<string, number>();
          const handler = (event: DynamoDBStreamEvent) => {
            const failed: string[] = [];
            for (const record of event.Records) {
              const key = Number(record.dynamodb!.Keys!.id!.S!.slice(1));
              const seq = record.dynamodb!.SequenceNumber!;
              const count = (tries.get(seq) ?? 0) + 1;
              tries.set(seq, count);
              if (count <= (faults[key] as { times: number }).times) failed.push(seq);
            }
            if (failed.length === 0) return { batchItemFailures: [] };
            if (throwInstead || !report) throw new Error(`failed ${failed.join(',')}`);
            return { batchItemFailures: failed.map((itemIdentifier) => ({ itemIdentifier })) };
          };
          const mapping = attachLambda(stream, handler, {
            StartingPosition: 'TRIM_HORIZON',
            BatchSize: batchSize,
            BisectBatchOnFunctionError: bisect,
            MaximumRetryAttempts: retries,
            MaximumRecordAgeInSeconds: maxAge,
            ParallelizationFactor: parallelization,
            ...(report ? { FunctionResponseTypes: ['ReportBatchItemFailures' as const] } : {}),
            DestinationConfig: { OnFailure: { Destination: destination } },
          });
          let version = 0;
          for (const op of ops) {
            if (op.kind === 'write') table.put({ id: `k${op.key}`, version: version++ });
            else if (op.kind === 'advance') clock.advance(op.ms);
            else if (op.kind === 'pause') {
              mapping.disable();
              clock.advance(op.ms);
              mapping.enable();
            } else {
              const open = stream
                .listShards()
                .filter((shard) => shard.status === 'OPEN')
                .sort((a, b) => (a.hashKeyRange.start < b.hashKeyRange.start ? -1 : 1));
              if (op.kind === 'split') stream.splitShard(open[0]!.shardId);
              else if (open.length >= 2) stream.mergeShards(open[0]!.shardId, open[1]!.shardId);
            }
          }
          mapping.drain();

          // Every record the stream holds, per key in write order (a lineage-aware read).
          const batches = new StreamReader(stream).drain();
          const written = batches.flatMap((batch) => batch.records);
          // Idle, every shard's checkpoint is its last record: everything was handled one way or the other.
          const lastByShard = new Map(batches.map((batch) => [batch.shardId, batch.sequenceNumber]));
          for (const shard of mapping.metrics().shards) expect(shard.checkpoint).toBe(lastByShard.get(shard.shardId));
          const delivered: string[] = [];
          for (const invocation of mapping.history) {
            if (invocation.outcome === 'success') delivered.push(...invocation.sequenceNumbers);
            if (invocation.outcome === 'partial') {
              const index = invocation.sequenceNumbers.indexOf(invocation.failedSequenceNumber!);
              delivered.push(...invocation.sequenceNumbers.slice(0, index));
            }
          }
          const reported: string[] = mapping.discards.flatMap((discard) => discard.sequenceNumbers);
          // The failure destination got one record per discard, naming its first and last sequence numbers.
          expect(
            destination.records.map((r) => [
              r.DDBStreamBatchInfo.startSequenceNumber,
              r.DDBStreamBatchInfo.endSequenceNumber,
              r.DDBStreamBatchInfo.batchSize,
            ]),
          ).toEqual(
            mapping.discards.map((d) => [d.sequenceNumbers[0], d.sequenceNumbers.at(-1), d.sequenceNumbers.length]),
          );
          const deliveredSet = new Set(delivered);
          expect(delivered.length).toBe(deliveredSet.size); // delivered once
          for (const seq of reported) expect(deliveredSet.has(seq)).toBe(false);
          const accounted = new Set([...delivered, ...reported]);
          expect(accounted.size).toBe(delivered.length + reported.length);
          expect([...accounted].sort()).toEqual(written.map((record) => record.dynamodb.SequenceNumber).sort());
          // Per key, successful deliveries in write order.
          const order = new Map(written.map((record, index) => [record.dynamodb.SequenceNumber, index]));
          const keyOf = new Map(
            written.map((record) => [record.dynamodb.SequenceNumber, record.dynamodb.Keys.id!.S as string]),
          );
          const lastByKey = new Map<string, number>();
          for (const seq of delivered) {
            const key = keyOf.get(seq) as string;
            const at = order.get(seq) as number;
            expect(at).toBeGreaterThan(lastByKey.get(key) ?? -1);
            lastByKey.set(key, at);
          }
          expect(mapping.metrics()).toMatchObject({
            recordsDelivered: delivered.length,
            recordsDiscarded: reported.length,
          });
          seen.delivered += delivered.length;
          for (const failure of destination.records) {
            if (failure.requestContext.condition === 'RetryAttemptsExhausted') seen.retryExhausted++;
            else seen.ageExceeded++;
          }
        },
      ),
      {
        numRuns: Number(process.env.LAMBDA_PROPERTY_RUNS ?? 120),
        // One run for each way of ending, first (they count in numRuns): the coverage check (afterAll) must not depend on
        // which seed fast-check drew.
        examples: [
          [{ ...CALM, ops: [{ kind: 'write', key: 0 }] }],
          [
            {
              ...CALM,
              faults: [{ times: Number.POSITIVE_INFINITY }, ...CALM.faults.slice(1)],
              ops: [{ kind: 'write', key: 0 }],
            },
          ],
          [
            {
              ...CALM,
              maxAge: 60,
              ops: [
                { kind: 'write', key: 0 },
                { kind: 'pause', ms: 90_000 },
              ],
            },
          ],
        ],
      },
    );
  });
});
