/**
 * A Lambda trigger tells a TTL deletion from a user's delete by `userIdentity`, in the Lambda event's lowercase shape
 * (`{ principalId, type }`), with the filter AWS documents
 * (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/time-to-live-ttl-streams.html).
 */
import { describe, expect, it } from 'vitest';
import { Database, ManualClock, type DynamoDBRecord } from '../../src/index.js';
import { compileFilterCriteria } from '../../src/lambda/filter/filter-criteria.js';
import { toLambdaRecord, type LambdaRecord } from '../../src/lambda/invocation/lambda-event.js';
import { readStream } from '../support/stream-reads.js';

/** Records of: a put of `a` and `b`, a user's delete of `b`, a TTL deletion of `a`. */
async function records(): Promise<LambdaRecord[]> {
  const db = await Database.create({ clock: new ManualClock(), seed: 3 });
  const table = db.createTable({
    TableName: 'sessions',
    KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
    AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
    StreamSpecification: { StreamEnabled: true, StreamViewType: 'OLD_IMAGE' },
  });
  table.put({ id: 'a', expires: 1 });
  table.put({ id: 'b' });
  table.delete({ id: 'b' });
  table.deleteExpired('a');
  const stream = table.stream!;
  return readStream(db, stream).map((record: DynamoDBRecord) => toLambdaRecord(record, stream.arn));
}

const filter = (pattern: unknown) => {
  const compiled = compileFilterCriteria({ Filters: [{ Pattern: JSON.stringify(pattern) }] });
  if (compiled === undefined) throw new Error('expected a filter');
  return compiled;
};

describe('a TTL deletion in the Lambda event', () => {
  it('carries userIdentity with lowercase keys; a user delete carries none', async () => {
    const events = await records();
    expect(events.map((event) => event.eventName)).toEqual(['INSERT', 'INSERT', 'REMOVE', 'REMOVE']);
    expect(events[2]).not.toHaveProperty('userIdentity');
    expect(events[3]?.userIdentity).toEqual({ type: 'Service', principalId: 'dynamodb.amazonaws.com' });
  });

  it("is selected by AWS's documented userIdentity filter, and a user's delete by its absence", async () => {
    const events = await records();
    const ttlOnly = filter({ userIdentity: { type: ['Service'], principalId: ['dynamodb.amazonaws.com'] } });
    expect(events.filter(ttlOnly).map((event) => event.dynamodb?.Keys)).toEqual([{ id: { S: 'a' } }]);
    const userRemoves = filter({ eventName: ['REMOVE'], userIdentity: { type: [{ exists: false }] } });
    expect(events.filter(userRemoves).map((event) => event.dynamodb?.Keys)).toEqual([{ id: { S: 'b' } }]);
  });
});
