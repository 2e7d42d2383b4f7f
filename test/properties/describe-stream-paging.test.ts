/**
 * DescribeStream pages a shard list kept in creation order and compacted as shards expire; the routing table
 * follows every split, merge and rollover. Whatever the changes and clock moves, paging with any Limit from any
 * live or expired shard gives exactly the live shards in creation order (from an id the stream never had, those
 * whose ids sort after it), and every write lands in the open shard whose range holds its hash.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { Database, ManualClock, type Stream } from '../../src/index.js';
import { loadHasher, type Hasher } from '../../src/stream/hasher.js';
import { openShardsInHashOrder as openShards } from '../support/shards.js';
import { HOUR } from '../support/time.js';

let hasher: Hasher;
beforeAll(async () => {
  hasher = await loadHasher();
});

type Op =
  | { kind: 'split' | 'rollover'; shard: number }
  | { kind: 'merge'; pair: number }
  | { kind: 'advance'; hours: number }
  | { kind: 'put'; key: number };

/** A short toString, so a shrunk counterexample reads like a script. */
function named(op: Op): Op {
  const text =
    op.kind === 'advance'
      ? `advance(${op.hours} h)`
      : op.kind === 'put'
        ? `put(k${op.key})`
        : op.kind === 'merge'
          ? `merge(open[${op.pair}], open[${op.pair}+1])`
          : `${op.kind}(open[${op.shard}])`;
  return Object.defineProperty({ ...op }, fc.toStringMethod, { value: () => text, enumerable: false });
}

const ops = fc
  .oneof(
    fc.record({ kind: fc.constantFrom('split' as const, 'rollover' as const), shard: fc.nat(7) }),
    fc.record({ kind: fc.constant('merge' as const), pair: fc.nat(7) }),
    fc.record({ kind: fc.constant('advance' as const), hours: fc.integer({ min: 1, max: 30 }) }),
    fc.record({ kind: fc.constant('put' as const), key: fc.nat(20) }),
  )
  .map(named);

/** Every page, from the start or after `from`, with the given Limit. */
function pages(stream: Stream, limit: number, from?: string): string[] {
  const ids: string[] = [];
  let start = from;
  for (let guard = 0; guard < 1000; guard++) {
    const description = stream.describeStream({
      Limit: limit,
      ...(start === undefined ? {} : { ExclusiveStartShardId: start }),
    }).StreamDescription;
    ids.push(...description.Shards.map((shard) => shard.ShardId));
    start = description.LastEvaluatedShardId;
    if (start === undefined) return ids;
  }
  throw new Error('paging does not end');
}

describe('DescribeStream paging and routing (fast-check)', () => {
  it('pages give exactly the live shards in creation order, from any start; writes land in the shard holding their hash', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 1, max: 5 }),
        fc.array(ops, { maxLength: 30 }),
        async (initialShards, limit, script) => {
          const clock = new ManualClock();
          const db = await Database.create({ clock, seed: 7 });
          const table = db.createTable({
            TableName: 'paging',
            KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
            AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
            StreamSpecification: { StreamEnabled: true, StreamViewType: 'KEYS_ONLY' },
            streamOptions: { initialShards, splitOnWriteRate: false },
          });
          const stream = table.stream!;
          const created: string[] = stream.listShards().map((shard) => shard.shardId);
          db.on('shardOpened', ({ shard }) => created.push(shard.shardId));
          let version = 0;
          for (const op of script) {
            const open = openShards(stream);
            if (op.kind === 'split' && open.length > 0) {
              const shard = open[op.shard % open.length]!;
              if (shard.hashKeyRange.end > shard.hashKeyRange.start) stream.splitShard(shard.shardId);
            } else if (op.kind === 'rollover' && open.length > 0)
              stream.rolloverShard(open[op.shard % open.length]!.shardId);
            else if (op.kind === 'merge' && open.length > 1) {
              const at = op.pair % (open.length - 1);
              stream.mergeShards(open[at]!.shardId, open[at + 1]!.shardId);
            } else if (op.kind === 'advance') clock.advance(op.hours * HOUR);
            else if (op.kind === 'put') {
              const id = `k${op.key}`;
              table.put({ id, version: ++version });
              const hash = hasher.h64(id);
              const holder = openShards(stream).find(
                (shard) => shard.hashKeyRange.start <= hash && hash <= shard.hashKeyRange.end,
              )!;
              const { ShardIterator } = stream.getShardIterator({
                ShardId: holder.shardId,
                ShardIteratorType: 'TRIM_HORIZON',
              });
              const records = stream.getRecords({ ShardIterator }).Records;
              expect(records.at(-1)?.dynamodb.Keys.id?.S).toBe(id);
            }
            const live = stream.listShards().map((shard) => shard.shardId);
            expect(live).toEqual(created.filter((id) => live.includes(id)));
            expect(pages(stream, limit)).toEqual(live);
            // From every shard ever created, live or expired: the live shards created after it.
            for (const [index, from] of created.entries()) {
              const after = created.slice(index + 1).filter((id) => live.includes(id));
              expect(pages(stream, limit, from)).toEqual(after);
              // An id the stream never had (as DynamoDB Local): a first page of the live shards whose ids sort after it.
              const unknown = `${from.slice(0, -1)}${from.endsWith('8') ? '0' : '8'}`;
              if (!created.includes(unknown)) {
                const first = stream.describeStream({ Limit: limit, ExclusiveStartShardId: unknown }).StreamDescription
                  .Shards;
                expect(first.map((shard) => shard.ShardId)).toEqual(live.filter((id) => id > unknown).slice(0, limit));
              }
            }
          }
          db.close();
        },
      ),
      { numRuns: 60 },
    );
  });
});
