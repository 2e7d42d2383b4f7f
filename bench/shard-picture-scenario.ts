/**
 * The seeded scenario of docs/shard-picture-example.svg: a table whose stream splits, merges, rolls over and
 * trims over 30 hours of a ManualClock. test/stream/shard-picture.test.ts renders it and compares the bytes with
 * the committed files; bench/shard-picture-example.ts writes them.
 */
import { Database, ManualClock, type Stream } from '../src/index.js';

const HOUR = 3_600_000;

/** The options of the committed pictures. */
export const EXAMPLE_SVG_OPTIONS = { title: 'Shards of orders: a split, a merge, rollovers, 36 hours' };
export const EXAMPLE_TEXT_OPTIONS = { width: 100 };

/** The stream after the scenario; close the database when done. */
export async function shardPictureScenario(): Promise<{ db: Database; stream: Stream }> {
  const clock = new ManualClock(Date.UTC(2026, 0, 1));
  const db = await Database.create({ clock, seed: 14 });
  const table = db.createTable({
    TableName: 'orders',
    KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
    AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
    StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
    streamOptions: { initialShards: 2, rolloverAfter: { hours: 8 } },
  });
  const stream = table.stream as Stream;
  let n = 0;
  const write = (count: number): void => {
    for (let i = 0; i < count; i++) table.put({ id: `order-${n++}`, total: n });
  };
  const openShards = () => stream.listShards().filter((shard) => shard.status === 'OPEN');
  write(12);
  clock.advance({ hours: 2 });
  // Split the first shard, then merge its two children back 5 hours later.
  const [low, high] = stream.splitShard((openShards()[0] as { shardId: string }).shardId);
  write(10);
  clock.advance({ hours: 5 });
  stream.mergeShards(low.shardId, high.shardId);
  write(10);
  // Rollovers every 8 hours, writes every 3, for a day: the trim horizon passes the first shards.
  for (let hour = 0; hour < 24; hour += 3) {
    clock.advance({ hours: 3 });
    write(4);
  }
  clock.advance(HOUR);
  stream.splitShard((openShards()[0] as { shardId: string }).shardId);
  clock.advance(4 * HOUR);
  write(6);
  return { db, stream };
}
