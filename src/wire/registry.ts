import type { WireOperation } from './operation.js';
import { batchGetItem } from './operations/batch-get-item.js';
import { batchWriteItem } from './operations/batch-write-item.js';
import { createTable } from './operations/create-table.js';
import { deleteItem } from './operations/delete-item.js';
import { deleteTable } from './operations/delete-table.js';
import { describeStream } from './operations/describe-stream.js';
import { describeTable } from './operations/describe-table.js';
import { getItem } from './operations/get-item.js';
import { getRecords } from './operations/get-records.js';
import { getShardIterator } from './operations/get-shard-iterator.js';
import { listStreams } from './operations/list-streams.js';
import { listTables } from './operations/list-tables.js';
import { putItem } from './operations/put-item.js';
import { query } from './operations/query.js';
import { scan } from './operations/scan.js';
import { transactWriteItems } from './operations/transact-write-items.js';
import { updateItem } from './operations/update-item.js';
import { updateTable } from './operations/update-table.js';

/** The operations of `DynamoDB_20120810` that shardline answers. */
export type DynamoDBOperationName =
  | 'CreateTable'
  | 'DeleteTable'
  | 'DescribeTable'
  | 'UpdateTable'
  | 'ListTables'
  | 'PutItem'
  | 'GetItem'
  | 'DeleteItem'
  | 'UpdateItem'
  | 'BatchWriteItem'
  | 'BatchGetItem'
  | 'TransactWriteItems'
  | 'Query'
  | 'Scan';

/** The operations of `DynamoDBStreams_20120810`. */
export type StreamsOperationName = 'ListStreams' | 'DescribeStream' | 'GetShardIterator' | 'GetRecords';

export const DYNAMODB_OPERATIONS: Readonly<Record<DynamoDBOperationName, WireOperation>> = {
  CreateTable: createTable,
  DeleteTable: deleteTable,
  DescribeTable: describeTable,
  UpdateTable: updateTable,
  ListTables: listTables,
  PutItem: putItem,
  GetItem: getItem,
  DeleteItem: deleteItem,
  UpdateItem: updateItem,
  BatchWriteItem: batchWriteItem,
  BatchGetItem: batchGetItem,
  TransactWriteItems: transactWriteItems,
  Query: query,
  Scan: scan,
};

export const STREAMS_OPERATIONS: Readonly<Record<StreamsOperationName, WireOperation>> = {
  ListStreams: listStreams,
  DescribeStream: describeStream,
  GetShardIterator: getShardIterator,
  GetRecords: getRecords,
};

/** The operation an X-Amz-Target names (`DynamoDB_20120810.PutItem`), or undefined. */
export function operationFor(target: string | undefined): WireOperation | undefined {
  if (typeof target !== 'string') return undefined;
  const dot = target.indexOf('.');
  if (dot < 0) return undefined;
  const service = target.slice(0, dot);
  const name = target.slice(dot + 1);
  // Own properties only: "DynamoDB_20120810.constructor" or "toString" is an unknown operation, not a function.
  if (service === 'DynamoDB_20120810' && Object.hasOwn(DYNAMODB_OPERATIONS, name)) return DYNAMODB_OPERATIONS[name as DynamoDBOperationName];
  if (service === 'DynamoDBStreams_20120810' && Object.hasOwn(STREAMS_OPERATIONS, name)) return STREAMS_OPERATIONS[name as StreamsOperationName];
  return undefined;
}
