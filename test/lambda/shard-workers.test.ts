import { describe, expect, it } from 'vitest';
import { ShardWorkers } from '../../src/lambda/lanes/shard-workers.js';

describe('ShardWorkers', () => {
  it('holds a child back until every parent is done; a parent it never saw does not hold it', () => {
    const shards = new ShardWorkers(1);
    const a = shards.worker('a', []);
    const b = shards.worker('b', []);
    const merged = shards.worker('m', ['a', 'b']);
    const orphan = shards.worker('o', ['unknown']);
    expect(shards.parentsDone(merged)).toBe(false);
    a.done = true;
    expect(shards.parentsDone(merged)).toBe(false);
    b.done = true;
    expect(shards.parentsDone(merged)).toBe(true);
    expect(shards.parentsDone(orphan)).toBe(true);
    expect(shards.worker('a', [])).toBe(a); // one worker per shard
    expect(shards.workers.map((w) => w.shardId)).toEqual(['a', 'b', 'm', 'o']);
  });

  it('forgets finished shards whose children are finished too, from the order and from the lookup', () => {
    const shards = new ShardWorkers(1);
    // A chain of 300 rollovers: s0 <- s1 <- ... <- s299, all done but the last.
    for (let i = 0; i < 300; i++) shards.worker(`s${i}`, i === 0 ? [] : [`s${i - 1}`]);
    for (let i = 0; i < 299; i++) shards.get(`s${i}`)!.done = true;
    shards.forgetFinished();
    // s298 is the open shard's parent: kept. Everything older is gone, map included (no slow leak).
    expect(shards.workers.map((w) => w.shardId)).toEqual(['s298', 's299']);
    expect(shards.get('s0')).toBeUndefined();
    expect(shards.get('s297')).toBeUndefined();
    expect(shards.get('s298')).toBeDefined();
    expect(shards.parentsDone(shards.get('s299')!)).toBe(true);
  });

  it('keeps everything while it tracks fewer than 256 shards', () => {
    const shards = new ShardWorkers(2);
    for (let i = 0; i < 10; i++) shards.worker(`s${i}`, []).done = true;
    shards.forgetFinished();
    expect(shards.workers).toHaveLength(10);
    expect(shards.get('s0')!.lanes).toHaveLength(2);
  });
});
