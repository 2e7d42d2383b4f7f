import { describe, expect, it } from 'vitest';
import type { DynamoDBRecord } from '../../src/index.js';
import { toLambdaRecord } from '../../src/lambda/index.js';
import { intoLambdaRecord } from '../../src/lambda/invocation/lambda-event.js';

describe('toLambdaRecord', () => {
  const ttlDelete: DynamoDBRecord = {
    eventID: '0'.repeat(32),
    eventName: 'REMOVE',
    eventVersion: '1.1',
    eventSource: 'aws:dynamodb',
    awsRegion: 'us-east-1',
    dynamodb: {
      ApproximateCreationDateTime: new Date(Date.UTC(2026, 0, 1, 0, 0, 5)),
      Keys: { id: { S: 'a' } },
      OldImage: {
        id: { S: 'a' },
        tags: { BS: [new Uint8Array([1, 2])] },
        nested: { M: { b: { B: new Uint8Array([255]) } } },
        list: { L: [{ B: new Uint8Array([0]) }] },
      },
      SequenceNumber: '100000000000000000001',
      SizeBytes: 20,
      StreamViewType: 'OLD_IMAGE',
    },
    userIdentity: { PrincipalId: 'dynamodb.amazonaws.com', Type: 'Service' },
  };

  it("writes TTL deletes' userIdentity with lowercase keys, as the Lambda event does, and every binary value in base64", () => {
    const record = toLambdaRecord(ttlDelete, 'arn:aws:dynamodb:us-east-1:000000000000:table/t/stream/x');
    expect(record.userIdentity).toEqual({ type: 'Service', principalId: 'dynamodb.amazonaws.com' });
    expect(record.dynamodb!.ApproximateCreationDateTime).toBe(Date.UTC(2026, 0, 1, 0, 0, 5) / 1000);
    expect(record.dynamodb!.OldImage).toEqual({
      id: { S: 'a' },
      tags: { BS: ['AQI='] },
      nested: { M: { b: { B: '/w==' } } },
      list: { L: [{ B: 'AA==' }] },
    });
    expect(record.eventSourceARN).toBe('arn:aws:dynamodb:us-east-1:000000000000:table/t/stream/x');
  });

  it('shares images without binary values instead of copying them', () => {
    const plain: DynamoDBRecord = { ...ttlDelete, dynamodb: { ...ttlDelete.dynamodb, OldImage: { id: { S: 'a' } } } };
    expect(toLambdaRecord(plain, 'arn').dynamodb!.OldImage).toBe(plain.dynamodb.OldImage);
  });

  it('intoLambdaRecord converts a record it owns in place, to the same record, keys in the same order', () => {
    const arn = 'arn:aws:dynamodb:us-east-1:000000000000:table/t/stream/x';
    const expected = toLambdaRecord(ttlDelete, arn);
    const mine = structuredClone(ttlDelete);
    const converted = intoLambdaRecord(mine, arn);
    expect(converted).toBe(mine);
    expect(converted).toEqual(expected);
    expect(Object.keys(converted)).toEqual(Object.keys(expected));
    // A frozen envelope is copied instead.
    const frozen = Object.freeze(structuredClone(ttlDelete));
    const copied = intoLambdaRecord(frozen, arn);
    expect(copied).not.toBe(frozen);
    expect(copied).toEqual(expected);
  });
});
