import { describe, expect, it } from 'vitest';
import {
  InMemoryCheckpointStore,
  SHARD_END,
  StreamReader,
  checkpointAfter,
  type DynamoDBRecord,
} from '../../src/index.js';
import { setup } from '../support/reader-fixture.js';
import { flat, ids, seqOf } from '../support/reader-results.js';
import { keyIn, openShardIds as openShards } from '../support/shards.js';
import { SOURCES } from '../support/reader-sources.js';

const label = (record: DynamoDBRecord): string =>
  `${record.dynamodb.Keys.id!.S!}=${record.dynamodb.NewImage?.v?.N ?? '-'}`;

describe.each(SOURCES)('StreamReader over $name: checkpoints and restarts', ({ make, countsLoss }) => {
  it('a consumer that saves batch.checkpoint after each batch and restarts at any batch sees every record exactly once', async () => {
    const fixture = await setup();
    const { table, stream } = fixture;
    const written: string[] = [];
    const put = (id: string, v: number): void => {
      table.put({ id, v });
      written.push(`${id}=${v}`);
    };
    for (let v = 0; v < 6; v++) put(`k${v % 3}`, v);
    stream.splitShard(openShards(stream)[0]!);
    for (let v = 6; v < 12; v++) put(`k${v % 3}`, v);

    // Crash after every second batch: the next run resumes from the store, until nothing is left.
    const store = new InMemoryCheckpointStore();
    const delivered: string[] = [];
    for (let run = 0; run < 20; run++) {
      const reader = await StreamReader.fromStoreAsync(make(fixture), store, { limit: 2 });
      // A poll that only ends a shard and starts its children yields no batch: poll a few times a run.
      let handled = 0;
      for (let poll = 0; poll < 3 && handled < 2; poll++) {
        for (const batch of await reader.pollAsync()) {
          delivered.push(...batch.records.map(label));
          await store.save(batch.checkpoint);
          if (++handled === 2) break;
        }
      }
    }
    expect([...delivered].sort()).toEqual([...written].sort());
    for (let k = 0; k < 3; k++) {
      expect(delivered.filter((entry) => entry.startsWith(`k${k}=`))).toEqual(
        written.filter((entry) => entry.startsWith(`k${k}=`)),
      );
    }
  });

  it('the checkpoint names each shard being read by its last sequence number, and a finished parent by SHARD_END until a child starts', async () => {
    const fixture = await setup({ initialShards: 2 });
    const { table, stream } = fixture;
    const [left, right] = openShards(stream) as [string, string];
    const inLeft = await keyIn(stream, left);
    const inRight = await keyIn(stream, right);
    table.put({ id: inLeft });
    table.put({ id: inRight });
    table.put({ id: inRight, v: 1 });
    const child = stream.mergeShards(left, right).shardId;
    const reader = new StreamReader(make(fixture), { limit: 1 });
    const first = flat(await reader.pollAsync());
    const rightFirst = first.find((record) => record.dynamodb.Keys.id!.S === inRight)!;
    expect(reader.checkpoint()).toEqual({ [left]: SHARD_END, [right]: seqOf(rightFirst) });
    await reader.pollAsync();
    expect(reader.checkpoint()).toEqual({ [child]: 'TRIM_HORIZON' });
  });

  it('checkpointAfter(batch, record) resumes just after that record', async () => {
    const fixture = await setup();
    const { table } = fixture;
    for (const id of ['a', 'b', 'c', 'd']) table.put({ id });
    const [batch] = await new StreamReader(make(fixture)).drainAsync();
    const resumed = new StreamReader(make(fixture), { checkpoint: checkpointAfter(batch!, batch!.records[1]!) });
    expect(ids(flat(await resumed.drainAsync()))).toEqual(['c', 'd']);
  });

  it("startAt 'LATEST' reads only what is written after it started; with nothing read, its checkpoint says where LATEST was where the source can count", async () => {
    const fixture = await setup();
    const { table } = fixture;
    table.put({ id: 'old' });
    const reader = new StreamReader(make(fixture), { startAt: 'LATEST' });
    expect(await reader.drainAsync()).toEqual([]);
    const checkpoint = reader.checkpoint();
    table.put({ id: 'new' });
    expect(ids(flat(await reader.drainAsync()))).toEqual(['new']);
    // After the shard's first record (`old`); over the wire, plain LATEST (taken again on resume, as the KCL).
    expect(Object.values(checkpoint)).toEqual([countsLoss ? 'TRIM_HORIZON:1' : 'LATEST']);
    const resumed = new StreamReader(make(fixture), { checkpoint });
    expect(ids(flat(await resumed.drainAsync()))).toEqual(countsLoss ? ['new'] : []);
  });
});
