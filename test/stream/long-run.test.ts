import { describe, expect, it } from 'vitest';
import {
  ExpiredIteratorException,
  TrimmedDataAccessException,
  type Database,
  type DynamoDBRecord,
  type Stream,
} from '../../src/index.js';
import { EXPIRED, expectError } from '../support/aws-errors.js';
import { makeDb } from '../support/database.js';
import { activeRangesPartition } from '../support/shards.js';
import { readStream } from '../support/stream-reads.js';
import { makeTable, streamOf } from '../support/tables.js';
import { DAY, HOUR, MINUTE, T0 } from '../support/time.js';

/**
 * A polling, lineage-aware reader as a KCL worker would be: it discovers shards with DescribeStream, starts a
 * shard only once its parents are finished, follows NextShardIterator until a closed shard ends, and when an
 * iterator has expired between polls, resumes from its checkpoint with AFTER_SEQUENCE_NUMBER.
 */
class PollingReader {
  readonly records: DynamoDBRecord[] = [];
  expiredIterators = 0;
  readonly #iterators = new Map<string, string>();
  readonly #checkpoints = new Map<string, string>();
  readonly #finished = new Set<string>();

  constructor(
    private readonly db: Database,
    private readonly stream: Stream,
  ) {}

  poll(): void {
    this.#discover();
    let progressed = true;
    while (progressed) {
      progressed = false;
      for (const shardId of [...this.#iterators.keys()]) {
        const page = this.#getRecords(shardId);
        if (page === undefined) continue;
        this.records.push(...page.Records);
        const last = page.Records.at(-1);
        if (last !== undefined) this.#checkpoints.set(shardId, last.dynamodb.SequenceNumber);
        if (page.NextShardIterator === undefined) {
          this.#finish(shardId);
          progressed = true; // its children may start now
        } else {
          this.#iterators.set(shardId, page.NextShardIterator);
        }
      }
      if (progressed) this.#discover();
    }
  }

  #getRecords(shardId: string) {
    try {
      return this.db.getRecords({ ShardIterator: this.#iterators.get(shardId)! });
    } catch (error) {
      if (!(error instanceof ExpiredIteratorException)) throw error;
      this.expiredIterators++;
      const checkpoint = this.#checkpoints.get(shardId);
      try {
        this.#iterators.set(
          shardId,
          this.stream.getShardIterator(
            checkpoint === undefined
              ? { ShardId: shardId, ShardIteratorType: 'TRIM_HORIZON' }
              : { ShardId: shardId, ShardIteratorType: 'AFTER_SEQUENCE_NUMBER', SequenceNumber: checkpoint },
          ).ShardIterator,
        );
      } catch (again) {
        // The shard expired meanwhile: everything in it was read already, or is past retention.
        if (!(again instanceof TrimmedDataAccessException)) throw again;
        this.#finish(shardId);
        return undefined;
      }
      return this.db.getRecords({ ShardIterator: this.#iterators.get(shardId)! });
    }
  }

  #finish(shardId: string): void {
    this.#iterators.delete(shardId);
    this.#finished.add(shardId);
  }

  #discover(): void {
    const shards = this.stream.describeStream().StreamDescription.Shards;
    const known = new Set(shards.map((shard) => shard.ShardId));
    for (const shard of shards) {
      if (this.#finished.has(shard.ShardId) || this.#iterators.has(shard.ShardId)) continue;
      const parent = shard.ParentShardId;
      if (parent !== undefined && known.has(parent) && !this.#finished.has(parent)) continue;
      this.#iterators.set(
        shard.ShardId,
        this.stream.getShardIterator({ ShardId: shard.ShardId, ShardIteratorType: 'TRIM_HORIZON' }).ShardIterator,
      );
    }
  }
}

const sequencesByKey = (records: DynamoDBRecord[]) => {
  const map = new Map<string, string[]>();
  for (const record of records) {
    const id = record.dynamodb.Keys.id!.S!;
    map.set(id, [...(map.get(id) ?? []), record.dynamodb.SequenceNumber]);
  }
  return map;
};

describe('25 simulated hours', () => {
  it('writes every few minutes, rollovers every 4 h, splits, trims, a polling reader that misses nothing, an iterator that expires', async () => {
    const { db, clock } = await makeDb();
    const table = makeTable(db, { streamOptions: { initialShards: 2 } });
    const stream = streamOf(table);
    const written: DynamoDBRecord[] = [];
    const lastWriteByShard = new Map<string, number>();
    db.on('record', ({ record, shardId }) => {
      written.push(record);
      lastWriteByShard.set(shardId, clock.now());
    });
    const closes: string[] = [];
    db.on('shardClosed', ({ reason }) => closes.push(reason));
    let expiredShards = 0;
    db.on('shardExpired', () => expiredShards++);
    const listedExactlyWhileYoung = () => {
      const listed = new Set(stream.listShards().map((shard) => shard.shardId));
      for (const [shardId, lastWrite] of lastWriteByShard)
        expect(listed.has(shardId)).toBe(clock.now() - lastWrite <= DAY);
    };

    const reader = new PollingReader(db, stream);
    let stale = '';
    let step = 0;
    for (let minute = 0; minute < 25 * 60; minute += 5, step++) {
      const key = `k${step % 13}`;
      if (step % 7 === 3) table.delete({ id: key });
      else table.update({ id: key }, (current) => ({ ...current, n: Number(current?.n ?? 0) + 1, at: minute }));
      if (step % 50 === 25) stream.splitShard(stream.listShards().find((shard) => shard.status === 'OPEN')!.shardId);
      if (minute % 10 === 0) reader.poll();
      if (minute === 600)
        stale = stream.getShardIterator({
          ShardId: stream.listShards().at(-1)!.shardId,
          ShardIteratorType: 'LATEST',
        }).ShardIterator;
      if (minute === 615) expect(() => db.getRecords({ ShardIterator: stale })).not.toThrow(); // exactly 15 minutes old
      if (minute === 620) expectError(() => db.getRecords({ ShardIterator: stale }), EXPIRED);
      clock.advance(5 * MINUTE);
      expect(activeRangesPartition(stream)).toBe(true);
    }
    reader.poll();
    expect(clock.now()).toBe(T0 + 25 * HOUR);

    // The reader saw every record exactly once, and each key's records in write order.
    expect(reader.records).toHaveLength(written.length);
    // 300 writes, less the deletes of keys already absent (no-ops make no record, as AWS).
    expect(written.length).toBeGreaterThan(290);
    expect(written.length).toBeLessThan(300);
    expect(new Set(reader.records.map((record) => record.eventID)).size).toBe(written.length);
    expect(sequencesByKey(reader.records)).toEqual(sequencesByKey(written));
    expect(reader.expiredIterators).toBe(0);

    // Rollovers every 4 h for every open shard, the 6 splits asked for.
    expect(closes.filter((reason) => reason === 'split')).toHaveLength(6);
    expect(closes.filter((reason) => reason === 'rollover').length).toBeGreaterThanOrEqual(2 * 6);

    // TRIM_HORIZON now reads exactly the records of the last 24 hours: minutes 60 to 1495 (the one at
    // minute 60 is exactly 24 h old and still there).
    const retained = readStream(db, stream);
    const young = written.filter(
      (record) => record.dynamodb.ApproximateCreationDateTime.getTime() >= T0 - (T0 % 1000) + HOUR,
    );
    expect(retained.map((record) => record.eventID).sort()).toEqual(young.map((record) => record.eventID).sort());
    expect(young.length).toBeGreaterThan(280);
    expect(young.length).toBeLessThanOrEqual(24 * 12);

    // A closed shard is listed exactly while its last record is within retention. None has gone yet: the
    // earliest closed about 2 h in, with records up to then.
    listedExactlyWhileYoung();
    expect(expiredShards).toBe(0);

    // Then four quiet hours: the early shards go; the reader's iterators expired meanwhile, and it resumes
    // from its checkpoints without losing or repeating a record.
    clock.advance(4 * HOUR);
    listedExactlyWhileYoung();
    expect(expiredShards).toBeGreaterThan(0);
    table.put({ id: 'after the quiet hours' });
    reader.poll();
    expect(reader.expiredIterators).toBeGreaterThan(0);
    expect(reader.records).toHaveLength(written.length);
    expect(sequencesByKey(reader.records)).toEqual(sequencesByKey(written));
  });
});
