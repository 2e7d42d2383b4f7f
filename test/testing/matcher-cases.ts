/**
 * The matchers' cases, run with vitest's expect (record-matchers.test.ts) and with jest's (jest-expect.test.ts):
 * the same assertions through both runners' matcher contexts. A case that `fails` must throw an assertion error
 * whose message (colours stripped) contains each of those lines, in order.
 */
import { Database, ManualClock } from '../../src/index.js';
import { attachLambda, InMemoryFailureDestination, type DynamoDBStreamEvent } from '../../src/public/lambda.js';
import { recordStream, type AsymmetricRecordMatcher, type ShardlineMatchers } from '../../src/testing/index.js';

/** What the cases need of a runner's expect. */
export interface RunnerExpect {
  (actual: unknown): ShardlineMatchers<void> & {
    not: ShardlineMatchers<void>;
    toBe(expected: unknown): void;
    toHaveLength(length: number): void;
  };
  anything(): AsymmetricRecordMatcher;
  any(type: unknown): AsymmetricRecordMatcher;
  objectContaining(members: object): AsymmetricRecordMatcher;
  stringMatching(pattern: RegExp): AsymmetricRecordMatcher;
}

export interface MatcherCase {
  name: string;
  run(expect: RunnerExpect): Promise<void> | void;
  /** Lines the failure message contains, in order; absent for a case that passes. */
  fails?: string[];
}

export async function usersTable(viewType: 'NEW_AND_OLD_IMAGES' | 'KEYS_ONLY' = 'NEW_AND_OLD_IMAGES') {
  const clock = new ManualClock(Date.UTC(2026, 0, 1));
  const db = await Database.create({ clock, seed: 7 });
  const users = db.createTable({
    TableName: 'users',
    KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
    AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
    StreamSpecification: { StreamEnabled: true, StreamViewType: viewType },
  });
  return { clock, db, users };
}

/** Records a put of a, a put of b, and a change of a. */
async function threeWrites() {
  const world = await usersTable();
  const recorder = recordStream(world.users);
  world.users.put({ id: 'a', n: 1 });
  world.users.put({ id: 'b', n: 2 });
  world.users.update({ id: 'a' }, (user) => ({ ...user, n: 3 }));
  return { ...world, recorder };
}

/** A mapping whose function throws on item 'bad': its batch is bisected, retried twice, discarded. */
async function mappingWithAFailure() {
  const { clock, users } = await usersTable();
  const failures = new InMemoryFailureDestination();
  const handler = (event: DynamoDBStreamEvent) => {
    if (event.Records.some((record) => record.dynamodb!.Keys!.id!.S === 'bad')) throw new Error('bad item');
  };
  const mapping = attachLambda(users.stream!, handler, {
    StartingPosition: 'TRIM_HORIZON',
    BatchSize: 10,
    BisectBatchOnFunctionError: true,
    MaximumRetryAttempts: 1,
    DestinationConfig: { OnFailure: { Destination: failures } },
  });
  users.put({ id: 'ok', n: 1 });
  users.put({ id: 'bad', n: 2 });
  await mapping.runUntilIdle();
  void clock;
  return mapping;
}

