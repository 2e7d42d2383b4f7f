import { describe, expect, it } from 'vitest';
import { InMemoryFailureDestination, attachLambda } from '../../src/lambda/index.js';
import { laneOf } from '../../src/lambda/lanes/lane-assignment.js';
import { ids, putMany, setup } from '../support/lambda-fixture.js';

describe('shard lineage', () => {
  it('finishes a parent before either child of a split, even while the parent is blocked by a failing batch', async () => {
    const { table, clock } = await setup();
    const stream = table.stream!;
    let failing = true;
    const delivered: string[] = [];
    const mapping = attachLambda(
      stream,
      (event) => {
        if (failing && ids(event).includes('k1')) throw new Error('blocked');
        delivered.push(...ids(event));
      },
      { StartingPosition: 'TRIM_HORIZON', BatchSize: 10 },
    );
    putMany(table, 3, 'k');
    const [parent] = stream.listShards();
    stream.splitShard(parent!.shardId);
    putMany(table, 6, 'c'); // into the children
    clock.advance({ seconds: 5 });
    // The parent's batch keeps failing: neither child has been invoked.
    expect(delivered).toEqual([]);
    expect(new Set(mapping.history.map((h) => h.shardId))).toEqual(new Set([parent!.shardId]));
    expect(mapping.metrics().shards.map((s) => s.status)).toEqual(['processing', 'waiting', 'waiting']);
    failing = false;
    mapping.drain();
    expect(delivered.slice(0, 3)).toEqual(['k0', 'k1', 'k2']);
    expect([...delivered.slice(3)].sort()).toEqual(['c0', 'c1', 'c2', 'c3', 'c4', 'c5']);
    expect(mapping.metrics().shards.map((s) => s.status)).toEqual(['done', 'processing', 'processing']);
  });

  it('starts a merge child only after both parents are processed', async () => {
    const { table } = await setup({ initialShards: 2 });
    const stream = table.stream!;
    const [a, b] = stream.listShards();
    const destination = new InMemoryFailureDestination();
    const order: string[] = [];
    const mapping = attachLambda(
      stream,
      (event) => {
        order.push(...event.Records.map((r) => `${r.dynamodb!.Keys!.id!.S}`));
      },
      { StartingPosition: 'TRIM_HORIZON', DestinationConfig: { OnFailure: { Destination: destination } } },
    );
    putMany(table, 12, 'p');
    const merged = stream.mergeShards(a!.shardId, b!.shardId);
    putMany(table, 12, 'p', 2); // every key again, into the merge child
    mapping.drain();
    expect(order).toHaveLength(24);
    const childInvocations = mapping.history.filter((h) => h.shardId === merged.shardId);
    const parentInvocations = mapping.history.filter((h) => h.shardId !== merged.shardId);
    expect(childInvocations.length).toBeGreaterThan(0);
    expect(Math.min(...childInvocations.map((h) => h.invocation))).toBeGreaterThan(
      Math.max(...parentInvocations.map((h) => h.invocation)),
    );
    expect(destination.size).toBe(0);
  });
});

describe('ParallelizationFactor', () => {
  it('runs up to N batches of one shard at once, each partition key in order', async () => {
    const { table, clock } = await setup();
    let running = 0;
    let most = 0;
    const versions = new Map<string, number>();
    const mapping = attachLambda(
      table.stream!,
      async (event) => {
        running++;
        most = Math.max(most, running);
        // The function takes 1 s of simulated time.
        await new Promise<void>((resolve) => clock.schedule(clock.now() + 1_000, resolve));
        for (const record of event.Records) {
          const id = record.dynamodb!.Keys!.id!.S!;
          const v = Number(record.dynamodb!.NewImage!.v!.N);
          expect(v).toBeGreaterThan(versions.get(id) ?? -1);
          versions.set(id, v);
        }
        running--;
      },
      { StartingPosition: 'TRIM_HORIZON', BatchSize: 5, ParallelizationFactor: 4 },
    );
    for (let v = 0; v < 5; v++) putMany(table, 20, 'k', v);
    await mapping.runUntilIdle();
    expect(most).toBe(4);
    expect(new Set(mapping.history.map((h) => h.lane))).toEqual(new Set([0, 1, 2, 3]));
    expect([...versions.values()].every((v) => v === 4)).toBe(true);
    expect(mapping.metrics().recordsDelivered).toBe(100);
  });

  it('a failing key blocks only its own lane: the other keys of the shard move on', async () => {
    const { table, clock } = await setup();
    const delivered: string[] = [];
    const mapping = attachLambda(
      table.stream!,
      (event) => {
        if (ids(event).includes('k0')) throw new Error('k0 is poison');
        delivered.push(...ids(event));
      },
      { StartingPosition: 'TRIM_HORIZON', BatchSize: 1, ParallelizationFactor: 10 },
    );
    putMany(table, 10);
    clock.advance({ seconds: 10 });
    // Lanes are chosen by a hash of the partition key: keys sharing k0's lane wait behind it, all others are delivered.
    const laneOfKey = (key: string) => laneOf(`S${key}`, 10);
    const keys = ['k0', 'k1', 'k2', 'k3', 'k4', 'k5', 'k6', 'k7', 'k8', 'k9'];
    const free = keys.filter((key) => laneOfKey(key) !== laneOfKey('k0'));
    expect(free.length).toBeGreaterThan(5);
    expect(delivered.sort()).toEqual(free);
    const poisonLane = mapping.history.find((h) => ids({ Records: h.records }).includes('k0'))!.lane;
    expect(poisonLane).toBe(laneOfKey('k0'));
    expect(mapping.history.filter((h) => h.lane === poisonLane && h.outcome === 'error')).toHaveLength(41); // every poll for 10 s
    mapping.disable();
  });
});
