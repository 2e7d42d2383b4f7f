/**
 * A deletion made by DynamoDB itself (TTL) is a REMOVE whose record carries the service's userIdentity
 * (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/time-to-live-ttl-streams.html); a user's delete
 * carries none. The images follow the view type as for any REMOVE, and the indexes drop the item.
 */
import { describe, expect, it } from 'vitest';
import type { StreamViewType } from '../../src/index.js';
import { makeDb } from '../support/database.js';
import { recordsOf } from '../support/stream-reads.js';
import { makeTable } from '../support/tables.js';

const SERVICE = { PrincipalId: 'dynamodb.amazonaws.com', Type: 'Service' };

describe('a REMOVE made by the TTL service', () => {
  for (const viewType of ['KEYS_ONLY', 'NEW_IMAGE', 'OLD_IMAGE', 'NEW_AND_OLD_IMAGES'] as StreamViewType[]) {
    it(`carries userIdentity, and the images of a REMOVE under ${viewType}`, async () => {
      const { db } = await makeDb();
      const table = makeTable(db, { viewType });
      table.putItem({ Item: { id: { S: 'a' }, expires: { N: '1' } } });
      table.putItem({ Item: { id: { S: 'b' } } });
      table.deleteItem({ Key: { id: { S: 'b' } } });
      const storageKey = 'a';
      expect(table.deleteExpired(storageKey)).toEqual({ id: { S: 'a' }, expires: { N: '1' } });
      expect(table.deleteExpired(storageKey)).toBeUndefined();
      const records = recordsOf(db, table);
      expect(records.map((record) => record.eventName)).toEqual(['INSERT', 'INSERT', 'REMOVE', 'REMOVE']);
      expect(records[2]?.userIdentity).toBeUndefined();
      const service = records[3];
      expect(service?.userIdentity).toEqual(SERVICE);
      expect(Object.keys(service ?? {})).toEqual([
        'eventID',
        'eventName',
        'eventVersion',
        'eventSource',
        'awsRegion',
        'dynamodb',
        'userIdentity',
      ]);
      const withOld = viewType === 'OLD_IMAGE' || viewType === 'NEW_AND_OLD_IMAGES';
      expect(service?.dynamodb.OldImage).toEqual(withOld ? { id: { S: 'a' }, expires: { N: '1' } } : undefined);
      expect(service?.dynamodb.NewImage).toBeUndefined();
      expect(table.itemCount).toBe(0);
    });
  }
});
