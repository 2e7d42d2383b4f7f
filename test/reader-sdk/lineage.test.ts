import { describe, expect, it } from 'vitest';
import { StreamReader } from '../../src/index.js';
import { setup } from '../support/reader-fixture.js';
import { flat, ids } from '../support/reader-results.js';
import { keyIn, openShardIds as openShards } from '../support/shards.js';
import { lifecycle } from '../support/reader-events.js';
import { statuses } from '../support/reader-results.js';
import { SOURCES } from '../support/reader-sources.js';

describe.each(SOURCES)('StreamReader over $name: parents strictly before children', ({ make }) => {
  it('split: the parent is read to its end before either child starts, and each key stays in write order', async () => {
    const fixture = await setup();
    const { table, stream } = fixture;
    const parent = openShards(stream)[0]!;
    for (let i = 0; i < 5; i++) table.put({ id: `k${i}`, v: 1 });
    const [low, high] = stream.splitShard(parent);
    for (let i = 0; i < 5; i++) table.put({ id: `k${i}`, v: 2 });
    const reader = new StreamReader(make(fixture), { limit: 2 });
    const log = lifecycle(reader);
    const records = flat(await reader.drainAsync());
    for (let i = 0; i < 5; i++) {
      expect(
        records.filter((record) => record.dynamodb.Keys.id!.S === `k${i}`).map((record) => record.eventName),
      ).toEqual(['INSERT', 'MODIFY']);
    }
    expect(ids(records.slice(0, 5))).toEqual(['k0', 'k1', 'k2', 'k3', 'k4']);
    expect(log.slice(0, 2)).toEqual([`+${parent}`, `-${parent}`]);
    expect(new Set(log.slice(2))).toEqual(new Set([`+${low.shardId}`, `+${high.shardId}`]));
  });

  it('merge made before the reader started: the child waits for BOTH parents, and names both', async () => {
    const fixture = await setup({ initialShards: 2 });
    const { table, stream } = fixture;
    const [left, right] = openShards(stream) as [string, string];
    const inLeft = await keyIn(stream, left, 'l');
    const inRight = await keyIn(stream, right, 'r');
    table.put({ id: inLeft, v: 1 });
    for (let v = 1; v <= 3; v++) table.put({ id: inRight, v });
    const child = stream.mergeShards(left, right).shardId;
    table.put({ id: inLeft, v: 2 });
    table.put({ id: inRight, v: 4 });

    // One record a call: the left parent ends in the first round, the right one has two more records.
    const reader = new StreamReader(make(fixture), { limit: 1 });
    const log = lifecycle(reader);
    expect(ids(flat(await reader.pollAsync())).sort()).toEqual([inLeft, inRight].sort());
    expect(statuses(reader)).toEqual({ [left]: 'done', [right]: 'reading', [child]: 'waiting' });
    expect(ids(flat(await reader.pollAsync()))).toEqual([inRight]);
    expect(statuses(reader)[child]).toBe('waiting');
    expect(ids(flat(await reader.pollAsync()))).toEqual([inRight]);
    expect(statuses(reader)).toEqual({ [left]: 'done', [right]: 'done', [child]: 'reading' });
    expect(ids(flat(await reader.pollAsync()))).toEqual([inLeft]);
    expect(ids(flat(await reader.pollAsync()))).toEqual([inRight]);
    expect(log).toEqual([`+${left}`, `+${right}`, `-${left}`, `-${right}`, `+${child}`]);
    expect(reader.metrics().find((shard) => shard.shardId === child)!.parentShardIds).toEqual([left, right]);
  });

  it('merge made while the reader reads: the child, found through CHILD_SHARDS of one parent, still waits for the other', async () => {
    const fixture = await setup({ initialShards: 2 });
    const { table, stream } = fixture;
    const [left, right] = openShards(stream) as [string, string];
    const inLeft = await keyIn(stream, left, 'l');
    const inRight = await keyIn(stream, right, 'r');
    const reader = new StreamReader(make(fixture), { limit: 1 });
    table.put({ id: inLeft, v: 1 });
    table.put({ id: inRight, v: 1 });
    expect(ids(flat(await reader.pollAsync())).sort()).toEqual([inLeft, inRight].sort());

    table.put({ id: inRight, v: 2 });
    table.put({ id: inRight, v: 3 });
    const child = stream.mergeShards(left, right).shardId;
    table.put({ id: inRight, v: 4 });
    table.put({ id: inLeft, v: 2 });

    const order: string[] = [];
    for (let round = 0; round < 8; round++) {
      for (const batch of await reader.pollAsync())
        order.push(...batch.records.map((record) => `${record.dynamodb.Keys.id!.S}=${record.dynamodb.NewImage!.v!.N}`));
      if (round === 0) expect(statuses(reader)).toEqual({ [left]: 'done', [right]: 'reading', [child]: 'waiting' });
    }
    // The right key's v=2 and v=3 (in the right parent) come before its v=4 (in the child).
    expect(order).toEqual([`${inRight}=2`, `${inRight}=3`, `${inRight}=4`, `${inLeft}=2`]);
    expect(reader.metrics().find((shard) => shard.shardId === child)!.parentShardIds).toEqual([left, right]);
  });

  it('rollover: a chain of generations is read oldest first, each item in write order', async () => {
    const fixture = await setup();
    const { table, stream } = fixture;
    for (let generation = 0; generation < 4; generation++) {
      table.put({ id: 'a', v: generation });
      table.put({ id: 'b', v: generation });
      stream.rolloverShard(openShards(stream)[0]!);
    }
    const records = flat(await new StreamReader(make(fixture), { limit: 1 }).drainAsync());
    expect(ids(records)).toEqual(['a', 'b', 'a', 'b', 'a', 'b', 'a', 'b']);
    expect(records.map((record) => record.dynamodb.NewImage!.v!.N)).toEqual(['0', '0', '1', '1', '2', '2', '3', '3']);
  });

  it('splits, merges and rollovers while it reads: every record once, every key in write order', async () => {
    const fixture = await setup({ initialShards: 2 });
    const { table, stream } = fixture;
    const reader = new StreamReader(make(fixture), { limit: 1 });
    const written = new Map<string, number[]>();
    const seen = new Map<string, number[]>();
    const collect = async (): Promise<void> => {
      for (const record of flat(await reader.pollAsync())) {
        const id = record.dynamodb.Keys.id!.S!;
        seen.set(id, [...(seen.get(id) ?? []), Number(record.dynamodb.NewImage!.v!.N)]);
      }
    };
    for (let step = 0; step < 60; step++) {
      const id = `k${(step * 7) % 11}`;
      table.put({ id, v: step });
      written.set(id, [...(written.get(id) ?? []), step]);
      const open = openShards(stream);
      if (step % 15 === 5) stream.splitShard(open[0]!);
      if (step % 15 === 10 && open.length >= 2) stream.mergeShards(open[0]!, open[1]!);
      if (step % 15 === 14) stream.rolloverShard(open.at(-1)!);
      if (step % 4 === 0) await collect();
    }
    for (const batch of await reader.drainAsync()) {
      for (const record of batch.records) {
        const id = record.dynamodb.Keys.id!.S!;
        seen.set(id, [...(seen.get(id) ?? []), Number(record.dynamodb.NewImage!.v!.N)]);
      }
    }
    expect(seen).toEqual(written);
    expect(reader.lostRecords).toBe(0);
    expect(reader.metrics().filter((shard) => shard.status === 'waiting')).toEqual([]);
  });
});
