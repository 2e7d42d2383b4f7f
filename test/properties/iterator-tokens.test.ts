/**
 * Shard iterators are opaque strings from outside: whatever a caller sends, GetRecords answers with records
 * or a ValidationException "Invalid ShardIterator" (as DynamoDB Local), never a crash or another error.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { Database, ManualClock, ValidationException, type Stream } from '../../src/index.js';
import { T0 } from '../support/time.js';

let db: Database;
let stream: Stream;
let valid: string[];

beforeAll(async () => {
  db = await Database.create({ clock: new ManualClock(T0), seed: 3 });
  const table = db.createTable({
    TableName: 'fuzz',
    KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
    AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
    StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
    streamOptions: { initialShards: 2 },
  });
  for (let i = 0; i < 10; i++) table.put({ id: `k${i}` });
  stream = table.stream!;
  const [a, b] = stream.listShards();
  stream.rolloverShard(a!.shardId);
  valid = [
    stream.getShardIterator({ ShardId: a!.shardId, ShardIteratorType: 'TRIM_HORIZON' }).ShardIterator,
    stream.getShardIterator({ ShardId: a!.shardId, ShardIteratorType: 'LATEST' }).ShardIterator,
    stream.getShardIterator({ ShardId: b!.shardId, ShardIteratorType: 'TRIM_HORIZON' }).ShardIterator,
  ];
});

/** GetRecords either works or throws exactly ValidationException("Invalid ShardIterator"). */
function outcome(token: unknown): 'ok' | 'invalid' {
  try {
    db.getRecords({ ShardIterator: token as string });
    return 'ok';
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationException);
    expect((error as ValidationException).name).toBe('ValidationException');
    expect((error as ValidationException).message).toBe('Invalid ShardIterator');
    return 'invalid';
  }
}

const base64 = fc.uint8Array({ maxLength: 200 }).map((bytes) => Buffer.from(bytes).toString('base64'));

describe('shard iterator tokens (fast-check)', () => {
  it('arbitrary strings and values are rejected with ValidationException, never anything else', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ maxLength: 300 }),
          fc.string({ unit: 'binary', maxLength: 300 }),
          fc.string({ unit: fc.constantFrom('|', '1', '=', 'A', '/', '+', 'a', ':'), maxLength: 100 }),
          fc.anything(),
        ),
        (token) => {
          expect(outcome(token)).toBe('invalid');
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('well-shaped forgeries (<arn>|1|<base64 of anything, or of shard|position|time|mac>) are rejected', () => {
    const forgedBody = fc
      .tuple(
        fc.constantFrom(...stream.listShards().map((shard) => shard.shardId), 'shardId-00000000000000000000-00000000'),
        fc.oneof(fc.nat(), fc.constant(1), fc.string()),
        fc.oneof(fc.constant(T0), fc.nat(), fc.string()),
        fc.oneof(
          fc.string(),
          fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }).map((n) => n.toString(36)),
        ),
      )
      .map((fields) => Buffer.from(fields.join('|'), 'utf8').toString('base64'));
    fc.assert(
      fc.property(
        fc.constantFrom(stream.arn, 'arn:aws:dynamodb:us-east-1:000000000000:table/fuzz/stream/x'),
        fc.oneof(base64, forgedBody),
        (arn, payload) => {
          expect(outcome(`${arn}|1|${payload}`)).toBe('invalid');
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('a valid iterator with any one character replaced, inserted or deleted is rejected', () => {
    fc.assert(
      fc.property(
        fc.nat(2),
        fc.nat(),
        fc.oneof(
          fc.string({ minLength: 1, maxLength: 1 }),
          fc.constantFrom('|', '=', 'A', 'Q', 'g', '/', '+', '0', 'é'),
        ),
        fc.constantFrom('replace', 'insert', 'delete'),
        (which, position, char, edit) => {
          const token = valid[which]!;
          const i = position % token.length;
          const edited =
            edit === 'replace'
              ? token.slice(0, i) + char + token.slice(i + 1)
              : edit === 'insert'
                ? token.slice(0, i) + char + token.slice(i)
                : token.slice(0, i) + token.slice(i + 1);
          fc.pre(edited !== token);
          expect(outcome(edited)).toBe('invalid');
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('the untouched iterators still work, whatever Limit is asked for: records or a ValidationException', () => {
    for (const token of valid) expect(outcome(token)).toBe('ok');
    fc.assert(
      fc.property(
        fc.nat(2),
        fc.oneof(
          fc.integer({ min: -5, max: 1005 }),
          fc.double(),
          fc.anything(),
          fc.constantFrom({ toString: 0 }, Object.create(null) as object),
        ),
        (which, limit) => {
          try {
            const page = db.getRecords({ ShardIterator: valid[which]!, Limit: limit as number });
            expect(
              (Number.isInteger(limit) && (limit as number) >= 1 && (limit as number) <= 1000) ||
                limit === undefined ||
                limit === null,
            ).toBe(true);
            expect(page.Records.length).toBeLessThanOrEqual(typeof limit === 'number' ? limit : 1000);
          } catch (error) {
            expect(error).toBeInstanceOf(ValidationException);
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it('GetShardIterator with any SequenceNumber gives an iterator or a ValidationException, never anything else', () => {
    const shardId = stream.listShards()[2]!.shardId; // the open child of the rollover
    fc.assert(
      fc.property(
        fc.constantFrom('AT_SEQUENCE_NUMBER', 'AFTER_SEQUENCE_NUMBER'),
        fc.oneof(
          fc.string({ maxLength: 45 }),
          fc.string({ unit: fc.constantFrom('0', '1', '9'), minLength: 19, maxLength: 42 }),
          fc.anything(),
          fc.constantFrom({ toString: 0 }, Object.create(null) as object),
        ),
        (type, sequenceNumber) => {
          try {
            const { ShardIterator } = stream.getShardIterator({
              ShardId: shardId,
              ShardIteratorType: type as 'AT_SEQUENCE_NUMBER',
              SequenceNumber: sequenceNumber as string,
            });
            expect(outcome(ShardIterator)).toBe('ok');
          } catch (error) {
            expect(error).toBeInstanceOf(ValidationException);
          }
        },
      ),
      { numRuns: 1000 },
    );
  });
});