export const CASES: MatcherCase[] = [
  {
    name: 'a recorder has the records, each item in order, items interleaved as the test lists them',
    async run(expect) {
      const { recorder } = await threeWrites();
      expect(recorder).toHaveRecords([
        { eventName: 'INSERT', keys: { id: 'a' }, newImage: { id: 'a', n: 1 } },
        { eventName: 'MODIFY', keys: { id: 'a' }, newImage: { id: 'a', n: 3 }, oldImage: { id: 'a', n: 1 } },
        { eventName: 'INSERT', keys: { id: 'b' } },
      ]);
      expect(recorder).toHaveNoMoreRecords();
    },
  },
  {
    name: 'matched records are consumed: a later toHaveRecords sees only what came since',
    async run(expect) {
      const { recorder, users } = await threeWrites();
      expect(recorder).toHaveRecords([{ keys: { id: 'b' } }]);
      expect(recorder.records).toHaveLength(2);
      expect(recorder).toHaveRecords([{ eventName: 'INSERT' }, { eventName: 'MODIFY' }]);
      users.delete({ id: 'b' });
      expect(recorder).toHaveRecords([{ eventName: 'REMOVE', keys: { id: 'b' }, oldImage: { id: 'b', n: 2 } }]);
      expect(recorder).toHaveNoMoreRecords();
    },
  },
  {
    name: 'asymmetric matchers work inside the expected records',
    async run(expect) {
      const { recorder } = await threeWrites();
      expect(recorder).toHaveRecords([
        { eventName: 'INSERT', keys: { id: 'a' }, newImage: expect.objectContaining({ n: 1 }) },
        { eventName: expect.anything(), keys: { id: expect.stringMatching(/^b$/) } },
        expect.objectContaining({ eventName: 'MODIFY' }),
      ]);
    },
  },
  {
    name: 'AttributeValue members (Keys, NewImage) and sequence numbers compare as the record holds them',
    async run(expect) {
      const { recorder } = await threeWrites();
      const [first] = recorder.records;
      expect(recorder).toHaveRecords([
        { Keys: { id: { S: 'a' } }, NewImage: { id: { S: 'a' }, n: { N: '1' } } },
        { sequenceNumber: first === undefined ? 'none' : expect.any(String), keys: { id: 'b' } },
      ]);
    },
  },
  {
    name: "a table's (or stream's) retained records are exactly the expected ones",
    async run(expect) {
      const { users } = await threeWrites();
      const all = [
        { eventName: 'INSERT', keys: { id: 'b' } },
        { eventName: 'INSERT', keys: { id: 'a' } },
        { eventName: 'MODIFY', keys: { id: 'a' } },
      ];
      expect(users).toHaveRecords(all);
      expect(users.stream).toHaveRecords(all);
      expect(users).toHaveRecords(all); // a table's records are not consumed
      expect(users).not.toHaveNoMoreRecords();
    },
  },
  {
    name: 'fails when an item has a record out of its order, with a diff of the compact records',
    async run(expect) {
      const { recorder } = await threeWrites();
      expect(recorder).toHaveRecords([
        { eventName: 'MODIFY', keys: { id: 'a' } },
        { eventName: 'INSERT', keys: { id: 'a' } },
      ]);
    },
    fails: [
      'expect(received).toHaveRecords(expected)',
      'Expected record 1 of 2 is not the next record of any item in the recorder (3 records). Records are compared per item, in sequence-number order: records of different items may interleave.',
      '- Expected',
      '+ Received',
      '-     "eventName": "MODIFY",',
      '+     "eventName": "INSERT",',
    ],
  },
  {
    name: 'fails on a missing record, showing the unmatched records as compact plain values',
    async run(expect) {
      const { recorder } = await threeWrites();
      expect(recorder).toHaveRecords([
        { eventName: 'INSERT', keys: { id: 'a' } },
        { eventName: 'INSERT', keys: { id: 'c' }, newImage: expect.anything() },
      ]);
    },
    fails: [
      'Expected record 2 of 2 is not the next record of any item in the recorder (3 records).',
      '-       "id": "c",',
      '+       "id": "b",',
      // What an asymmetric matcher accepts is shown as the matcher, not as a difference.
      '      "newImage": Anything,',
      '+     "eventName": "MODIFY",',
      '+       "n": 3,',
    ],
  },
  {
    name: 'a failed toHaveRecords consumes nothing',
    async run(expect) {
      const { recorder } = await threeWrites();
      let failed = false;
      try {
        expect(recorder).toHaveRecords([{ keys: { id: 'a' } }, { keys: { id: 'zzz' } }]);
      } catch {
        failed = true;
      }
      expect(failed).toBe(true);
      expect(recorder.records).toHaveLength(3);
    },
  },
  {
    name: 'fails for a table with records nobody expected',
    async run(expect) {
      const { users } = await threeWrites();
      expect(users).toHaveRecords([{ keys: { id: 'a' } }, { keys: { id: 'b' } }]);
    },
    fails: [
      "The stream of table 'users' has 1 record more than expected.",
      '+     "eventName": "MODIFY",',
      '+     "oldImage": ', // jest prints `Object {`, vitest `{`
    ],
  },
  {
    name: '.not fails when the records are there, and lists them one to a line',
    async run(expect) {
      const { recorder } = await threeWrites();
      expect(recorder).not.toHaveRecords([{ keys: { id: 'b' } }]);
    },
    fails: [
      'expect(received).not.toHaveRecords(expected)',
      'Expected the recorder not to have the expected records, but it has them.',
      'Received (3 records):',
      '  INSERT {"id": "a"} new {"id": "a", "n": 1}',
      '  INSERT {"id": "b"} new {"id": "b", "n": 2}',
      '  MODIFY {"id": "a"} new {"id": "a", "n": 3} old {"id": "a", "n": 1}',
    ],
  },
  {
    name: 'toHaveNoMoreRecords fails with what is left, one record to a line',
    async run(expect) {
      const { recorder } = await threeWrites();
      expect(recorder).toHaveRecords([{ keys: { id: 'a' } }]);
      expect(recorder).toHaveNoMoreRecords();
    },
    fails: [
      'expect(received).toHaveNoMoreRecords()',
      'Expected no more records, but the recorder has 2 records:',
      '  INSERT {"id": "b"} new {"id": "b", "n": 2}',
      '  MODIFY {"id": "a"} new {"id": "a", "n": 3} old {"id": "a", "n": 1}',
    ],
  },
  {
    name: '.not.toHaveNoMoreRecords fails on an empty recorder',
    async run(expect) {
      const { users } = await usersTable();
      expect(recordStream(users)).not.toHaveNoMoreRecords();
    },
    fails: [
      'expect(received).not.toHaveNoMoreRecords()',
      'Expected the recorder to have more records, but it has none.',
    ],
  },
  {
    name: 'a misspelt member fails rather than being ignored',
    async run(expect) {
      const { recorder } = await threeWrites();
      expect(recorder).toHaveRecords([{ keys: { id: 'a' }, newimage: { id: 'a', n: 1 } } as never]);
    },
    fails: [
      'Expected record 1 of 1 is not the next record of any item',
      '-     "newimage": ',
      '+     "newimage": undefined,',
    ],
  },
  {
    name: 'a lambda mapping: invoked times, invoked with a batch, records discarded',
    async run(expect) {
      const mapping = await mappingWithAFailure();
      // [ok, bad] fails, is bisected to [ok] (succeeds) and [bad], which fails, is retried once, and is discarded.
      expect(mapping).toHaveBeenInvokedTimes(4);
      expect(mapping).toHaveBeenInvokedWith([{ keys: { id: 'ok' } }, { keys: { id: 'bad' } }]);
      expect(mapping).toHaveBeenInvokedWith([
        { eventName: 'INSERT', keys: { id: 'ok' }, newImage: { id: 'ok', n: 1 } },
      ]);
      expect(mapping).not.toHaveBeenInvokedWith([{ keys: { id: 'bad' } }, { keys: { id: 'ok' } }]);
      expect(mapping).toHaveDiscarded(1);
      expect(mapping).not.toHaveDiscarded(2);
    },
  },
  {
    name: 'toHaveBeenInvokedWith fails with a diff against the closest batch and the history',
    async run(expect) {
      const mapping = await mappingWithAFailure();
      expect(mapping).toHaveBeenInvokedWith([{ keys: { id: 'ok' } }, { keys: { id: 'worse' } }]);
    },
    fails: [
      'expect(mapping).toHaveBeenInvokedWith(records)',
      'No invocation had these records. The closest, invocation #1:',
      '-       "id": "worse",',
      '+       "id": "bad",',
      'All invocations:',
      '(new, error):',
      '    INSERT {"id": "ok"} new {"id": "ok", "n": 1}',
    ],
  },
  {
    name: 'toHaveBeenInvokedTimes and toHaveDiscarded fail with the counts and what happened',
    async run(expect) {
      const mapping = await mappingWithAFailure();
      expect(mapping).toHaveDiscarded(0);
    },
    fails: [
      'expect(mapping).toHaveDiscarded(records)',
      'Expected 0 discarded records, received 1:',
      '(RetryAttemptsExhausted)',
    ],
  },
  {
    name: 'toHaveBeenInvokedTimes fails with each invocation listed',
    async run(expect) {
      const mapping = await mappingWithAFailure();
      expect(mapping).toHaveBeenInvokedTimes(1);
    },
    fails: ['Expected 1 invocation, received 4:', '(bisect, success):', '(retry, error):'],
  },
];
