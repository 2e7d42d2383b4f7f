import type { WireOperation } from './operation.js';
import { CONTROL_TARGET_PREFIX } from './control/control-operation.js';
import { controlOperationFor, controlOperationNames } from './control/control-wire.js';
import { batchGetItem } from './operations/batch-get-item.js';
import { batchWriteItem } from './operations/batch-write-item.js';
import { createTable } from './operations/create-table.js';
import { deleteItem } from './operations/delete-item.js';
import { deleteTable } from './operations/delete-table.js';
import { describeStream } from './operations/describe-stream.js';
import { describeTable } from './operations/describe-table.js';
import { describeTimeToLive } from './operations/describe-time-to-live.js';
import { getItem } from './operations/get-item.js';
import { getRecords } from './operations/get-records.js';
import { getShardIterator } from './operations/get-shard-iterator.js';
import { listStreams } from './operations/list-streams.js';
import { listTables } from './operations/list-tables.js';
import { putItem } from './operations/put-item.js';
import { query } from './operations/query.js';
import { scan } from './operations/scan.js';
import { transactGetItems } from './operations/transact-get-items.js';
import { transactWriteItems } from './operations/transact-write-items.js';
import { updateItem } from './operations/update-item.js';
import { updateTable } from './operations/update-table.js';
import { updateTimeToLive } from './operations/update-time-to-live.js';

/** The operations of `DynamoDB_20120810` that shardline answers. */
export type DynamoDBOperationName =
  | 'CreateTable'
  | 'DeleteTable'
  | 'DescribeTable'
  | 'UpdateTable'
  | 'UpdateTimeToLive'
  | 'DescribeTimeToLive'
  | 'ListTables'
  | 'PutItem'
  | 'GetItem'
  | 'DeleteItem'
  | 'UpdateItem'
  | 'BatchWriteItem'
  | 'BatchGetItem'
  | 'TransactWriteItems'
  | 'TransactGetItems'
  | 'Query'
  | 'Scan';

/** The operations of `DynamoDBStreams_20120810`. */
export type StreamsOperationName = 'ListStreams' | 'DescribeStream' | 'GetShardIterator' | 'GetRecords';

export const DYNAMODB_OPERATIONS: Readonly<Record<DynamoDBOperationName, WireOperation>> = {
  CreateTable: createTable,
  DeleteTable: deleteTable,
  DescribeTable: describeTable,
  UpdateTable: updateTable,
  UpdateTimeToLive: updateTimeToLive,
  DescribeTimeToLive: describeTimeToLive,
  ListTables: listTables,
  PutItem: putItem,
  GetItem: getItem,
  DeleteItem: deleteItem,
  UpdateItem: updateItem,
  BatchWriteItem: batchWriteItem,
  BatchGetItem: batchGetItem,
  TransactWriteItems: transactWriteItems,
  TransactGetItems: transactGetItems,
  Query: query,
  Scan: scan,
};

export const STREAMS_OPERATIONS: Readonly<Record<StreamsOperationName, WireOperation>> = {
  ListStreams: listStreams,
  DescribeStream: describeStream,
  GetShardIterator: getShardIterator,
  GetRecords: getRecords,
};

/** The two services of the JSON 1.0 protocol, by the prefix of their X-Amz-Target. */
const SERVICES = { DynamoDB_20120810: DYNAMODB_OPERATIONS, DynamoDBStreams_20120810: STREAMS_OPERATIONS } as const;

/**
 * The message of the UnknownOperationException for an X-Amz-Target that `operationFor` does not know. AWS sends
 * none (dynalite's connection tests, run against AWS), which an AWS SDK shows as "UnknownError"; the words
 * before the colon are DynamoDB Local's, and the rest says what shardline does answer.
 */
export function unknownOperationMessage(target: string | undefined): string {
  const services = Object.keys(SERVICES).join(' and ');
  if (typeof target !== 'string' || target === '')
    return `An unknown operation was requested: the request has no X-Amz-Target header (shardline serves ${services})`;
  const dot = target.indexOf('.');
  const service = dot < 0 ? target : target.slice(0, dot);
  if (service === CONTROL_TARGET_PREFIX)
    return `An unknown operation was requested: shardline does not implement ${target} (its control operations, docs/time-travel.md: ${controlOperationNames()})`;
  if (!Object.hasOwn(SERVICES, service))
    return `An unknown operation was requested: X-Amz-Target ${target} names no service shardline serves (it serves ${services})`;
  const implemented = Object.keys(SERVICES[service as keyof typeof SERVICES])
    .sort()
    .join(', ');
  return `An unknown operation was requested: shardline does not implement ${target} (it implements ${implemented})`;
}

/**
 * The operation an X-Amz-Target names (`DynamoDB_20120810.PutItem`, or one of shardline's control operations,
 * `Shardline_20261208.AdvanceClock`), or undefined.
 */
export function operationFor(target: string | undefined): WireOperation | undefined {
  if (typeof target !== 'string') return undefined;
  const dot = target.indexOf('.');
  if (dot < 0) return undefined;
  const service = target.slice(0, dot);
  if (service === CONTROL_TARGET_PREFIX) return controlOperationFor(target);
  const name = target.slice(dot + 1);
  // Own properties only: "DynamoDB_20120810.constructor" or "toString" is an unknown operation, not a function.
  if (!Object.hasOwn(SERVICES, service)) return undefined;
  const operations: Readonly<Record<string, WireOperation>> = SERVICES[service as keyof typeof SERVICES];
  return Object.hasOwn(operations, name) ? operations[name] : undefined;
}
