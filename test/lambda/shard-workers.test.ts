import { describe, expect, it } from 'vitest';
import { ShardLineage } from '../../src/lambda/lanes/shard-workers.js';

describe('ShardLineage', () => {
  it('holds a child back until every parent is done; a parent it never saw does not hold it', () => {
    const lineage = new ShardLineage(1);
    const a = lineage.worker('a', []);
    const b = lineage.worker('b', []);
    const merged = lineage.worker('m', ['a', 'b']);
    const orphan = lineage.worker('o', ['unknown']);
    expect(lineage.parentsDone(merged)).toBe(false);
    a.done = true;
    expect(lineage.parentsDone(merged)).toBe(false);
    b.done = true;
    expect(lineage.parentsDone(merged)).toBe(true);
    expect(lineage.parentsDone(orphan)).toBe(true);
    expect(lineage.worker('a', [])).toBe(a); // one worker per shard
    expect(lineage.workers.map((w) => w.shardId)).toEqual(['a', 'b', 'm', 'o']);
  });

  it('forgets finished shards whose children are finished too, from the order and from the lookup', () => {
    const lineage = new ShardLineage(1);
    // A chain of 300 rollovers: s0 <- s1 <- ... <- s299, all done but the last.
    for (let i = 0; i < 300; i++) lineage.worker(`s${i}`, i === 0 ? [] : [`s${i - 1}`]);
    for (let i = 0; i < 299; i++) lineage.get(`s${i}`)!.done = true;
    lineage.forgetFinished();
    // s298 is the open shard's parent: kept. Everything older is gone, map included (no slow leak).
    expect(lineage.workers.map((w) => w.shardId)).toEqual(['s298', 's299']);
    expect(lineage.get('s0')).toBeUndefined();
    expect(lineage.get('s297')).toBeUndefined();
    expect(lineage.get('s298')).toBeDefined();
    expect(lineage.parentsDone(lineage.get('s299')!)).toBe(true);
  });

  it('keeps everything while it tracks fewer than 256 shards', () => {
    const lineage = new ShardLineage(2);
    for (let i = 0; i < 10; i++) lineage.worker(`s${i}`, []).done = true;
    lineage.forgetFinished();
    expect(lineage.workers).toHaveLength(10);
    expect(lineage.get('s0')!.lanes).toHaveLength(2);
  });
});
