import { describe, expect, it } from 'vitest';
import { Database, ManualClock } from '../../src/index.js';
import '../../src/public/vitest.js';
import { recordStream, StreamRecorder } from '../../src/public/vitest.js';
import { usersTable } from './matcher-cases.js';

const ids = (recorder: StreamRecorder) => recorder.records.map((record) => record.dynamodb.Keys.id!.S);

describe('recordStream', () => {
  it('records every shard through splits, a merge and rollovers, in write order, from the moment it starts', async () => {
    const { clock, users } = await usersTable();
    users.put({ id: 'before' }); // written before recording: not recorded
    const recorder = recordStream(users);
    const stream = users.stream!;
    const [first] = stream.listShards().filter((shard) => shard.status === 'OPEN');
    const [low, high] = stream.splitShard(first!.shardId);
    const names = Array.from({ length: 12 }, (_, i) => `u${i}`);
    for (const id of names.slice(0, 6)) users.put({ id });
    // Both halves took records: the recorder follows both shards.
    const shardsWritten = new Set(
      stream
        .listShards()
        .filter((s) => s.retainedRecords > 0)
        .map((s) => s.shardId),
    );
    expect(shardsWritten).toEqual(new Set([first!.shardId, low.shardId, high.shardId]));
    const merged = stream.mergeShards(low.shardId, high.shardId);
    users.put({ id: 'after-merge' });
    clock.advance({ hours: 4 }); // the merged shard rolls over
    const child = stream.listShards().find((shard) => shard.parentShardIds.includes(merged.shardId));
    expect(child).toMatchObject({ origin: 'rollover', status: 'OPEN' });
    for (const id of names.slice(6)) users.put({ id });

    expect(ids(recorder)).toEqual([...names.slice(0, 6), 'after-merge', ...names.slice(6)]);
    expect(recorder).toHaveRecords([
      ...names.slice(0, 6).map((id) => ({ eventName: 'INSERT', keys: { id } })),
      { keys: { id: 'after-merge' } },
      ...names.slice(6).map((id) => ({ keys: { id } })),
    ]);
    expect(recorder).toHaveNoMoreRecords();
    // The stream retains the record written before recording too.
    expect(users).toHaveRecords([
      { keys: { id: 'before' } },
      ...[...names, 'after-merge'].map((id) => ({ keys: { id } })),
    ]);
  });

  it('take() returns and forgets, clear() forgets, stop() stops recording and keeps what it has', async () => {
    const { users } = await usersTable();
    const recorder = recordStream(users.stream!);
    users.put({ id: 'a' });
    users.put({ id: 'b' });
    expect(recorder.take().map((record) => record.dynamodb.Keys.id!.S)).toEqual(['a', 'b']);
    expect(recorder.records).toEqual([]);
    users.put({ id: 'c' });
    recorder.clear();
    users.put({ id: 'd' });
    expect(recorder.stopped).toBe(false);
    recorder.stop();
    recorder.stop(); // twice is harmless
    users.put({ id: 'e' });
    expect(recorder.stopped).toBe(true);
    expect(ids(recorder)).toEqual(['d']);
  });

  it('two recorders of one table record independently', async () => {
    const { users } = await usersTable();
    const one = recordStream(users);
    users.put({ id: 'a' });
    const two = recordStream(users);
    users.put({ id: 'b' });
    expect(one).toHaveRecords([{ keys: { id: 'a' } }]);
    expect(ids(one)).toEqual(['b']);
    expect(ids(two)).toEqual(['b']);
  });

  it.each([
    ['a table without a stream', 'plain', "Table 'plain' has no enabled stream to record"],
    ['something else', 'other', 'recordStream needs a table with a stream, or a stream'],
  ])('refuses %s with a TypeError', async (_, what, message) => {
    const db = await Database.create({ clock: new ManualClock(), seed: 1 });
    const plain = db.createTable({
      TableName: 'plain',
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
    });
    const source = what === 'plain' ? plain : ({} as never);
    expect(() => recordStream(source)).toThrow(new TypeError(message));
  });

  it.each([
    ['toHaveRecords', (value: unknown) => expect(value).toHaveRecords([])],
    ['toHaveNoMoreRecords', (value: unknown) => expect(value).toHaveNoMoreRecords()],
  ])('%s refuses what is not a recorder, table or stream, with a TypeError that says what it takes', (_, assert) => {
    expect(() => assert({ not: 'a stream' })).toThrow(
      new TypeError('The record matchers take a recorder (recordStream(table)), a table with a stream, or a stream'),
    );
  });

  it('toHaveRecords refuses expected records that are not a list', async () => {
    const { users } = await usersTable();
    expect(() => expect(users).toHaveRecords({ keys: { id: 'a' } } as never)).toThrow(
      "toHaveRecords takes a list of expected records, like [{ eventName: 'INSERT', keys: { id: 'a' } }]",
    );
  });

  it('a TTL deletion is expected with its userIdentity; a user delete has none', async () => {
    const clock = new ManualClock(Date.UTC(2026, 0, 1));
    const db = await Database.create({ clock, seed: 1, timeToLive: { delay: { minutes: 30 } } });
    const sessions = db.createTable({
      TableName: 'sessions',
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
      StreamSpecification: { StreamEnabled: true, StreamViewType: 'OLD_IMAGE' },
    });
    db.updateTimeToLive({
      TableName: 'sessions',
      TimeToLiveSpecification: { AttributeName: 'expires', Enabled: true },
    });
    const expires = clock.now() / 1000 + 60;
    sessions.put({ id: 's1', expires });
    sessions.put({ id: 's2', expires: expires + 86_400 });
    const recorder = recordStream(sessions);
    sessions.delete({ id: 's2' });
    clock.advance({ hours: 1 });
    expect(recorder).toHaveRecords([
      { eventName: 'REMOVE', keys: { id: 's2' }, userIdentity: undefined },
      {
        eventName: 'REMOVE',
        keys: { id: 's1' },
        oldImage: { id: 's1', expires },
        userIdentity: { Type: 'Service', PrincipalId: 'dynamodb.amazonaws.com' },
      },
    ]);
  });
});
