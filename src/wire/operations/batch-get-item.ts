import type { Database } from '../../database.js';
import { ValidationException } from '../../errors.js';
import { setAttribute, type AttributeMap } from '../../model/attribute-value.js';
import { canonicalItem } from '../../model/frozen-item.js';
import { keyOfKeyParameter } from '../../model/key-schema.js';
import { METRICS_MEMBERS } from '../common-members.js';
import { decodeAttributeMaps } from '../json-codec.js';
import type { WireOperation } from '../operation.js';
import { checkMember, type MemberRule, type ValidationTable } from '../../validation/member-rules.js';
import { missingMember } from '../../validation/validation-error.js';
import { getItemProjection } from '../../table/attributes-to-get.js';
import type { GetItemInput } from '../../table/item-operations.js';
import { checkEveryAttributeValue } from '../../table/every-attribute-value.js';

/** https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_BatchGetItem.html */
export const batchGetItemValidation: ValidationTable = [
  { member: 'RequestItems', type: 'Map', required: true, min: 1, max: 100 },
  ...METRICS_MEMBERS,
];

/** A table's Keys, as AWS's model states them (a value that is not a list is read as none). */
const KEYS: MemberRule = { member: 'Keys', type: 'List', required: true, min: 1 };

/** AWS: at most 100 keys a call, across tables. */
const MAX_KEYS = 100;

interface TableRequest {
  Keys?: unknown;
  ConsistentRead?: unknown;
  ProjectionExpression?: unknown;
  ExpressionAttributeNames?: unknown;
  AttributesToGet?: unknown;
}

interface TableRead {
  readonly tableName: string;
  readonly keys: AttributeMap[];
  /** The projection members each GetItem of this table is given (checked once here). */
  readonly projection: Pick<GetItemInput, 'AttributesToGet' | 'ProjectionExpression' | 'ExpressionAttributeNames'>;
}

/**
 * Up to 100 GetItems across tables. Every key is validated before any is read (a bad key fails the call);
 * shardline never throttles, so UnprocessedKeys is always empty.
 */
export const batchGetItem: WireOperation = {
  validation: batchGetItemValidation,
  run: (db, input) => {
    // DynamoDB Local 2.9.30's order, probed with two bad keys in one request:
    const reads = readTableRequests(input.RequestItems as Record<string, unknown>);
    if (reads.reduce((total, { keys }) => total + keys.length, 0) > MAX_KEYS)
      throw new ValidationException('Too many items requested for the BatchGetItem call');
    checkEveryAttributeValue(reads.flatMap(({ keys }) => keys));
    checkKeysOfEachTable(db, reads);
    const responses: Record<string, AttributeMap[]> = {};
    for (const { tableName, keys, projection } of reads) {
      const table = db.table(tableName);
      const items = keys
        .map((Key) => table.getItem({ Key, ...projection }).Item)
        .filter((item): item is AttributeMap => item !== undefined);
      // Table names are data: a table may be called `__proto__`.
      setAttribute(responses, tableName, items);
    }
    return { Responses: responses, UnprocessedKeys: {} };
  },
};

/** Each table's request, in request order: its shape, projection, Keys and AttributesToGet, its keys' JSON types. */
function readTableRequests(requestItems: Record<string, unknown>): TableRead[] {
  const reads: TableRead[] = [];
  for (const tableName of Object.keys(requestItems)) {
    const request = requestItems[tableName] as TableRequest | null;
    if (request === null || typeof request !== 'object' || Array.isArray(request)) {
      throw missingMember(`requestItems.${tableName}.member.keys`);
    }
    const keys = request.Keys;
    checkMember(KEYS, Array.isArray(keys) ? keys : undefined, `requestItems.${tableName}.member.keys`);
    const projection = {
      AttributesToGet: request.AttributesToGet,
      ProjectionExpression: request.ProjectionExpression,
      ExpressionAttributeNames: request.ExpressionAttributeNames,
    } as TableRead['projection'];
    // DynamoDB Local's text for a name given twice here differs from GetItem's.
    getItemProjection(
      projection,
      'BatchGetItem',
      (name) => `One or more parameter values were invalid: Duplicate value in attribute name: ${name}`,
    );
    reads.push({ tableName, keys: decodeAttributeMaps(keys as unknown[]) as AttributeMap[], projection });
  }
  return reads;
}

/**
 * Table by table, once every key's AttributeValues are checked: that the table exists, a key written twice the
 * same way, and each key against the schema and for duplicates (numbers in canonical form, so `1` and `1.0` are one
 * key: conformance/known-differences.md, `batch-get-duplicate-numbers`). Between two keys that are both bad in
 * another way DynamoDB Local's choice follows a hash of the keys (it answers either); shardline takes the first.
 */
function checkKeysOfEachTable(db: Database, reads: readonly TableRead[]): void {
  for (const { tableName, keys } of reads) {
    const schema = db.table(tableName).keySchema;
    // A key given twice, exactly as written, is found before any key is checked against the schema.
    const written = keys.map((key) => canonicalJson(key));
    if (new Set(written).size < written.length)
      throw new ValidationException('Provided list of item keys contains duplicates');
    const seen = new Set<string>();
    for (const key of keys) {
      if (key === null || typeof key !== 'object')
        throw new ValidationException('The provided key element does not match the schema');
      const storageKey = keyOfKeyParameter(schema, canonicalItem(key).item);
      if (seen.has(storageKey)) throw new ValidationException('Provided list of item keys contains duplicates');
      seen.add(storageKey);
    }
  }
}

/** A key's JSON with its attributes in name order: two keys written the same way give the same text. */
function canonicalJson(key: unknown): string {
  if (key === null || typeof key !== 'object') return JSON.stringify(key) ?? 'undefined';
  return JSON.stringify(
    Object.keys(key)
      .sort()
      .map((name) => [name, (key as Record<string, unknown>)[name]]),
    (_name, value: unknown) => (value instanceof Uint8Array ? Buffer.from(value).toString('base64') : value),
  );
}
