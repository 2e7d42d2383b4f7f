import { BATCH_WRITE_REQUEST_ITEMS } from '../../database/batch-write.js';
import { setAttribute } from '../../model/attribute-value.js';
import type { BatchWriteItemInput } from '../../table/item-operations.js';
import { METRICS_MEMBERS } from '../common-members.js';
import { decodeAttributeMap } from '../json-codec.js';
import type { WireOperation } from '../operation.js';
import type { ValidationTable } from '../../validation/member-rules.js';

/** https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_BatchWriteItem.html */
export const batchWriteItemValidation: ValidationTable = [BATCH_WRITE_REQUEST_ITEMS, ...METRICS_MEMBERS];

export const batchWriteItem: WireOperation = {
  validation: batchWriteItemValidation,
  run: (db, input) => {
    const requestItems = input.RequestItems as Record<string, unknown> | undefined;
    if (requestItems === undefined) return db.batchWriteItem({} as BatchWriteItemInput);
    // Table names are data: a table may be called `__proto__` (setAttribute stores it as an own property).
    const decoded: Record<string, unknown> = {};
    for (const table of Object.keys(requestItems)) {
      const requests = requestItems[table];
      setAttribute(decoded, table, Array.isArray(requests) ? requests.map(decodeWriteRequest) : requests);
    }
    return db.batchWriteItem({ RequestItems: decoded } as unknown as BatchWriteItemInput);
  },
};

function decodeWriteRequest(request: unknown): unknown {
  if (request === null || typeof request !== 'object') return request;
  const { PutRequest: put, DeleteRequest: del } = request as {
    PutRequest?: { Item?: unknown };
    DeleteRequest?: { Key?: unknown };
  };
  const out: Record<string, unknown> = {};
  if (put !== undefined && put !== null) out.PutRequest = { Item: decodeAttributeMap(put.Item) };
  if (del !== undefined && del !== null) out.DeleteRequest = { Key: decodeAttributeMap(del.Key) };
  return out;
}
