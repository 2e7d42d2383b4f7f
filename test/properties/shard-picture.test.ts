/**
 * The shard picture over random histories (writes, splits, merges, rollovers, clock jumps past the retention,
 * a stream disabled): every shard the stream knows is in the history exactly once, and in the SVG exactly once
 * with a link from each of its parents the history holds; the text lists each once.
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { Database, ManualClock, renderHistorySvg, renderHistoryText, type Stream } from '../../src/index.js';
import { openShardsInHashOrder as openShards } from '../support/shards.js';
import { DAY, HOUR, T0 } from '../support/time.js';

const HASH_SPACE = 1n << 64n;

type Op =
  | { kind: 'put'; pk: number }
  | { kind: 'split'; shard: number; point: bigint }
  | { kind: 'merge'; pair: number }
  | { kind: 'rollover'; shard: number }
  | { kind: 'advance'; ms: number }
  | { kind: 'disable' };

const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 40, arbitrary: fc.record({ kind: fc.constant('put' as const), pk: fc.nat(20) }) },
  {
    weight: 20,
    arbitrary: fc.record({
      kind: fc.constant('split' as const),
      shard: fc.nat(7),
      point: fc.bigInt({ min: 0n, max: HASH_SPACE - 1n }),
    }),
  },
  { weight: 10, arbitrary: fc.record({ kind: fc.constant('merge' as const), pair: fc.nat(7) }) },
  { weight: 10, arbitrary: fc.record({ kind: fc.constant('rollover' as const), shard: fc.nat(7) }) },
  {
    weight: 20,
    arbitrary: fc.record({ kind: fc.constant('advance' as const), ms: fc.integer({ min: 1, max: 6 * HOUR }) }),
  },
  // Clock jumps past the retention: shards expire, and some are forgotten.
  {
    weight: 10,
    arbitrary: fc.record({ kind: fc.constant('advance' as const), ms: fc.integer({ min: DAY, max: 3 * DAY }) }),
  },
  { weight: 1, arbitrary: fc.constant({ kind: 'disable' as const }) },
);

const databases: Database[] = [];
afterAll(() => {
  for (const db of databases) db.close();
});

async function run(ops: readonly Op[], remembered: number, initialShards: number): Promise<Stream> {
  const clock = new ManualClock(T0);
  const db = await Database.create({ clock, seed: 9 });
  databases.push(db);
  const table = db.createTable({
    TableName: 'props',
    KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
    AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
    StreamSpecification: { StreamEnabled: true, StreamViewType: 'KEYS_ONLY' },
    streamOptions: { initialShards },
  });
  const stream = table.stream as Stream;
  stream.rememberExpiredShards(remembered);
  for (const step of ops) {
    if (stream.status !== 'ENABLED' && step.kind !== 'advance') continue;
    const open = openShards(stream);
    switch (step.kind) {
      case 'put':
        table.put({ id: `k${step.pk}` });
        break;
      case 'split': {
        const target = open[step.shard % open.length]!;
        const { start, end } = target.hashKeyRange;
        if (end > start) stream.splitShard(target.shardId, start + 1n + (step.point % (end - start)));
        break;
      }
      case 'merge':
        if (open.length >= 2) {
          const i = step.pair % (open.length - 1);
          stream.mergeShards(open[i]!.shardId, open[i + 1]!.shardId);
        }
        break;
      case 'rollover':
        stream.rolloverShard(open[step.shard % open.length]!.shardId);
        break;
      case 'advance':
        clock.advance(step.ms);
        break;
      case 'disable':
        db.updateTable({ TableName: 'props', StreamSpecification: { StreamEnabled: false } });
        break;
    }
  }
  return stream;
}

const occurrences = (text: string, part: string): number => text.split(part).length - 1;

describe('the shard picture of random histories', () => {
  it('holds every known shard once, draws each once with a link from each of its parents, lists each once', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(op, { maxLength: 40 }),
        fc.integer({ min: 0, max: 4 }),
        fc.integer({ min: 1, max: 3 }),
        async (ops, remembered, initialShards) => {
          const stream = await run(ops, remembered, initialShards);
          if (stream.expired) return;
          const history = stream.shardHistory();
          const ids = history.shards.map((shard) => shard.shardId);
          // Exactly the shards the stream knows: its live ones and the expired ones it remembers.
          const footprint = stream.footprint();
          expect(new Set(ids).size).toBe(ids.length);
          expect(ids.length).toBe(footprint.liveShards + footprint.expiredShards);
          for (const id of ids) expect(stream.shardInfo(id)).toBeDefined();
          for (const shard of stream.listShards()) expect(ids).toContain(shard.shardId);
          expect(history.shards.filter((shard) => shard.state === 'EXPIRED')).toHaveLength(footprint.expiredShards);

          const svg = renderHistorySvg(history);
          const text = renderHistoryText(history);
          expect(occurrences(svg, '<g class="shard"')).toBe(ids.length);
          const known = new Set(ids);
          for (const shard of history.shards) {
            expect(occurrences(svg, `data-shard-id="${shard.shardId}"`)).toBe(1);
            expect(occurrences(text, shard.shardId)).toBe(1);
            for (const parent of shard.parentShardIds) {
              const link = `data-parent="${parent}" data-child="${shard.shardId}"`;
              expect(occurrences(svg, link)).toBe(known.has(parent) ? 1 : 0);
            }
          }
          const links = history.shards.flatMap((shard) => shard.parentShardIds.filter((id) => known.has(id)));
          expect(occurrences(svg, '<path class="link"')).toBe(links.length);
          expect(svg).not.toMatch(/NaN|Infinity/);
        },
      ),
      { numRuns: 80 },
    );
  });
});
